"""Disagreement as data: a computed relation for two claims, and a check of the curated relations
against it. Figure intervals come from ``lib.data.intervals``.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pandas as pd

from lib.analysis.evidence import read_claim_dates
from lib.data.cells import split_list
from lib.data.intervals import read_interval
from lib.data.read import Package

# Rules whose date says when the claim was true (the report's own time), not when a thing happened.
AS_OF_RULES = ("publication",)


# Curated relations a computed "agrees" is consistent with: "refines" is a compatible narrowing.
COMPATIBLE = ("agrees", "refines")


def _dates(row: pd.Series) -> tuple[date, date] | None:
    span = read_claim_dates(row)
    return (span.low, span.high) if span else None


def _is_as_of(row: pd.Series) -> bool:
    return row.get("date_rule") in AS_OF_RULES


def _same_scope(a: pd.Series, b: pd.Series) -> bool:
    def scope(row: pd.Series) -> str:
        return str(row.get("unit_scope") or "").casefold().strip()

    return scope(a) == scope(b) and str(a.get("unit")) == str(b.get("unit"))


class ComputedRelation(NamedTuple):
    """What the numbers and dates alone say about a pair; relation is None when they cannot."""

    relation: str | None
    basis: str


def _span_text(row: pd.Series, dates: tuple[date, date]) -> str:
    return f"{row['date_expr']!r} ({dates[0]}..{dates[1]})"


def compute_relation(a: pd.Series, b: pd.Series, same_event: bool = False) -> ComputedRelation:
    """Relate two claims on one topic from their figures and dates.

    Two figures compare only like with like (their dates are then as-of dates): a different
    unit or unit scope is "different_scope", disjoint dates are "different_time"; otherwise
    overlapping intervals agree and disjoint ones conflict. Two claims without figures that date
    a happening compare by date: overlapping ranges agree; disjoint ones conflict when they date
    the same event (``same_event``), else they are "different_time". Qualitative statements are
    not computable.
    """
    dates_a, dates_b = _dates(a), _dates(b)
    figure_a, figure_b = read_interval(a), read_interval(b)
    has_figures = figure_a is not None and figure_b is not None
    if dates_a and dates_b and not has_figures and not _is_as_of(a) and not _is_as_of(b):
        shown = f"{_span_text(a, dates_a)} vs {_span_text(b, dates_b)}"
        if dates_a[1] >= dates_b[0] and dates_b[1] >= dates_a[0]:
            return ComputedRelation("agrees", f"dates overlap: {shown}")
        if same_event:
            return ComputedRelation("conflicts", f"same event, dates do not overlap: {shown}")
        return ComputedRelation("different_time", f"different happenings, dated apart: {shown}")
    if not has_figures:
        return ComputedRelation(None, "qualitative: no figures or event dates to compare")
    if not _same_scope(a, b):
        return ComputedRelation(
            "different_scope",
            f"counts different things: {a['unit_scope']!r} vs {b['unit_scope']!r}",
        )
    if dates_a and dates_b and (dates_a[1] < dates_b[0] or dates_b[1] < dates_a[0]):
        return ComputedRelation(
            "different_time",
            f"as of different dates: {dates_a[0]}..{dates_a[1]} vs {dates_b[0]}..{dates_b[1]}",
        )
    shown = f"{figure_a.describe()} vs {figure_b.describe()}"
    if figure_a.overlaps(figure_b):
        return ComputedRelation("agrees", f"intervals overlap: {shown}")
    return ComputedRelation("conflicts", f"intervals are disjoint: {shown}")


def index_event_claims(package: Package) -> dict[str, set[str]]:
    """Claim id -> the ids of the events it supports."""
    found: dict[str, set[str]] = {}
    for _, event in package["events"].iterrows():
        for claim_id in split_list(event["claim_ids"]):
            found.setdefault(claim_id, set()).add(event["event_id"])
    return found


def matches_curated(curated: str, computed: str | None) -> bool | None:
    """Whether a curated relation is consistent with the computed one (None: not computable)."""
    if computed is None:
        return None
    if computed == "agrees":
        return curated in COMPATIBLE
    return curated == computed


def check_relations(package: Package) -> pd.DataFrame:
    """Every curated relation beside the computed one; the curator's explanation is kept."""
    # One Series per claim up front: label lookups per relation dominate on large packages.
    claims = {row["claim_id"]: row for _, row in package["claims"].iterrows()}
    events_of = index_event_claims(package)
    rows = []
    for _, relation in package["relations"].iterrows():
        a, b = claims[relation["claim_a"]], claims[relation["claim_b"]]
        shared = events_of.get(a["claim_id"], set()) & events_of.get(b["claim_id"], set())
        computed = compute_relation(a, b, same_event=bool(shared))
        rows.append(
            {
                "relation_id": relation["relation_id"],
                "topic": a["topic"],
                "claim_a": a["claim_id"],
                "source_a": a["source_id"],
                "claim_b": b["claim_id"],
                "source_b": b["source_id"],
                "curated": relation["relation"],
                "computed": computed.relation,
                "consistent": matches_curated(relation["relation"], computed.relation),
                "basis": computed.basis,
                "explanation": relation["explanation"],
            }
        )
    return pd.DataFrame(rows)


def describe_mismatch(relation: dict) -> str | None:
    """Why a checked relation's curated type differs from the computed one; None if it does not."""
    if relation["consistent"] is not False:
        return None
    return (
        f"The curated relation ({relation['curated']}) differs from the computed one "
        f"({relation['computed']}): {relation['basis']}. The curator's reading is kept."
    )
