"""The briefing's key-figures strip: linked tiles for figures, bases and key dates, as HTML."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from lib.analysis.briefing import list_key_dates
from lib.analysis.troops import (
    describe_stated_figure,
    format_as_of,
    format_bounds,
    select_troop_claims,
)
from lib.data.dates import DateRange, format_range
from lib.data.read import Package
from lib.render.style import TILES_CSS, assign_source_colours, tint


def _tile(title: str, body: str, href: str, colour: str = "#555555") -> str:
    return (
        f'<a class="sb-tile" href="{html.escape(href, quote=True)}" target="_self" '
        f'style="--sb-colour:{colour};--sb-tint:{tint(colour, 0.08)}">'
        f'<span class="sb-tile-title">{html.escape(title)}</span>{body}</a>'
    )


def render_key_figures_html(
    package: Package, events: pd.DataFrame, link: Callable[..., str]
) -> str:
    """The strip: US personnel per source as intervals, the bases, the key dates; all linked.

    ``events`` is :func:`lib.analysis.events.build_timeline_events` of the same package (the page
    has it already); ``link(page_file, **params)`` makes each tile's link, keeping the view.
    """
    colours = assign_source_colours(package["sources"]["source_id"])
    tiles = []
    for _, claim in select_troop_claims(package).iterrows():
        value = format_bounds(claim)
        note = describe_stated_figure(claim)
        body = (
            f'<span class="sb-tile-value">{html.escape(value)}</span>'
            f'<span class="sb-tile-note">{html.escape(note)} · as of '
            f"{html.escape(format_as_of(claim))}</span>"
        )
        tiles.append(
            _tile(
                f"US personnel · {claim['source_id']}",
                body,
                link("troops.py"),
                colours[claim["source_id"]],
            )
        )
    places = package["places"]
    for _, base in places[places["kind"] == "air_base"].iterrows():
        body = f'<span class="sb-tile-value">{html.escape(base["name"])}</span>'
        tiles.append(_tile("US air base", body, link("map.py", place=base["place_id"])))
    for _, event in list_key_dates(events).iterrows():
        span = format_range(DateRange(event["date_low"], event["date_high"]))
        disputed = " · sources disagree" if event["disputed"] else ""
        body = (
            f'<span class="sb-tile-value">{html.escape(event["display_date"])}</span>'
            f'<span class="sb-tile-note">{html.escape(event["title"])} ({html.escape(span)})'
            f"{html.escape(disputed)}</span>"
        )
        tiles.append(_tile("Key date", body, link("timeline.py", event=event["event_id"])))
    return f'{TILES_CSS}<nav class="sb-tiles" aria-label="Key figures">{"".join(tiles)}</nav>'
