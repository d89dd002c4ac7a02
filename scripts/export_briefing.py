"""Write the briefing as one offline HTML file, and optionally as a PDF, for the current view.

    python -m scripts.export_briefing --out brief.html [--pdf brief.pdf] [--sources a,b]
        [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--topics t1,t2] [--step N] [--data-dir DIR]

The filters are read exactly as the app reads them from its URL; a value the URL would ignore
with a notice is an error here (exit 2), since a file cannot show the notice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from lib.analysis.briefing import list_story_steps
from lib.analysis.filters import apply_filters
from lib.app.links import (
    FROM_PARAM,
    SOURCES_PARAM,
    TO_PARAM,
    TOPICS_PARAM,
    read_filter_params,
    read_step_param,
)
from lib.data.boundaries import read_boundaries
from lib.data.validate import load_and_validate
from lib.paths import CHROMIUM, resolve_data_dir
from lib.render.export import render_briefing_view
from lib.render.pdf import has_chromium, print_pdf

# Exit codes: 1 for an invalid package (as python -m lib.validate), 2 for bad arguments.
INVALID_PACKAGE, BAD_ARGUMENTS, PDF_FAILED = 1, 2, 3


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.export_briefing", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    parser.add_argument("--pdf", type=Path, help="also print the briefing to this PDF file")
    parser.add_argument(
        "--data-dir", help="package folder (default: data/ or $SAHEL_BRIEF_DATA_DIR)"
    )
    parser.add_argument("--sources", help="source ids, comma-separated, as ?sources= in the URL")
    parser.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD")
    parser.add_argument("--topics", help="topic ids, comma-separated")
    parser.add_argument("--step", help="the story step the file opens at (1-based)")
    return parser.parse_args(argv)


def _params(args: argparse.Namespace) -> dict[str, str]:
    given = {
        SOURCES_PARAM: args.sources,
        FROM_PARAM: args.date_from,
        TO_PARAM: args.date_to,
        TOPICS_PARAM: args.topics,
        "step": args.step,
    }
    return {name: value for name, value in given.items() if value is not None}


def _refuse(notices: list[str]) -> int:
    for notice in notices:
        # The app's notice speaks of "the link"; here the values came from the command line.
        text = notice.replace("Ignored ", "", 1).replace(" in the link", "")
        print(f"error: {text[0].upper()}{text[1:]}", file=sys.stderr)
    return BAD_ARGUMENTS


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flushed to disk, then rename it into
    place, readable as any new file is (mkstemp's own files are private to their owner)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    """Command line: validate the package, read the filters, write the HTML (and the PDF)."""
    args = _parse(argv)
    started = time.perf_counter()
    data_dir = resolve_data_dir(args.data_dir)
    package, problems = load_and_validate(data_dir)
    if problems:
        print(f"error: the package at {data_dir} is not valid:", file=sys.stderr)
        for problem in problems:
            print(problem, file=sys.stderr)
        return INVALID_PACKAGE
    params = _params(args)
    filters, notices = read_filter_params(params, package)
    if notices:
        return _refuse(notices)
    steps = len(list_story_steps(apply_filters(package, filters)))
    step, notices = read_step_param(params, steps)
    if notices:
        return _refuse(notices)
    document = render_briefing_view(package, filters, step, read_boundaries()).encode("utf-8")
    write_atomically(args.out, document)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.out} ({len(document) / 1e6:.2f} MB) in {elapsed:.2f} s")
    if args.pdf is None:
        return 0
    if not has_chromium():
        print(
            f"warning: no Chromium at {CHROMIUM}, so no PDF was written (the HTML was); install "
            "it (make chromium) or set SAHEL_BRIEF_CHROMIUM",
            file=sys.stderr,
        )
        return 0
    started = time.perf_counter()
    try:
        pdf = print_pdf(document.decode("utf-8"))
    except Exception as error:  # Playwright's own errors: a crash, a timeout, a missing library
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(
            f"error: Chromium could not print the PDF (the HTML was written): {first}",
            file=sys.stderr,
        )
        return PDF_FAILED
    write_atomically(args.pdf, pdf)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.pdf} ({len(pdf) / 1e6:.2f} MB) in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
