"""Running the project's commands as a user would, from the project root, or their ``main`` in
this process: a new interpreter costs seconds on two busy cores and proves only the ``-m`` entry,
which each command keeps a subprocess test for."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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


def run_main(
    main: Callable[[list[str]], int], capsys: pytest.CaptureFixture, *args: str | Path
) -> subprocess.CompletedProcess:
    """A command's ``main(args)`` in this process, as a finished process: its exit status (an
    argparse refusal's SystemExit included) and what it printed. An exception escapes, failing
    the test where a subprocess would have printed a traceback."""
    argv = [str(a) for a in args]
    try:
        status = main(argv)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    printed = capsys.readouterr()
    return subprocess.CompletedProcess(argv, status, printed.out, printed.err)
