"""Troop counts: the figures on US forces, their dates (stated, or reported at publication),
and every way two of them differ.
The chart is in ``lib.render.troop_chart``.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from lib.analysis.compare import index_hypotheses, say_claim
from lib.analysis.evidence import format_figure
from lib.data.cells import is_present, split_list
from lib.data.intervals import read_interval
from lib.data.read import Package
from lib.data.relations import (
    compute_curated_pair,
    compute_relation,
    describe_date_gap,
    index_event_claims,
)

TROOP_TOPIC = "us_forces_count"


SHAPE_OF_BOUND = {
    "exact": "a point: an exact figure",
    "approx": "a band: an approximate figure",
    "range": "a band: a stated range",
    "lower": "a ray to the right: a lower bound with no upper limit",
    "upper": "a ray to the left: an upper bound",
}


def select_troop_claims(package: Package, topic: str = TROOP_TOPIC) -> pd.DataFrame:
    """Claims on the topic that carry a figure, in source order."""
    claims = package["claims"]
    rows = claims[(claims["topic"] == topic) & claims["bound"].map(is_present).astype(bool)]
    rank = {sid: i for i, sid in enumerate(package["sources"]["source_id"])}
    ordered = rows.assign(_rank=rows["source_id"].map(rank)).sort_values(["_rank", "char_start"])
    return ordered.drop(columns="_rank").reset_index(drop=True)


def format_bounds(row: pd.Series) -> str:
    """A figure's interval in digits: '585–715', '≥ 1,001', '≤ 20' or '650'."""
    interval = read_interval(row)
    return interval.describe() if interval is not None else ""


def describe_stated_figure(row: pd.Series) -> str:
    """The figure as its text states it, with what it counts: 'about 650 U.S. troops'."""
    if not is_present(row.get("unit_scope")):
        return _short_figure(row)
    # The printed noun says what is counted, so the package's unit would repeat it.
    return f"{_short_figure(row.drop(labels=['unit']))} {row['unit_scope']}"


def _short_figure(row: pd.Series) -> str:
    # "about 650 (585–715) people" -> "about 650": the interval is drawn, not repeated.
    return format_figure(row).split(" (")[0]


def describe_troops(claims: pd.DataFrame) -> str:
    """Caption: how many figures, from how many sources, and how to read the shapes."""
    kinds = sorted({SHAPE_OF_BOUND[b].split(":")[0] for b in claims["bound"]})
    return (
        f"{len(claims)} figure(s) from {claims['source_id'].nunique()} source(s), drawn as "
        f"{', '.join(kinds)}. Each row is one source's statement; the shape is the kind of "
        "statement it is, the colour is the source. Hover for the quote."
    )


def explain_differences(package: Package, claims: pd.DataFrame) -> list[dict]:
    """For each pair of figures from different sources: the relation and every way they differ.

    Each item has the two claim ids, their sources and what they say, the curated relation,
    explanation and override reason (if any), the computed relation, its basis and candidate
    explanations, the curator's ranked hypotheses for an unresolved pair, and a list of
    differences found in the data.
    """
    relations = package["relations"]
    events_of = index_event_claims(package)
    hypotheses = index_hypotheses(package)
    items = []
    for (_, a), (_, b) in combinations(claims.iterrows(), 2):
        if a["source_id"] == b["source_id"]:
            continue
        curated = relations[
            ((relations["claim_a"] == a["claim_id"]) & (relations["claim_b"] == b["claim_id"]))
            | ((relations["claim_a"] == b["claim_id"]) & (relations["claim_b"] == a["claim_id"]))
        ]
        if len(curated):
            computed = compute_curated_pair(curated.iloc[0], a, b, events_of)
        else:
            shared = events_of.get(a["claim_id"], set()) & events_of.get(b["claim_id"], set())
            computed = compute_relation(a, b, same_event=bool(shared))
        scope_established = len(curated) and bool(split_list(curated["scope_basis"].iloc[0]))
        differences = []
        if str(a["unit_scope"]).casefold() != str(b["unit_scope"]).casefold():
            differences.append(
                f"They use different nouns: {a['source_id']} “{a['unit_scope']}”, "
                f"{b['source_id']} “{b['unit_scope']}”"
                + (
                    "; the texts establish that these are different things."
                    if scope_established
                    else "; neither text defines its noun, so this is a candidate, not a finding."
                )
            )
        gap = describe_date_gap(a, b)
        if gap:
            differences.append(f"{gap[0].upper()}{gap[1:]}.")
        if a["bound"] != b["bound"]:
            differences.append(
                f"They are different kinds of statement: {a['source_id']} is "
                f"{SHAPE_OF_BOUND[a['bound']].split(': ')[1]}, {b['source_id']} is "
                f"{SHAPE_OF_BOUND[b['bound']].split(': ')[1]}."
            )
        if str(a["claimant"]) != str(b["claimant"]):
            differences.append(
                f"Different people say so: {a['source_id']} cites {a['claimant']}; "
                f"{b['source_id']} cites {b['claimant']}."
            )
        if read_interval(a).overlaps(read_interval(b)):
            differences.append("Their intervals overlap, so the numbers alone do not disagree.")
        else:
            differences.append(
                f"Their intervals do not overlap ({read_interval(a).describe()} vs "
                f"{read_interval(b).describe()})."
            )
        items.append(
            {
                "claim_a": a["claim_id"],
                "claim_b": b["claim_id"],
                "source_a": a["source_id"],
                "source_b": b["source_id"],
                "statement_a": say_claim(a),
                "statement_b": say_claim(b),
                "curated": curated["relation"].iloc[0] if len(curated) else None,
                "explanation": curated["explanation"].iloc[0] if len(curated) else None,
                "computed": computed.relation,
                "basis": computed.basis,
                "override_reason": curated["override_reason"].iloc[0]
                if len(curated) and is_present(curated["override_reason"].iloc[0])
                else "",
                "candidates": list(computed.candidates),
                "hypotheses": hypotheses.get(curated["relation_id"].iloc[0], [])
                if len(curated)
                else [],
                "differences": differences,
            }
        )
    return items
