"""The briefing's key-figures strip: a tile per figure, base and key date, as HTML.

In the app each tile links to the page that holds its evidence; in the file its value carries
footnotes (:mod:`lib.render.cite`).
"""

from __future__ import annotations

import html

from lib.analysis.briefing import KeyFigure
from lib.render.cite import Citer
from lib.render.style import NEUTRAL_COLOUR, tint


def _tile(figure: KeyFigure, colour: str, citer: Citer) -> str:
    claims = html.escape(" ".join(figure.claim_ids), quote=True)
    note = f'<span class="sb-tile-note">{html.escape(figure.note)}</span>' if figure.note else ""
    body = (
        f'<span class="sb-tile-title">{html.escape(figure.title)}</span>'
        f'<span class="sb-tile-value">{html.escape(figure.value)}{citer.cite(figure.claim_ids)}'
        f"</span>{note}"
    )
    style = f'style="--sb-colour:{colour};--sb-tint:{tint(colour, 0.08)}"'
    href = citer.link_item(figure.kind, figure.about)
    if href is None:
        return f'<div class="sb-tile" data-claims="{claims}" {style}>{body}</div>'
    return (
        f'<a class="sb-tile" href="{html.escape(href, quote=True)}" target="_self" '
        f'data-claims="{claims}" {style}>{body}</a>'
    )


def render_key_figures_html(figures: list[KeyFigure], colours: dict[str, str], citer: Citer) -> str:
    """The strip of :func:`lib.analysis.briefing.list_key_figures`; a troop figure in its
    source's colour (``colours``, by source id), the rest neutral."""
    if not figures:
        return '<p class="sb-tiles-none">No key figures in this view.</p>'
    # Only a troop figure belongs to one source; a base or a date is every source's.
    tiles = "".join(
        _tile(f, colours[f.about] if f.kind == "troops" else NEUTRAL_COLOUR, citer) for f in figures
    )
    return f'<nav class="sb-tiles" aria-label="Key figures">{tiles}</nav>'
