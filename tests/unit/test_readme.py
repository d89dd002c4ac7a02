"""The READMEs stay true to the tree: every relative link resolves, and the top README's tree names
every folder a newcomer meets. Regression: the tree missed six modules and named a gone one."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from lib.paths import PROJECT_ROOT

READMES = sorted(
    PROJECT_ROOT / name
    for name in subprocess.run(
        ["git", "ls-files", "README.md", "*/README.md"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not name.startswith("tests/")
)
# [text](target) and ![alt](target); external and in-page links are not files.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)#\s]+)[^)]*\)")


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_every_relative_link_in_a_readme_resolves(readme: Path):
    text = readme.read_text(encoding="utf-8")
    targets = [t for t in LINK.findall(text) if "://" not in t]
    missing = [t for t in targets if not (readme.parent / t).exists()]
    assert missing == []


def _tree_block() -> str:
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## What is in the tree", 1)[1].split("```", 2)[1]


def _listed(block: str) -> set[str]:
    listed, parent = set(), ""
    for line in block.splitlines():
        match = re.match(r"^( *)(\S+/)", line)
        if not match:
            continue
        indent, name = match.groups()
        parent = name if not indent else parent
        listed.add(name if not indent else parent + name)
    return listed


def test_the_readme_tree_names_every_top_folder_and_every_package_of_lib():
    listed = _listed(_tree_block())
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    top = {path.split("/")[0] + "/" for path in tracked if "/" in path}
    packages = {
        str(init.parent.relative_to(PROJECT_ROOT)) + "/"
        for init in (PROJECT_ROOT / "lib").rglob("__init__.py")
        if init.parent != PROJECT_ROOT / "lib"
    }
    assert top - listed == set()
    assert packages - listed == set()
