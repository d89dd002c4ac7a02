"""lib/render/tables.py: the table twins of the reader, the map, the timeline and the troop
chart."""

from __future__ import annotations

from lib.analysis.events import describe_timeline, filter_timeline
from lib.analysis.troops import select_troop_claims
from lib.data.cells import is_present, split_list
from lib.render.tables import (
    build_claims_table,
    build_events_table,
    build_places_table,
    build_troop_table,
    fit_column_width,
)
from tests.helpers.packages import find_claims_naming


def test_claims_table_filters_by_topic_and_search(curated):
    everything = build_claims_table(curated, "cnn-000")
    troops = build_claims_table(curated, "cnn-000", ("us_forces_count",))
    assert list(troops["claim_id"]) == ["c000-650"]
    wagner = build_claims_table(curated, "cnn-000", search="WAGNER")
    assert list(wagner["claim_id"]) == ["c000-wagner"]
    assert len(everything) == (curated["claims"]["source_id"] == "cnn-000").sum()
    assert list(everything["char_start"]) == sorted(everything["char_start"])


def test_places_table_counts_every_claim_place_pair(curated):
    table = build_places_table(curated)
    places = curated["places"]
    assert list(table["place_id"]) == list(places["place_id"])
    pairs = sum(len(split_list(cell)) for cell in curated["claims"]["place_ids"])
    assert table["claims"].sum() == pairs
    assert table["events"].sum() == curated["events"]["place_id"].map(is_present).sum()
    agadez = table.set_index("place_id").loc["agadez"]
    assert agadez["claims"] == len(find_claims_naming(curated, {"agadez"}))


def test_table_twin_and_caption_describe_the_visible_events(events):
    shown = filter_timeline(events, categories=("russia", "iran"))
    table = build_events_table(shown)
    assert list(table["event_id"]) == list(shown["event_id"])
    assert set(table["category"]) == {"Russia", "Iran"}
    assert describe_timeline(shown, len(events)).startswith(f"{len(shown)} of {len(events)} events")
    assert describe_timeline(shown.iloc[0:0], 22) == "No events match the filters (0 of 22)."


def test_troop_table_has_one_row_per_claim_with_interval_text(curated):
    table = build_troop_table(select_troop_claims(curated))
    assert table["claim_id"].tolist() == ["c000-650", "c004-1000"]
    assert table["interval"].tolist() == ["585–715", "≥ 1,001"]
    assert table["figure"].tolist()[0] == "about 650 (585–715) people"
    assert table["date"].tolist() == ["reported 16–22 Mar 2024", "reported 8–22 Apr 2024"]


def test_troop_table_grows_with_third_source(three_sources):
    table = build_troop_table(select_troop_claims(three_sources))
    assert len(table) == 3
    assert table["interval"].iloc[2] == "900–1,100"


def test_a_column_widens_to_show_its_longest_value_and_never_narrows_below_its_floor():
    # The coverage matrix's "by" column: "2 of 2" in the story, "22 of 202" at 100x sources.
    story = fit_column_width(["2 of 2", "1 of 2"], 56)
    year = fit_column_width(["2 of 202", "22 of 202"], 56)
    assert 56 <= story < year
    assert fit_column_width(["22 of 202", "2 of 202"], 56) == year  # the longest decides
    assert fit_column_width(["1 of 2"], 90) == 90
    assert fit_column_width([], 56) == 56
