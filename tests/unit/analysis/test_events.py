"""lib/analysis/events.py: timeline events, their lanes and their filters."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lib.analysis.events import OTHERS_LANE, assign_lanes, filter_timeline, find_root_actor
from lib.data.cells import split_list


def test_a_relative_date_spans_its_resolved_range(events):
    withdrawal = events.set_index("event_id").loc["e-withdrawal"]
    assert withdrawal["precision"] == "range"
    assert (withdrawal["date_high"] - withdrawal["date_low"]).days > 150


def test_lanes_follow_the_lead_actors_root(package):
    lanes = assign_lanes(package)
    assert lanes["e-coup"] == "Niger"  # cnsp -> niger
    assert lanes["e-prigozhin-rebellion"] == "Russia"  # prigozhin -> wagner -> russia
    assert lanes["e-withdrawal"] == "United States"
    assert lanes["e-protest"] == OTHERS_LANE  # protesters belong to nobody
    assert find_root_actor(package["actors"], "langley") == "us"


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
def test_filters_narrow_the_events(events, package, window, categories, sources, expected):
    shown = filter_timeline(events, window, categories, sources)
    if expected is not None:
        assert len(shown) == expected
    if window:
        assert (shown["date_high"] >= window[0]).all() and (shown["date_low"] <= window[1]).all()
        assert "e-revocation" in set(shown["event_id"])
        assert "e-coup" not in set(shown["event_id"])
    if sources:
        claims = package["claims"].set_index("claim_id")
        for _, event in shown.iterrows():
            assert any(claims.at[c, "source_id"] in sources for c in event["claim_ids"])
        assert len(shown) < len(events)


def test_every_event_claim_exists(package):
    claims = set(package["claims"]["claim_id"])
    for cell in package["events"]["claim_ids"]:
        assert set(split_list(cell)) <= claims
