"""Fill the package's mechanical columns in place (``python -m scripts.curate [DATA_DIR]`` runs it).

A curator writes each row's quote, date expression, rule and figure; this fills what follows from
them and never overwrites a filled cell:
- ``char_start``/``char_end`` where the quote occurs exactly once in its seed;
- ``sha256`` of each seed;
- ``value_low``/``value_high`` for exact and approximate figures;
- ``date_low``/``date_high``/``date_precision``/``date_basis`` from ``date_rule`` and ``date_expr``.
Ambiguous or missing quotes are reported, not guessed. Run ``python -m lib.validate`` afterwards.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from lib.data.cells import format_number
from lib.data.dates import (
    DateRange,
    YearSpan,
    describe_precision,
    explain_resolution,
    read_publication_dates,
    read_year_span,
    resolve_relative_date,
)
from lib.data.intervals import compute_interval
from lib.data.read import read_seeds_dir
from lib.data.rows import read_rows, write_rows
from lib.data.schema import QUOTED_SPANS

# Every table with a quoted span has offsets to fill; sources and claims have more.
CURATED_TABLES = tuple(dict.fromkeys(["sources", "claims", *(t for t, *_ in QUOTED_SPANS)]))


def _fill_offsets(rows, seeds, table: str, columns: tuple[str, str, str], report) -> None:
    text_col, start_col, end_col = columns
    for row in rows:
        quote = row.get(text_col, "")
        if not quote or row.get(start_col):
            continue
        seed = seeds[row["source_id"]]
        first = seed.find(quote)
        where = f"{table} {next(iter(row.values()))}"
        if first < 0:
            report.append(f"{where}: {text_col} not found in the seed")
        elif seed.find(quote, first + 1) >= 0:
            report.append(f"{where}: {text_col} occurs more than once")
        else:
            row[start_col], row[end_col] = str(first), str(first + len(quote))


def _fill_values(rows) -> None:
    for row in rows:
        if not row["value"] or row["value_low"] or row["value_high"]:
            continue
        if row["bound"] not in ("exact", "approx", "lower", "upper"):
            continue  # a range's two ends are the curator's to write
        low, high = compute_interval(row["bound"], float(row["value"]), row["hedge"])
        row["value_low"] = "" if low is None else format_number(round(low, 6))
        row["value_high"] = "" if high is None else format_number(round(high, 6))


def _years(row) -> YearSpan | None:
    def number(column: str) -> float | None:
        return float(row[column]) if row[column] else None

    return read_year_span(
        row["bound"] or None, number("value"), number("value_low"), number("value_high")
    )


def _fill_dates(rows, publication: dict[str, DateRange], report: list[str]) -> None:
    by_id = {row["claim_id"]: row for row in rows}
    pending = [r for r in rows if r["date_rule"] and not r["date_low"]]
    while pending:
        progressed = False
        for row in list(pending):
            anchor_row = by_id.get(row["date_anchor"]) if row["date_anchor"] else None
            if row["date_anchor"] and (anchor_row is None or not anchor_row["date_low"]):
                continue
            pub = publication[row["source_id"]]
            anchor = (
                DateRange(
                    date.fromisoformat(anchor_row["date_low"]),
                    date.fromisoformat(anchor_row["date_high"]),
                )
                if anchor_row
                else None
            )
            span = resolve_relative_date(
                row["date_rule"], row["date_expr"], pub, anchor, _years(row)
            )
            name = f"claim {anchor_row['claim_id']}" if anchor_row else "the estimated publication"
            row["date_low"], row["date_high"] = span.low.isoformat(), span.high.isoformat()
            row["date_precision"] = describe_precision(span)
            if not row["date_basis"]:
                row["date_basis"] = explain_resolution(
                    row["date_rule"], row["date_expr"], span, anchor or pub, name
                )
            pending.remove(row)
            progressed = True
        if not progressed:
            report.extend(f"claims {r['claim_id']}: anchor has no date" for r in pending)
            return


def curate(data_dir: Path) -> list[str]:
    """Fill blank mechanical cells of the package at ``data_dir``; return what needs a human."""
    report: list[str] = []
    seeds_dir = read_seeds_dir(data_dir)
    tables = {name: read_rows(data_dir / f"{name}.csv") for name in CURATED_TABLES}
    seeds = {}
    for row in tables["sources"][1]:
        raw = (seeds_dir / row["seed_file"]).read_bytes()
        seeds[row["source_id"]] = raw.decode("utf-8")
        row["sha256"] = row["sha256"] or hashlib.sha256(raw).hexdigest()
    for table, *columns in QUOTED_SPANS:
        _fill_offsets(tables[table][1], seeds, table, tuple(columns), report)
    publication = {r["source_id"]: read_publication_dates(r) for r in tables["sources"][1]}
    _fill_values(tables["claims"][1])
    _fill_dates(tables["claims"][1], publication, report)
    for name, (header, rows) in tables.items():
        write_rows(data_dir / f"{name}.csv", header, rows)
    return report
