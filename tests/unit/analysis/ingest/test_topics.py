"""The topic a proposed claim joins: the package's topic whose vocabulary the sentence shares."""

from __future__ import annotations

from lib.analysis.ingest.topics import build_topic_index, suggest_topic


def test_a_troop_figure_is_filed_under_the_troop_topic(curated):
    index = build_topic_index(curated)
    topic, _ = suggest_topic(
        "About 600 U.S. troops remain in Niger, officials said.", "people", index
    )
    assert topic == "us_forces_count"


def test_a_sentence_of_function_words_and_speech_verbs_joins_no_topic(curated):
    index = build_topic_index(curated)
    topic, score = suggest_topic("How many of them said there were more, and when?", "", index)
    assert (topic, score) == (None, 0.0)
