"""lib/analysis/filters.py: the date span, and the view each filter leaves."""

from __future__ import annotations

from datetime import date

import pytest

from lib.analysis.briefing import list_story_steps
from lib.analysis.filters import (
    Filters,
    apply_filters,
    describe_filters,
    describe_topic_offer,
    keep_highest,
    list_topic_choices,
    list_topic_offer,
)
from lib.data.cells import split_list
from tests.helpers.packages import AV1, map_claims_to_sources


def test_date_bounds_span_every_event_and_dated_claim(curated, bounds):
    assert bounds == (date(2011, 2, 8), date(2024, 10, 22))


def test_apply_filters_without_filters_returns_the_same_package(curated):
    assert apply_filters(curated, Filters()) is curated


def test_source_filter_keeps_only_that_sources_claims_events_and_relations(curated):
    before = curated["events"]["claim_ids"].copy()
    view = apply_filters(curated, Filters(sources=(AV1,)))
    source_of = map_claims_to_sources(curated)
    kept = set(view["claims"]["claim_id"])
    assert kept == {c for c, s in source_of.items() if s == AV1}
    # Events keep only kept claims, and an event left with none is dropped.
    for cell in view["events"]["claim_ids"]:
        assert split_list(cell) and set(split_list(cell)) <= kept
    expected_events = {
        e
        for e, cell in zip(
            curated["events"]["event_id"], curated["events"]["claim_ids"], strict=True
        )
        if any(source_of[c] == AV1 for c in split_list(cell))
    }
    assert set(view["events"]["event_id"]) == expected_events
    assert "e-aid-cut" not in expected_events and "e-coup" in expected_events
    revocation = view["events"].set_index("event_id").at["e-revocation", "claim_ids"]
    assert split_list(revocation) == ["c004-15march", "c004-monthafter"]
    # Every relation pairs two sources, so none survives a one-source view.
    assert view["relations"].empty
    # Labels and colours come from these, so they stay whole.
    assert view["sources"].equals(curated["sources"]) and view["topics"].equals(curated["topics"])
    # The shared package is not mutated by making a view of it.
    assert curated["events"]["claim_ids"].equals(before)
    assert len(curated["claims"]) == 96


def test_topic_filter_keeps_relations_only_between_kept_claims(curated):
    view = apply_filters(curated, Filters(topics=("agreement_start",)))
    kept = set(view["claims"]["claim_id"])
    assert set(view["claims"]["topic"]) == {"agreement_start"}
    assert kept == {"c000-decade", "c000-since2014a", "c000-since2014b", "c004-12yr"}
    pairs = {
        (a, b)
        for a, b in zip(view["relations"]["claim_a"], view["relations"]["claim_b"], strict=True)
    }
    assert pairs == {
        ("c000-decade", "c004-12yr"),
        ("c000-since2014a", "c004-12yr"),
        ("c000-since2014b", "c004-12yr"),
    }
    assert list(view["events"]["event_id"]) == ["e-presence-start"]


def test_date_filter_keeps_undated_claims_and_drops_whatever_lies_outside(curated):
    window = (date(2024, 1, 1), date(2024, 10, 26))
    view = apply_filters(curated, Filters(window=window))
    claims = view["claims"].set_index("claim_id")
    assert "c000-turning" in claims.index  # undated: not about a time, so kept
    assert "c000-coup" not in claims.index  # July 2023: outside
    assert "c004-closerties" in claims.index  # Jul 2023 – Apr 2024: overlaps
    dated = claims[claims["date_low"].notna()]
    assert (dated["date_high"] >= "2024-01-01").all()
    events = view["events"]
    assert not events.empty
    assert (events["date_high"] >= "2024-01-01").all()
    assert {"e-coup", "e-presence-start", "e-aid-cut"}.isdisjoint(events["event_id"])
    assert {"e-revocation", "e-withdrawal"} <= set(events["event_id"])


def test_filters_combine_and_an_empty_view_is_still_a_package(curated):
    view = apply_filters(
        curated, Filters((AV1,), (date(2024, 1, 1), date(2024, 10, 26)), ("coup",))
    )
    assert view["claims"].empty and view["events"].empty and view["relations"].empty
    assert list_story_steps(view).empty


def test_describe_filters_names_each_active_filter(curated):
    assert describe_filters(Filters(), curated) == ""
    assert describe_filters(Filters(sources=(AV1,)), curated) == f"Filtered: sources {AV1}."
    both = Filters((AV1,), (date(2024, 1, 1), date(2024, 10, 26)), ("coup", "us_air_bases"))
    assert describe_filters(both, curated) == (
        f"Filtered: sources {AV1}; dates 01 Jan 2024 – 26 Oct 2024; "
        "topics The July 2023 coup, US air bases."
    )


def test_describe_filters_adds_a_page_filter_without_making_it_global(curated):
    """Regression: the Timeline's own categories were missing from the "Filtered: …" line."""
    page = ("categories Withdrawal",)
    assert describe_filters(Filters(), curated, page) == (
        "Filtered: categories Withdrawal (this page only)."
    )
    assert describe_filters(Filters(sources=(AV1,)), curated, page) == (
        f"Filtered: sources {AV1}; categories Withdrawal (this page only)."
    )


def test_topic_offer_without_words_is_the_most_claimed_in_label_order(curated):
    order, _ = list_topic_choices(curated)
    counts = curated["claims"]["topic"].value_counts()
    offered, qualified = list_topic_offer(curated, "", 5)
    assert qualified == len(order) and len(offered) == 5
    assert offered == [t for t in order if t in set(offered)]  # label order
    assert min(counts[t] for t in offered) >= max(
        counts.get(t, 0) for t in order if t not in offered
    )


def test_topic_offer_with_words_holds_every_word_in_any_case(curated):
    order, labels = list_topic_choices(curated)
    offered, qualified = list_topic_offer(curated, "  AIR   base ", 400)
    expected = [t for t in order if "air" in labels[t].lower() and "base" in labels[t].lower()]
    assert expected and offered == expected and qualified == len(expected)
    first, qualified = list_topic_offer(curated, "air base", 1)
    assert first == expected[:1] and qualified == len(expected)
    assert list_topic_offer(curated, "no such words here", 10) == ([], 0)


def test_topic_offer_line_says_what_is_offered_and_how_to_reach_the_rest():
    assert describe_topic_offer(400, 5033, 5033, "") == (
        "The list offers the 400 most reported of 5033 topics; type words in Find topics to "
        "reach any other."
    )
    assert describe_topic_offer(400, 900, 5033, "report") == (
        "900 of 5033 topics match; the list offers the first 400 of them."
    )
    assert describe_topic_offer(3, 3, 5033, "base") == (
        "3 of 5033 topics match; the list offers all of them."
    )
    assert describe_topic_offer(0, 0, 5033, " zzz ") == (
        "No topic of the 5033 holds every word of “zzz”."
    )


@pytest.mark.parametrize(
    ("limit", "kept"),
    [
        (None, ["a", "b", "c", "d"]),
        (9, ["a", "b", "c", "d"]),
        (2, ["b", "d"]),  # the two highest, in the order given
        (3, ["a", "b", "d"]),  # a tie (a and c) goes to the one given first
        (0, []),
    ],
)
def test_keep_highest_keeps_the_top_scores_in_the_order_given(limit, kept):
    assert keep_highest(["a", "b", "c", "d"], {"a": 1, "b": 5, "c": 1, "d": 3}, limit) == kept
