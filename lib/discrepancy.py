"""Discrepancies: who reports what (coverage), and one panel of typed relations per shared topic.

Built from the claims and relations tables only, so a new source becomes a new column and new
panels without code changes.
"""

from __future__ import annotations

import pandas as pd

from lib.compare import check_relations
from lib.package import Package

# Most serious first: a panel is headed by the worst relation it holds.
SEVERITY = ("conflicts", "different_scope", "different_time", "refines", "agrees")
SILENT = "—"


def build_coverage_counts(package: Package) -> pd.DataFrame:
    """Claims per topic (rows, in topic table order) and source (columns, in source order)."""
    claims = package["claims"]
    counts = pd.crosstab(claims["topic"], claims["source_id"])
    topics = list(package["topics"]["topic_id"])
    sources = list(package["sources"]["source_id"])
    return counts.reindex(index=topics, columns=sources, fill_value=0)


def build_coverage_table(package: Package) -> pd.DataFrame:
    """The coverage matrix as readers see it: topic labels, 'n claims' or '—' for silence."""
    counts = build_coverage_counts(package)
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    shown = counts.map(lambda n: f"{n} claim{'s' if n != 1 else ''}" if n else SILENT)
    shown.insert(0, "topic", [labels[t] for t in counts.index])
    shown.insert(
        1, "reported by", [f"{(row > 0).sum()} of {len(row)}" for _, row in counts.iterrows()]
    )
    return shown.reset_index(drop=True)


def rank_relation(relation: str) -> int:
    """Position in SEVERITY (unknown relations last)."""
    return SEVERITY.index(relation) if relation in SEVERITY else len(SEVERITY)


def list_topic_panels(package: Package) -> list[dict]:
    """One entry per topic reported by two or more sources, worst relation first.

    Each has the topic id, label, question, the sources reporting it, its relations (curated
    beside computed), and the headline relation.
    """
    counts = build_coverage_counts(package)
    checked = check_relations(package)
    topics = package["topics"].set_index("topic_id")
    panels = []
    for topic_id, row in counts.iterrows():
        sources = [s for s in counts.columns if row[s] > 0]
        if len(sources) < 2:
            continue
        relations = checked[checked["topic"] == topic_id].copy()
        relations["_rank"] = relations["curated"].map(rank_relation)
        relations = relations.sort_values(["_rank", "relation_id"]).drop(columns="_rank")
        headline = relations["curated"].iloc[0] if len(relations) else "agrees"
        panels.append(
            {
                "topic_id": topic_id,
                "label": topics.at[topic_id, "label"],
                "question": topics.at[topic_id, "question"],
                "sources": sources,
                "relations": relations.reset_index(drop=True),
                "headline": headline,
            }
        )
    return sorted(panels, key=lambda p: (rank_relation(p["headline"]), p["label"].casefold()))


def list_single_source_topics(package: Package) -> pd.DataFrame:
    """Topics only one source reports: the other sources are silent on them."""
    counts = build_coverage_counts(package)
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    rows = [
        {"topic_id": t, "topic": labels[t], "only": next(s for s in counts.columns if row[s])}
        for t, row in counts.iterrows()
        if (row > 0).sum() == 1
    ]
    return pd.DataFrame(rows, columns=["topic_id", "topic", "only"])


def read_matrix_cell(package: Package, cells: list, table: pd.DataFrame) -> tuple[str, str] | None:
    """(topic id, source id) of the selected coverage cell, or None for a label column or none."""
    if not cells:
        return None
    row, column = cells[0]
    if column not in set(package["sources"]["source_id"]) or not 0 <= int(row) < len(table):
        return None
    topic_id = str(package["topics"]["topic_id"].iloc[int(row)])
    return topic_id, str(column)
