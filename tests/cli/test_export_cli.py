"""``python -m scripts.export_briefing``: writes one HTML file within the size budget, and
refuses filters the URL would ignore, naming the bad value, with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.export_briefing import main
from tests.helpers.commands import run_main, run_module
from tests.helpers.packages import AV1, edit_cell

MAX_HTML_BYTES = 6_000_000


def _run_cli(*args: str | Path):
    return run_module("scripts.export_briefing", *args)


def test_cli_writes_one_html_file_under_6_mb(tmp_path):
    out = tmp_path / "brief.html"
    result = _run_cli("--out", out, "--sources", AV1, "--step", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"wrote {out}" in result.stdout
    assert 0 < out.stat().st_size <= MAX_HTML_BYTES
    text = out.read_text(encoding="utf-8")
    assert "Filtered: sources av1-004." in text and 'id="step-2" tabindex="-1" aria-current' in text
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]  # no temporary file left
    # Regression: the file kept mkstemp's owner-only mode, so nobody else could open it.
    assert out.stat().st_mode & 0o044 == 0o044


def test_cli_says_in_one_line_when_chromium_cannot_print(tmp_path, monkeypatch):
    # A "Chromium" that exists but cannot run: the HTML stays, the PDF is refused in one line.
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("SAHEL_BRIEF_CHROMIUM", str(fake))
    out, pdf = tmp_path / "brief.html", tmp_path / "brief.pdf"
    result = _run_cli("--out", out, "--pdf", pdf)
    assert result.returncode == 3, result.stdout + result.stderr
    assert out.exists() and not pdf.exists()
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: Chromium could not print the PDF")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--sources", "nope-1"), "'nope-1'"),
        (("--topics", "us_forces_count,bogus"), "'bogus'"),
        (("--from", "2024-13-01"), "YYYY-MM-DD"),
        (("--from", "2024-05-01", "--to", "2024-01-01"), "ends before it starts"),
        (("--step", "999"), "'999'"),
    ],
)
def test_cli_refuses_bad_filters_with_exit_2_naming_them(tmp_path, args, named, capsys):
    out = tmp_path / "brief.html"
    result = run_main(main, capsys, "--out", out, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "error:" in result.stderr and named in result.stderr
    assert not out.exists()


def test_cli_refuses_an_invalid_package_with_its_problems(tmp_path, curated_copy, capsys):
    line = edit_cell(curated_copy, "claims", "c000-650", "char_start", "-5")
    out = tmp_path / "brief.html"
    result = run_main(main, capsys, "--out", out, "--data-dir", curated_copy)
    assert result.returncode == 1
    assert f"claims.csv:{line}:" in result.stderr
    assert not out.exists()
