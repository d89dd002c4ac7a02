"""The briefing: key judgments, the key-figures strip and the story steps, from the package.

Plain functions returning data and escaped HTML; the page only arranges them.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd

from lib.dates import DateRange, format_range
from lib.navigation import link_page
from lib.package import Package, split_list
from lib.palette import assign_source_colours, tint
from lib.timeline import build_timeline_events
from lib.troops import format_as_of, select_troop_claims

# Event categories whose first event is a key date on the strip, besides disputed dates.
KEY_DATE_CATEGORIES = ("coup", "withdrawal")
CONFIDENCE_LABELS = {"high": "High confidence", "moderate": "Moderate confidence", "low": "Low"}


def list_judgments(package: Package) -> pd.DataFrame:
    """Judgments in rank order, each with the claims behind it that the current view keeps."""
    judgments = package["judgments"].sort_values("rank", kind="stable").reset_index(drop=True)
    kept = set(package["claims"]["claim_id"])
    return judgments.assign(
        kept_claims=judgments["claim_ids"].map(lambda c: [i for i in split_list(c) if i in kept])
    )


def list_story_steps(package: Package) -> pd.DataFrame:
    """The story: every event of the view in date order, numbered from 1."""
    events = build_timeline_events(package)
    return events.assign(step=range(1, len(events) + 1)).reset_index(drop=True)


def read_step_param(params: dict[str, str], steps: int) -> tuple[int | None, list[str]]:
    """Story step from the query string: (1-based step, []) or (None, a short notice)."""
    raw = params.get("step")
    if raw is None:
        return None, []
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= steps:
        return int(raw), []
    return None, [f"Ignored story step {raw!r} in the link: there are {steps} steps."]


def _tile(title: str, body: str, href: str, colour: str = "#555555") -> str:
    return (
        f'<a class="sb-tile" href="{html.escape(href, quote=True)}" target="_self" '
        f'style="--sb-colour:{colour};--sb-tint:{tint(colour, 0.08)}">'
        f'<span class="sb-tile-title">{html.escape(title)}</span>{body}</a>'
    )


TILES_CSS = """
<style>
.sb-tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.6rem;
 margin:.4rem 0 1rem}
.sb-tile,.sb-tile *{text-decoration:none!important;color:inherit!important}
.sb-tile{display:block;border-left:6px solid var(--sb-colour);
 background:var(--sb-tint);padding:.5rem .7rem;border-radius:0 4px 4px 0}
.sb-tile:hover,.sb-tile:focus{outline:2px solid var(--sb-colour)}
.sb-tile-title{display:block;font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;
 opacity:.8}
.sb-tile-value{display:block;font-size:1.45rem;font-weight:700;line-height:1.2}
.sb-tile-note{display:block;font-size:.8rem}
</style>
"""


def render_key_figures_html(
    package: Package, events: pd.DataFrame, carry: dict[str, str] | None = None
) -> str:
    """The strip: US personnel per source as intervals, the bases, the key dates; all linked.

    ``events`` is :func:`lib.timeline.build_timeline_events` of the same package (the page has
    it already); ``carry`` is query-string state every link keeps (filters, presentation mode).
    """
    carry = carry or {}
    colours = assign_source_colours(package["sources"]["source_id"])
    tiles = []
    for _, claim in select_troop_claims(package).iterrows():
        low, high = claim["value_low"], claim["value_high"]
        value = f"≥ {low:,.0f}" if pd.isna(high) else f"{low:,.0f}–{high:,.0f}"
        note = f"{claim['hedge']} {claim['value']:,.0f} {claim['unit_scope']}".strip()
        body = (
            f'<span class="sb-tile-value">{html.escape(value)}</span>'
            f'<span class="sb-tile-note">{html.escape(note)} · as of '
            f"{html.escape(format_as_of(claim))}</span>"
        )
        tiles.append(
            _tile(
                f"US personnel · {claim['source_id']}",
                body,
                link_page("troops.py", **carry),
                colours[claim["source_id"]],
            )
        )
    places = package["places"]
    for _, base in places[places["kind"] == "air_base"].iterrows():
        body = f'<span class="sb-tile-value">{html.escape(base["name"])}</span>'
        tiles.append(
            _tile("US air base", body, link_page("map.py", place=base["place_id"], **carry))
        )
    for _, event in list_key_dates(events).iterrows():
        span = format_range(DateRange(event["date_low"], event["date_high"]))
        disputed = " · sources disagree" if event["disputed"] else ""
        body = (
            f'<span class="sb-tile-value">{html.escape(event["display_date"])}</span>'
            f'<span class="sb-tile-note">{html.escape(event["title"])} ({html.escape(span)})'
            f"{html.escape(disputed)}</span>"
        )
        tiles.append(
            _tile("Key date", body, link_page("timeline.py", event=event["event_id"], **carry))
        )
    return f'{TILES_CSS}<nav class="sb-tiles" aria-label="Key figures">{"".join(tiles)}</nav>'


def list_key_dates(events: pd.DataFrame) -> pd.DataFrame:
    """The first event of each key category plus every event whose date the sources dispute.

    ``events`` is a frame from :func:`lib.timeline.build_timeline_events`.
    """
    firsts = [
        events[events["category"] == c].index.min()
        for c in KEY_DATE_CATEGORIES
        if (events["category"] == c).any()
    ]
    chosen = sorted(set(firsts) | set(events.index[events["disputed"]]))
    return events.loc[chosen]


def render_date_strip_svg(low: date, high: date, first: date, last: date) -> str:
    """A bar across the story's whole span with this step's date range marked (at least 3 px)."""
    width, height, pad = 600, 34, 8
    total = max((last - first).days + 1, 1)

    def x(day: date) -> float:
        return pad + (width - 2 * pad) * (day - first).days / total

    left = x(low)
    right = max(x(high + timedelta(days=1)), left + 3)
    ticks = "".join(
        f'<line x1="{x(date(y, 1, 1)):.1f}" y1="14" x2="{x(date(y, 1, 1)):.1f}" y2="22" '
        f'stroke="#888"/><text x="{x(date(y, 1, 1)):.1f}" y="33" font-size="10" '
        f'text-anchor="middle" fill="#666">{y}</text>'
        for y in range(first.year + 1, last.year + 1)
    )
    label = f"{format_range(DateRange(low, high))} within {first.year}–{last.year}"
    return (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{html.escape(label, quote=True)}">'
        f'<line x1="{pad}" y1="18" x2="{width - pad}" y2="18" stroke="#bbb" stroke-width="2"/>'
        f"{ticks}"
        f'<rect x="{left:.1f}" y="10" width="{right - left:.1f}" height="16" rx="2" '
        'fill="#E69F00" fill-opacity="0.75" stroke="#7a4b00"/></svg>'
    )
