"""Proposing a draft from one article: claims with their figures and dates, the places and actors
it names, relations to what other sources already say, and quality flags.

Every proposal is a row a reviewer can accept, edit or reject, and every row names the rule that
proposed it (``extracted_by``), so a proposal can be explained and corrected, never trusted blind.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from lib.analysis.ingest.dates import DateMention, find_dates
from lib.analysis.ingest.entities import (
    Mention,
    build_gazetteer,
    find_claimant,
    find_mentions,
    read_countries,
)
from lib.analysis.ingest.figures import Figure, find_figures
from lib.analysis.quality import compute_quality_flags
from lib.analysis.text import Sentence, split_sentences
from lib.data.cells import format_number, is_present, join_list, split_list
from lib.data.dates import (
    DateRange,
    DateRuleError,
    YearSpan,
    describe_precision,
    explain_resolution,
    format_range,
    read_claim_dates,
    read_year_span,
    resolve_relative_date,
)
from lib.data.ingest.article import (
    WIRE_CREDIT_PATTERN,
    Article,
    ArticleError,
    check_seed_name,
    make_slug,
    propose_seed_name,
    propose_source_id,
)
from lib.data.ingest.draft import (
    DRAFT,
    EXISTING,
    PROPOSED,
    Draft,
    draft_columns,
)
from lib.data.read import Package, read_seeds_dir
from lib.data.relations import compute_relation
from lib.data.rows import blank_row

# Wire credits in a dateline or byline: "NIAMEY, Niger (AP) —", "DAKAR, Aug 5 (Reuters) -".
_CREDIT_RE = re.compile(WIRE_CREDIT_PATTERN)
_WORD_RE = re.compile(r"[a-z][a-z'’-]+")
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "said",
        "says",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "will",
        "with",
        "would",
        "not",
        "but",
        "also",
        "after",
        "before",
        "than",
        "more",
        "over",
        "about",
        "some",
        "since",
        "last",
        "what",
        "when",
        "where",
        "how",
        "many",
        "much",
        "does",
        "did",
        "do",
    }
)
# Counted from another happening: "the following month" from the claim before it; "after the
# coup" from the package's event of that name. A reviewer sees the anchor and can change it.
_FOLLOWING_RE = re.compile(r"\b(?:following|next)\s+month\b|\bmonth\s+later\b", re.IGNORECASE)
_SINCE_EVENT_RE = re.compile(
    r"\b(?:after|since|following)\s+(?:the|its|their|his|her|this|that)\s+"
    r"(?P<words>(?:[\w-]+\s+){0,2}[\w-]+)",
    re.IGNORECASE,
)
# "after they seized power", "since the military took power": counted from the package's coup.
_SEIZED_POWER_RE = re.compile(
    r"\b(?:after|since)\s+(?:[\w-]+\s+){0,3}?(?:seized|took|grabbed|came\s+to)\s+power\b",
    re.IGNORECASE,
)
# A topic must share this much weighted vocabulary with a sentence to be suggested; below it the
# claim is proposed with a new topic, flagged as such.
TOPIC_THRESHOLD = 0.18


@dataclass(frozen=True)
class TopicIndex:
    """Each topic's vocabulary (label, question and its claims' words), weighted by rarity."""

    weights: dict[str, dict[str, float]]
    units: dict[str, set[str]]


def _words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS and len(w) > 2]


def build_topic_index(package: Package) -> TopicIndex:
    """Index the package's topics for :func:`suggest_topic`."""
    topics, claims = package["topics"], package["claims"]
    bags: dict[str, Counter] = {}
    for row in topics.itertuples():
        bags[row.topic_id] = Counter(_words(f"{row.label} {row.question}") * 2)
    units: dict[str, set[str]] = {}
    for row in claims.itertuples():
        bag = bags.setdefault(row.topic, Counter())
        bag.update(_words(f"{row.subject} {row.quote}"))
        if is_present(row.unit):
            units.setdefault(row.topic, set()).add(str(row.unit))
    documents = Counter(word for bag in bags.values() for word in bag)
    total = max(len(bags), 1)
    weights = {}
    for topic, bag in bags.items():
        raw = {w: (1 + math.log(n)) * math.log(1 + total / documents[w]) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        weights[topic] = {w: v / norm for w, v in raw.items()}
    return TopicIndex(weights, units)


def suggest_topic(text: str, unit: str, index: TopicIndex) -> tuple[str | None, float]:
    """The best-matching existing topic for a sentence and its score; None when none matches."""
    words = set(_words(text))
    best, best_score = None, 0.0
    for topic, weights in index.weights.items():
        score = sum(weights.get(w, 0.0) for w in words)
        # A figure's unit is strong evidence: a price goes where prices already are.
        if unit and unit in index.units.get(topic, set()):
            score += 0.5
        if score > best_score:
            best, best_score = topic, score
    return best, best_score


def _find_outlet_credit(text: str) -> tuple[str, int, int] | None:
    match = _CREDIT_RE.search(text[:600])
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


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)


