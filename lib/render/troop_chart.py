"""The troop chart: each source's figure drawn as the kind of statement it is.

"About 650" is a band, "more than 1,000" an open ray with an arrow, an exact figure a point.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from lib.analysis.evidence import format_figure
from lib.analysis.troops import SHAPE_OF_BOUND, _short_figure, format_as_of, select_troop_claims
from lib.data.cells import is_present
from lib.data.intervals import Interval, read_interval
from lib.data.read import Package
from lib.render.scale import enlarge_figure
from lib.render.style import assign_source_colours, blend_colour, darken_for_text, tint

BAND_HALF_HEIGHT = 0.28


BAND_TINT = 0.3


# How far past the largest finite figure the axis runs, so a ray visibly keeps going.
AXIS_HEADROOM = 1.6


def _row_label(row: pd.Series) -> str:
    # Two lines: what is counted, then when and who says so; every value escaped.
    counted = html.escape(f"{_short_figure(row)} {row['unit_scope']}")
    context = html.escape(f"as of {format_as_of(row)} · {row['claimant']}")
    return f"<b>{html.escape(row['source_id'])}</b> · {counted}<br>{context}"


def _hover(row: pd.Series, interval: Interval) -> str:
    lines = [
        f"<b>{html.escape(row['source_id'])}</b>: {html.escape(format_figure(row))}",
        f"Interval: {html.escape(interval.describe())} · drawn as {SHAPE_OF_BOUND[row['bound']]}",
        f"Counts: {html.escape(str(row['unit_scope']))}",
        f"As of: {html.escape(format_as_of(row))}",
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
    fig.update_yaxes(
        tickvals=list(range(len(labels))),
        ticktext=labels,
        autorange="reversed",
        range=[len(labels) - 0.4, -0.8],
        showgrid=False,
        zeroline=False,
    )
    fig.update_xaxes(range=[0, right], title_text="people", tickformat=",d", zeroline=True)
    fig.update_layout(
        height=140 + 90 * max(len(labels), 1),
        margin={"l": 10, "r": 20, "t": 20, "b": 40},
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
