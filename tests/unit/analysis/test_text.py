"""Sentences: cut where a reader would, never at a title's full stop, always slicing back to the
text at their offsets."""

import pytest

from lib.analysis.text import Sentence, split_sentences


def test_sentences_slice_back_to_their_text_and_break_at_newlines_and_full_stops():
    text = "  First one. Second one?\n“Third,” he said!  \n\nFourth"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First one.",
        "Second one?",
        "“Third,” he said!",
        "Fourth",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_sentence_split_needs_a_capital_or_quote_and_skips_abbreviations():
    text = (
        "Gen. Michael Langley met U.S. Africa Command staff on 3 p.m. sharp. "
        "It was late. “Go,” he said. then nothing."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Michael Langley met U.S. Africa Command staff on 3 p.m. sharp.",
        "It was late.",
        "“Go,” he said. then nothing.",
    ]


def test_sentence_after_a_closing_quote_starts_a_new_sentence():
    text = "He spoke of a “condescending attitude.” Towards Nigerians."
    assert split_sentences(text) == [
        Sentence(0, 39, "He spoke of a “condescending attitude.”"),
        Sentence(40, 58, "Towards Nigerians."),
    ]


def test_empty_text_gives_no_sentences():
    assert split_sentences("") == []


# Regression: the splitter knew fewer titles than the name finder, so "Brig." cut a sentence.
@pytest.mark.parametrize("title", ["Brig. Gen.", "Cmdr.", "Cpl.", "Lt. Col.", "Sgt."])
def test_a_title_before_a_name_does_not_end_the_sentence(title):
    text = f"{title} Moussa Barmou met the envoy. Talks resumed."
    assert [s.text for s in split_sentences(text)] == [
        f"{title} Moussa Barmou met the envoy.",
        "Talks resumed.",
    ]
