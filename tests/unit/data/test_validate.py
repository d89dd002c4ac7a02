"""lib/data/validate.py: each specific breakage of a copy of the curated snapshot gets its own
message (that the shipped data/ passes is tested in test_shipped_data.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.data.rows import read_rows, write_rows
from lib.data.schema import SCHEMA_FILE
from lib.data.validate import load_and_validate
from lib.paths import PROJECT_ROOT
from tests.helpers.corruptions import CORRUPTIONS
from tests.helpers.packages import CURATED_DATA, copy_curated, edit_cell, set_descriptor


def _messages(data: Path) -> list[str]:
    return [str(p) for p in load_and_validate(data)[1]]


def test_quote_not_at_its_offsets_is_reported(curated_copy):
    line = edit_cell(curated_copy, "claims", "c000-650", "char_start", "4389")
    edit_cell(curated_copy, "claims", "c000-650", "char_end", "4481")
    assert (
        f"data/claims.csv:{line}:quote: quote is not at 4389-4481: the seed has "
        "'fficials also said the withdrawal of about 650 U.S. troops f' there; "
        "the quote occurs at 4388-4480" in _messages(curated_copy)
    )


def test_duplicate_id_is_reported(curated_copy):
    line = edit_cell(curated_copy, "claims", "c000-650", "claim_id", "c004-1000")
    messages = _messages(curated_copy)
    assert f"data/claims.csv:{line}:claim_id: duplicate value 'c004-1000'" in messages


def test_dangling_foreign_key_is_reported(curated_copy):
    line = edit_cell(curated_copy, "claims", "c000-650", "place_ids", "ner|atlantis")
    assert f"data/claims.csv:{line}:place_ids: 'atlantis' is not a places id" in _messages(
        curated_copy
    )


def _mention_of(data: Path, entity_id: str) -> str:
    return next(r for r in read_rows(data / "mentions.csv")[1] if r["entity_id"] == entity_id)[
        "mention_id"
    ]


def test_mention_of_an_unknown_place_is_reported(curated_copy):
    line = edit_cell(
        curated_copy, "mentions", _mention_of(curated_copy, "agadez"), "entity_id", "atlantis"
    )
    assert (
        f"data/mentions.csv:{line}:entity_id: 'atlantis' is not a places id "
        "(its entity_kind is 'place')" in _messages(curated_copy)
    )


def test_mention_id_is_looked_up_in_the_table_its_kind_names(curated_copy):
    """An actor's id under entity_kind place is reported: the key depends on the row's kind."""
    mention_id = _mention_of(curated_copy, "langley")
    line = edit_cell(curated_copy, "mentions", mention_id, "entity_kind", "place")
    assert (
        f"data/mentions.csv:{line}:entity_id: 'langley' is not a places id "
        "(its entity_kind is 'place')" in _messages(curated_copy)
    )


def test_overlapping_mentions_are_reported(curated_copy):
    header, rows = read_rows(curated_copy / "mentions.csv")
    first = rows[0]
    inner = {
        **first,
        "mention_id": "m000-9999",
        "quote": first["quote"][1:],
        "char_start": str(int(first["char_start"]) + 1),
    }
    write_rows(curated_copy / "mentions.csv", header, [*rows, inner])
    line = len(rows) + 2
    assert (
        f"data/mentions.csv:{line}:char_start: overlaps mention {first['mention_id']}"
        in _messages(curated_copy)
    )


def test_impossible_date_is_reported(curated_copy):
    line = edit_cell(curated_copy, "events", "e-coup", "date_low", "2023-02-30")
    assert (
        f"data/events.csv:{line}:date_low: is not a real calendar date, got '2023-02-30'"
        in _messages(curated_copy)
    )


def test_malformed_date_is_reported(curated_copy):
    line = edit_cell(curated_copy, "sources", "cnn-000", "pub_date_best", "17/03/2024")
    assert (
        f"data/sources.csv:{line}:pub_date_best: expected a date as YYYY-MM-DD, got '17/03/2024'"
        in _messages(curated_copy)
    )


def test_latitude_out_of_range_is_reported(curated_copy):
    line = edit_cell(curated_copy, "places", "agadez", "lat", "96.5")
    assert f"data/places.csv:{line}:lat: 96.5 is out of range (-90, 90)" in _messages(curated_copy)


def test_missing_column_is_reported(curated_copy):
    header, rows = read_rows(curated_copy / "claims.csv")
    header.remove("quote")
    for row in rows:
        del row["quote"]
    write_rows(curated_copy / "claims.csv", header, rows)
    assert "data/claims.csv:1:quote: missing column" in _messages(curated_copy)


def test_modified_seed_is_reported(curated_copy):
    seed = curated_copy.parent / "seeds" / "004_e7fac145f5ba5ac6.txt"
    seed.write_bytes(seed.read_bytes().replace(b"1,000", b"1,500"))
    line = next(
        i + 2
        for i, row in enumerate(read_rows(curated_copy / "sources.csv")[1])
        if row["source_id"] == "av1-004"
    )
    messages = _messages(curated_copy)
    assert any(
        m.startswith(f"data/sources.csv:{line}:sha256: seed 004_e7fac145f5ba5ac6.txt has sha256")
        and m.endswith("(the seed was modified; seeds are immutable)")
        for m in messages
    ), messages


def test_wrong_type_is_reported(curated_copy):
    line = edit_cell(curated_copy, "claims", "c000-650", "char_end", "4471.5")
    assert (
        f"data/claims.csv:{line}:char_end: expected an integer (at most 15 digits), got '4471.5'"
        in _messages(curated_copy)
    )


def test_enum_violation_is_reported(curated_copy):
    line = edit_cell(curated_copy, "relations", "r42", "relation", "contradicts")
    messages = _messages(curated_copy)
    assert any(
        m.startswith(f"data/relations.csv:{line}:relation: 'contradicts' is not one of")
        for m in messages
    )


def test_non_utf8_csv_is_reported(curated_copy):
    path = curated_copy / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"Raisi", b"Ra\xefsi"))
    messages = _messages(curated_copy)
    assert any(
        m.startswith("data/actors.csv:") and "not valid UTF-8 (byte 0xef" in m for m in messages
    )


def test_missing_file_is_reported(curated_copy):
    (curated_copy / "events.csv").unlink()
    assert "data/events.csv:-:-: file is missing" in _messages(curated_copy)


def test_empty_csv_is_reported(curated_copy):
    (curated_copy / "relations.csv").write_text("", encoding="utf-8")
    assert "data/relations.csv:-:-: file is empty (no header row)" in _messages(curated_copy)


def test_stored_date_disagreeing_with_its_rule_is_reported(curated_copy):
    line = edit_cell(curated_copy, "claims", "c000-saturday", "date_low", "2024-03-15")
    edit_cell(curated_copy, "claims", "c000-saturday", "date_precision", "week")
    assert (
        f"data/claims.csv:{line}:date_low: stored 2024-03-15..2024-03-16, but rule "
        "'weekday_on_or_before' on 'on Saturday' gives 2024-03-16..2024-03-16"
        in _messages(curated_copy)
    )


def test_country_pinned_to_a_point_is_reported(curated_copy):
    line = edit_cell(curated_copy, "places", "ner", "lat", "17.6")
    edit_cell(curated_copy, "places", "ner", "lon", "8.1")
    assert (
        f"data/places.csv:{line}:lat: a country is drawn as an area, not pinned to a point"
        in _messages(curated_copy)
    )


def test_point_without_its_uncertainty_radius_is_reported(curated_copy):
    line = edit_cell(curated_copy, "places", "ab201", "radius_km", "")
    assert f"data/places.csv:{line}:radius_km: a point needs radius_km (its uncertainty)" in (
        _messages(curated_copy)
    )


def test_area_with_a_radius_is_reported(curated_copy):
    line = edit_cell(curated_copy, "places", "mli", "radius_km", "50")
    assert f"data/places.csv:{line}:radius_km: only a point has a radius_km" in _messages(
        curated_copy
    )


def test_untyped_cross_source_pair_is_reported(curated_copy):
    header, rows = read_rows(curated_copy / "relations.csv")
    write_rows(
        curated_copy / "relations.csv", header, [r for r in rows if r["claim_a"] != "c000-650"]
    )
    assert (
        "data/relations.csv:-:relation: claims c000-650 and c004-1000 share topic "
        "'us_forces_count' across sources but have no relation" in _messages(curated_copy)
    )


def test_approx_interval_must_follow_the_tolerance_rule(curated_copy):
    line = edit_cell(curated_copy, "claims", "c000-650", "value_low", "600")
    assert (
        f"data/claims.csv:{line}:value_low: 'about 650' gives 585–715 (N ± 10%), but "
        "value_low..value_high is 600..715" in _messages(curated_copy)
    )


def test_strict_lower_bound_is_rederived_not_only_shape_checked(curated_copy):
    # Regression: "more than 1,000" stored from 1,000 passed, since only the shape was checked.
    line = edit_cell(curated_copy, "claims", "c004-1000", "value_low", "1000")
    assert (
        f"data/claims.csv:{line}:value_low: 'more than 1000' gives ≥ 1,001 (strict: N ± 1), but "
        "value_low..value_high is 1000..open" in _messages(curated_copy)
    )


def test_descriptor_drift_is_reported(curated_copy):
    path = curated_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"].pop()
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert (
        f"data/datapackage.json:-:resources[sources]: differs from {SCHEMA_FILE} "
        "(run python -m scripts.build_datapackage)" in _messages(curated_copy)
    )


def test_messages_about_the_schema_name_the_file_that_declares_it(curated_copy):
    """Regression: they named lib/schema.py after the schema had moved to lib/data/schema.py."""
    assert "\nTABLES: dict[str, Table] = {" in (PROJECT_ROOT / SCHEMA_FILE).read_text(
        encoding="utf-8"
    )
    path = curated_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"].append({**descriptor["resources"][0], "name": "rumours"})
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    header, rows = read_rows(curated_copy / "places.csv")
    write_rows(
        curated_copy / "places.csv", [*header, "nickname"], [{**r, "nickname": ""} for r in rows]
    )
    messages = _messages(curated_copy)
    assert (
        f"data/datapackage.json:-:resources[rumours]: resource is not in {SCHEMA_FILE}" in messages
    )
    assert f"data/places.csv:1:nickname: unexpected column (not in {SCHEMA_FILE})" in messages


def test_every_problem_is_reported_not_just_the_first(curated_copy):
    lat_line = edit_cell(curated_copy, "places", "agadez", "lat", "96.5")
    fk_line = edit_cell(curated_copy, "claims", "c000-650", "place_ids", "atlantis")
    other_fk_line = edit_cell(curated_copy, "claims", "c004-1000", "place_ids", "eldorado")
    date_line = edit_cell(curated_copy, "events", "e-coup", "date_low", "2023-02-30")
    messages = _messages(curated_copy)
    for expected in (
        f"data/places.csv:{lat_line}:lat: 96.5 is out of range (-90, 90)",
        f"data/claims.csv:{fk_line}:place_ids: 'atlantis' is not a places id",
        f"data/claims.csv:{other_fk_line}:place_ids: 'eldorado' is not a places id",
        f"data/events.csv:{date_line}:date_low: is not a real calendar date, got '2023-02-30'",
    ):
        assert expected in messages


@pytest.mark.parametrize("table", ["claims", "quality_flags", "events", "relations", "mentions"])
def test_no_curated_cell_spans_lines(table):
    """Line numbers in messages are row + 1 only if no cell holds a newline (edit_cell relies
    on it, on copies of the snapshot)."""
    for row in read_rows(CURATED_DATA / f"{table}.csv")[1]:
        assert not any("\n" in value for value in row.values()), row


def _replace_in(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Regression rows: each of these once crashed the validator with a traceback.
CRASHERS = {
    "impossible day in a date expression": (
        lambda data: (
            edit_cell(data, "claims", "c004-15march", "date_expr", "31 February"),
            edit_cell(data, "claims", "c004-15march", "quote", "31 February"),
        ),
        "'31 February' cannot be resolved under 'day_month_on_or_before'",
    ),
    "age beyond the calendar": (
        lambda data: [
            edit_cell(data, "claims", "c004-12yr", column, years)
            for column, years in (("value", "5000"), ("value_low", "4500"), ("value_high", "5500"))
        ],
        "cannot be resolved under 'years_before'",
    ),
    "integer too long to be an offset": (
        lambda data: edit_cell(data, "claims", "c000-650", "char_start", "9" * 23),
        "expected an integer (at most 15 digits)",
    ),
    "resources is null": (
        lambda data: set_descriptor(data, resources=None),
        "datapackage.json:-:resources: must be a list, got None",
    ),
    "seeds folder is not a path": (
        lambda data: set_descriptor(data, **{"sahel:seeds": 5}),
        "datapackage.json:-:sahel:seeds: must be a folder path, got 5",
    ),
    "descriptor is an empty object": (
        lambda data: (data / "datapackage.json").write_text("{}", encoding="utf-8"),
        "datapackage.json:-:version: must be MAJOR.MINOR.PATCH, got None",
    ),
    "descriptor is a list": (
        lambda data: (data / "datapackage.json").write_text("[]", encoding="utf-8"),
        "datapackage.json:-:-: must be a JSON object",
    ),
    "unterminated quote swallows the file": (
        lambda data: _replace_in(data, "topics.csv", "US forces in Niger", '"US forces in Niger'),
        "a double quote opened here is never closed",
    ),
    "offsets swapped": (
        lambda data: (
            edit_cell(data, "claims", "c000-650", "char_start", "4471"),
            edit_cell(data, "claims", "c000-650", "char_end", "4408"),
        ),
        "char_end: char_end 4408 must be after char_start 4471",
    ),
    "cell larger than the csv module's default limit": (
        lambda data: edit_cell(data, "claims", "c000-650", "note", "x" * 200_000),
        None,
    ),
}


@pytest.mark.parametrize("name", list(CRASHERS))
def test_corruption_is_reported_never_raised(curated_copy, name):
    corrupt, expected = CRASHERS[name]
    corrupt(curated_copy)
    messages = _messages(curated_copy)  # must not raise
    if expected is None:
        assert messages == []  # a long note is legal; it must simply not crash
    else:
        assert any(expected in m for m in messages), messages


def test_required_list_with_no_items_is_reported(curated_copy):
    """Regression: '|' split to an empty list and passed, then crashed the timeline's lanes."""
    line = edit_cell(curated_copy, "events", "e-miller", "actor_ids", "|")
    assert f"data/events.csv:{line}:actor_ids: lists no actors id" in _messages(curated_copy)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(f.relative_to(folder)): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()
    }


