"""Evidence as HTML: claim cards (each claim's verbatim quote under its source's colour and
name) and relation lines (two claims, how they stand, and what the sources leave open).

Each builder is told how to cite (:mod:`lib.render.cite`), so the app and the exported file
build the same fragment. Every value from the data is escaped; colour always comes with the
source's name, never alone. A fragment opens with a block element and holds no blank line, so
st.markdown passes it through as one HTML block.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from lib.analysis.compare import describe_mismatch
from lib.analysis.evidence import format_claim_date, format_figure
from lib.data.cells import is_present
from lib.render.cite import Citer
from lib.render.style import NEUTRAL_COLOUR, ONLY_ONE_SOURCE, RELATION_STYLES, tint
from lib.render.text import escape_markdown

# Said wherever two figures or dates stay unexplained: the documents give no reason.
UNRESOLVED_NOTE = "The sources do not say why these differ."


def _escape_lines(text: object, quote: bool = True) -> str:
    # A blank line would end the HTML block inside st.markdown; keep breaks as <br>.
    return html.escape(str(text), quote=quote).replace("\n", "<br>")


def _card(row: Mapping, colour: str, citer: Citer) -> str:
    head = [f'<span class="sb-source">{html.escape(row["source_id"])}</span>']
    when = format_claim_date(row)
    if when:
        head.append(f"<span>{html.escape(when)}</span>")
    if is_present(row.get("at")) and row.get("at"):
        head.append(f"<span>at {html.escape(str(row['at']))}</span>")
    figure = format_figure(row)
    if figure:
        head.append(f"<span>{html.escape(figure)}</span>")
    foot = [
        f"{html.escape(str(row['claimant']))}",
        f"chars {int(row['char_start'])}–{int(row['char_end'])}",
    ]
    if is_present(row.get("date_basis")) and row.get("date_basis"):
        foot.append(f"date: {html.escape(str(row['date_basis']))}")
    claim_id = html.escape(row["claim_id"])
    href = citer.link_claim(row["source_id"], row["claim_id"])
    if href is not None:
        foot.append(
            f'<a href="{html.escape(href, quote=True)}" target="_self">{claim_id} in the reader</a>'
        )
    else:
        foot.append(claim_id)
    return (
        f'<div class="sb-card" data-claim="{claim_id}" '
        f'style="--sb-colour:{colour};--sb-tint:{tint(colour, 0.08)}">'
        f'<div class="sb-card-head">{"".join(head)}</div>'
        f"<blockquote>“{_escape_lines(row['quote'])}”{citer.cite([row['claim_id']])}</blockquote>"
        f'<div class="sb-card-foot">{" · ".join(foot)}</div></div>'
    )


def render_claim_cards_html(
    claims: Iterable[Mapping], colours: dict[str, str], citer: Citer
) -> str:
    """One card per claim record (``lib.data.read.list_records``), in the given order, in its
    source's colour (``colours``, by source id); '' for none."""
    cards = "".join(_card(row, colours[row["source_id"]], citer) for row in claims)
    return f'<div class="sb-cards">{cards}</div>' if cards else ""


def render_event_list_html(events: pd.DataFrame) -> str:
    """A compact list of events: display date and title, escaped."""
    items = "".join(
        f"<li><b>{html.escape(str(row['display_date']))}</b> — {html.escape(row['title'])}</li>"
        for _, row in events.iterrows()
    )
    return f'<ul class="sb-events">{items}</ul>'


def label_relation(relation: str | None) -> str:
    """A relation type in words with its symbol, e.g. '✕ conflicts'."""
    return RELATION_STYLES.get(relation or "", ("— not computable",))[0]


def render_relation_badge_html(relation: str | None, note: str = "") -> str:
    """A pill naming the relation (symbol + words), with an optional escaped note after it."""
    label, colour = RELATION_STYLES.get(relation or "", ("— not computable", NEUTRAL_COLOUR))
    suffix = f' <span class="sb-badge-note">{html.escape(note)}</span>' if note else ""
    return (
        f'<span class="sb-badge" style="border:1.5px solid {colour};color:{colour};'
        "border-radius:1em;padding:0 .55em;font-size:.82rem;font-weight:600;"
        f'white-space:nowrap">{html.escape(label)}</span>{suffix}'
    )


def render_only_one_source_html() -> str:
    """The badge and line for a comparison with a single source."""
    return (
        render_relation_badge_html(ONLY_ONE_SOURCE)
        + " Only one source gives a figure, so there is nothing to compare it with."
    )


