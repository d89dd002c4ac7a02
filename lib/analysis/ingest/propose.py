"""Proposing a draft from one article: claims with their figures and dates, the places and actors
it names, relations to what other sources already say, and quality flags.

Every proposal is a row a reviewer can accept, edit or reject, and every row names the rule that
proposed it (``extracted_by``), so a proposal can be explained and corrected, never trusted blind.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from lib.analysis.ingest.claims import (
    ClaimContext,
    index_event_anchors,
    list_anchor_dates,
    propose_claims,
)
from lib.analysis.ingest.dates import DATELINE_RE, find_dates
from lib.analysis.ingest.entities import build_gazetteer, find_mentions, read_countries
from lib.analysis.ingest.figures import find_figures
from lib.analysis.ingest.mentions import list_entity_rows, list_mention_rows
from lib.analysis.ingest.relations import propose_relations
from lib.analysis.ingest.topics import build_topic_index, propose_topics
from lib.analysis.quality import compute_quality_flags
from lib.analysis.text import split_sentences
from lib.data.dates import format_range
from lib.data.ingest.article import (
    Article,
    ArticleError,
    check_seed_name,
    propose_seed_name,
    propose_source_id,
)
from lib.data.ingest.draft import ACCEPTED, DRAFT, EXISTING, PROPOSED, Draft, draft_columns
from lib.data.read import Package, read_seeds_dir
from lib.data.rows import blank_row

# How far into the text a dateline can still be the story's own (after the headline and byline).
_DATELINE_REACH = 600


def _find_outlet_credit(text: str) -> tuple[str, int, int] | None:
    """The wire credited by the story's dateline ("(AP)", "(Reuters)") and its offsets."""
    match = DATELINE_RE.search(text, 0, _DATELINE_REACH)
    return (match["credit"], match.start("credit"), match.end("credit")) if match else None


def _source_row(article: Article, outlet: str, source_id: str, seed_name: str) -> dict:
    row = blank_row(
        draft_columns("sources"),
        source_id=source_id,
        seed_file=seed_name,
        sha256=article.sha256,
        title=article.title or _first_line(article.text),
        title_printed="true",
        pub_date_low=article.publication.low.isoformat(),
        pub_date_high=article.publication.high.isoformat(),
        pub_date_best=article.publication.low.isoformat(),
        pub_date_basis=article.publication_basis,
        language="en",
        status=PROPOSED,
        outlet=outlet,
        html_sha256=article.html_sha256 or "",
    )
    credit = _find_outlet_credit(article.text)
    if credit:
        row["outlet_printed"], start, end = credit
        row["outlet_char_start"], row["outlet_char_end"] = str(start), str(end)
    return row


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return "[untitled]"


def _quality_rows(text: str, source_id: str) -> list[dict[str, str]]:
    return [
        blank_row(
            draft_columns("quality_flags"),
            flag_id=f"{source_id}-q{number:03d}",
            source_id=source_id,
            kind=finding.kind,
            quote=finding.text,
            char_start=str(finding.start),
            char_end=str(finding.end),
            note=finding.reason,
            status=PROPOSED,
            extracted_by=f"quality.{finding.kind}",
        )
        for number, finding in enumerate(compute_quality_flags(text), start=1)
    ]


