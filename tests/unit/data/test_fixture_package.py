"""The three-source fixture: a valid package whose third, synthetic document needs no code change.

Other tests point the app at it (lib.paths.DATA_DIR_ENV) to prove that adding a document flows
through; these tests keep the fixture itself honest.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from lib.data.schema import QUOTED_SPANS
from lib.data.validate import load_and_validate
from tests.helpers.packages import CURATED_DATA, CURATED_SEEDS, THREE_SOURCES_DATA

FIXTURE_DATA = THREE_SOURCES_DATA
FIXTURE_SEEDS = THREE_SOURCES_DATA.parent / "seeds"
NEW_SOURCE_ID = "fx3-900"
NEW_SEED = "900_fixturethirdsource.txt"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _seed_texts() -> dict[str, str]:
    """Fixture seed text by source id, decoded from bytes so no newline is translated."""
    return {
        row["source_id"]: (FIXTURE_SEEDS / row["seed_file"]).read_bytes().decode("utf-8")
        for row in _rows(FIXTURE_DATA / "sources.csv")
    }


def _count_bounds(data_dir: Path, source_ids: set[str] | None = None) -> set[str]:
    return {
        row["bound"]
        for row in _rows(data_dir / "claims.csv")
        if row["topic"] == "us_forces_count"
        and row["bound"]
        and (source_ids is None or row["source_id"] in source_ids)
    }


def test_fixture_package_validates_with_no_problems():
    package, problems = load_and_validate(FIXTURE_DATA)
    assert [str(p) for p in problems] == []
    assert NEW_SOURCE_ID in set(package["claims"]["source_id"])


def test_fixture_has_exactly_three_sources():
    sources = _rows(FIXTURE_DATA / "sources.csv")
    real = {row["source_id"] for row in _rows(CURATED_DATA / "sources.csv")}
    assert len(sources) == 3
    assert {row["source_id"] for row in sources} == real | {NEW_SOURCE_ID}


def test_new_seed_sha256_matches_its_sources_row():
    row = next(r for r in _rows(FIXTURE_DATA / "sources.csv") if r["source_id"] == NEW_SOURCE_ID)
    assert row["seed_file"] == NEW_SEED
    assert row["sha256"] == hashlib.sha256((FIXTURE_SEEDS / NEW_SEED).read_bytes()).hexdigest()


def test_new_seed_declares_itself_synthetic_on_its_first_line():
    first_line = (FIXTURE_SEEDS / NEW_SEED).read_text(encoding="utf-8").splitlines()[0]
    assert "synthetic document written for Sahel Brief’s tests" in first_line
    assert "not a real news report" in first_line


@pytest.mark.parametrize(
    ("table", "text_col", "start_col", "end_col"), QUOTED_SPANS, ids=lambda v: str(v)
)
def test_fixture_quote_sits_at_its_offsets_in_its_seed(table, text_col, start_col, end_col):
    """Independent of the validator: slice each seed with each row's offsets."""
    seeds = _seed_texts()
    spans = [row for row in _rows(FIXTURE_DATA / f"{table}.csv") if row[text_col]]
    assert spans, f"{table}.{text_col} has no quoted rows to check"
    wrong = [
        (row[text_col], seeds[row["source_id"]][int(row[start_col]) : int(row[end_col])])
        for row in spans
        if seeds[row["source_id"]][int(row[start_col]) : int(row[end_col])] != row[text_col]
    ]
    assert wrong == []


def test_new_source_has_quoted_spans_in_every_curated_table():
    for table in ("claims", "quality_flags", "mentions"):
        assert any(
            row["source_id"] == NEW_SOURCE_ID and row["char_start"]
            for row in _rows(FIXTURE_DATA / f"{table}.csv")
        ), table


def test_fixture_copies_of_the_curated_seeds_are_byte_identical():
    real = {path.name: path.read_bytes() for path in CURATED_SEEDS.glob("*.txt")}
    copied = {path.name: path.read_bytes() for path in FIXTURE_SEEDS.glob("*.txt")}
    assert real, "no curated seeds found"
    assert set(copied) == set(real) | {NEW_SEED}
    assert {name: copied[name] for name in real} == real


def test_new_source_counts_us_forces_with_a_bound_type_the_curated_sources_lack():
    real_bounds = _count_bounds(CURATED_DATA)
    new_bounds = _count_bounds(FIXTURE_DATA, {NEW_SOURCE_ID})
    assert real_bounds == {"approx", "lower"}
    assert new_bounds
    assert new_bounds.isdisjoint(real_bounds)
