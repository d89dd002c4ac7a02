"""Relations from a draft's claims to what other sources already say on the same topic."""

from __future__ import annotations

from lib.data.cells import join_list
from lib.data.ingest.draft import EXISTING, PROPOSED, draft_columns
from lib.data.read import Package
from lib.data.relations import compute_relation
from lib.data.rows import blank_row


def propose_relations(
    claims: list[dict[str, str]], package: Package, source_id: str
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Relate each new claim to every claim of another source on its topic, as the package
    requires: the type computed from figures and dates where they decide it, else left blank
    for the reviewer (a qualitative pair is typed from its quotes, never guessed)."""
    existing = package["claims"]
    existing = existing[existing["source_id"] != source_id]
    # Plain records, grouped once: compute_relation reads them as it reads rows.
    by_topic: dict[str, list[dict]] = {}
    for record in existing.astype(object).to_dict("records"):
        by_topic.setdefault(record["topic"], []).append(record)
    relations, hypotheses = [], []
    for claim in claims:
        if claim["topic_status"] != EXISTING:
            continue
        new = {column: (value if value != "" else None) for column, value in claim.items()}
        for old in by_topic.get(claim["topic"], []):
            computed = compute_relation(new, old)
            relation_id = f"{source_id}-r{len(relations) + 1:03d}"
            scope_basis = ""
            if computed.relation == "different_scope":
                scope_basis = join_list([claim["claim_id"], str(old["claim_id"])])
            explanation = (
                f"Computed: {computed.basis}."
                if computed.relation
                else f"Not computable ({computed.basis}): type it from the two quotes."
            )
            relations.append(
                blank_row(
                    draft_columns("relations"),
                    relation_id=relation_id,
                    claim_a=claim["claim_id"],
                    claim_b=str(old["claim_id"]),
                    relation=computed.relation or "",
                    explanation=explanation,
                    scope_basis=scope_basis,
                    status=PROPOSED,
                    extracted_by="relation.computed" if computed.relation else "relation.untyped",
                )
            )
            for rank, candidate in enumerate(computed.candidates, start=1):
                hypotheses.append(
                    blank_row(
                        draft_columns("relation_hypotheses"),
                        hypothesis_id=f"{relation_id}-h{rank}",
                        relation_id=relation_id,
                        rank=str(rank),
                        hypothesis=candidate[0].upper() + candidate[1:] + ".",
                        basis="data",
                        basis_note="Computed from the two claims' figures, dates and nouns.",
                        status=PROPOSED,
                        extracted_by="relation.candidate",
                    )
                )
    return relations, hypotheses
