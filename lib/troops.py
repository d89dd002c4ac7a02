"""Troop counts: each source's figure drawn as the kind of statement it is, and why they differ.

"About 650" is a band, "more than 1,000" an open ray with an arrow, an exact figure a point.
Everything is computed from the claims and relations, so a new source adds a row by itself.
"""

from __future__ import annotations

import html
from itertools import combinations

import pandas as pd
import plotly.graph_objects as go

from lib.compare import Interval, compute_relation, index_event_claims, read_interval
from lib.dates import DateRange, format_range
from lib.evidence import format_figure, read_claim_dates
from lib.package import Package, is_present
from lib.palette import assign_source_colours, blend_colour, darken_for_text, tint

TROOP_TOPIC = "us_forces_count"
BAND_HALF_HEIGHT = 0.28
BAND_TINT = 0.3
# How far past the largest finite figure the axis runs, so a ray visibly keeps going.
AXIS_HEADROOM = 1.6
SHAPE_OF_BOUND = {
    "exact": "a point: an exact figure",
    "approx": "a band: an approximate figure",
    "range": "a band: a stated range",
    "lower": "a ray to the right: a lower bound with no upper limit",
    "upper": "a ray to the left: an upper bound",
}


def select_troop_claims(package: Package, topic: str = TROOP_TOPIC) -> pd.DataFrame:
    """Claims on the topic that carry a figure, in source order."""
    claims = package["claims"]
    rows = claims[(claims["topic"] == topic) & claims["bound"].map(is_present).astype(bool)]
    rank = {sid: i for i, sid in enumerate(package["sources"]["source_id"])}
    ordered = rows.assign(_rank=rows["source_id"].map(rank)).sort_values(["_rank", "char_start"])
    return ordered.drop(columns="_rank").reset_index(drop=True)


def format_as_of(row: pd.Series) -> str:
    """'16–22 Mar 2024' for the claim's as-of date, or 'undated'."""
    span = read_claim_dates(row)
    return format_range(span) if span else "undated"


def _short_figure(row: pd.Series) -> str:
    # "about 650 (585–715) people" -> "about 650": the interval is drawn, not repeated.
    return format_figure(row).split(" (")[0]


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


def draw_troops(package: Package) -> go.Figure:
    """The troop chart of the package's figures on US forces, in package source order.

    Takes only the package, so the app can cache it per view.
    """
    return build_troop_figure(select_troop_claims(package), list(package["sources"]["source_id"]))


def describe_troops(claims: pd.DataFrame) -> str:
    """Caption: how many figures, from how many sources, and how to read the shapes."""
    kinds = sorted({SHAPE_OF_BOUND[b].split(":")[0] for b in claims["bound"]})
    return (
        f"{len(claims)} figure(s) from {claims['source_id'].nunique()} source(s), drawn as "
        f"{', '.join(kinds)}. Each row is one source's statement; the shape is the kind of "
        "statement it is, the colour is the source. Hover for the quote."
    )


def build_troop_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The chart's table twin: one row per figure with everything needed to check it."""
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "source": claims["source_id"],
            "figure": [format_figure(r) for _, r in claims.iterrows()],
            "bound": claims["bound"],
            "hedge": claims["hedge"],
            "interval": [read_interval(r).describe() for _, r in claims.iterrows()],
            "counts": claims["unit_scope"],
            "as_of": [format_as_of(r) for _, r in claims.iterrows()],
            "claimant": claims["claimant"],
            "quote": claims["quote"],
            "char_start": claims["char_start"],
            "char_end": claims["char_end"],
        }
    )


def _days_apart(a: DateRange, b: DateRange) -> int:
    return abs((b.low - a.low).days)


def explain_differences(package: Package, claims: pd.DataFrame) -> list[dict]:
    """For each pair of figures from different sources: the relation and every way they differ.

    Each item has the two claim ids, the curated relation and explanation (if any), the
    computed relation and its basis, and a list of differences found in the data.
    """
    relations = package["relations"]
    events_of = index_event_claims(package)
    items = []
    for (_, a), (_, b) in combinations(claims.iterrows(), 2):
        if a["source_id"] == b["source_id"]:
            continue
        curated = relations[
            ((relations["claim_a"] == a["claim_id"]) & (relations["claim_b"] == b["claim_id"]))
            | ((relations["claim_a"] == b["claim_id"]) & (relations["claim_b"] == a["claim_id"]))
        ]
        shared = events_of.get(a["claim_id"], set()) & events_of.get(b["claim_id"], set())
        computed = compute_relation(a, b, same_event=bool(shared))
        differences = []
        if str(a["unit_scope"]).casefold() != str(b["unit_scope"]).casefold():
            differences.append(
                f"They count different things: {a['source_id']} “{a['unit_scope']}”, "
                f"{b['source_id']} “{b['unit_scope']}”."
            )
        dates_a, dates_b = read_claim_dates(a), read_claim_dates(b)
        if dates_a and dates_b and dates_a != dates_b:
            differences.append(
                f"They are as of different dates: {format_range(dates_a)} vs "
                f"{format_range(dates_b)}, about {_days_apart(dates_a, dates_b)} days apart."
            )
        if a["bound"] != b["bound"]:
            differences.append(
                f"They are different kinds of statement: {a['source_id']} is "
                f"{SHAPE_OF_BOUND[a['bound']].split(': ')[1]}, {b['source_id']} is "
                f"{SHAPE_OF_BOUND[b['bound']].split(': ')[1]}."
            )
        if str(a["claimant"]) != str(b["claimant"]):
            differences.append(
                f"Different people say so: {a['source_id']} cites {a['claimant']}; "
                f"{b['source_id']} cites {b['claimant']}."
            )
        if read_interval(a).overlaps(read_interval(b)):
            differences.append("Their intervals overlap, so the numbers alone do not disagree.")
        else:
            differences.append(
                f"Their intervals do not overlap ({read_interval(a).describe()} vs "
                f"{read_interval(b).describe()})."
            )
        items.append(
            {
                "claim_a": a["claim_id"],
                "claim_b": b["claim_id"],
                "curated": curated["relation"].iloc[0] if len(curated) else None,
                "explanation": curated["explanation"].iloc[0] if len(curated) else None,
                "computed": computed.relation,
                "basis": computed.basis,
                "differences": differences,
            }
        )
    return items