def test_each_corruption_causes_its_own_distinct_message(curated_copy, tmp_path):
    """The untouched copy every corruption starts from validates with no problem, so each line a
    case expects is caused by its corruption; each case changes the files, and no two expect the
    same line (replaces a count of the cases, which could not fail)."""
    assert [str(p) for p in load_and_validate(curated_copy)[1]] == []
    untouched = _snapshot(curated_copy.parent)
    expected = {}
    for i, (name, corrupt) in enumerate(CORRUPTIONS.items()):
        case = tmp_path / "cases" / str(i)
        copy_curated(case / "data", case / "seeds")
        # Compared outside the asserts: pytest would print both packages in full.
        fresh = _snapshot(case) == untouched
        assert fresh, f"{name}: the copy differs before its corruption"
        expected[name] = corrupt(case / "data")
        changed = _snapshot(case) != untouched
        assert changed, f"{name} changed nothing"
    lines = list(expected.values())
    assert [n for n, line in expected.items() if lines.count(line) > 1] == []
    assert len(expected) >= 10


def test_seed_file_outside_seeds_is_never_read(curated_copy):
    """Regression: a seed_file such as ../data/claims.csv was read, and 60 characters of that
    file were quoted back in the quote-mismatch messages."""
    expected = CORRUPTIONS["seed file outside seeds/"](curated_copy)
    assert [str(p) for p in load_and_validate(curated_copy)[1]] == [expected]
