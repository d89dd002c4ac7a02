"""lib/analysis/search.py: which claims a search finds, their order, and the marked excerpts."""

import pandas as pd
import pytest

from lib.analysis.filters import Filters, apply_filters
from lib.analysis.search import cut_excerpt, find_spans, match_claims, search_claims, split_terms


def _claims(*rows):
    return pd.DataFrame(rows, columns=["quote", "statement"])


def test_every_word_must_occur_in_the_quote_or_the_statement():
    claims = _claims(
        ("about 650 U.S. troops", "US forces in Niger"),
        ("more than 1,000 personnel", "US forces leave Niger"),
        ("Wagner remnants", "Russia's mercenaries"),
    )
    assert list(match_claims(claims, "niger troops")) == [True, False, False]
    assert list(match_claims(claims, "NIGER")) == [True, True, False]
    assert list(match_claims(claims, "")) == [True, True, True]


def test_straight_quotes_and_hyphens_find_the_documents_curly_ones():
    claims = _claims(("America’s key partner", "x"), ("2012–2014", "y"))
    assert list(match_claims(claims, "america's")) == [True, False]
    assert list(match_claims(claims, "2012-2014")) == [False, True]


def test_excerpt_marks_each_match_and_cuts_long_text_with_ellipses():
    text = "word " * 40 + "the Wagner Group and wagner remnants " + "tail " * 40
    pieces = cut_excerpt(text, split_terms("wagner"), context=30)
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert [p for p, hit in pieces if hit] == ["Wagner", "wagner"]
    assert len("".join(p for p, _ in pieces)) < len(text)
    # The pieces are the text itself, in order: nothing is rewritten.
    inner = "".join(p for p, _ in pieces[1:-1])
    assert inner in text


def test_overlapping_terms_are_marked_once():
    assert find_spans("Niger's Nigerien army", ("niger", "nigerien")) == [(0, 5), (8, 16)]


def test_search_finds_claims_in_every_document_best_first(curated):
    results = search_claims(curated, "withdraw")
    sources = {r["source_id"] for r in results}
    assert sources == set(curated["sources"]["source_id"])
    claims = curated["claims"].set_index("claim_id")
    for result in results:
        row = claims.loc[result["claim_id"]]
        assert "withdraw" in f"{row['quote']} {row['statement']}".lower()
        assert any(hit for _, hit in result["excerpt"])
    fields = [r["field"] for r in results]
    # Claims whose quote holds the words come before those found only in their statement.
    assert fields == sorted(fields, key=lambda f: f != "quote")


def test_search_honours_the_filters(curated):
    one = curated["sources"]["source_id"].iloc[-1]
    view = apply_filters(curated, Filters(sources=(one,)))
    assert {r["source_id"] for r in search_claims(view, "withdraw")} == {one}


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_finds_nothing(curated, query):
    assert search_claims(curated, query) == []
