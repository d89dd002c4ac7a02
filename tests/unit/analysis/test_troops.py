"""lib/analysis/troops.py: the troop-count claims, their caption and how each pair differs."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from lib.analysis.troops import (
    describe_stated_figure,
    describe_troops,
    explain_differences,
    format_bounds,
    select_troop_claims,
)

# --- select_troop_claims ----------------------------------------------------------------------


def test_select_troop_claims_returns_both_figures_in_source_order(curated):
    claims = select_troop_claims(curated)
    assert claims["claim_id"].tolist() == ["c000-650", "c004-1000"]
    assert claims["source_id"].tolist() == list(curated["sources"]["source_id"])


def test_select_troop_claims_follows_sources_table_order_not_claims_order(curated):
    reordered = dataclasses.replace(
        curated,
        tables={**curated.tables, "sources": curated["sources"].iloc[::-1]},
    )
    assert select_troop_claims(reordered)["claim_id"].tolist() == ["c004-1000", "c000-650"]


def test_select_troop_claims_picks_up_third_source_range(three_sources):
    claims = select_troop_claims(three_sources)
    assert claims["claim_id"].tolist() == ["c000-650", "c004-1000", "c900-personnel"]
    third = claims.iloc[2]
    assert third["source_id"] == "fx3-900"
    assert third["bound"] == "range"
    assert (third["value_low"], third["value_high"]) == (900, 1100)


# --- describe_troops ---------------------------------------------------------------------------


def test_describe_troops_counts_figures_sources_and_shapes(curated, three_sources):
    text = describe_troops(select_troop_claims(curated))
    assert "2 figure(s) from 2 source(s)" in text
    assert "a band" in text and "a ray to the right" in text
    assert "a point" not in text
    assert "3 figure(s) from 3 source(s)" in describe_troops(select_troop_claims(three_sources))


# --- explain_differences ----------------------------------------------------------------------


def test_explain_differences_lists_every_way_the_real_pair_differs(curated):
    (item,) = explain_differences(curated, select_troop_claims(curated))
    assert (item["claim_a"], item["claim_b"]) == ("c000-650", "c004-1000")
    assert item["curated"] == "unresolved"
    curated = curated["relations"].set_index("relation_id").loc["r42", "explanation"]
    assert item["explanation"] == curated
    assert item["computed"] == "unresolved"
    assert [h["hypothesis_id"] for h in item["hypotheses"]] == ["h01", "h02", "h03"]
    text = " ".join(item["differences"])
    assert "U.S. troops" in text and "U.S. military personnel" in text
    # The nouns differ, but no text says they count different things.
    assert "neither text defines its noun, so this is a candidate, not a finding" in text
    assert "count different things" not in text
    assert "16–22 Mar 2024" in text and "8–22 Apr 2024" in text
    assert "about 23 days apart" in text
    # Both dates are estimates of publication, so the sentence never calls them as-of dates.
    assert "Reported on different dates" in text and "neither text says when" in text
    assert "as of" not in text.casefold()
    assert "an approximate figure" in text and "a lower bound" in text
    assert "US officials" in text and "Reporting (original publisher not named)" in text
    assert "do not overlap" in text


def test_explain_differences_covers_all_three_pairs_of_fixture(three_sources):
    items = explain_differences(three_sources, select_troop_claims(three_sources))
    pairs = {(i["claim_a"], i["claim_b"]): i for i in items}
    assert set(pairs) == {
        ("c000-650", "c004-1000"),
        ("c000-650", "c900-personnel"),
        ("c004-1000", "c900-personnel"),
    }
    overlapping = pairs[("c004-1000", "c900-personnel")]
    # Curated as (c900-personnel, c004-1000): found in either order.
    assert overlapping["curated"] == "agrees"
    assert overlapping["computed"] == "agrees"
    apart = pairs[("c000-650", "c900-personnel")]
    assert (apart["curated"], apart["computed"]) == ("unresolved", "unresolved")
    assert any("intervals overlap" in d for d in overlapping["differences"])
    assert not any("do not overlap" in d for d in overlapping["differences"])
    assert any("do not overlap" in d for d in pairs[("c000-650", "c900-personnel")]["differences"])


def test_explain_differences_skips_pairs_from_one_source(curated):
    claims = select_troop_claims(curated)
    doubled = pd.concat([claims, claims.iloc[[1]].assign(claim_id="c004-1000-copy")])
    items = explain_differences(curated, doubled.reset_index(drop=True))
    assert {(i["claim_a"], i["claim_b"]) for i in items} == {
        ("c000-650", "c004-1000"),
        ("c000-650", "c004-1000-copy"),
    }


@pytest.mark.parametrize(
    ("bound", "value", "low", "high", "hedge", "bounds", "stated"),
    [
        ("approx", 650, 585, 715, "about", "585–715", "about 650 troops"),
        ("lower", 1000, 1001, None, "more than", "≥ 1,001", "more than 1,000 troops"),
        # Regressions: an exact figure read '650–650' and an upper bound 'nan–20'.
        ("exact", 650, 650, 650, "", "650", "650 troops"),
        ("upper", 20, None, 20, "up to", "≤ 20", "up to 20 troops"),
        ("range", None, 600, 700, "between", "600–700", "between 600–700 troops"),
    ],
)
def test_bounds_and_stated_figure_read_every_kind_of_bound(
    bound, value, low, high, hedge, bounds, stated
):
    row = pd.Series(
        {
            "bound": bound,
            "value": value,
            "value_low": low,
            "value_high": high,
            "hedge": hedge,
            "unit": "people",
            "unit_scope": "troops",
        }
    )
    assert format_bounds(row) == bounds
    assert describe_stated_figure(row) == stated
