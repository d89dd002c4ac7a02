"""The faithfulness lint: a statement keeps the modals, attributions, negations and hedges its
quote carries, or its statement_note says why."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.data.intervals import HEDGES
from lib.data.lint import find_markers, lint_claims


def _claims(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"claim_id": c, "quote": q, "statement": s, "statement_note": None} for c, q, s in rows]
    )


@pytest.mark.parametrize(
    ("quote", "statement", "family", "marker"),
    [
        # Regression: c000-650 turned the officials' conditional into a forecast.
        (
            "Officials also said the withdrawal of about 650 troops would create a vacuum",
            "About 650 US troops will withdraw.",
            "attribution",
            "said",
        ),
        (
            "the withdrawal would create a vacuum",
            "The withdrawal creates a vacuum.",
            "modal",
            "would",
        ),
        ("I think the pace is accelerating", "The pace is accelerating.", "attribution", "i think"),
        (
            "According to Russian reports, they were Africa Corps",
            "They were Africa Corps.",
            "attribution",
            "according to",
        ),
        ("The visit was not a success", "The visit failed.", "negation", "not"),
        ("There wasn’t.", "There was.", "negation", "n't"),
        ("for nearly a decade", "For a decade.", "hedge", "nearly"),
        ("more than 1,000 personnel", "1,000 personnel.", "hedge", "more than"),
        # Regression: the lint knew 13 hedges of the figure reader's 30 and missed these.
        ("as many as 1,500 troops", "1,500 troops.", "hedge", "as many as"),
        ("upwards of 800 contractors", "800 contractors.", "hedge", "upwards of"),
        ("no more than 50 advisers", "50 advisers.", "hedge", "no more than"),
    ],
)
def test_a_dropped_marker_is_found(quote, statement, family, marker):
    (finding,) = [f for f in lint_claims(_claims(("c1", quote, statement))) if f.family == family]
    assert finding.marker == marker
    assert str(finding).startswith(f"claims.csv:2:statement: c1: the quote has the {family}")


def test_a_kept_marker_of_the_same_family_is_enough():
    claims = _claims(
        ("c1", "officials said it could be hurt", "Officials warned it could suffer."),
        ("c2", "it is not clear", "It is unclear, they said; no decision was taken."),
    )
    assert lint_claims(claims) == []


def test_a_statement_note_explains_the_paraphrase():
    claims = _claims(("c1", "what it can provide", "US law restricts aid."))
    assert [f.family for f in lint_claims(claims)] == ["modal"]
    claims["statement_note"] = "'can' belongs to 'what it can provide'."
    assert lint_claims(claims) == []


def test_markers_match_whole_words_only():
    assert find_markers("Nobody knows; the snowfall was notable and overall") == {}
    assert find_markers("Niger’s") == {}


def test_the_curated_snapshot_has_no_unexplained_paraphrase(curated):
    assert [str(f) for f in lint_claims(curated["claims"], curated.lines["claims"])] == []


@pytest.mark.parametrize("hedge", [h for h, entry in HEDGES.items() if entry.bound != "range"])
def test_every_hedge_the_figures_are_read_with_is_a_marker_the_statement_must_keep(hedge):
    quote = f"Officials counted {hedge} 300 vehicles."
    findings = lint_claims(_claims(("c1", quote, "Officials counted 300 vehicles.")))
    assert [f.marker for f in findings if f.family == "hedge"] == [hedge]
