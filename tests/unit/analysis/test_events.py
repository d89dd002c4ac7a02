"""lib/analysis/events.py: timeline events, their lanes and their filters."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.analysis.briefing import list_story_steps
from lib.analysis.events import (
    DRAW_BUDGET,
    OTHERS_LANE,
    assign_lanes,
    describe_draw_window,
    describe_period,
    filter_timeline,
    find_busiest_period,
    find_root_actor,
    fit_draw_window,
    fit_timeline_view,
)
from lib.data.cells import split_list


def test_a_relative_date_spans_its_resolved_range(events):
    withdrawal = events.set_index("event_id").loc["e-withdrawal"]
    assert withdrawal["precision"] == "range"
    assert (withdrawal["date_high"] - withdrawal["date_low"]).days > 150


def test_lanes_follow_the_lead_actors_root(curated):
    lanes = assign_lanes(curated)
    assert lanes["e-coup"] == "Niger"  # cnsp -> niger
    assert lanes["e-prigozhin-rebellion"] == "Russia"  # prigozhin -> wagner -> russia
    assert lanes["e-withdrawal"] == "United States"
    assert lanes["e-protest"] == OTHERS_LANE  # protesters belong to nobody
    assert find_root_actor(curated["actors"], "langley") == "us"


def test_root_actor_walk_stops_on_an_affiliation_cycle():
    actors = pd.DataFrame({"actor_id": ["a", "b"], "affiliation": ["b", "a"]})
    assert find_root_actor(actors, "a") in {"a", "b"}


@pytest.mark.parametrize(
    ("window", "categories", "sources", "expected"),
    [
        (None, (), (), 22),
        ((date(2024, 3, 1), date(2024, 3, 31)), (), (), None),
        (None, ("coup",), (), 1),
        (None, (), ("cnn-000",), None),
    ],
)
def test_filters_narrow_the_events(events, curated, window, categories, sources, expected):
    shown = filter_timeline(events, window, categories, sources)
    if expected is not None:
        assert len(shown) == expected
    if window:
        assert (shown["date_high"] >= window[0]).all() and (shown["date_low"] <= window[1]).all()
        assert "e-revocation" in set(shown["event_id"])
        assert "e-coup" not in set(shown["event_id"])
    if sources:
        claims = curated["claims"].set_index("claim_id")
        for _, event in shown.iterrows():
            assert any(claims.at[c, "source_id"] in sources for c in event["claim_ids"])
        assert len(shown) < len(events)


def test_every_event_claim_exists(curated):
    claims = set(curated["claims"]["claim_id"])
    for cell in curated["events"]["claim_ids"]:
        assert set(split_list(cell)) <= claims


def test_events_are_numbered_in_date_order_and_the_story_shares_the_numbers(events, curated):
    assert list(events["number"]) == list(range(1, len(events) + 1))
    assert events["date_low"].is_monotonic_increasing
    steps = list_story_steps(curated)
    assert list(steps["step"]) == list(events["number"])


def test_busiest_period_holds_the_crisis_not_the_background(events):
    low, high = find_busiest_period(events)
    assert (low, high) != (events["date_low"].min(), events["date_high"].max())
    crisis = events[events["date_low"] >= date(2023, 7, 1)]
    # Most events of the story's last year sit inside it; the 2011 and 2018 ones do not.
    inside = crisis[(crisis["date_low"] >= low) & (crisis["date_low"] <= high)]
    assert len(inside) >= len(crisis) - 1
    assert low > date(2019, 12, 31)


def test_busiest_period_is_none_when_there_is_nothing_to_zoom_into(events):
    assert find_busiest_period(events.head(1)) is None
    same_year = events[events["date_low"] >= date(2024, 3, 1)]
    # Every event already inside one span: the busiest period is the whole of it.
    assert find_busiest_period(same_year) is None


def test_describe_period_names_months():
    assert describe_period(date(2023, 7, 1), date(2024, 5, 12)) == "Jul 2023 – May 2024"
    assert describe_period(date(2023, 7, 1), date(2023, 7, 31)) == "Jul 2023"


def _spread_events(n: int, long_ones: int = 0) -> pd.DataFrame:
    """n one-day events, a week apart from 2020, and ``long_ones`` that run the whole span."""
    start = date(2020, 1, 1)
    days = [start + pd.Timedelta(weeks=i) for i in range(n)]
    rows = [{"event_id": f"e{i}", "date_low": d, "date_high": d} for i, d in enumerate(days)]
    rows += [
        {"event_id": f"long{i}", "date_low": start, "date_high": days[-1]} for i in range(long_ones)
    ]
    frame = pd.DataFrame(rows)
    frame["category"], frame["sources"] = "statement", [("s",)] * len(frame)
    return frame


def test_the_whole_story_is_drawn_when_it_fits(events):
    assert fit_draw_window(events, None) is None
    assert fit_draw_window(_spread_events(DRAW_BUDGET), None) is None


@pytest.mark.parametrize("long_ones", [0, 3])
def test_past_the_budget_the_latest_window_holding_it_is_drawn(long_ones):
    many = _spread_events(DRAW_BUDGET * 3, long_ones)
    window = fit_draw_window(many, None)
    drawn = filter_timeline(many, window)
    assert len(drawn) <= DRAW_BUDGET
    assert window[1] == many["date_high"].max()
    # The latest: every event ending after the window's start is drawn, and nothing later left.
    assert set(drawn["event_id"]) >= {f"e{i}" for i in range(DRAW_BUDGET * 3 - 10, DRAW_BUDGET * 3)}
    assert len(drawn) >= DRAW_BUDGET - 1 - long_ones  # not needlessly narrow


def test_a_zoom_that_fits_the_budget_is_the_window_drawn():
    many = _spread_events(DRAW_BUDGET * 3)
    zoom = (date(2021, 1, 1), date(2021, 6, 30))
    assert fit_draw_window(many, zoom) == zoom
    whole = (many["date_low"].min(), many["date_high"].max())
    assert fit_draw_window(many, whole) != whole  # too many in it: the latest window instead


def test_the_draw_window_caption_counts_what_is_drawn_of_all():
    many = _spread_events(DRAW_BUDGET * 2)
    window = fit_draw_window(many, None)
    text = describe_draw_window(many, window)
    assert f"of {DRAW_BUDGET * 2} events" in text
    assert f"the {len(filter_timeline(many, window))} of" in text


def _timeline_rows(n: int) -> pd.DataFrame:
    frame = _spread_events(n)
    frame["disputed"] = False
    return frame


def test_a_timeline_view_of_no_events_only_says_so():
    empty = _timeline_rows(3).iloc[0:0]
    view = fit_timeline_view(empty, (date(2020, 1, 1), date(2020, 2, 1)), 22)
    assert (view.span, view.zoom, view.window) == (None, None, None)
    assert view.drawn.empty and view.in_view.empty
    assert view.captions == ["No events match the filters (0 of 22)."]


def test_a_zoomed_view_draws_every_event_and_counts_those_in_view():
    rows = _timeline_rows(10)  # one a week from 1 Jan 2020
    view = fit_timeline_view(rows, (date(2020, 1, 14), date(2020, 1, 31)), 40)
    assert view.span == (date(2020, 1, 1), rows["date_high"].max())
    assert view.zoom == (date(2020, 1, 14), date(2020, 1, 31))
    assert view.window is None and len(view.drawn) == 10  # panning shows the rest
    assert list(view.in_view["event_id"]) == ["e2", "e3", "e4"]
    assert view.captions[0].startswith("Zoomed to Jan 2020: 3 of these 10 events in view.")
    assert "10 of 40 events" in view.captions[0] and len(view.captions) == 1


def test_an_unzoomed_view_past_the_budget_draws_one_window_and_says_which():
    rows = _timeline_rows(DRAW_BUDGET * 2)
    view = fit_timeline_view(rows, None, len(rows))
    assert view.zoom is None and view.window == fit_draw_window(rows, None)
    assert len(view.drawn) <= DRAW_BUDGET and view.in_view is view.drawn
    assert view.captions[0].startswith(f"{len(rows)} of {len(rows)} events, ")
    assert view.captions[1:] == [describe_draw_window(rows, view.window)]
