"""Text search over every claim's quote and statement: which claims match, in what order, and a
short excerpt of each with the matches marked. Plain pandas and strings; no markup."""

from __future__ import annotations

import re

import pandas as pd

from lib.data.read import Package

# Characters a reader types one way and the documents print another: curly quotes and dashes
# match their keyboard forms. Each maps to one character, so offsets into the text still hold.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# How many characters of context an excerpt keeps on each side of its first match.
EXCERPT_CONTEXT = 60


def fold_text(text: str) -> str:
    """Lower-case ``text`` and unify quotes and dashes, one character for one, for matching."""
    folded = text.translate(_FOLD)
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def split_terms(query: str) -> tuple[str, ...]:
    """The query's words, folded and deduplicated; a claim matches when it holds them all."""
    return tuple(dict.fromkeys(fold_text(query).split()))


def match_claims(claims: pd.DataFrame, query: str) -> pd.Series:
    """For each claim, whether its quote or statement holds every term of ``query``.

    An empty query matches everything.
    """
    terms = split_terms(query)
    haystack = (claims["quote"].astype(str) + "\n" + claims["statement"].astype(str)).map(fold_text)
    return haystack.map(lambda text: all(term in text for term in terms)).astype(bool)


def find_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every (start, end) where a term occurs in ``text``, overlaps merged, in order."""
    folded = fold_text(text)
    found = sorted(
        (m.start(), m.end()) for term in terms if term for m in re.finditer(re.escape(term), folded)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def cut_excerpt(
    text: str, terms: tuple[str, ...], context: int = EXCERPT_CONTEXT
) -> list[tuple[str, bool]]:
    """A short stretch of ``text`` around its first match, as (piece, is_match) pairs.

    Cut at word boundaries, with '…' where text was left out; the whole text when it is short.
    """
    spans = find_spans(text, terms)
    first = spans[0][0] if spans else 0
    low, high = max(0, first - context), min(len(text), first + 2 * context)
    if low > 0:
        space = text.find(" ", low, first)
        low = space + 1 if space != -1 else low
    if high < len(text):
        space = text.rfind(" ", max(first, low), high)
        high = space if space > first else high
    pieces: list[tuple[str, bool]] = [("…", False)] if low > 0 else []
    cursor = low
    for start, end in spans:
        if end <= low or start >= high:
            continue
        start, end = max(start, low), min(end, high)
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < high:
        pieces.append((text[cursor:high], False))
    if high < len(text):
        pieces.append(("…", False))
    return pieces


def search_claims(package: Package, query: str) -> list[dict]:
    """Claims of the package whose quote or statement holds every term of ``query``, best first.

    Each result names the claim, its source and topic label, the field the excerpt comes from
    (the quote when it matches there, else the statement) and the excerpt's pieces. Ranking:
    the whole query as one phrase in the quote, then more terms in the quote, then the package's
    source order and reading order. An empty query finds nothing.
    """
    terms = split_terms(query)
    if not terms:
        return []
    claims = package["claims"]
    hits = claims[match_claims(claims, query)]
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    rank = {sid: i for i, sid in enumerate(package["sources"]["source_id"])}
    phrase = " ".join(terms)
    results = []
    for _, row in hits.iterrows():
        quote = fold_text(str(row["quote"]))
        in_quote = sum(term in quote for term in terms)
        field = "quote" if in_quote else "statement"
        results.append(
            {
                "claim_id": row["claim_id"],
                "source_id": row["source_id"],
                "topic": labels.get(row["topic"], row["topic"]),
                "field": field,
                "excerpt": cut_excerpt(str(row[field]), terms),
                "_key": (
                    phrase not in quote,
                    -in_quote,
                    rank.get(row["source_id"], len(rank)),
                    int(row["char_start"]),
                ),
            }
        )
    results.sort(key=lambda r: r["_key"])
    return [{k: v for k, v in r.items() if k != "_key"} for r in results]
