"""Discrepancies: who reports what (coverage), and one panel of typed relations per shared topic.

Built from the claims and relations tables only, so a new source becomes a new column and new
panels without code changes.
"""

from __future__ import annotations

import pandas as pd

from lib.analysis.compare import check_relations
from lib.analysis.filters import keep_highest
from lib.data.read import Package, list_records
from lib.data.schema import RELATION_TYPES

SILENT = "—"
# A large package has thousands of shared topics: the page shows this many panels at a time.
PANELS_PER_PAGE = 20
# The matrix's columns before one column per source.
LABEL_COLUMNS = ("topic", "reported by")
# Sources hidden by the filter are named in the matrix's caption up to this many, else counted.
MAX_NAMED_HIDDEN = 5


def index_topic_sources(package: Package) -> dict[str, dict[str, int]]:
    """Topic id -> {source id: its claims on the topic}, for the topics that have claims.

    Sparse on purpose: a year of reporting has tens of thousands of topics and thousands of
    sources, and a topic × source grid of them is mostly zeros (and gigabytes).
    """
    found: dict[str, dict[str, int]] = {}
    claims = package["claims"]
    for topic, source in zip(claims["topic"].tolist(), claims["source_id"].tolist(), strict=True):
        counts = found.setdefault(topic, {})
        counts[source] = counts.get(source, 0) + 1
    return found


def _order_sources(package: Package, sources: tuple[str, ...] = ()) -> list[str]:
    # Source table order; ``sources`` (the sidebar's filter) keeps only those.
    kept = set(sources)
    return [s for s in package["sources"]["source_id"].tolist() if not kept or s in kept]


def build_coverage_counts(
    package: Package, sources: tuple[str, ...] = (), topics: list[str] | None = None
) -> pd.DataFrame:
    """Claims per topic (rows, in topic table order) and source (columns, in source order).

    ``sources`` keeps only those columns (the sidebar's source filter; every source when empty):
    a source the filter hides is not in the view, so it must not read as silent. ``topics``
    keeps only those rows, in the order given (every topic when None).
    """
    rows = package["topics"]["topic_id"].tolist() if topics is None else topics
    return _grid(index_topic_sources(package), rows, _order_sources(package, sources))


def _grid(found: dict[str, dict[str, int]], rows: list[str], columns: list[str]) -> pd.DataFrame:
    # The counts of index_topic_sources as a topic × source frame, for the rows and columns shown.
    grid = [[found.get(t, {}).get(s, 0) for s in columns] for t in rows]
    counts = pd.DataFrame(grid, index=pd.Index(rows, name="topic"), columns=columns, dtype="int64")
    counts.columns.name = "source_id"
    return counts


def build_coverage_table(
    package: Package,
    limit: int | None = None,
    sources: tuple[str, ...] = (),
    max_sources: int | None = None,
) -> pd.DataFrame:
    """The coverage matrix as readers see it: topic labels, the claim count or '—' for silence.

    Indexed by topic id (hidden on screen); one column per shown source (``sources``, every
    source when empty). Topics no shown claim is on are left out: the view has nothing on
    them. With ``limit``, only the topics most sources report are kept (ties in topic order),
    and with ``max_sources`` only the sources reporting most of those topics (ties in source
    order), so a large package still gives a readable matrix that a browser can draw. Counts
    are bare numbers so the matrix fits a phone; the caption says what they count.
    """
    found = index_topic_sources(package)
    columns = _order_sources(package, sources)
    kept = set(columns)
    reporters = {
        t: n
        for t in package["topics"]["topic_id"].tolist()
        if (n := sum(1 for s in found.get(t, ()) if s in kept))
    }
    topics = keep_highest(list(reporters), reporters, limit)
    reach = dict.fromkeys(columns, 0)
    for topic in topics:
        for source in found[topic]:
            if source in kept:
                reach[source] += 1
    columns = keep_highest(columns, reach, max_sources)
    if len(columns) < len(kept):  # "reported by" counts the sources shown
        shown_sources = set(columns)
        reporters = {t: sum(1 for s in found[t] if s in shown_sources) for t in topics}
    counts = _grid(found, topics, columns)
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    shown = counts.map(lambda n: str(n) if n else SILENT)
    topic, reported = LABEL_COLUMNS
    shown.insert(0, topic, [labels[t] for t in topics])
    shown.insert(1, reported, [f"{reporters[t]} of {counts.shape[1]}" for t in topics])
    return shown


def rank_relation(relation: str) -> int:
    """How serious a relation is: its position in RELATION_TYPES, most serious first (unknown
    relations last). A panel is headed by the worst relation it holds."""
    return RELATION_TYPES.index(relation) if relation in RELATION_TYPES else len(RELATION_TYPES)