def _side_html(item: Mapping, side: str, citer: Citer | None) -> str:
    # The source by name and what its claim says; the claim id stays a tooltip, not the label.
    claim_id = str(item[f"claim_{side}"])
    claim = html.escape(claim_id, quote=True)
    cited = citer.cite([claim_id]) if citer is not None else ""
    return (
        f'<span class="sb-side" data-claim="{claim}" title="{claim}">'
        f"<b>{_escape_lines(item[f'source_{side}'], False)}</b>: "
        f"{_escape_lines(item[f'statement_{side}'], False)}{cited}</span>"
    )


def _sides_html(item: Mapping, citer: Citer | None = None) -> str:
    # A relation's two claims, a line each, the second after "vs".
    a, b = _side_html(item, "a", citer), _side_html(item, "b", citer)
    return f'{a}<br><span class="sb-vs">vs</span> {b}'


def render_pair_heading_html(item: dict) -> str:
    """What the two figures say, with the curated and computed relation badges."""
    return (
        f'<div class="sb-pair">{_sides_html(item)}<br>'
        + render_relation_badge_html(item["curated"], "curated")
        + " "
        + render_relation_badge_html(item["computed"], "computed")
        + "</div>"
    )


def label_topic_panel(panel: dict) -> str:
    """A topic panel's one-line summary (an expander's label, a jump list's option): its worst
    relation in words, the topic and how many relations and sources it holds."""
    relation = RELATION_STYLES.get(panel["headline"], (panel["headline"],))[0]
    count = len(panel["relations"])
    return (
        f"{relation} · {panel['label']} · {count} relation{'' if count == 1 else 's'} "
        f"between {len(panel['sources'])} sources"
    )


def render_panel_summary_html(panel: dict) -> str:
    """Inside a topic panel: the badge of its worst relation and the topic's question."""
    return render_relation_badge_html(panel["headline"]) + f" {escape_markdown(panel['question'])}"


def render_relation_line_html(relation: Mapping, citer: Citer) -> str:
    """One checked relation (a record of ``check_relations``): its badge, the two claims by
    what they say, the curator's explanation, what the sources leave open, how the curated
    type differs from the computed one, and an unresolved pair's candidate explanations."""
    parts = [
        render_relation_badge_html(relation["curated"]),
        " ",
        _sides_html(relation, citer),
        f"<br>{_escape_lines(relation['explanation'], False)}",
    ]
    if relation["curated"] == "unresolved":
        parts.append(f' <span class="sb-why">{UNRESOLVED_NOTE}</span>')
    mismatch = describe_mismatch(relation)
    if mismatch:
        parts.append(f'<div class="sb-mismatch">⚠ {_escape_lines(mismatch, False)}</div>')
    parts.append(render_candidates_html(relation))
    return f'<div class="sb-relation">{"".join(parts)}</div>'


def render_relation_lines_html(relations: Iterable[Mapping], citer: Citer) -> str:
    """The relation lines of ``relations``, one after another; '' for none."""
    return "".join(render_relation_line_html(r, citer) for r in relations)


def _describe_basis(hypothesis: dict) -> str:
    if hypothesis["basis"] == "quote":
        return (
            f"quote, {hypothesis['source_id']} chars {int(hypothesis['char_start'])}–"
            f"{int(hypothesis['char_end'])}: “{hypothesis['quote']}”"
        )
    if hypothesis["basis"] == "data":
        return f"the data: {hypothesis['basis_note']}"
    return f"outside the documents: {hypothesis['basis_note']}"


def render_candidates_html(relation: Mapping) -> str:
    """An unresolved relation's candidate explanations, ranked, each with its basis; '' for
    any other relation. The curator's candidates come first; without them, the computed ones."""
    if relation["curated"] != "unresolved" and relation.get("computed") != "unresolved":
        return ""
    curated = relation.get("hypotheses") or []
    if curated:
        items = [
            f"<li>{html.escape(h['hypothesis'])} "
            f'<span class="sb-basis">Basis: {html.escape(_describe_basis(h))}</span></li>'
            for h in curated
        ]
    else:
        items = [
            f"<li>{html.escape(c[0].upper() + c[1:])} "
            '<span class="sb-basis">Basis: computed from the figures and dates</span></li>'
            for c in relation.get("candidates") or []
        ]
    if not items:
        return ""
    return (
        '<div class="sb-candidates"><b>Candidate explanations</b> (the texts '
        f"do not say which, if any, is right):<ol>{''.join(items)}</ol></div>"
    )
