"""lib/analysis/coverage.py: the coverage matrix and the topic panels, on the real package and on
a fixture with a third source."""

from __future__ import annotations

from lib.analysis.coverage import (
    SILENT,
    build_coverage_counts,
    build_coverage_table,
    list_single_source_topics,
    list_topic_panels,
)
from tests.helpers import THIRD


def test_coverage_counts_every_claim_once(package):
    counts = build_coverage_counts(package)
    assert counts.to_numpy().sum() == len(package["claims"])
    assert list(counts.columns) == list(package["sources"]["source_id"])
    assert counts.at["base_201_history", "cnn-000"] == 0
    assert counts.at["us_forces_count", "cnn-000"] == 1


def test_coverage_table_marks_silence_and_counts_reporters(package):
    table = build_coverage_table(package).set_index("topic")
    assert table.at["Air Base 201 history", "cnn-000"] == SILENT
    assert table.at["Air Base 201 history", "reported by"] == "1 of 2"
    assert table.at["Start of the US presence", "cnn-000"] == "3 claims"
    assert table.at["US forces in Niger", "av1-004"] == "1 claim"


def test_panels_cover_the_disputed_topics_worst_first(package):
    panels = list_topic_panels(package)
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


def test_every_shared_topic_has_a_panel_and_every_other_is_single_source(package):
    counts = build_coverage_counts(package)
    shared = {t for t, row in counts.iterrows() if (row > 0).sum() >= 2}
    assert {p["topic_id"] for p in list_topic_panels(package)} == shared
    single = list_single_source_topics(package)
    assert set(single["topic_id"]) | shared == {t for t, row in counts.iterrows() if row.sum()}
    assert single.set_index("topic_id").at["base_201_history", "only"] == "av1-004"


def test_a_third_source_adds_a_column_and_new_panels(package, three_sources):
    assert list(build_coverage_counts(three_sources).columns) == ["cnn-000", "av1-004", THIRD]
    before = {p["topic_id"]: p for p in list_topic_panels(package)}
    after = {p["topic_id"]: p for p in list_topic_panels(three_sources)}
    assert THIRD in after["us_forces_count"]["sources"]
    assert len(after["agreement_start"]["relations"]) > len(before["agreement_start"]["relations"])
    assert "russia_forces_niger" in after
