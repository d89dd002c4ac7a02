"""The README's two commands as make plans them on a fresh machine (``make -n``, nothing run)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lib.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _plan(target: str, venv) -> str:
    """What ``make target`` would run with no virtualenv yet (VENV points at an empty folder)."""
    result = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_make_run_installs_only_the_app_requirements(tmp_path):
    plan = _plan("run", tmp_path / "venv")
    assert "-r requirements.txt" in plan
    assert "requirements-dev.txt" not in plan  # the README says run installs requirements only
    assert "streamlit run app.py" in plan


def test_make_test_installs_the_dev_tools_before_testing(tmp_path):
    plan = _plan("test", tmp_path / "venv")
    assert "-r requirements-dev.txt" in plan
    assert plan.index("requirements-dev.txt") < plan.index("-m pytest")
