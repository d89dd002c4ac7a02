"""Faithfulness lint: claims whose statement drops a marker its quote carries.

A statement paraphrases its quote. It must not turn "officials said X would happen" into "X will
happen": each family of markers (modal, attribution, negation, hedge) found in the quote must
show in the statement too, or the claim carries a ``statement_note`` saying why the paraphrase
may drop it. Findings are warnings: ``python -m lib.validate --lint`` lists them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from lib.data.cells import is_present
from lib.data.intervals import HEDGES, POST_HEDGES

# Each family: the words that mark it. A statement keeps the family if it has any of its words.
MARKER_FAMILIES: dict[str, tuple[str, ...]] = {
    "modal": ("would", "could", "may", "might", "can", "should", "will"),
    "attribution": (
        "according to",
        "reportedly",
        "said",
        "says",
        "say",
        "told",
        "i think",
        "believe",
        "believes",
        "believed",
        "claims",
        "warned",
        "warns",
        "announced",
        "declared",
        "reports",
    ),
    "negation": ("not", "n't", "no", "never", "without", "nor"),
    # Every hedge a figure is read with, but "between" (a hedge only in "between A and B") and
    # "-odd", "-plus" (joined to their number); then words that hedge a statement, not a number.
    "hedge": (
        *(hedge for hedge, entry in HEDGES.items() if entry.bound != "range"),
        *(hedge for hedge in POST_HEDGES if hedge[0].isalpha()),
        "likely",
        "possibly",
        "potentially",
    ),
}
_PATTERNS = {
    family: re.compile(
        # Longest first: "no more than" is one marker, not "more than".
        r"(?<![\w’'])("
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![\w])",
        re.IGNORECASE,
    )
    for family, words in MARKER_FAMILIES.items()
}
# "n't" attaches to its verb, so it has no word boundary before it.
_NOT_RE = re.compile(r"n[’']t\b", re.IGNORECASE)


class LintFinding(NamedTuple):
    """One claim whose statement drops a family of markers that its quote carries."""

    claim_id: str
    family: str
    marker: str
    row: int

    def __str__(self) -> str:
        return (
            f"claims.csv:{self.row}:statement: {self.claim_id}: the quote has the "
            f"{self.family} {self.marker!r}, the statement has none; fix it or say why in "
            "statement_note"
        )


def find_markers(text: str) -> dict[str, str]:
    """The first marker of each family found in ``text``, by family."""
    found = {}
    for family, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match:
            found[family] = match.group(1).lower()
    if "negation" not in found and _NOT_RE.search(text):
        found["negation"] = "n't"
    return found


def lint_claims(claims: pd.DataFrame, lines: list[int] | None = None) -> list[LintFinding]:
    """Every claim without a statement_note whose statement lacks a marker family its quote has."""
    findings = []
    for position, (_, row) in enumerate(claims.iterrows()):
        if is_present(row.get("statement_note")):
            continue
        in_quote = find_markers(str(row["quote"]))
        in_statement = find_markers(str(row["statement"]))
        line = lines[position] if lines else position + 2
        for family, marker in in_quote.items():
            if family not in in_statement:
                findings.append(LintFinding(str(row["claim_id"]), family, marker, line))
    return findings
