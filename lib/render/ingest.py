"""The ingest page's article view: the draft's text with every proposal marked by kind, always
escaped, so nothing in an article is ever interpreted as markup."""

from __future__ import annotations

import html

from lib.data.ingest.draft import Draft
from lib.data.intervals import Interval
from lib.render.reader import Span, segment_spans
from lib.render.style import PROPOSAL_STYLES, READER_CSS, tint


def collect_proposal_spans(draft: Draft) -> list[Span]:
    """Spans of the proposals: figures and dates (from the claims) and each place and actor
    mention, longest first so the shortest wins where they nest."""
    text = draft.text
    spans: list[Span] = []
    for claim in draft.rows("claims"):
        for kind, column in (("figure", "figure_span"), ("date", "date_span")):
            span = _read_span(claim.get(column, ""), len(text))
            if span is None:
                continue
            colour, underline, _ = PROPOSAL_STYLES[kind]
            tip = _describe(kind, claim)
            spans.append(Span(*span, claim["claim_id"], kind, colour, tip, underline))
    for mention in draft.rows("mentions"):
        kind = mention["entity_kind"]
        colour, underline, label = PROPOSAL_STYLES[kind]
        tip = f"{label}: {mention['entity_id']} ({mention['extracted_by'] or 'rule'})"
        spans.append(
            Span(
                int(mention["char_start"]),
                int(mention["char_end"]),
                mention["mention_id"],
                kind,
                colour,
                tip,
                underline,
            )
        )
    return sorted(spans, key=lambda s: (-(s.end - s.start), s.start))


def _read_span(cell: str, length: int) -> tuple[int, int] | None:
    """``"start-end"`` as a pair inside the text, or None for an empty or broken cell."""
    start, _, end = cell.partition("-")
    if not (start.isdigit() and end.isdigit()) or not int(start) < int(end) <= length:
        return None
    return int(start), int(end)


def _describe(kind: str, claim: dict[str, str]) -> str:
    if kind == "figure":
        interval = Interval(
            *(float(claim[c]) if claim[c] else None for c in ("value_low", "value_high"))
        )
        return (
            f"Figure ({claim['claim_id']}): {claim['bound']} {claim['value']} {claim['unit']} "
            f"({claim['unit_scope']}), interval {interval.describe()}"
        )
    return f"Date ({claim['claim_id']}): {claim['date_basis'] or 'unresolved'}"


def render_proposals_html(draft: Draft) -> str:
    """The draft's text as escaped HTML, each proposal a mark styled by its kind."""
    text = draft.text
    pieces = []
    for start, end, covering in segment_spans(len(text), collect_proposal_spans(draft)):
        escaped = html.escape(text[start:end])
        if not covering:
            pieces.append(escaped)
            continue
        inner = covering[-1]
        tip = "\n".join(s.tip for s in reversed(covering))
        style = (
            f"background:{tint(inner.colour, 0.22)};"
            f"border-bottom:3px {inner.underline} {inner.colour}"
        )
        pieces.append(
            f'<mark class="sb-proposal sb-p-{inner.kind}" style="{style}" tabindex="0" '
            f'data-kind="{inner.kind}" data-tip="{html.escape(tip)}" '
            f'aria-description="{html.escape(tip)}">{escaped}</mark>'
        )
    return f'{READER_CSS}<div class="sb-doc" role="document">{"".join(pieces)}</div>'


def render_proposal_key_html() -> str:
    """The key to the marks: each kind's colour, underline and name."""
    items = "".join(
        f'<span style="margin-right:1.2rem;border-bottom:3px {underline} {colour};'
        f'background:{tint(colour, 0.22)};padding:0 .3rem">{label}</span>'
        for colour, underline, label in PROPOSAL_STYLES.values()
    )
    return f'<div class="sb-proposal-key" aria-label="Key to the highlights">{items}</div>'
