"""Whom a sentence attributes its content to: the words naming the speaker around a speech verb
("officials said", "said Matthew Miller, a spokesman", "according to Reuters"), and the actor
they name, if the package knows it. A pronoun ("He added") is left for a reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.analysis.ingest.entities import (
    ACTOR,
    DAYS,
    MONTHS,
    Mention,
    TextWords,
)
from lib.analysis.text import FUNCTION_WORDS, make_word_set

# Longest pattern of words between a claimant's name and its speech verb, and after it.
MAX_CLAIMANT_WORDS = 10
MAX_TRAILING_WORDS = 6
SPEECH_VERBS = make_word_set(
    """
    said says say told tells tell added adds noted notes stated announced warned warns
    claimed confirmed insisted argued explained acknowledged wrote writes declared stressed
    cautioned asserted alleged
    """
)
# Words that end a claimant's name when read backwards from its speech verb.
CLAUSE_WORDS = make_word_set(
    """
    that which who whom whose whether if because while when whenever after before although
    though since as than where until unless so is was are were be been being has have had will
    would can could may might must should shall do does did not
    """
)
CONJUNCTIONS = make_word_set("and but or so yet")
PRONOUNS = make_word_set("he she it they")
ADVERBS = make_word_set(
    """
    also still later previously again then now separately reportedly repeatedly publicly
    privately recently earlier finally subsequently initially however
    """
)
# Words that cannot open the name of a speaker after an inverted verb: "said in a statement".
NOT_SPEAKER_START = (
    make_word_set("in on at to that this last next earlier later there of by for with from")
    | DAYS
    | MONTHS
)


@dataclass(frozen=True)
class Claimant:
    """Whom a sentence attributes its content to, at offsets into the whole text."""

    surface: str
    actor_id: str | None
    start: int
    end: int
    extracted_by: str


def _is_phrase_edge(doc: TextWords, left: int) -> bool:
    return doc.breaks_phrase(left) or doc.gap(left, left + 1).strip() == ","


def _is_speaker(doc: TextWords, first: int, last: int) -> bool:
    keys = [w.key for w in doc.words[first : last + 1]]
    if len(keys) == 1 and keys[0] in PRONOUNS:
        return True
    return last - first < MAX_CLAIMANT_WORDS and any(k not in FUNCTION_WORDS for k in keys)


def _find_phrase_before(doc: TextWords, verb: int) -> tuple[int, int] | None:
    """The words naming the speaker just before a speech verb: "a senior official" said."""
    last = verb - 1
    if last < 0 or _is_phrase_edge(doc, last):
        return None
    while last > 0 and doc.words[last].key in ADVERBS and not _is_phrase_edge(doc, last - 1):
        last -= 1
    first = last
    while first > 0 and not _is_phrase_edge(doc, first - 1):
        before = doc.words[first - 1].key
        if before in CLAUSE_WORDS:
            break
        # "Russia and China said" is one speaker; "declined to comment and a spokesman said" is not.
        if before in CONJUNCTIONS and not (
            first >= 2 and doc.is_name_word(first - 2) and doc.is_name_word(first)
        ):
            break
        first -= 1
    while first < last and doc.words[first].key in CONJUNCTIONS:
        first += 1
    return (first, last) if _is_speaker(doc, first, last) else None


def _find_phrase_after(doc: TextWords, verb: int) -> tuple[int, int] | None:
    """The words naming the speaker after an inverted verb: said "Matthew Miller", a ..."""
    first = verb + 1
    if first >= len(doc.words) or _is_phrase_edge(doc, verb):
        return None
    if doc.words[first].key in NOT_SPEAKER_START:
        return None
    last = first
    while last + 1 < len(doc.words) and not _is_phrase_edge(doc, last):
        if doc.words[last + 1].key in CLAUSE_WORDS:
            break
        last += 1
    return (first, last) if _is_speaker(doc, first, last) else None


def _opens_clause(doc: TextWords, index: int) -> bool:
    """Whether word ``index`` follows a comma or a quotation mark, or opens the sentence."""
    return index == 0 or _is_phrase_edge(doc, index - 1)


def _find_speaker_words(doc: TextWords) -> tuple[int, int, str] | None:
    words = doc.words
    for index in range(len(words) - 2):
        if words[index].key == "according" and words[index + 1].key == "to":
            phrase = _find_phrase_after(doc, index + 1)
            if phrase:
                return (*phrase, "claimant.according_to")
    verbs = [i for i, w in enumerate(words) if w.key in SPEECH_VERBS]
    # An attribution closing the sentence (", officials said.") covers all that comes before it.
    for verb in reversed(verbs):
        phrase = _find_phrase_before(doc, verb)
        closes = phrase and phrase[0] > 0 and _opens_clause(doc, phrase[0])
        if closes and len(words) - verb - 1 <= MAX_TRAILING_WORDS:
            return (*phrase, "claimant.speech_verb")
        if _opens_clause(doc, verb):
            phrase = _find_phrase_after(doc, verb)
            if phrase:
                return (*phrase, "claimant.inverted")
    for verb in verbs:
        phrase = _find_phrase_before(doc, verb)
        if phrase:
            return (*phrase, "claimant.speech_verb")
    return None


def find_claimant(text: str, start: int, end: int, mentions: list[Mention]) -> Claimant | None:
    """Whom the sentence text[start:end] attributes its content to, or None if it does not say.

    The claimant's actor is the last actor mention inside its words ("State Department
    spokesman Matthew Miller" is Miller); a pronoun ("He added") is left for a reviewer.
    """
    doc = TextWords(text, start, end)
    found = _find_speaker_words(doc)
    if found is None:
        return None
    first, last, rule = found
    span_start, span_end = doc.words[first].start, doc.end_of(first, last)
    if first == last and doc.words[first].key in PRONOUNS:
        rule = "claimant.pronoun"
    inside = [
        m
        for m in mentions
        if m.kind == ACTOR and span_start <= m.start and m.end <= span_end and m.entity_id
    ]
    actor_id = inside[-1].entity_id if inside else None
    return Claimant(text[span_start:span_end], actor_id, span_start, span_end, rule)
