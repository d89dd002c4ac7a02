"""Measure the briefing export: ``python -m bench.export`` (also run by ``make bench``).

Prints the HTML export's time (median of a few runs, package already loaded), the file's size,
and the PDF's print time and page count where Chromium exists. Targets: ≤ 3 s and ≤ 6 MB.
Nothing asserts: the figures are for reading.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time

from lib.analysis.filters import Filters
from lib.data.boundaries import read_boundaries
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR
from lib.render.export import render_briefing_view
from lib.render.pdf import has_chromium, print_pdf

TARGET_SECONDS, TARGET_BYTES = 3.0, 6_000_000


def _count_pages(pdf: bytes) -> str:
    # pdfinfo comes with poppler, which make chromium installs; without it, say so.
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        try:
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True)
        except FileNotFoundError:
            return "unknown (no pdfinfo)"
    pages = [line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")]
    return pages[0] if pages else "unknown"


def main(argv: list[str] | None = None) -> None:
    """Time the export a few times and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.export")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    package, problems = load_and_validate(DEFAULT_DATA_DIR)
    boundaries = read_boundaries()
    print(f"load and validate: {time.perf_counter() - started:.2f} s ({len(problems)} problems)")
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        document = render_briefing_view(package, Filters(), None, boundaries)
        times.append(time.perf_counter() - started)
    size = len(document.encode("utf-8"))
    print(
        f"export HTML: median {statistics.median(times):.2f} s of {args.runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f}; target ≤ {TARGET_SECONDS:.0f} s)"
    )
    print(f"HTML size: {size / 1e6:.2f} MB (target ≤ {TARGET_BYTES / 1e6:.0f} MB)")
    if not has_chromium():
        print("PDF: skipped, no Chromium on this machine")
        return
    started = time.perf_counter()
    pdf = print_pdf(document)
    print(
        f"PDF: {time.perf_counter() - started:.2f} s, {len(pdf) / 1e6:.2f} MB, "
        f"{_count_pages(pdf)} pages"
    )


if __name__ == "__main__":
    main()