def propose_draft(
    article: Article, package: Package, outlet: str, source_id: str | None = None
) -> Draft:
    """Every proposal for ``article`` against ``package``, as a draft to review.

    Raises ArticleError, before any work, for a source id the package already has or a seed name
    its seeds folder holds with other content.
    """
    source_id = source_id or propose_source_id(outlet, article)
    seed_name = propose_seed_name(source_id, article.sha256)
    if source_id in set(package["sources"]["source_id"]):
        raise ArticleError(f"{article.shown}: source id {source_id!r} is already taken")
    check_seed_name(read_seeds_dir(package.data_dir), seed_name, article)
    text = article.text
    gazetteer = build_gazetteer(package["places"], package["actors"], read_countries())
    anchors = index_event_anchors(package)
    mentions = find_mentions(text, gazetteer)
    ctx = ClaimContext(
        article=article,
        outlet=outlet,
        source_id=source_id,
        sentences=split_sentences(text),
        figures=find_figures(text),
        dates=find_dates(text, article.publication),
        mentions=mentions,
        anchors=anchors,
        anchors_dated=list_anchor_dates(package, set(anchors.values())),
    )
    claims = propose_claims(ctx)
    topics = propose_topics(claims, build_topic_index(package))
    relations, hypotheses = propose_relations(claims, package, source_id)
    meta = {
        "source_id": source_id,
        "outlet": outlet,
        "article": article.path.name,
        "html_sha256": article.html_sha256,
        "publication": format_range(article.publication),
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "package_version": package.version,
    }
    draft = Draft(meta=meta, seed_name=seed_name, seed_bytes=article.seed_bytes)
    draft.tables = {
        "sources": [_source_row(article, outlet, source_id, seed_name)],
        "topics": topics,
        "places": list_entity_rows(mentions, package, "place", source_id),
        "actors": list_entity_rows(mentions, package, "actor", source_id),
        "claims": claims,
        "events": [],
        "mentions": list_mention_rows(mentions, source_id),
        "relations": relations,
        "relation_hypotheses": hypotheses,
        "quality_flags": _quality_rows(text, source_id),
    }
    return draft


def summarise_draft(draft: Draft) -> list[str]:
    """What a draft proposes, in lines: claims by kind, unknown entities, relations by type."""
    claims = draft.rows("claims")
    figures = sum(1 for c in claims if c["bound"])
    dated = sum(1 for c in claims if c["date_low"] and not c["bound"])
    unresolved = sum(1 for c in claims if c["note"].startswith("Date left unresolved"))
    new_topics = sum(1 for c in claims if c["topic_status"] == DRAFT)
    mentions = Counter(m["entity_kind"] for m in draft.rows("mentions"))
    lines = [
        f"{draft.source_id}: {len(claims)} claims proposed: {figures} figures, {dated} dated, "
        f"{unresolved} with an unresolved date; {new_topics} without an existing topic",
        f"mentions: {mentions.get('place', 0)} of places, {mentions.get('actor', 0)} of actors",
    ]
    for table, noun in (("places", "place"), ("actors", "actor")):
        unknown = [r["name"] for r in draft.rows(table) if r["status"] == DRAFT]
        if unknown:
            lines.append(f"new {noun}s to review ({len(unknown)}): {', '.join(unknown)}")
    kinds = Counter(r["relation"] or "untyped (for the reviewer)" for r in draft.rows("relations"))
    shown = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"
    lines.append(f"relations to other sources: {shown}")
    for relation in draft.rows("relations"):
        if relation["relation"] in ("conflicts", "unresolved"):
            lines.append(
                f"  {relation['relation']}: {relation['claim_a']} vs {relation['claim_b']}: "
                f"{relation['explanation']}"
            )
    flags = Counter(f["kind"] for f in draft.rows("quality_flags"))
    lines.append(
        "quality flags: " + (", ".join(f"{n} {k}" for k, n in sorted(flags.items())) or "none")
    )
    return lines


def describe_decisions(draft: Draft) -> str:
    """What adding the draft now would add: 'To add: 9 of 12 claims, 0 of 3 relations, …'.

    A new place or actor counts once accepted; one the package already has is not new."""
    parts = []
    for table in ("claims", "relations", "places", "actors", "events"):
        rows = [r for r in draft.rows(table) if r.get("status") != EXISTING]
        if rows:
            accepted = sum(1 for r in rows if r.get("status") == ACCEPTED)
            noun = f"new {table}" if table in ("places", "actors") else table
            parts.append(f"{accepted} of {len(rows)} {noun}")
    return "To add: " + (", ".join(parts) if parts else "nothing")
