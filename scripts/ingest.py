"""Turn an article into a draft to review, or merge a reviewed draft into the package.

    python -m scripts.ingest ARTICLE --published YYYY-MM-DD --outlet NAME [--source-id ID] \
        --out DRAFT_DIR
    python -m scripts.ingest --accept DRAFT_DIR

ARTICLE is a UTF-8 .txt (stored byte for byte) or a saved .html page (its main text is
extracted and stored). Only rows whose ``status`` is ``accepted`` are merged.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lib.analysis.ingest.propose import propose_draft, summarise_draft
from lib.data.ingest.article import ArticleError, read_article
from lib.data.ingest.draft import DraftError, write_draft
from lib.data.merge import MergeError, merge_draft
from lib.data.validate import load_and_validate
from lib.paths import resolve_data_dir


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.ingest", description=__doc__)
    parser.add_argument("article", nargs="?", type=Path, help="a .txt or saved .html article")
    parser.add_argument("--published", help="publication date, YYYY-MM-DD")
    parser.add_argument("--outlet", help="the outlet, e.g. AP, Reuters, AFP, Bloomberg")
    parser.add_argument("--source-id", help="id for the new source (default: outlet-date-hash)")
    parser.add_argument("--out", type=Path, help="draft folder to write (must be new or empty)")
    parser.add_argument("--accept", type=Path, metavar="DRAFT_DIR", help="merge a draft")
    parser.add_argument("--data", help="package folder (default: data/ or $SAHEL_BRIEF_DATA_DIR)")
    args = parser.parse_args(argv)
    if args.accept is None and not (args.article and args.outlet and args.out):
        parser.error("give ARTICLE --outlet NAME --out DRAFT_DIR, or --accept DRAFT_DIR")
    return args


def _ingest(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    data_dir = resolve_data_dir(args.data)
    package, problems = load_and_validate(data_dir)
    if problems:
        print(f"error: the package at {data_dir} is not valid; run python -m lib.validate")
        return 1
    article = read_article(args.article, args.published)
    draft = propose_draft(article, package, args.outlet, args.source_id)
    write_draft(draft, args.out, data_dir)
    for line in summarise_draft(draft):
        print(line)
    print(f"draft written to {args.out} in {time.perf_counter() - started:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    try:
        if args.accept is not None:
            report = merge_draft(args.accept, resolve_data_dir(args.data))
            added = ", ".join(f"{n} {k}" for k, n in report.added.items() if n)
            print(f"merged {report.source_id} as version {report.version}: {added}")
            return 0
        return _ingest(args)
    except (ArticleError, DraftError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except MergeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