def _within(sentence: Sentence, start: int, end: int) -> bool:
    return sentence.start <= start and end <= sentence.end


def _entity_id(mention: Mention) -> str:
    return mention.entity_id or _draft_entity_id(mention)


def _draft_entity_id(mention: Mention) -> str:
    # A country from the reference list takes its ISO3 code as id, as the package's own do.
    return mention.iso3.lower() if mention.iso3 else f"new-{make_slug(mention.name, 40)}"


_SEIZED_POWER = "(seized power)"


def index_event_anchors(package: Package) -> dict[str, str]:
    """Each word of an event's title (a noun like 'coup') → a dated claim of that event, for
    "after the coup"; a word shared by several events names none of them."""
    claims = package["claims"].set_index("claim_id")
    found: dict[str, str | None] = {}
    for event in package["events"].itertuples():
        dated = [c for c in split_list(event.claim_ids) if c in claims.index]
        dated = [c for c in dated if is_present(claims.at[c, "date_low"])]
        if not dated:
            continue
        for word in set(_words(event.title)):
            found[word] = None if word in found else dated[0]
        if event.category == "coup":
            # Taking power names the coup whatever the title says; two coups name neither.
            found[_SEIZED_POWER] = None if _SEIZED_POWER in found else dated[0]
    return {word: claim for word, claim in found.items() if claim}


def _date_claims(package: Package, claim_ids: set[str]) -> dict[str, DateRange]:
    claims = package["claims"]
    chosen = claims[claims["claim_id"].isin(claim_ids)]
    return {row["claim_id"]: read_claim_dates(row) for _, row in chosen.iterrows()}


@dataclass
class _Context:
    article: Article
    outlet: str
    source_id: str
    sentences: list[Sentence]
    figures: list[Figure]
    dates: list[DateMention]
    mentions: list[Mention]
    topics: TopicIndex
    anchors: dict[str, str]
    anchors_dated: dict[str, DateRange]
    package: Package


def _claimant(ctx: _Context, sentence: Sentence) -> tuple[str, str]:
    found = find_claimant(ctx.article.text, sentence.start, sentence.end, ctx.mentions)
    if found is None:
        return f"{ctx.outlet} (reporting)", ""
    return found.surface, found.actor_id or ""


def _date_cells(mention: DateMention) -> dict[str, str]:
    if mention.rule is None or mention.low is None or mention.high is None:
        return {}
    return {
        "date_expr": mention.expr,
        "date_rule": mention.rule,
        "date_low": mention.low.isoformat(),
        "date_high": mention.high.isoformat(),
        "date_precision": mention.precision or "",
        "date_basis": mention.basis,
    }


def _resolve_cells(
    ctx: _Context,
    rule: str,
    expr: str,
    anchor_id: str = "",
    anchor: DateRange | None = None,
    years: YearSpan | None = None,
) -> dict[str, str]:
    """The claim's date cells for ``expr`` under ``rule``, counted from the anchor claim if any,
    else from publication, through lib.data.dates; empty when the rule cannot resolve it."""
    publication = ctx.article.publication
    try:
        result = resolve_relative_date(rule, expr, publication, anchor=anchor, years=years)
    except DateRuleError:
        return {}
    name = f"claim {anchor_id}" if anchor_id else "the publication"
    return {
        "date_expr": expr,
        "date_rule": rule,
        "date_anchor": anchor_id,
        "date_low": result.low.isoformat(),
        "date_high": result.high.isoformat(),
        "date_precision": describe_precision(result),
        "date_basis": explain_resolution(rule, expr, result, anchor or publication, name),
    }


