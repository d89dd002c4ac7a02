"""lib/analysis/coverage.py: the coverage matrix and the topic panels, on the curated snapshot and
on a fixture with a third source."""

from __future__ import annotations

import pandas as pd

from lib.analysis.coverage import (
    LABEL_COLUMNS,
    MAX_NAMED_HIDDEN,
    SILENT,
    build_coverage_counts,
    build_coverage_table,
    describe_coverage,
    index_panel_pages,
    list_single_source_topics,
    list_topic_panels,
    locate_cell,
)
from lib.analysis.filters import Filters, apply_filters
from tests.helpers.packages import AV1, THIRD, with_table


def test_coverage_counts_every_claim_once(curated):
    counts = build_coverage_counts(curated)
    assert counts.to_numpy().sum() == len(curated["claims"])
    assert list(counts.columns) == list(curated["sources"]["source_id"])
    assert counts.at["base_201_history", "cnn-000"] == 0
    assert counts.at["us_forces_count", "cnn-000"] == 1


def test_coverage_table_marks_silence_and_counts_reporters(curated):
    table = build_coverage_table(curated).set_index("topic")
    assert table.at["Air Base 201 history", "cnn-000"] == SILENT
    assert table.at["Air Base 201 history", "reported by"] == "1 of 2"
    # Bare counts, so the matrix fits a phone; the caption says what they count.
    assert table.at["Start of the US presence", "cnn-000"] == "3"
    assert table.at["US forces in Niger", "av1-004"] == "1"


def test_panels_cover_the_disputed_topics_worst_first(curated):
    panels = list_topic_panels(curated)
    topics = [p["topic_id"] for p in panels]
    for wanted in (
        "us_forces_count",
        "agreement_start",
        "us_air_bases",
        "agreement_revoked",
        "russia_forces_niger",
        "wagner",
    ):
        assert wanted in topics
    assert {p["topic_id"] for p in panels if p["headline"] == "conflicts"} == {
        "agreement_start",
        "agreement_revoked",
    }
    assert topics.index("agreement_start") < topics.index("us_forces_count")
    troop = next(p for p in panels if p["topic_id"] == "us_forces_count")
    assert troop["headline"] == "unresolved"
    assert [r["claim_a"] for r in troop["relations"]] == ["c000-650"]


def test_every_shared_topic_has_a_panel_and_every_other_is_single_source(curated):
    counts = build_coverage_counts(curated)
    shared = {t for t, row in counts.iterrows() if (row > 0).sum() >= 2}
    assert {p["topic_id"] for p in list_topic_panels(curated)} == shared
    single = list_single_source_topics(curated)
    assert set(single["topic_id"]) | shared == {t for t, row in counts.iterrows() if row.sum()}
    assert single.set_index("topic_id").at["base_201_history", "only"] == "av1-004"


def test_a_third_source_adds_a_column_and_new_panels(curated, three_sources):
    assert list(build_coverage_counts(three_sources).columns) == ["cnn-000", "av1-004", THIRD]
    before = {p["topic_id"]: p for p in list_topic_panels(curated)}
    after = {p["topic_id"]: p for p in list_topic_panels(three_sources)}
    assert THIRD in after["us_forces_count"]["sources"]
    assert len(after["agreement_start"]["relations"]) > len(before["agreement_start"]["relations"])
    assert "russia_forces_niger" in after


def test_source_filter_drops_hidden_sources_columns_instead_of_marking_them_silent(curated):
    # Regression: filtered to av1-004, cnn-000 still had a column of "—", the mark for silence,
    # and the caption said "32 of 32 topics × 2 sources".
    view = apply_filters(curated, Filters(sources=(AV1,)))
    table = build_coverage_table(view, sources=(AV1,))
    assert AV1 in table.columns and "cnn-000" not in table.columns
    assert SILENT not in set(table[AV1])  # every topic shown is one av1-004 reports
    reported = set(view["claims"]["topic"])
    assert set(table.index) == reported
    caption = describe_coverage(view, table, (AV1,))
    topics = len(curated["topics"])
    assert caption.startswith(
        f"{len(reported)} of {topics} topics × 1 source (cnn-000 hidden by the sources filter)"
    )
    assert f"{topics} of {topics} topics × 2 sources" in describe_coverage(
        curated, build_coverage_table(curated)
    )


def test_a_matrix_cell_is_found_only_where_the_matrix_shows_it(curated):
    table = build_coverage_table(curated)
    row = list(table.index).index("us_forces_count")
    assert locate_cell(table, "us_forces_count", "cnn-000") == (row, "cnn-000")
    for topic_id, source_id in [("us_forces_count", "nope"), ("nope", "cnn-000")]:
        assert locate_cell(table, topic_id, source_id) is None
    # A label column is no source's cell.
    assert locate_cell(table, "us_forces_count", LABEL_COLUMNS[-1]) is None
    hidden = build_coverage_table(curated, sources=(AV1,))
    assert locate_cell(hidden, "us_forces_count", "cnn-000") is None


def test_each_panel_knows_its_pager_page(curated):
    panels = list_topic_panels(curated)
    pages = index_panel_pages(panels, 5)
    assert list(pages) == [p["topic_id"] for p in panels]
    assert [pages[p["topic_id"]] for p in panels[:6]] == [1, 1, 1, 1, 1, 2]
    assert pages[panels[-1]["topic_id"]] == -(-len(panels) // 5)


def test_a_matrix_of_many_sources_keeps_those_reporting_most_and_says_how_many_are_left_out(
    curated, three_sources
):
    # At a year of reporting the matrix had one column per source (2,002), which took seconds to
    # build and send; it keeps the sources reporting most of the shown topics, in source order.
    counts = build_coverage_counts(three_sources)
    reach = (counts > 0).sum()
    table = build_coverage_table(three_sources, max_sources=2)
    kept = [c for c in table.columns if c not in LABEL_COLUMNS]
    assert len(kept) == 2
    assert min(reach[kept]) >= max(reach.drop(kept))
    assert kept == [s for s in three_sources["sources"]["source_id"] if s in kept]
    # "reported by" counts the sources shown, out of those shown.
    for topic_id, by in table["reported by"].items():
        assert by == f"{sum(counts.at[topic_id, s] > 0 for s in kept)} of 2"
    caption = describe_coverage(three_sources, table)
    assert " × 2 of 3 sources. " in caption
    assert "Sources: the 2 reporting most of these topics;" in caption
    assert "hidden by the sources filter" not in caption
    # Not capped: every source, and the caption says nothing about left-out sources.
    whole = build_coverage_table(three_sources, max_sources=3)
    assert [c for c in whole.columns if c not in LABEL_COLUMNS] == list(counts.columns)
    assert "reporting most of these topics" not in describe_coverage(three_sources, whole)


def test_a_filter_hiding_many_sources_counts_them_instead_of_naming_each(curated):
    table = build_coverage_table(curated, sources=(AV1,))
    assert "(cnn-000 hidden by the sources filter)" in describe_coverage(curated, table, (AV1,))
    sources = curated["sources"]
    extra = sources.iloc[[0] * MAX_NAMED_HIDDEN].assign(
        source_id=[f"extra-{i}" for i in range(MAX_NAMED_HIDDEN)]
    )
    many = with_table(curated, "sources", pd.concat([sources, extra], ignore_index=True))
    caption = describe_coverage(many, table, (AV1,))
    assert f"({MAX_NAMED_HIDDEN + 1} sources hidden by the sources filter)" in caption
    assert "cnn-000" not in caption
