"""The relation rules for two claims: what their figures and dates alone say, and whether a
curated type is consistent with that. The validator and every page that compares use them.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from lib.data.cells import split_list
from lib.data.dates import DateRange, format_range, is_reported_date, read_claim_dates
from lib.data.intervals import read_interval
from lib.data.read import Package

# Curated relations a computed "agrees" is consistent with: "refines" is a compatible narrowing.
COMPATIBLE = ("agrees", "refines")


def _same_unit(a: pd.Series, b: pd.Series) -> bool:
    return str(a.get("unit")) == str(b.get("unit"))


def _noun(row: pd.Series) -> str:
    return str(row.get("unit_scope") or "").strip()


class ComputedRelation(NamedTuple):
    """What the numbers and dates alone say about a pair; relation is None when they cannot.

    ``candidates`` are explanations the data suggests for an unresolved pair, most telling first;
    they are candidates, not findings: the documents do not say which, if any, is right.
    """

    relation: str | None
    basis: str
    candidates: tuple[str, ...] = ()


def _span_text(row: pd.Series, span: DateRange) -> str:
    return f"{row['date_expr']!r} ({span.low}..{span.high})"


def _days_apart(a: DateRange, b: DateRange) -> int:
    return abs((b.low - a.low).days)


def describe_date_gap(a: pd.Series, b: pd.Series) -> str | None:
    """How the two claims' dates differ, in the words their texts allow, or None if they do not.

    Two dates the texts state are "as of" dates. A date taken from publication is only when the
    claim was reported: the text does not say when its figure was true, and the line says so.
    """
    span_a, span_b = read_claim_dates(a), read_claim_dates(b)
    if not (span_a and span_b) or span_a == span_b:
        return None
    gap = (
        f"{format_range(span_a)} vs {format_range(span_b)}, "
        f"about {_days_apart(span_a, span_b)} days apart"
    )
    reported = [row["source_id"] for row in (a, b) if is_reported_date(row)]
    if not reported:
        return f"as of different dates: {gap}"
    if len(reported) == 2:
        unsaid = "neither text says when its figure was true"
    else:
        unsaid = f"{reported[0]}'s text does not say when its figure was true"
    return f"reported on different dates: {gap}; {unsaid}"


def list_candidates(a: pd.Series, b: pd.Series) -> tuple[str, ...]:
    """Explanations the data suggests for two figures that disagree, most telling first."""
    found = []
    gap = describe_date_gap(a, b)
    if gap:
        found.append(gap)
    if _noun(a).casefold() != _noun(b).casefold():
        found.append(
            f"different nouns: {_noun(a)!r} vs {_noun(b)!r}, which the texts do not define"
        )
    found.append("one of the figures is wrong, or rounded past what it can bear")
    return tuple(found)


def compute_relation(
    a: pd.Series, b: pd.Series, same_event: bool = False, scope_established: bool = False
) -> ComputedRelation:
    """Relate two claims on one topic from their figures and dates.

    Figures in different units, or whose difference in scope a quote establishes
    (``scope_established``: the curator points to it), are "different_scope". Otherwise
    overlapping intervals agree, and disjoint ones are "unresolved": the data cannot say why they
    differ, so the candidates (dates, nouns, an error) are listed, never chosen. Two claims
    without figures that date a happening compare by date: overlapping ranges agree; disjoint
    ones conflict when they date the same event (``same_event``), else they are
    "different_time". Qualitative statements are not computable.
    """
    dates_a, dates_b = read_claim_dates(a), read_claim_dates(b)
    figure_a, figure_b = read_interval(a), read_interval(b)
    has_figures = figure_a is not None and figure_b is not None
    if (
        dates_a
        and dates_b
        and not has_figures
        and not is_reported_date(a)
        and not is_reported_date(b)
    ):
        shown = f"{_span_text(a, dates_a)} vs {_span_text(b, dates_b)}"
        if dates_a.high >= dates_b.low and dates_b.high >= dates_a.low:
            return ComputedRelation("agrees", f"dates overlap: {shown}")
        if same_event:
            return ComputedRelation("conflicts", f"same event, dates do not overlap: {shown}")
        return ComputedRelation("different_time", f"different happenings, dated apart: {shown}")
    if not has_figures:
        return ComputedRelation(None, "qualitative: no figures or event dates to compare")
    if not _same_unit(a, b):
        return ComputedRelation(
            "different_scope", f"different units: {a['unit']!r} vs {b['unit']!r}"
        )
    if scope_established:
        return ComputedRelation(
            "different_scope",
            f"the texts establish different scope: {_noun(a)!r} vs {_noun(b)!r}",
        )
    shown = f"{figure_a.describe()} vs {figure_b.describe()}"
    if figure_a.overlaps(figure_b):
        return ComputedRelation("agrees", f"intervals overlap: {shown}")
    return ComputedRelation(
        "unresolved",
        f"intervals are disjoint ({shown}) and neither text says why",
        list_candidates(a, b),
    )


def index_event_claims(package: Package) -> dict[str, set[str]]:
    """Claim id -> the ids of the events it supports."""
    found: dict[str, set[str]] = {}
    events = package["events"]
    for event_id, claim_ids in zip(events["event_id"], events["claim_ids"], strict=True):
        for claim_id in split_list(claim_ids):
            found.setdefault(claim_id, set()).add(event_id)
    return found


def matches_curated(curated: str, computed: str | None) -> bool | None:
    """Whether a curated relation is consistent with the computed one (None: not computable)."""
    if computed is None:
        return None
    if computed == "agrees":
        return curated in COMPATIBLE
    return curated == computed


def compute_curated_pair(
    relation: pd.Series, a: pd.Series, b: pd.Series, events_of: dict[str, set[str]]
) -> ComputedRelation:
    """The computed relation of a curated pair, with what the curator established (its scope
    basis) and whether the two claims date one event."""
    shared = events_of.get(a["claim_id"], set()) & events_of.get(b["claim_id"], set())
    scope = bool(split_list(relation.get("scope_basis")))
    return compute_relation(a, b, same_event=bool(shared), scope_established=scope)