def _anchor_to_previous(ctx: _Context, rows: list[dict[str, str]], expr: str) -> dict[str, str]:
    """Resolve "the following month" / "two days later" from the latest dated claim before it."""
    earlier = [r for r in rows if r["date_low"] and r["date_rule"] != "publication"]
    if not earlier:
        return {}
    anchor = earlier[-1]
    rule = "following_month" if _FOLLOWING_RE.search(expr) else "after"
    return _resolve_cells(ctx, rule, expr, anchor["claim_id"], read_claim_dates(anchor))


def _find_event_anchor(ctx: _Context, sentence: Sentence) -> tuple[int, int, dict] | None:
    """ "after the coup": the span and the date cells counted from the package's coup."""
    seized = _SEIZED_POWER_RE.search(sentence.text)
    anchor_id = ctx.anchors.get(_SEIZED_POWER)
    if seized and anchor_id:
        expr = seized.group()
        cells = _resolve_cells(ctx, "after", expr, anchor_id, ctx.anchors_dated[anchor_id])
        if cells:
            start = sentence.start + seized.start()
            return start, start + len(expr), cells
    for match in _SINCE_EVENT_RE.finditer(sentence.text):
        for word in _words(match.group("words")):
            anchor_id = ctx.anchors.get(word)
            if anchor_id is None:
                continue
            words_end = match.start("words") + match.group("words").casefold().index(word)
            expr = sentence.text[match.start() : words_end + len(word)]
            cells = _resolve_cells(ctx, "after", expr, anchor_id, ctx.anchors_dated[anchor_id])
            if cells:
                start = sentence.start + match.start()
                return start, start + len(expr), cells
    return None


def _as_of_publication(ctx: _Context, figure: Figure) -> dict[str, str]:
    return _resolve_cells(ctx, "publication", figure.phrase)


def _years_ago(ctx: _Context, figure: Figure) -> dict[str, str] | None:
    """A figure in years that dates a beginning ("a 12-year-old agreement", "for nearly a
    decade") is also its date: that many years before publication (rule years_before)."""
    if figure.unit != "years":
        return None
    text = ctx.article.text
    before = text[max(0, figure.start - 4) : figure.start].casefold()
    if not (figure.phrase.casefold().endswith("-old") or before.endswith("for ")):
        return None
    years = read_year_span(figure.bound, figure.value, figure.value_low, figure.value_high)
    if years is None:
        return None
    expr = text[figure.start - 4 : figure.end] if before.endswith("for ") else figure.phrase
    return _resolve_cells(ctx, "years_before", expr, years=years) or None


def _claim_row(ctx: _Context, sentence: Sentence, number: int, **cells: str) -> dict[str, str]:
    places = [
        _entity_id(m)
        for m in ctx.mentions
        if m.kind == "place" and _within(sentence, m.start, m.end)
    ]
    claimant, claimant_id = _claimant(ctx, sentence)
    return blank_row(
        draft_columns("claims"),
        claim_id=f"{ctx.source_id}-c{number:03d}",
        source_id=ctx.source_id,
        statement=sentence.text,
        place_ids=join_list(dict.fromkeys(places)),
        claimant=claimant,
        claimant_actor_id=claimant_id,
        quote=sentence.text,
        char_start=str(sentence.start),
        char_end=str(sentence.end),
        status=PROPOSED,
        **cells,
    )


