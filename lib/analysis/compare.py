"""Disagreement as data: every curated relation checked against the one computed from figures and
dates (the rules are in ``lib.data.relations``), with its candidate explanations."""

from __future__ import annotations

import pandas as pd

from lib.data.cells import is_present
from lib.data.read import Package, list_records
from lib.data.relations import compute_curated_pair, index_event_claims, matches_curated

CHECK_COLUMNS = [
    "relation_id",
    "topic",
    "claim_a",
    "source_a",
    "claim_b",
    "source_b",
    "curated",
    "computed",
    "consistent",
    "basis",
    "explanation",
    "override_reason",
    "candidates",
    "hypotheses",
    "subject_a",
    "subject_b",
    "statement_a",
    "statement_b",
]


def say_claim(claim: pd.Series | dict) -> str:
    """What a claim says, for naming it beside another: the curator's statement, else its subject.

    Readers compare what two sources say, so a relation is labelled by this, never by claim ids.
    """
    for column in ("statement", "subject"):
        if is_present(claim.get(column)) and str(claim[column]).strip():
            return str(claim[column])
    return str(claim.get("claim_id", getattr(claim, "name", "")))


def index_hypotheses(package: Package) -> dict[str, list[dict]]:
    """Relation id -> its candidate explanations as records, in rank order."""
    hypotheses = package["relation_hypotheses"].sort_values(["relation_id", "rank"], kind="stable")
    found: dict[str, list[dict]] = {}
    for record in hypotheses.to_dict("records"):
        found.setdefault(record["relation_id"], []).append(record)
    return found


def check_relations(package: Package) -> pd.DataFrame:
    """Every curated relation beside the computed one; the curator's explanation, reason for
    any override, and the candidate explanations of an unresolved pair are kept."""
    # Plain records of the related claims only: a pandas row per access dominated at scale.
    relations = list_records(package["relations"])
    claims = package["claims"]
    related = {r["claim_a"] for r in relations} | {r["claim_b"] for r in relations}
    wanted = claims[claims["claim_id"].isin(related)]
    claims = {c["claim_id"]: c for c in list_records(wanted)}
    events_of = index_event_claims(package)
    hypotheses = index_hypotheses(package)
    rows = []
    for relation in relations:
        a, b = claims[relation["claim_a"]], claims[relation["claim_b"]]
        computed = compute_curated_pair(relation, a, b, events_of)
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
                "override_reason": relation["override_reason"]
                if is_present(relation["override_reason"])
                else "",
                "candidates": list(computed.candidates),
                "hypotheses": hypotheses.get(relation["relation_id"], []),
                "subject_a": a["subject"],
                "subject_b": b["subject"],
                "statement_a": say_claim(a),
                "statement_b": say_claim(b),
            }
        )
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def describe_mismatch(relation: dict) -> str | None:
    """Why a checked relation's curated type differs from the computed one; None if it does not."""
    if relation["consistent"] is not False:
        return None
    reason = relation.get("override_reason") or "none given"
    return (
        f"The curated relation ({relation['curated']}) differs from the computed one "
        f"({relation['computed']}): {relation['basis']}. The curator's reason: {reason}"
    )
