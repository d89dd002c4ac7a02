"""lib/analysis/compare.py: relations computed from figures and dates, and the check of the
curated relations against them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.analysis.compare import check_relations
from lib.data.dates import describe_claim_date
from lib.data.intervals import read_interval
from lib.data.relations import compute_relation, matches_curated
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate


def _row(claim_id: str, **cells) -> pd.Series:
    """A hand-built claim with only the columns compute_relation reads; empty cells are None."""
    base = {
        "claim_id": claim_id,
        "source_id": f"src-{claim_id}",
        "bound": None,
        "value": None,
        "value_low": None,
        "value_high": None,
        "unit": None,
        "unit_scope": None,
        "date_expr": None,
        "date_rule": None,
        "date_low": None,
        "date_high": None,
    }
    return pd.Series({**base, **cells})


def _figure(claim_id: str, low, high, scope="U.S. troops", **cells) -> pd.Series:
    defaults = {
        "bound": "range",
        "value_low": low,
        "value_high": high,
        "unit": "people",
        "unit_scope": scope,
        "date_expr": "as of publication",
        "date_rule": "publication",
        "date_low": "2024-03-16",
        "date_high": "2024-03-22",
    }
    return _row(claim_id, **{**defaults, **cells})


def _event(claim_id: str, low: str, high: str, expr: str) -> pd.Series:
    return _row(claim_id, date_expr=expr, date_rule="explicit_year", date_low=low, date_high=high)


# --- compute_relation -------------------------------------------------------------------------


def test_compute_relation_agrees_when_same_scope_intervals_overlap():
    computed = compute_relation(_figure("a", 900, 1100), _figure("b", 1001, None, bound="lower"))
    assert computed.relation == "agrees"
    assert "900–1,100" in computed.basis and "≥ 1,001" in computed.basis


def test_disjoint_figures_are_unresolved_with_candidates_never_a_chosen_reason():
    computed = compute_relation(_figure("a", 585, 715), _figure("b", 1001, None, bound="lower"))
    assert computed.relation == "unresolved"
    assert "585–715" in computed.basis and "≥ 1,001" in computed.basis
    assert "neither text says why" in computed.basis
    # Same dates and nouns: only the possibility of an error is left to list.
    assert computed.candidates == ("one of the figures is wrong, or rounded past what it can bear",)


def test_different_nouns_alone_do_not_make_different_scope():
    """Regression: two curated unit_scope strings made 'troops' vs 'military personnel' a
    different scope although neither text defines its noun."""
    a = _figure("a", 585, 715, scope="U.S. troops")
    b = _figure("b", 1001, None, bound="lower", scope="U.S. military personnel")
    computed = compute_relation(a, b)
    assert computed.relation == "unresolved"
    nouns = "different nouns: 'U.S. troops' vs 'U.S. military personnel'"
    assert any(nouns in candidate for candidate in computed.candidates)
    overlapping = _figure("c", 900, 1100, scope="U.S. personnel (military and civilian)")
    assert read_interval(overlapping).overlaps(read_interval(b))
    assert compute_relation(overlapping, b).relation == "agrees"


def test_a_scope_the_texts_establish_is_different_scope():
    a = _figure("a", 900, 1100, scope="U.S. personnel (military and civilian)")
    b = _figure("b", 1001, None, bound="lower", scope="U.S. military personnel")
    computed = compute_relation(a, b, scope_established=True)
    assert computed.relation == "different_scope"
    assert "U.S. personnel (military and civilian)" in computed.basis
    assert "U.S. military personnel" in computed.basis


def test_compute_relation_different_unit_is_different_scope():
    a = _figure("a", 10, 12)
    b = _figure("b", 10, 12, unit="USD")
    assert compute_relation(a, b).relation == "different_scope"


def test_compute_relation_scope_compare_ignores_case_and_spaces():
    a = _figure("a", 10, 12, scope="U.S. troops")
    b = _figure("b", 11, 13, scope=" u.s. TROOPS ")
    assert compute_relation(a, b).relation == "agrees"


def test_figures_reported_on_different_dates_list_the_dates_as_a_candidate_not_a_finding():
    a = _figure("a", 585, 715)
    b = _figure("b", 1001, None, bound="lower", date_low="2024-04-15", date_high="2024-04-26")
    computed = compute_relation(a, b)
    assert computed.relation == "unresolved"
    # Both dates are when the documents were published: no text says when its count was taken.
    assert computed.candidates[0] == (
        "reported on different dates: 16–22 Mar 2024 vs 15–26 Apr 2024, about 30 days apart; "
        "neither text says when its figure was true"
    )
    same_value_later = _figure("c", 600, 700, date_low="2024-04-15", date_high="2024-04-26")
    assert compute_relation(a, same_value_later).relation == "agrees"


def test_a_date_the_text_states_is_as_of_and_one_from_publication_is_only_reported():
    stated = {"date_expr": "on 1 April", "date_rule": "explicit_month"}
    a = _figure("a", 585, 715, **stated, date_low="2024-04-01", date_high="2024-04-01")
    b = _figure("b", 1001, None, bound="lower", date_low="2024-04-15", date_high="2024-04-26")
    assert describe_claim_date(a) == "as of 1 Apr 2024"
    assert describe_claim_date(b) == "reported 15–26 Apr 2024"
    assert describe_claim_date(_row("c")) == "undated"
    assert compute_relation(a, b).candidates[0] == (
        "reported on different dates: 1 Apr 2024 vs 15–26 Apr 2024, about 14 days apart; "
        "src-b's text does not say when its figure was true"
    )
    c = _figure(
        "c", 1001, None, bound="lower", **stated, date_low="2024-05-01", date_high="2024-05-01"
    )
    assert compute_relation(a, c).candidates[0] == (
        "as of different dates: 1 Apr 2024 vs 1 May 2024, about 30 days apart"
    )


def test_compute_relation_touching_as_of_dates_compare_figures():
    a = _figure("a", 585, 715)
    b = _figure("b", 1001, None, bound="lower", date_low="2024-03-22", date_high="2024-04-26")
    assert compute_relation(a, b).relation == "unresolved"


def test_compute_relation_overlapping_event_dates_agree():
    a = _event("a", "2023-07-01", "2023-07-31", "July 2023")
    b = _event("b", "2023-06-01", "2023-08-31", "last summer")
    computed = compute_relation(a, b)
    assert computed.relation == "agrees"
    assert "'July 2023'" in computed.basis and "'last summer'" in computed.basis
    assert "2023-07-01..2023-07-31" in computed.basis


def test_compute_relation_event_dates_touching_on_one_day_agree():
    a = _event("a", "2024-03-09", "2024-03-15", "a few days")
    b = _event("b", "2024-03-15", "2024-03-15", "15 March")
    assert compute_relation(a, b, same_event=True).relation == "agrees"


def test_compute_relation_disjoint_dates_of_same_event_conflict():
    a = _event("a", "2024-03-16", "2024-03-16", "on Saturday")
    b = _event("b", "2024-03-15", "2024-03-15", "15 March")
    computed = compute_relation(a, b, same_event=True)
    assert computed.relation == "conflicts"
    assert "'on Saturday' (2024-03-16..2024-03-16)" in computed.basis
    assert "'15 March' (2024-03-15..2024-03-15)" in computed.basis


def test_compute_relation_disjoint_dates_of_different_events_are_different_time():
    a = _event("a", "2024-03-16", "2024-03-16", "on Saturday")
    b = _event("b", "2024-03-15", "2024-03-15", "15 March")
    computed = compute_relation(a, b, same_event=False)
    assert computed.relation == "different_time"
    assert "'on Saturday'" in computed.basis and "'15 March'" in computed.basis


def test_compute_relation_is_not_computable_for_qualitative_claims():
    computed = compute_relation(_row("a"), _row("b"))
    assert computed.relation is None
    assert "qualitative" in computed.basis


def test_compute_relation_as_of_dates_alone_are_not_computable():
    # A publication date says when a claim was true, not when something happened.
    a = _row(
        "a", date_expr="x", date_rule="publication", date_low="2024-03-16", date_high="2024-03-22"
    )
    b = _row(
        "b", date_expr="y", date_rule="publication", date_low="2024-04-15", date_high="2024-04-26"
    )
    assert compute_relation(a, b).relation is None


# --- check_relations and matches_curated ------------------------------------------------------


def test_every_curated_relation_that_differs_from_the_computed_one_says_why(curated):
    """r04 and r47 are unresolved where the dates alone say different_time, and r17 dates
    different things (operations, the agreement) where the years alone conflict."""
    checked = check_relations(curated)
    assert len(checked) == len(curated["relations"])
    computable = checked[checked["consistent"].notna()]
    assert len(computable) >= 10
    wrong = computable[~computable["consistent"].astype(bool)]
    assert [(r.relation_id, r.curated, r.computed) for r in wrong.itertuples()] == [
        ("r04", "unresolved", "different_time"),
        ("r17", "different_scope", "conflicts"),
        ("r47", "unresolved", "different_time"),
    ]
    assert all(reason for reason in wrong["override_reason"])
    assert not any(checked.loc[checked["consistent"] == True, "override_reason"])  # noqa: E712


def test_check_relations_computes_known_conflicts_and_troop_scope(curated):
    checked = check_relations(curated).set_index("relation_id")
    for relation_id in ("r16", "r17", "r19"):
        assert checked.loc[relation_id, "computed"] == "conflicts", relation_id
    troops = checked[(checked["claim_a"] == "c000-650") & (checked["claim_b"] == "c004-1000")]
    assert troops["computed"].tolist() == ["unresolved"]
    assert troops["consistent"].tolist() == [True]
    (hypotheses,) = troops["hypotheses"].tolist()
    assert [h["rank"] for h in hypotheses] == [1, 2, 3]
    assert [h["basis"] for h in hypotheses] == ["data", "data", "outside_documents"]


def test_check_relations_flags_a_curated_relation_the_data_contradict(curated_copy: Path):
    path = curated_copy / "relations.csv"
    header, rows = read_rows(path)
    changed = [r for r in rows if (r["claim_a"], r["claim_b"]) == ("c000-saturday", "c004-15march")]
    assert len(changed) == 1
    changed[0]["relation"] = "agrees"
    explanation = changed[0]["explanation"]
    write_rows(path, header, rows)

    loaded, problems = load_and_validate(curated_copy)
    line = next(i for i, r in enumerate(rows) if r is changed[0]) + 2
    assert [str(p) for p in problems] == [
        f"data/relations.csv:{line}:override_reason: curated 'agrees' but the figures and dates "
        "give 'conflicts' (same event, dates do not overlap: 'on Saturday' "
        "(2024-03-16..2024-03-16) vs '15 March' (2024-03-15..2024-03-15)): say why in "
        "override_reason, or retype it"
    ]
    checked = check_relations(loaded).set_index("relation_id")
    row = checked.loc[changed[0]["relation_id"]]
    assert row["curated"] == "agrees"
    assert row["computed"] == "conflicts"
    assert row["consistent"] is False
    assert row["explanation"] == explanation
    assert "2024-03-16" in row["basis"] and "2024-03-15" in row["basis"]
    others = checked.drop(index=changed[0]["relation_id"])
    assert set(others.drop(index=["r04", "r17", "r47"])["consistent"].dropna()) == {True}


@pytest.mark.parametrize(
    ("curated", "computed", "expected"),
    [
        ("agrees", "agrees", True),
        ("refines", "agrees", True),  # a compatible narrowing
        ("conflicts", "agrees", False),
        ("refines", "conflicts", False),
        ("conflicts", "conflicts", True),
        ("different_scope", "different_scope", True),
        ("different_time", "different_scope", False),
        ("agrees", None, None),
        ("conflicts", None, None),
    ],
)
def test_matches_curated_accepts_refines_for_agrees_and_skips_uncomputable(
    curated, computed, expected
):
    assert matches_curated(curated, computed) is expected


_IN_2023 = {"date_rule": "explicit_year", "date_low": "2023-01-01", "date_high": "2023-12-31"}


@pytest.mark.parametrize(
    ("a", "b", "same_event", "expected"),
    [
        (
            _figure("a", 800, 800, **_IN_2023),
            _figure("b", 1100, 1100, **_IN_2023),
            True,
            "unresolved",
        ),
        (
            _figure("a", 800, 800, **_IN_2023),
            _figure("b", 800, 800, unit="USD", **_IN_2023),
            True,
            "different_scope",
        ),
        (
            _figure(
                "a",
                800,
                800,
                date_rule="explicit_year",
                date_low="2022-01-01",
                date_high="2022-12-31",
            ),
            _figure("b", 900, 900, **_IN_2023),
            True,
            "unresolved",
        ),
    ],
)
def test_figures_dated_by_any_rule_compare_by_value_not_by_date(a, b, same_event, expected):
    """Regression: figures with a non-publication date rule took the date path, so 800 vs
    1,100 troops "in 2023" came out as agreeing because their dates overlapped."""
    assert compute_relation(a, b, same_event=same_event).relation == expected