def _propose_claims(ctx: _Context) -> list[dict[str, str]]:
    """One claim per figure (with the sentence's nearest date as its as-of date, else the
    publication) and one per remaining resolvable date, each quoting its whole sentence."""
    rows = []
    for sentence in ctx.sentences:
        figures = [f for f in ctx.figures if _within(sentence, f.start, f.end)]
        dates = [
            d
            for d in ctx.dates
            if _within(sentence, d.start, d.end) and d.extracted_by != "date.dateline"
        ]
        used: set[int] = set()
        for figure in figures:
            years = _years_ago(ctx, figure)
            resolvable = [d for d in dates if d.rule and id(d) not in used]
            nearest = min(resolvable, key=lambda d: abs(d.start - figure.start), default=None)
            if years:
                nearest = None  # the figure dates itself; the sentence's dates stay claims
            elif nearest is not None:
                used.add(id(nearest))
            date_cells = years or (
                _date_cells(nearest) if nearest else _as_of_publication(ctx, figure)
            )
            rows.append(
                _claim_row(
                    ctx,
                    sentence,
                    len(rows) + 1,
                    value=_number(figure.value),
                    value_low=_number(figure.value_low),
                    value_high=_number(figure.value_high),
                    bound=figure.bound,
                    hedge=figure.hedge,
                    unit=figure.unit,
                    unit_scope=figure.unit_scope,
                    extracted_by=join_list(
                        [
                            figure.extracted_by,
                            "date.years_ago"
                            if years
                            else (nearest.extracted_by if nearest else "date.as_of"),
                        ]
                    ),
                    subject=figure.unit_scope or figure.phrase,
                    figure_span=f"{figure.start}-{figure.end}",
                    date_span=f"{nearest.start}-{nearest.end}" if nearest else "",
                    **date_cells,
                )
            )
        for mention in dates:
            if id(mention) in used:
                continue
            cells = _date_cells(mention)
            if not cells and mention.extracted_by == "date.anchored":
                cells = _anchor_to_previous(ctx, rows, mention.expr)
            note = "" if cells else f"Date left unresolved: {mention.basis}"
            rows.append(
                _claim_row(
                    ctx,
                    sentence,
                    len(rows) + 1,
                    extracted_by=mention.extracted_by,
                    subject=mention.expr,
                    note=note,
                    date_span=f"{mention.start}-{mention.end}",
                    **(cells or {"date_expr": ""}),
                )
            )
        found = _find_event_anchor(ctx, sentence)
        if found and not any(d.start < found[1] and found[0] < d.end for d in dates):
            start, end, cells = found
            rows.append(
                _claim_row(
                    ctx,
                    sentence,
                    len(rows) + 1,
                    extracted_by="date.event_anchor",
                    subject=cells["date_expr"],
                    date_span=f"{start}-{end}",
                    **cells,
                )
            )
    return rows


def _assign_topics(ctx: _Context, claims: list[dict[str, str]]) -> list[dict[str, str]]:
    """Suggest a topic for each claim; below the threshold, propose one new topic per claim."""
    new_topics = []
    for claim in claims:
        topic, score = suggest_topic(claim["quote"], claim["unit"], ctx.topics)
        if topic is not None and score >= TOPIC_THRESHOLD:
            claim["topic"], claim["topic_status"] = topic, EXISTING
            continue
        topic_id = f"new-{make_slug(claim['subject'], 32)}"
        claim["topic"], claim["topic_status"] = topic_id, DRAFT
        if all(t["topic_id"] != topic_id for t in new_topics):
            new_topics.append(
                blank_row(
                    draft_columns("topics"),
                    topic_id=topic_id,
                    label=claim["subject"][:60],
                    theme="context",
                    question=f"What do the sources say about {claim['subject'][:60]}?",
                    status=DRAFT,
                    extracted_by="topic.new",
                )
            )
    return new_topics


