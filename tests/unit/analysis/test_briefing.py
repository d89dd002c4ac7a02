"""lib/analysis/briefing.py: key judgments in rank order and the story steps."""

from __future__ import annotations

from lib.analysis.briefing import list_judgments, list_story_steps
from lib.analysis.filters import Filters, apply_filters
from lib.data.cells import split_list
from tests.helpers.packages import with_table


def test_list_judgments_is_in_rank_order_whatever_the_file_order(curated):
    shuffled = with_table(curated, "judgments", curated["judgments"].iloc[::-1])
    judgments = list_judgments(shuffled)
    assert list(judgments["rank"]) == sorted(curated["judgments"]["rank"])
    assert list(judgments["judgment_id"]) == ["j1", "j2", "j3", "j4", "j5"]
    for _, row in judgments.iterrows():
        assert row["kept_claims"] == split_list(row["claim_ids"])


def test_judgments_keep_only_the_claims_the_view_keeps(curated):
    view = apply_filters(curated, Filters(sources=("cnn-000",)))
    kept = list_judgments(view).set_index("judgment_id")["kept_claims"]
    assert kept["j2"] == ["c000-650"]
    assert kept["j5"] == ["c000-since2014a", "c000-decade"]
    assert all(c.startswith("c000-") for claims in kept for c in claims)


def test_story_steps_are_every_event_numbered_in_date_order(curated):
    steps = list_story_steps(curated)
    assert list(steps["step"]) == list(range(1, len(curated["events"]) + 1))
    assert set(steps["event_id"]) == set(curated["events"]["event_id"])
    assert steps["date_low"].is_monotonic_increasing
    assert (steps.iloc[0]["event_id"], steps.iloc[-1]["event_id"]) == (
        "e-presence-start",
        "e-withdrawal",
    )
