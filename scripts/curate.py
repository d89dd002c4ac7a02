"""Fill the package's mechanical columns in place: ``python -m scripts.curate [DATA_DIR]``.

A curator writes each row's quote, date expression, rule and figure; this fills what follows from
them and never overwrites a filled cell:
- ``char_start``/``char_end`` where the quote occurs exactly once in its seed;
- ``sha256`` of each seed;
- ``value_low``/``value_high`` for exact and approximate figures;
- ``date_low``/``date_high``/``date_precision``/``date_basis`` from ``date_rule`` and ``date_expr``.
Ambiguous or missing quotes are reported, not guessed. Run ``python -m lib.validate`` afterwards.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from datetime import date
from pathlib import Path

from lib.dates import (
    DateRange,
    YearSpan,
    describe_precision,
    explain_resolution,
    read_year_span,
    resolve_relative_date,
)
from lib.package import read_seeds_dir
from lib.paths import DEFAULT_DATA_DIR, DESCRIPTOR_NAME, PROJECT_ROOT, resolve_data_dir
from lib.schema import QUOTED_SPANS, TABLES
from lib.validate import APPROX_TOLERANCE

CURATED_TABLES = ("sources", "claims", "quality_flags")


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a package CSV, every cell as written."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows back in the package's CSV dialect (UTF-8, LF line ends)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def blank_row(header: list[str], **cells: str) -> dict[str, str]:
    """A row of ``header`` with ``cells`` filled in and every other column empty.

    A cell for a column the header lacks is a mistake in the caller, so it raises KeyError.
    """
    unknown = set(cells) - set(header)
    if unknown:
        raise KeyError(f"no column(s) {sorted(unknown)} in {header}")
    return {column: cells.get(column, "") for column in header}


def copy_package(data_out: Path, seeds_out: Path) -> None:
    """Copy the shipped package (its tables and descriptor) to ``data_out`` and its seeds to
    ``seeds_out``, writable, as the start of a test fixture or a synthetic package."""
    data_out.mkdir(parents=True, exist_ok=True)
    seeds_out.mkdir(parents=True, exist_ok=True)
    for name in [table.path for table in TABLES.values()] + [DESCRIPTOR_NAME]:
        shutil.copyfile(DEFAULT_DATA_DIR / name, data_out / name)
    for seed in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(seed, seeds_out / seed.name)
        (seeds_out / seed.name).chmod(0o644)


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


def _number(text: str) -> str:
    value = float(text)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _fill_values(rows) -> None:
    for row in rows:
        if not row["value"] or row["value_low"] or row["value_high"]:
            continue
        value = float(row["value"])
        if row["bound"] == "exact":
            row["value_low"] = row["value_high"] = _number(row["value"])
        elif row["bound"] == "approx":
            row["value_low"] = _number(str(round(value * (1 - APPROX_TOLERANCE), 6)))
            row["value_high"] = _number(str(round(value * (1 + APPROX_TOLERANCE), 6)))


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
    publication = {
        r["source_id"]: DateRange(
            date.fromisoformat(r["pub_date_low"]), date.fromisoformat(r["pub_date_high"])
        )
        for r in tables["sources"][1]
    }
    _fill_values(tables["claims"][1])
    _fill_dates(tables["claims"][1], publication, report)
    for name, (header, rows) in tables.items():
        write_rows(data_dir / f"{name}.csv", header, rows)
    return report


def main() -> int:
    data_dir = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    report = curate(data_dir)
    for line in report:
        print(line)
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
