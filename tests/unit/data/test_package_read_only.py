"""A loaded package is shared by every session, so nothing a caller does to what it hands out may
change it: tables come out as copy-on-write copies, the other mappings are read-only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lib.data.validate import load_and_validate
from tests.helpers.packages import CURATED_DATA


@pytest.fixture
def fresh():
    package, problems = load_and_validate(CURATED_DATA)
    assert problems == []
    return package


def test_writing_a_cell_of_a_handed_out_table_leaves_the_package_unchanged(fresh):
    before = fresh["claims"].at[0, "statement"]
    claims, also = fresh["claims"], fresh.tables["claims"]
    claims.loc[0, "statement"] = "tampered"
    also.iloc[0, also.columns.get_loc("statement")] = "tampered too"
    assert claims.at[0, "statement"] == "tampered"  # the caller's own copy did change
    assert fresh["claims"].at[0, "statement"] == before


def test_adding_or_dropping_columns_and_rows_leaves_the_package_unchanged(fresh):
    columns, rows = list(fresh["claims"].columns), len(fresh["claims"])
    claims, events = fresh["claims"], fresh.tables["events"]
    claims["extra"] = 1
    claims.pop("quote")
    del events["title"]
    events.loc[len(events)] = events.iloc[0]
    assert "extra" in claims.columns and "title" not in events.columns
    assert list(fresh["claims"].columns) == columns and len(fresh["claims"]) == rows
    assert "title" in fresh["events"].columns and len(fresh["events"]) == len(events) - 1


def test_tables_seeds_hashes_and_lines_refuse_assignment(fresh):
    with pytest.raises(TypeError):
        fresh.tables["claims"] = fresh["events"]
    with pytest.raises(TypeError):
        fresh.seeds["cnn-000"] = "rewritten"
    with pytest.raises(TypeError):
        fresh.seed_sha256["cnn-000"] = "0" * 64
    with pytest.raises(TypeError):
        fresh.lines["claims"] = []
    with pytest.raises(AttributeError):
        fresh.key = ("other",)


def test_a_narrowed_package_is_built_with_replace_and_is_read_only_too(fresh):
    narrowed = replace(fresh, tables={**fresh.tables, "claims": fresh["claims"].head(3)})
    assert len(narrowed["claims"]) == 3 and len(fresh["claims"]) > 3
    claims = narrowed["claims"]
    claims.loc[0, "statement"] = "tampered"
    assert narrowed["claims"].at[0, "statement"] != "tampered"
    with pytest.raises(TypeError):
        narrowed.tables["claims"] = fresh["claims"]
