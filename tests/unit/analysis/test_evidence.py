"""lib/analysis/evidence.py: claims in reading order, figures in words, topics as readers see
them."""

from __future__ import annotations

import pandas as pd

from lib.analysis.evidence import (
    ClaimIndex,
    choose_document,
    format_figure,
    group_by_source,
    index_topics,
    list_documents,
    list_source_topics,
    order_claims,
)


def test_claims_are_ordered_by_source_table_then_reading_order(curated):
    shuffled = curated["claims"].sample(frac=1, random_state=7)
    ordered = order_claims(shuffled, curated)
    rank = {sid: i for i, sid in enumerate(curated["sources"]["source_id"])}
    keys = [(rank[s], c) for s, c in zip(ordered["source_id"], ordered["char_start"], strict=True)]
    assert keys == sorted(keys)
    assert len(ordered) == len(shuffled)
    assert list(ordered.index) == list(range(len(ordered)))


def test_source_order_beats_an_earlier_offset_in_a_later_source(curated):
    first, second = curated["sources"]["source_id"][:2]
    claims = pd.DataFrame(
        {"claim_id": ["late", "early", "mid"], "source_id": [second, first, first]}
    ).assign(char_start=[1, 900, 50])
    assert list(order_claims(claims, curated)["claim_id"]) == ["mid", "early", "late"]


def test_claim_index_picks_known_claims_once_in_reading_order(curated):
    index = ClaimIndex(curated)
    ids = list(curated["claims"]["claim_id"].sample(frac=1, random_state=3)[:6])
    picked = [r["claim_id"] for r in index.pick([*ids, ids[0], "no-such-claim"])]
    expected = order_claims(curated["claims"][curated["claims"]["claim_id"].isin(ids)], curated)
    assert picked == list(expected["claim_id"])


def test_grouping_by_source_keeps_each_sources_records_in_order():
    records = [
        {"claim_id": "a1", "source_id": "a"},
        {"claim_id": "a2", "source_id": "a"},
        {"claim_id": "b1", "source_id": "b"},
    ]
    grouped = group_by_source(records)
    assert [(s, [r["claim_id"] for r in rows]) for s, rows in grouped] == [
        ("a", ["a1", "a2"]),
        ("b", ["b1"]),
    ]
    assert group_by_source([]) == []


def test_figures_read_as_their_bounds():
    def row(**cells):
        return pd.Series(cells)

    assert (
        format_figure(
            row(
                bound="approx",
                hedge="about",
                value=650.0,
                value_low=585.0,
                value_high=715.0,
                unit="people",
            )
        )
        == "about 650 (585–715) people"
    )
    assert (
        format_figure(
            row(
                bound="lower",
                hedge="more than",
                value=1000.0,
                value_low=1001.0,
                value_high=None,
                unit="people",
            )
        )
        == "more than 1,000 (≥ 1,001, no upper limit) people"
    )
    assert (
        format_figure(
            row(bound="exact", value=110e6, value_low=110e6, value_high=110e6, unit="USD")
        )
        == "$110,000,000"
    )
    assert (
        format_figure(
            row(
                bound="range",
                hedge="nearly",
                value=None,
                value_low=9.0,
                value_high=10.0,
                unit="years",
            )
        )
        == "nearly 9–10 years"
    )
    assert format_figure(row(bound=None)) == ""


def test_topic_choices_are_in_the_order_readers_see_them(curated):
    """Regression: options were sorted by internal id, so labels appeared in no order."""
    labels, _ = index_topics(curated)
    shown = [labels[t] for t in list_source_topics(curated, "av1-004")]
    assert shown == sorted(shown, key=str.casefold)
    assert set(list_source_topics(curated, "av1-004")) == set(
        curated["claims"].loc[curated["claims"]["source_id"] == "av1-004", "topic"]
    )


def test_an_approximate_figure_without_a_hedge_word_reads_about(curated):
    """Regression: c004-12yr ('12-year-old', approx, no hedge word) showed as 'nan 12'."""
    claims = curated["claims"].set_index("claim_id", drop=False)
    assert format_figure(claims.loc["c004-12yr"]) == "about 12 (10.8–13.2) years"


def test_reader_opens_the_filters_document_not_the_first(curated):
    """Regression (issue 15): with the sidebar's Sources filter on one source, the reader opened
    the package's first document; it now offers and opens the filter's documents."""
    ids = list(curated["sources"]["source_id"])
    last = ids[-1]
    assert list_documents(curated, (last,)) == [last]
    assert choose_document(list_documents(curated, (last,)), None, (last,)) == (last, [])
    # Several sources: the first the filter names, the offer in the package's order.
    both = (last, ids[0])
    assert list_documents(curated, both) == [ids[0], last]
    assert choose_document(list_documents(curated, both), None, both)[0] == last
    # A link naming a document outside the filter gets the filter's document and a notice.
    opened, notices = choose_document([last], ids[0], (last,))
    assert opened == last and len(notices) == 1 and ids[0] in notices[0]
    assert list_documents(curated, ()) == ids
