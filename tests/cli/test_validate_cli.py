"""``python -m lib.validate``: exit codes and one line per problem, for the shipped package
(whatever it holds) and for every corrupted copy of the curated snapshot.

Two tests start the module in a subprocess, as a curator does; the corruptions call its ``main``
in this process, since a new interpreter for each of them added only its start-up (about 90 s of
the suite on two busy cores) and nothing a subprocess could catch that the first two do not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lib.data.validate import main
from lib.paths import DEFAULT_DATA_DIR, PROJECT_ROOT
from tests.helpers.corruptions import CORRUPTIONS
from tests.helpers.packages import edit_cell


def _run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib.validate", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_exits_0_on_the_shipped_package():
    result = _run_cli(str(DEFAULT_DATA_DIR))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"OK: {DEFAULT_DATA_DIR} version ")


def test_cli_prints_each_problem_and_exits_1(curated_copy):
    line = edit_cell(curated_copy, "places", "agadez", "lat", "96.5")
    result = _run_cli(str(curated_copy))
    assert result.returncode == 1
    assert (
        f"data/places.csv:{line}:lat: 96.5 is out of range (-90, 90)" in result.stdout.splitlines()
    )
    assert "1 problem(s)" in result.stderr


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_cli_exits_1_naming_file_row_and_column(curated_copy, name, capsys):
    expected = CORRUPTIONS[name](curated_copy)
    # An exception escaping main would fail the test: what a traceback on stderr was.
    status = main([str(curated_copy)])
    printed = capsys.readouterr()
    assert status == 1, printed.out + printed.err
    assert expected in printed.out.splitlines(), printed.out
    assert printed.err.splitlines()[-1].endswith(f"problem(s) in {curated_copy}")
