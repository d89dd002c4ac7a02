"""Plain English text → sentences; and the word tables every reader of it shares: the words a
full stop does not end (titles such as "Gen."), and the function words.

Shared by the quality checks and by ingest, so both cut a text at the same places.
"""

from __future__ import annotations

import re
from typing import NamedTuple


def make_word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words``, as a set: word tables stay a few lines."""
    return frozenset(words.split())


# Words written with a full stop before a name ("Gen. Michael Langley", "Brig. Gen.", "Mt.
# Kenya"): a period after one ends an abbreviation, not a sentence. Capitalised, as printed there.
ABBREVIATIONS = frozenset(
    {"Adm", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Ft", "Gen", "Gov", "Jr", "Lt", "Maj"}
    | {"Mr", "Mrs", "Ms", "Mt", "Prof", "Rep", "Sen", "Sgt", "Sr", "St"}
)

# English function words: they name nothing and say nothing of a topic, so no rule reads them as a
# name (entities), a speaker (claimant) or a topic's vocabulary (topics).
FUNCTION_WORDS = make_word_set(
    """
    a an the and or but nor so yet for of in on at to from by with without into onto over
    under about above below after before between among amid against during since until through
    throughout across around near within inside outside via per as than that this these those
    which who whom whose what where when while whether if because although though despite
    however still also even only just now then there here it its he his him she her they their
    them we our us you your i my me is are was were be been being has have had having do does
    did will would can could may might must shall should not no yes last next earlier later
    already never ever again all both each every some any many much more most few other another
    such own same meanwhile further according like unlike up down out off once twice several
    one two three four five six seven eight nine ten first second third how
    """
)


OPENING_QUOTES = "“‘\"'"


class Sentence(NamedTuple):
    """A sentence as ``text[start:end]``, trimmed of surrounding whitespace."""

    start: int
    end: int
    text: str


_TERMINATOR_RE = re.compile(r"[.?!]+[”’\"')\]]*\s+")


_INITIALISM_RE = re.compile(r"(?:[A-Z]\.)*[A-Z]")


def _is_abbreviation(line: str, terminator_start: int) -> bool:
    before = line[:terminator_start].rsplit(maxsplit=1)
    word = before[-1] if before else ""
    return word in ABBREVIATIONS or bool(_INITIALISM_RE.fullmatch(word))


def _starts_sentence(line: str, position: int) -> bool:
    if position >= len(line):
        return False
    char = line[position]
    if char in OPENING_QUOTES:
        return True
    return char.isupper()


def trim_span(text: str, start: int, end: int) -> Sentence | None:
    """``text[start:end]`` without its surrounding whitespace, or None when nothing is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    first = start + (len(piece) - len(piece.lstrip()))
    return Sentence(first, first + len(stripped), stripped)


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences: every line break ends one, and so does ``.``/``?``/``!``.

    Terminal punctuation (with any closing quote) ends a sentence only when whitespace and then a
    capital or an opening quote follow, and a lone ``.`` after an abbreviation ("Gen.") or an
    initialism ("U.S.") never does. ``text[s.start:s.end] == s.text`` for every sentence.
    """
    sentences = []
    for line in re.finditer(r"[^\n]+", text):
        body, offset = line.group(), line.start()
        start = 0
        for stop in _TERMINATOR_RE.finditer(body):
            if not _starts_sentence(body, stop.end()):
                continue
            # Only a single period can close an abbreviation; "?", "!" and "..." always end.
            single_period = stop.group()[0] == "." and not stop.group().startswith("..")
            if single_period and _is_abbreviation(body, stop.start()):
                continue
            sentence = trim_span(text, offset + start, offset + stop.end())
            if sentence:
                sentences.append(sentence)
            start = stop.end()
        sentence = trim_span(text, offset + start, offset + len(body))
        if sentence:
            sentences.append(sentence)
    return sentences
