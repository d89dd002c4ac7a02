"""The troop chart: each source's figure drawn as the kind of statement it is.

"About 650" is a band, "more than 1,000" an open ray with an arrow, an exact figure a point.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from lib.analysis.evidence import format_figure
from lib.analysis.troops import SHAPE_OF_BOUND, _short_figure, select_troop_claims
from lib.data.cells import is_present
from lib.data.dates import describe_claim_date
from lib.data.intervals import Interval, read_interval
from lib.data.read import Package
from lib.render.scale import enlarge_figure
from lib.render.style import assign_source_colours, blend_colour, darken_for_text, tint

BAND_HALF_HEIGHT = 0.2


BAND_TINT = 0.3


# Row labels are text on white: plotly's default tick grey, darkened to pass AA.
ROW_LABEL_COLOUR = "#444444"


# How far past the largest finite figure the axis runs, so a ray visibly keeps going.
AXIS_HEADROOM = 1.6


# Row labels sit above their rows, wrapped at this many characters, so a phone-wide chart keeps
# its whole width for the figures instead of giving it to a column of labels.
LABEL_WRAP = 48
LABEL_FONT_PX, LABEL_LINE_PX = 12, 16
# Room above a band for its figure ("about 650"), and between one row and the next row's label.
FIGURE_TEXT_PX, ROW_GAP_PX = 20, 14
# Plotly names the row labels by this, so tests and readers of the figure can find them.
ROW_LABEL_NAME = "row label"


def _row_label(row: pd.Series) -> list[str]:
    # What is counted, when and who says so, wrapped into lines; every value escaped.
    said = (
        f"{_short_figure(row)} {row['unit_scope']} · {describe_claim_date(row)} · {row['claimant']}"
    )
    source = str(row["source_id"])
    lines = textwrap.wrap(f"{source} · {said}", LABEL_WRAP, break_on_hyphens=False)
    if lines[0].startswith(source):
        first = f"<b>{html.escape(source)}</b>{html.escape(lines[0][len(source) :])}"
    else:  # an id longer than a line: its first part, bold
        first = f"<b>{html.escape(lines[0])}</b>"
    return [first, *map(html.escape, lines[1:])]


def _hover(row: pd.Series, interval: Interval) -> str:
    lines = [
        f"<b>{html.escape(row['source_id'])}</b>: {html.escape(format_figure(row))}",
        f"Interval: {html.escape(interval.describe())} · drawn as {SHAPE_OF_BOUND[row['bound']]}",
        f"Counts: {html.escape(str(row['unit_scope']))}",
        f"Date: {html.escape(describe_claim_date(row))}",
        f"Claimant: {html.escape(str(row['claimant']))}",
        f"“{html.escape(row['quote'])}”",
    ]
    return "<br>".join(lines)


def build_troop_figure(claims: pd.DataFrame, source_ids: list[str]) -> go.Figure:
    """One row per figure: bands for approximate and ranged figures, rays for bounds, points."""
    colours = assign_source_colours(source_ids)
    intervals = [read_interval(row) for _, row in claims.iterrows()]
    finite = [v for i in intervals for v in (i.low, i.high) if v is not None]
    right = max(finite) * AXIS_HEADROOM if finite else 1
    fig = go.Figure()
    labels = []
    for y, ((_, row), interval) in enumerate(zip(claims.iterrows(), intervals, strict=True)):
        colour = colours[row["source_id"]]
        # Labels may sit on the band's tint; darkened there, they read on white too.
        text_colour = darken_for_text(colour, blend_colour(colour, BAND_TINT))
        labels.append(_row_label(row))
        low = interval.low if interval.low is not None else 0
        high = interval.high if interval.high is not None else right
        # A stated range has no single value: mark its middle instead.
        anchor = row["value"] if is_present(row["value"]) else (low + high) / 2
        if row["bound"] in ("approx", "range"):
            fig.add_shape(
                type="rect",
                x0=low,
                x1=high,
                y0=y - BAND_HALF_HEIGHT,
                y1=y + BAND_HALF_HEIGHT,
                fillcolor=tint(colour, BAND_TINT),
                line={"color": colour, "width": 2},
            )
        elif row["bound"] in ("lower", "upper"):
            start, end = (low, right) if row["bound"] == "lower" else (high, 0)
            fig.add_annotation(
                x=end,
                y=y,
                ax=start,
                ay=y,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=2,
                arrowsize=1.4,
                arrowwidth=4,
                arrowcolor=colour,
                text="",
            )
            fig.add_annotation(
                x=end,
                y=y + BAND_HALF_HEIGHT + 0.05,
                text="no upper limit" if row["bound"] == "lower" else "no lower limit",
                showarrow=False,
                xanchor="right" if row["bound"] == "lower" else "left",
                yanchor="bottom",
                font={"size": 12, "color": text_colour},
            )
        fig.add_annotation(
            x=anchor,
            y=y - BAND_HALF_HEIGHT,
            text=html.escape(_short_figure(row)),
            showarrow=False,
            yanchor="bottom",
            font={"size": 13, "color": text_colour},
        )
        fig.add_trace(
            go.Scatter(
                x=[anchor],
                y=[y],
                mode="markers",
                marker={
                    "symbol": "diamond" if row["bound"] == "exact" else "line-ns",
                    "size": 18,
                    "color": colour,
                    "line": {"color": colour, "width": 3},
                },
                name=row["source_id"],
                customdata=[row["claim_id"]],
                hovertext=[_hover(row, interval)],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    # One row's height in px: its band, the figure above it, the label above that and a gap.
    label_px = LABEL_LINE_PX * max((len(lines) for lines in labels), default=1)
    row_px = (FIGURE_TEXT_PX + label_px + ROW_GAP_PX) / (1 - 2 * BAND_HALF_HEIGHT)
    above = BAND_HALF_HEIGHT + (FIGURE_TEXT_PX + label_px + 4) / row_px
    for y, lines in enumerate(labels):
        fig.add_annotation(
            name=ROW_LABEL_NAME,
            text="<br>".join(lines),
            xref="paper",
            x=0,
            xanchor="left",
            y=y - BAND_HALF_HEIGHT,
            yanchor="bottom",
            yshift=FIGURE_TEXT_PX,
            align="left",
            showarrow=False,
            font={"size": LABEL_FONT_PX, "color": ROW_LABEL_COLOUR},
        )
    below = BAND_HALF_HEIGHT + 0.2  # room for "no upper limit" under the last row
    fig.update_yaxes(
        autorange="reversed",
        range=[len(labels) - 1 + below, -above],
        showgrid=False,
        zeroline=False,
        showticklabels=False,
    )
    fig.update_xaxes(range=[0, right], title_text="people", tickformat=",d", zeroline=True)
    margin = {"l": 10, "r": 20, "t": 10, "b": 40}
    span = len(labels) - 1 + below + above
    fig.update_layout(
        height=round(margin["t"] + margin["b"] + row_px * max(span, 1)),
        margin=margin,
        showlegend=False,
        hoverlabel={"align": "left"},
    )
    return fig


def draw_troops(package: Package, scale: float = 1.0) -> go.Figure:
    """The troop chart of the package's figures on US forces, in package source order, with
    every size multiplied by ``scale`` (presentation mode).

    Takes only the package and a number, so the app can cache it per view.
    """
    fig = build_troop_figure(select_troop_claims(package), list(package["sources"]["source_id"]))
    return fig if scale == 1 else enlarge_figure(fig, scale)
