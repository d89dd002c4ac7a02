"""Running the project's commands as a user would, from the project root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lib.paths import PROJECT_ROOT


def run_module(module: str, *args: str | Path) -> subprocess.CompletedProcess:
    """``python -m module args`` from the project root, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
