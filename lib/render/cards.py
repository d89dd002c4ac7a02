"""Evidence cards: each claim's verbatim quote under its source's colour and name, as HTML.

Every value from the data is escaped; colour always comes with the source's name, never alone.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from lib.analysis.evidence import format_claim_date, format_figure
from lib.data.cells import is_present
from lib.data.read import Package
from lib.render.style import CANDIDATES_CSS, CARDS_CSS, RELATION_STYLES, assign_source_colours, tint
from lib.render.text import escape_markdown


def _escape_lines(text: object) -> str:
    # A blank line would end the HTML block inside st.markdown; keep breaks as <br>.
    return html.escape(str(text)).replace("\n", "<br>")


def _card(row: pd.Series, colour: str, href: Callable[[str, str], str] | None) -> str:
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
    if href is not None:
        link = html.escape(href(row["source_id"], row["claim_id"]), quote=True)
        foot.append(f'<a href="{link}" target="_self">{claim_id} in the reader</a>')
    else:
        foot.append(claim_id)
    return (
        f'<div class="sb-card" data-claim="{claim_id}" '
        f'style="--sb-colour:{colour};--sb-tint:{tint(colour, 0.08)}">'
        f'<div class="sb-card-head">{"".join(head)}</div>'
        f"<blockquote>“{_escape_lines(row['quote'])}”</blockquote>"
        f'<div class="sb-card-foot">{" · ".join(foot)}</div></div>'
    )


def render_claim_cards_html(
    claims: pd.DataFrame,
    package: Package,
    href: Callable[[str, str], str] | None = None,
) -> str:
    """One card per claim row, in the given order; ``href(source, claim)`` links to the reader."""
    colours = assign_source_colours(package["sources"]["source_id"])
    cards = "".join(_card(row, colours[row["source_id"]], href) for _, row in claims.iterrows())
    return f'{CARDS_CSS}<div class="sb-cards">{cards}</div>'


def render_event_list_html(events: pd.DataFrame) -> str:
    """A compact list of events: display date and title, escaped."""
    items = "".join(
        f"<li><b>{html.escape(str(row['display_date']))}</b> — {html.escape(row['title'])}</li>"
        for _, row in events.iterrows()
    )
    return f'<ul class="sb-events">{items}</ul>'


def render_relation_badge_html(relation: str | None, note: str = "") -> str:
    """A pill naming the relation (symbol + words), with an optional escaped note after it."""
    label, colour = RELATION_STYLES.get(relation or "", ("— not computable", "#555555"))
    suffix = f' <span class="sb-badge-note">{html.escape(note)}</span>' if note else ""
    return (
        f'<span class="sb-badge" style="border:1.5px solid {colour};color:{colour};'
        "border-radius:1em;padding:0 .55em;font-size:.82rem;font-weight:600;"
        f'white-space:nowrap">{html.escape(label)}</span>{suffix}'
    )


def render_only_one_source_html() -> str:
    """The badge and line for a comparison with a single source."""
    return (
        render_relation_badge_html("only_one_source")
        + " Only one source gives a figure, so there is nothing to compare it with."
    )


def _side_html(item: dict, side: str) -> str:
    # The source by name and what its claim says; the claim id stays a tooltip, not the label.
    claim = html.escape(str(item[f"claim_{side}"]), quote=True)
    return (
        f'<span class="sb-side" data-claim="{claim}" title="{claim}">'
        f"<b>{escape_markdown(str(item[f'source_{side}']))}</b>: "
        f"{escape_markdown(str(item[f'statement_{side}']))}</span>"
    )


def render_relation_sides_html(item: dict) -> str:
    """A relation's two claims by what they say: each source and its statement, a line each,
    the second after "vs"."""
    return f'{_side_html(item, "a")}<br><span class="sb-vs">vs</span> {_side_html(item, "b")}'


def render_pair_heading_html(item: dict) -> str:
    """What the two figures say, with the curated and computed relation badges."""
    return (
        render_relation_sides_html(item)
        + "<br>"
        + render_relation_badge_html(item["curated"], "curated")
        + " "
        + render_relation_badge_html(item["computed"], "computed")
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


def render_relation_line_html(relation: dict) -> str:
    """One relation in a panel: its badge, the two claims, the explanation and any mismatch."""
    check = "" if relation["consistent"] is not False else f" · computed: {relation['computed']}"
    return (
        render_relation_badge_html(relation["curated"])
        + " "
        + render_relation_sides_html(relation)
        + f"<br>{escape_markdown(relation['explanation'])}{escape_markdown(check)}"
    )


def _describe_basis(hypothesis: dict) -> str:
    if hypothesis["basis"] == "quote":
        return (
            f"quote, {hypothesis['source_id']} chars {int(hypothesis['char_start'])}–"
            f"{int(hypothesis['char_end'])}: “{hypothesis['quote']}”"
        )
    if hypothesis["basis"] == "data":
        return f"the data: {hypothesis['basis_note']}"
    return f"outside the documents: {hypothesis['basis_note']}"


def render_candidates_html(relation: dict) -> str:
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
        f'{CANDIDATES_CSS}<div class="sb-candidates"><b>Candidate explanations</b> (the texts '
        f"do not say which, if any, is right):<ol>{''.join(items)}</ol></div>"
    )
