"""The README's two commands, run by make on a fresh machine whose Python is a stand-in that only
records how it and the virtualenv's tools were called: what runs, in what order, and what a second
run skips. Nothing is installed or started."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lib.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

# A stand-in for python3: "-m venv DIR" makes DIR/bin with copies of itself for the tools the
# Makefile calls from the virtualenv; every call is appended to $MAKE_LOG as "tool args".
FAKE_PYTHON = """#!/bin/sh
echo "$(basename "$0") $*" >> "$MAKE_LOG"
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  for tool in python ruff frictionless; do cp "$0" "$3/bin/$tool"; done
fi
"""


@pytest.fixture
def make(tmp_path: Path):
    """``make(target, *options)`` on one fresh machine: the calls that run made, in order."""
    python = tmp_path / "tools" / "python3"
    python.parent.mkdir()
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(0o755)
    log = tmp_path / "calls.log"
    machine = [f"PYTHON={python}", f"VENV={tmp_path / 'venv'}"]

    def run(target: str, *options: str) -> list[str]:
        log.write_text("", encoding="utf-8")
        subprocess.run(
            ["make", "--no-print-directory", target, *options, *machine],
            cwd=PROJECT_ROOT,
            env={"PATH": "/usr/bin:/bin", "MAKE_LOG": str(log)},
            capture_output=True,
            text=True,
            check=True,
        )
        return [line.split(" ", 1)[1] for line in log.read_text(encoding="utf-8").splitlines()]

    return run


def _installs(calls: list[str]) -> list[str]:
    return [call for call in calls if call.startswith("-m pip install") and " -r " in call]


def test_make_run_installs_only_the_app_requirements_then_starts_the_app(make):
    calls = make("run")
    assert calls[0].startswith("-m venv ")
    assert _installs(calls) == ["-m pip install --quiet -r requirements.txt"]
    assert calls[-1].startswith("-m streamlit run app.py")


def test_a_second_make_run_installs_nothing(make):
    make("run")
    assert make("run") == ["-m streamlit run app.py"]


def test_make_test_after_make_run_installs_the_dev_tools_before_any_check(make):
    """Regression guard for the two stamps: the app's install must not count as the dev tools'."""
    make("run")
    # -o chromium: the system check is left alone here (it may call apt-get).
    calls = make("test", "-o", "chromium")
    assert _installs(calls) == ["-m pip install --quiet -r requirements-dev.txt"]
    setup = ("-m venv", "-m pip")
    first_check = next(i for i, call in enumerate(calls) if not call.startswith(setup))
    assert calls.index(_installs(calls)[0]) < first_check
    assert calls[-1].startswith("-m pytest")
    assert any(call.startswith("-m lib.validate") for call in calls)  # the data is checked too