def _list_reporters(package: Package) -> list[tuple[str, list[str]]]:
    # (topic id, the sources reporting it in source order), topics with claims in topic order.
    found = index_topic_sources(package)
    position = {s: i for i, s in enumerate(_order_sources(package))}
    return [
        (t, sorted(found[t], key=position.__getitem__))
        for t in package["topics"]["topic_id"].tolist()
        if t in found
    ]


def list_topic_panels(package: Package) -> list[dict]:
    """One entry per topic reported by two or more sources, worst relation first.

    Each has the topic id, label, question, the sources reporting it, its relations (records of
    ``check_relations``, worst first) and the headline relation.
    """
    checked = check_relations(package)
    if len(checked):
        checked = checked.assign(_rank=checked["curated"].map(rank_relation))
        checked = checked.sort_values(["_rank", "relation_id"], kind="stable").drop(columns="_rank")
    # Plain records, grouped once: thousands of small frames cost more than the page itself.
    by_topic: dict[str, list[dict]] = {}
    for record in list_records(checked):
        by_topic.setdefault(record["topic"], []).append(record)
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    questions = dict(zip(package["topics"]["topic_id"], package["topics"]["question"], strict=True))
    panels = []
    for topic_id, sources in _list_reporters(package):
        if len(sources) < 2:
            continue
        relations = by_topic.get(topic_id, [])
        panels.append(
            {
                "topic_id": topic_id,
                "label": labels[topic_id],
                "question": questions[topic_id],
                "sources": sources,
                "relations": relations,
                "headline": relations[0]["curated"] if relations else "agrees",
            }
        )
    return sorted(panels, key=lambda p: (rank_relation(p["headline"]), p["label"].casefold()))


def list_single_source_topics(package: Package) -> pd.DataFrame:
    """Topics only one source reports: the other sources are silent on them."""
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    rows = [
        {"topic_id": t, "topic": labels[t], "only": sources[0]}
        for t, sources in _list_reporters(package)
        if len(sources) == 1
    ]
    return pd.DataFrame(rows, columns=["topic_id", "topic", "only"])


def describe_coverage(package: Package, table: pd.DataFrame, sources: tuple[str, ...] = ()) -> str:
    """The matrix's caption: how much of the package it shows, and how to read it.

    ``table`` is :func:`build_coverage_table` of this view with the sidebar's ``sources``: those
    the filter hides are named as hidden, and those left out to keep the matrix readable are
    counted as such; neither is called silent.
    """
    every = list(package["sources"]["source_id"])
    shown_sources = [s for s in every if s in table.columns]
    hidden = [s for s in every if sources and s not in sources]
    left_out = len(every) - len(shown_sources) - len(hidden)
    topics = len(package["topics"])
    plural = "" if len(shown_sources) + left_out == 1 else "s"
    of = f" of {len(shown_sources) + left_out}" if left_out else ""
    shown = f"{len(table)} of {topics} topics × {len(shown_sources)}{of} source{plural}"
    if hidden:
        named = ", ".join(hidden) if len(hidden) <= MAX_NAMED_HIDDEN else f"{len(hidden)} sources"
        shown += f" ({named} hidden by the sources filter)"
    narrowed = []
    if len(table) < topics:
        narrowed.append(
            "Topics: those with claims in this view, the most reported when there are too many; "
            "narrow with the Topics filter."
        )
    if left_out:
        narrowed.append(
            f"Sources: the {len(shown_sources)} reporting most of these topics; "
            "choose others with the Sources filter."
        )
    said = "".join(f" {part}" for part in narrowed)
    return (
        f"{shown}.{said} Each cell counts a source's claims on a topic; “—” means the "
        "source is silent. Select a cell for that source's quotes on that topic."
    )


def list_cell_claims(package: Package, topic_id: str, source_id: str) -> list[str]:
    """Ids of one source's claims on one topic: a cell of the coverage matrix."""
    claims = package["claims"]
    chosen = (claims["topic"] == topic_id) & (claims["source_id"] == source_id)
    return list(claims.loc[chosen, "claim_id"])


def filter_panels(panels: list[dict], kinds: list[str]) -> list[dict]:
    """The panels holding any relation of the given kinds (all panels when ``kinds`` is empty)."""
    wanted = set(kinds)
    return [p for p in panels if not wanted or {r["curated"] for r in p["relations"]} & wanted]


def locate_cell(table: pd.DataFrame, topic_id: str, source_id: str) -> tuple[int, str] | None:
    """(row position, source column) of one source's cell on one topic in ``table`` (from
    :func:`build_coverage_table`); None when the matrix has no such cell."""
    sources = [c for c in table.columns if c not in LABEL_COLUMNS]
    if source_id not in sources or topic_id not in table.index:
        return None
    return int(table.index.get_loc(topic_id)), source_id


def index_panel_pages(panels: list[dict], per_page: int) -> dict[str, int]:
    """Topic id -> the pager page (from 1) holding its panel, in panel order."""
    return {p["topic_id"]: i // per_page + 1 for i, p in enumerate(panels)}
