"""The topic a proposed claim joins: the package's topic whose vocabulary the sentence shares."""

from __future__ import annotations

from lib.analysis.ingest.topics import build_topic_index, suggest_topic


def test_a_troop_figure_is_filed_under_the_troop_topic(package):
    index = build_topic_index(package)
    topic, _ = suggest_topic(
        "About 600 U.S. troops remain in Niger, officials said.", "people", index
    )
    assert topic == "us_forces_count"
