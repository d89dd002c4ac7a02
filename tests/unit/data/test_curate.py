"""lib/data/curate.py fills only mechanical cells, reproduces committed ones, never guesses."""

from pathlib import Path

from lib.data.curate import curate
from lib.data.rows import read_rows, write_rows

MECHANICAL = {
    "claims": ("char_start", "char_end", "date_low", "date_high", "date_precision", "date_basis"),
    "quality_flags": ("char_start", "char_end"),
    "sources": ("sha256", "outlet_char_start", "outlet_char_end"),
}


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.glob("*.csv"))}


def test_curate_leaves_the_committed_package_unchanged(curated_copy):
    before = _snapshot(curated_copy)
    assert curate(curated_copy) == []
    assert _snapshot(curated_copy) == before


def test_curate_refills_blanked_mechanical_cells_exactly(curated_copy):
    before = _snapshot(curated_copy)
    for table, columns in MECHANICAL.items():
        header, rows = read_rows(curated_copy / f"{table}.csv")
        for row in rows:
            if table == "quality_flags" and row["flag_id"].startswith("q000-nigeria"):
                continue  # repeated words: their offsets are curated, not searched
            for column in columns:
                row[column] = ""
        write_rows(curated_copy / f"{table}.csv", header, rows)
    assert curate(curated_copy) == []
    assert _snapshot(curated_copy) == before


def test_curate_reports_an_ambiguous_quote_instead_of_guessing(curated_copy):
    header, rows = read_rows(curated_copy / "claims.csv")
    row = next(r for r in rows if r["claim_id"] == "c000-saturday")
    row["quote"], row["char_start"], row["char_end"] = "Saturday", "", ""
    write_rows(curated_copy / "claims.csv", header, rows)
    assert curate(curated_copy) == ["claims c000-saturday: quote occurs more than once"]
    assert (
        next(
            r for r in read_rows(curated_copy / "claims.csv")[1] if r["claim_id"] == "c000-saturday"
        )["char_start"]
        == ""
    )
