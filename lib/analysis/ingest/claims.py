"""The claims an article's sentences make: one per figure, with the sentence's nearest date as its
as-of date (else the publication), and one per remaining date, each quoting its whole sentence.

A date counted from another happening is anchored: "the following month" to the claim before it,
"after the coup" to the package's event of that name. A reviewer sees the anchor and can change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.analysis.ingest.claimant import find_claimant
from lib.analysis.ingest.dates import DateMention
from lib.analysis.ingest.entities import Mention
from lib.analysis.ingest.figures import Figure
from lib.analysis.ingest.mentions import name_entity_id
from lib.analysis.ingest.topics import list_topic_words
from lib.analysis.text import Sentence
from lib.data.cells import format_number, is_present, join_list, split_list
from lib.data.dates import (
    DateRange,
    DateRuleError,
    YearSpan,
    describe_precision,
    explain_resolution,
    read_claim_dates,
    read_year_span,
    resolve_relative_date,
)
from lib.data.ingest.article import Article
from lib.data.ingest.draft import PROPOSED, draft_columns
from lib.data.read import Package
from lib.data.rows import blank_row

# "the following month" counts from the claim before it; "after the coup" from the package's event.
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
# The anchor index's key for taking power, which names the coup whatever the event's title says.
_SEIZED_POWER = "(seized power)"


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)


def _within(sentence: Sentence, start: int, end: int) -> bool:
    return sentence.start <= start and end <= sentence.end


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
        for word in set(list_topic_words(event.title)):
            found[word] = None if word in found else dated[0]
        if event.category == "coup":
            # Taking power names the coup whatever the title says; two coups name neither.
            found[_SEIZED_POWER] = None if _SEIZED_POWER in found else dated[0]
    return {word: claim for word, claim in found.items() if claim}


@dataclass
class ClaimContext:
    """What the claims of one article are read from: its text split into sentences, what the
    rules found in it, and the package's dated events that "after the coup" can count from."""

    article: Article
    outlet: str
    source_id: str
    sentences: list[Sentence]
    figures: list[Figure]
    dates: list[DateMention]
    mentions: list[Mention]
    anchors: dict[str, str]
    anchors_dated: dict[str, DateRange]


def list_anchor_dates(package: Package, claim_ids: set[str]) -> dict[str, DateRange]:
    """The resolved date range of each of ``claim_ids``, for anchoring."""
    claims = package["claims"]
    chosen = claims[claims["claim_id"].isin(claim_ids)]
    return {row["claim_id"]: read_claim_dates(row) for _, row in chosen.iterrows()}


def _claimant(ctx: ClaimContext, sentence: Sentence) -> tuple[str, str]:
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
    ctx: ClaimContext,
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


def _anchor_to_previous(ctx: ClaimContext, rows: list[dict[str, str]], expr: str) -> dict[str, str]:
    """Resolve "the following month" / "two days later" from the latest dated claim before it."""
    earlier = [r for r in rows if r["date_low"] and r["date_rule"] != "publication"]
    if not earlier:
        return {}
    anchor = earlier[-1]
    rule = "following_month" if _FOLLOWING_RE.search(expr) else "after"
    return _resolve_cells(ctx, rule, expr, anchor["claim_id"], read_claim_dates(anchor))


def _find_event_anchor(ctx: ClaimContext, sentence: Sentence) -> tuple[int, int, dict] | None:
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
        for word in list_topic_words(match.group("words")):
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


def _as_of_publication(ctx: ClaimContext, figure: Figure) -> dict[str, str]:
    return _resolve_cells(ctx, "publication", figure.phrase)


def _years_ago(ctx: ClaimContext, figure: Figure) -> dict[str, str] | None:
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


def _claim_row(ctx: ClaimContext, sentence: Sentence, number: int, **cells: str) -> dict[str, str]:
    places = [
        name_entity_id(m)
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


def propose_claims(ctx: ClaimContext) -> list[dict[str, str]]:
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
