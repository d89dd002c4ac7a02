"""Propose mentions for each source that has none yet: ``python -m scripts.backfill_mentions``.

Runs ``lib.analysis.ingest.entities.find_mentions`` over each such source's seed with the package's
own places and actors, and appends one row per mention of a known entity to ``mentions.csv``
(created if missing), with ids minted as ingest mints them (``<source id>-m0001``). Rows already
in the file, which a curator has reviewed, are never changed, ids included (``m000-0001``), so the
script can run again when a source is added. Names the package lacks are printed, not written:
they have no id yet. Review every new row against its seed, then run ``python -m lib.validate``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lib.analysis.ingest.entities import build_gazetteer, find_mentions
from lib.data.ingest.draft import mint_mention_id
from lib.data.read import read_package
from lib.data.rows import blank_row, read_rows, write_rows
from lib.data.schema import MENTIONS
from lib.paths import resolve_data_dir


def backfill_mentions(data_dir: Path) -> list[str]:
    """Append proposed mention rows for unmentioned sources; return a line per source."""
    package, _ = read_package(data_dir)  # mentions.csv may be missing: that is the point
    path = data_dir / MENTIONS.path
    header, rows = read_rows(path) if path.is_file() else (MENTIONS.columns, [])
    done = {row["source_id"] for row in rows}
    gazetteer = build_gazetteer(package["places"], package["actors"])
    report = []
    for _, source in package["sources"].iterrows():
        source_id = str(source["source_id"])
        text = package.seeds.get(source_id)
        if source_id in done or text is None:
            continue
        mentions = find_mentions(text, gazetteer)
        known = [m for m in mentions if m.entity_id]
        for count, mention in enumerate(known, start=1):
            row = blank_row(
                header,
                mention_id=mint_mention_id(source_id, count),
                source_id=source_id,
                entity_kind=mention.kind,
                entity_id=mention.entity_id,
                quote=mention.surface,
                char_start=str(mention.start),
                char_end=str(mention.end),
                extracted_by=mention.extracted_by,
            )
            rows.append(row)
        report.append(f"{source_id}: {len(known)} mention(s) proposed")
        report.extend(
            f"  new {m.kind} left out: {m.surface!r} at {m.start} ({m.extracted_by})"
            for m in mentions
            if not m.entity_id
        )
    write_rows(path, header, rows)
    return report


def main() -> int:
    data_dir = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    for line in backfill_mentions(data_dir):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
