"""lib/analysis/ingest/claimant.py: whom a sentence attributes its content to, and the actor
that names, at offsets into the whole text."""

from __future__ import annotations

import pytest

from lib.analysis.ingest.claimant import find_claimant
from lib.analysis.ingest.entities import Gazetteer, build_gazetteer, find_mentions


@pytest.fixture(scope="module")
def gazetteer(curated) -> Gazetteer:
    return build_gazetteer(curated["places"], curated["actors"])


CLAIMANTS = {
    "officials said": (
        "Russia offered help, officials said.",
        ("officials", None, "claimant.speech_verb"),
    ),
    "a spokesperson said": (
        "A spokesperson said the base would close.",
        ("A spokesperson", None, "claimant.speech_verb"),
    ),
    "according to the Pentagon": (
        "The base will close in September, according to the Pentagon.",
        ("the Pentagon", "pentagon", "claimant.according_to"),
    ),
    "a named person told reporters": (
        "Gen. Michael Langley told reporters that drones were grounded.",
        ("Gen. Michael Langley", "langley", "claimant.speech_verb"),
    ),
    "said Name, an apposition": (
        "“Talks continue,” said Matthew Miller, a State Department spokesman.",
        ("Matthew Miller", "miller", "claimant.inverted"),
    ),
    "the person, not their agency": (
        "State Department spokesman Matthew Miller said on Saturday that talks continue.",
        ("State Department spokesman Matthew Miller", "miller", "claimant.speech_verb"),
    ),
    "an unnamed official of a named agency": (
        "A Pentagon official said the drones had stopped.",
        ("A Pentagon official", "pentagon", "claimant.speech_verb"),
    ),
    "a pronoun is left to the reviewer": (
        "He added that nothing had changed.",
        ("He", None, "claimant.pronoun"),
    ),
    # Regression rows: the attribution that closes a sentence covers all before it, a clause
    # joined by "and" is not part of the speaker, and an adverb before the verb is not either.
    "the closing attribution wins": (
        "Russia told Niger it would help, officials said.",
        ("officials", None, "claimant.speech_verb"),
    ),
    "and starts a new clause": (
        "The Pentagon declined to comment and a spokesman said nothing more.",
        ("a spokesman", None, "claimant.speech_verb"),
    ),
    "an adverb before the verb": (
        "Officials also said the withdrawal would leave a vacuum.",
        ("Officials", None, "claimant.speech_verb"),
    ),
}


@pytest.mark.parametrize(
    ("sentence", "expected"), list(CLAIMANTS.values()), ids=list(CLAIMANTS.keys())
)
def test_find_claimant_names_who_the_sentence_attributes(gazetteer, sentence, expected):
    claimant = find_claimant(sentence, 0, len(sentence), find_mentions(sentence, gazetteer))
    assert claimant is not None
    assert (claimant.surface, claimant.actor_id, claimant.extracted_by) == expected


def test_a_sentence_with_no_attribution_has_no_claimant(gazetteer):
    sentence = "The troops will leave within months."
    assert find_claimant(sentence, 0, len(sentence), find_mentions(sentence, gazetteer)) is None


def test_claimant_offsets_are_into_the_whole_text(gazetteer):
    text = "Drones are grounded. The base will close, a senior official said. Nothing else."
    start = text.index("The base")
    end = text.index("Nothing") - 1
    claimant = find_claimant(text, start, end, find_mentions(text, gazetteer))
    assert claimant is not None
    assert text[claimant.start : claimant.end] == claimant.surface == "a senior official"