def _entity_rows(ctx: _Context, package: Package, kind: str) -> list[dict[str, str]]:
    table = "places" if kind == "place" else "actors"
    key = "place_id" if kind == "place" else "actor_id"
    known = package[table].set_index(key, drop=False)
    rows: dict[str, dict[str, str]] = {}
    for mention in ctx.mentions:
        if mention.kind != kind:
            continue
        entity_id = _entity_id(mention)
        if entity_id in rows:
            continue
        if mention.entity_id and mention.entity_id in known.index:
            record = known.loc[mention.entity_id]
            cells = {c: "" if not is_present(record[c]) else str(record[c]) for c in known.columns}
            rows[entity_id] = {**blank_row(draft_columns(table)), **cells, "status": EXISTING}
            continue
        draft_kind = "city" if kind == "place" else "person"
        if kind == "actor" and mention.extracted_by != "entity.unknown_person":
            draft_kind = "organisation"
        country = {"kind": "country", "iso3": mention.iso3, "geo_precision": "country"}
        rows[entity_id] = blank_row(
            draft_columns(table),
            **{key: entity_id},
            name=mention.name,
            status=DRAFT,
            extracted_by=mention.extracted_by,
            note=f"New in {ctx.source_id}: '{mention.surface}'"
            + (
                " (a country of the Natural Earth reference list)."
                if mention.iso3
                else f"; review its kind{' and coordinates' if kind == 'place' else ''}."
            ),
            **(country if mention.iso3 else {"kind": draft_kind}),
        )
    return list(rows.values())


def _mention_rows(ctx: _Context) -> list[dict[str, str]]:
    return [
        blank_row(
            draft_columns("mentions"),
            mention_id=f"{ctx.source_id}-m{number:04d}",
            source_id=ctx.source_id,
            entity_kind=mention.kind,
            entity_id=_entity_id(mention),
            quote=mention.surface,
            char_start=str(mention.start),
            char_end=str(mention.end),
            extracted_by=mention.extracted_by,
            status=PROPOSED,
        )
        for number, mention in enumerate(ctx.mentions, start=1)
    ]


def _propose_relations(
    ctx: _Context, claims: list[dict[str, str]], package: Package
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Relate each new claim to every claim of another source on its topic, as the package
    requires: the type computed from figures and dates where they decide it, else left blank
    for the reviewer (a qualitative pair is typed from its quotes, never guessed)."""
    existing = package["claims"]
    existing = existing[existing["source_id"] != ctx.source_id]
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
            relation_id = f"{ctx.source_id}-r{len(relations) + 1:03d}"
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


def _quality_rows(ctx: _Context) -> list[dict[str, str]]:
    return [
        blank_row(
            draft_columns("quality_flags"),
            flag_id=f"{ctx.source_id}-q{number:03d}",
            source_id=ctx.source_id,
            kind=finding.kind,
            quote=finding.text,
            char_start=str(finding.start),
            char_end=str(finding.end),
            note=finding.reason,
            status=PROPOSED,
            extracted_by=f"quality.{finding.kind}",
        )
        for number, finding in enumerate(compute_quality_flags(ctx.article.text), start=1)
    ]


def propose_draft(
    article: Article, package: Package, outlet: str, source_id: str | None = None
) -> Draft:
    """Every proposal for ``article`` against ``package``, as a draft to review.

    Raises ArticleError, before any work, for a source id the package already has or a seed name
    its seeds folder holds with other content.
    """
    source_id = source_id or propose_source_id(outlet, article)
    seed_name = propose_seed_name(source_id, article)
    if source_id in set(package["sources"]["source_id"]):
        raise ArticleError(f"{article.shown}: source id {source_id!r} is already taken")
    check_seed_name(read_seeds_dir(package.data_dir), seed_name, article)
    text = article.text
    gazetteer = build_gazetteer(package["places"], package["actors"], read_countries())
    anchors = index_event_anchors(package)
    ctx = _Context(
        article=article,
        outlet=outlet,
        source_id=source_id,
        sentences=split_sentences(text),
        figures=find_figures(text),
        dates=find_dates(text, article.publication),
        mentions=find_mentions(text, gazetteer),
        topics=build_topic_index(package),
        anchors=anchors,
        anchors_dated=_date_claims(package, set(anchors.values())),
        package=package,
    )
    claims = _propose_claims(ctx)
    topics = _assign_topics(ctx, claims)
    relations, hypotheses = _propose_relations(ctx, claims, package)
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
        "places": _entity_rows(ctx, package, "place"),
        "actors": _entity_rows(ctx, package, "actor"),
        "claims": claims,
        "events": [],
        "mentions": _mention_rows(ctx),
        "relations": relations,
        "relation_hypotheses": hypotheses,
        "quality_flags": _quality_rows(ctx),
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
