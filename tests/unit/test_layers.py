"""lib/ is four layers, data → analysis → render → app: imports point only down the list, and
only lib/app imports streamlit. Read from the source, so a new module is checked without a list."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lib.paths import PROJECT_ROOT

LAYERS = ("data", "analysis", "render", "app")
# Modules of lib/ outside the layers, and the lowest layer each may import from lib/.
LOOSE = {"__init__": None, "paths": None, "validate": "data"}
STREAMLIT = ("streamlit", "streamlit_folium")


def _imports(source: str, package: str) -> list[str]:
    """The modules ``source`` imports, as absolute names (``package`` is its own package, for
    relative imports). ``from lib import app`` names a layer after ``import``: it counts as
    lib.app, as ``import lib.app`` does."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            anchor = parts[: len(parts) + 1 - node.level] if node.level else []
            base = ".".join([*anchor, *([node.module] if node.module else [])])
            if base == "lib":
                found.extend(f"lib.{alias.name}" for alias in node.names)
            else:
                found.append(base)
    return found


def find_layer_violations(lib_dir: Path) -> list[str]:
    """Every import in ``lib_dir`` that points up a layer, leaves lib/, or reaches streamlit
    from outside lib/app; as 'file: imports module'."""
    problems = []
    for path in sorted(lib_dir.rglob("*.py")):
        parts = path.relative_to(lib_dir).parts
        layer = parts[0] if len(parts) > 1 else None
        if layer is not None and layer not in LAYERS:
            problems.append(f"{path.name}: lives in {layer}/, which is not a layer")
            continue
        ceiling = LAYERS.index(layer) if layer else None
        if layer is None:
            allowed = LOOSE.get(path.stem, "missing")
            if allowed == "missing":
                problems.append(f"{path.name}: a module outside the layers")
                continue
            ceiling = -1 if allowed is None else LAYERS.index(allowed)
        package = ".".join(("lib", *parts[:-1]))
        for module in _imports(path.read_text(encoding="utf-8"), package):
            shown = f"{'/'.join(parts)}: imports {module}"
            top = module.split(".")[0]
            outside = top in ("pages", "scripts", "tests", "bench", "app")
            if outside or (top in STREAMLIT and layer != "app"):
                problems.append(shown)
            elif top == "lib":
                target = module.split(".")[1] if "." in module else ""
                if target in LAYERS and LAYERS.index(target) > ceiling:
                    problems.append(shown)
    return problems


def test_imports_point_only_down_the_layers_and_only_app_imports_streamlit():
    assert find_layer_violations(PROJECT_ROOT / "lib") == []


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        ("data/x.py", "from lib.analysis.filters import Filters\n", "imports lib.analysis.filters"),
        ("render/x.py", "import streamlit as st\n", "imports streamlit"),
        ("analysis/x.py", "from lib.app.links import link_page\n", "imports lib.app.links"),
        ("data/x.py", "from scripts.curate import curate\n", "imports scripts.curate"),
        ("paths.py", "from lib.data.cells import is_present\n", "imports lib.data.cells"),
        ("helpers.py", "import os\n", "a module outside the layers"),
        # Regression rows: a layer imported by name from lib, or by a relative import, was missed.
        ("render/x.py", "from lib import app\n", "imports lib.app"),
        ("render/x.py", "import lib.app\n", "imports lib.app"),
        ("data/x.py", "from lib import paths, analysis\n", "imports lib.analysis"),
        ("render/x.py", "from .. import app\n", "imports lib.app"),
        ("analysis/x.py", "from ..render import cards\n", "imports lib.render"),
        ("__init__.py", "from . import data\n", "imports lib.data"),
    ],
)
def test_the_layer_check_catches_each_kind_of_violation(tmp_path, where, source, expected):
    path = tmp_path / "lib" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    (problem,) = find_layer_violations(tmp_path / "lib")
    assert problem.endswith(expected)


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit\nfrom lib.render.cards import render_claim_cards_html\n",
        "from lib import APP_TITLE, paths\nfrom lib import render\nimport lib.data.read\n",
        "from . import links\nfrom ..render import cards\nfrom .. import paths\n",
    ],
)
def test_a_downward_import_is_allowed(tmp_path, source):
    path = tmp_path / "lib" / "app" / "x.py"
    path.parent.mkdir(parents=True)
    path.write_text(source)
    assert find_layer_violations(tmp_path / "lib") == []
