"""The timeline as a plotly figure: bars for date ranges in actor lanes, quiet years cut.

An event's bar spans its whole resolved range (a month-precise event spans the month); where
the sources disagree on the date, each source's own range is drawn and the two are linked.
"""

from __future__ import annotations

import html
import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.analysis.events import (
    OTHERS_LANE,
    build_date_marks,
    build_timeline_events,
    describe_event_dates,
    filter_timeline,
)
from lib.data.read import Package
from lib.render.scale import enlarge_figure
from lib.render.style import CATEGORY_STYLES, NEUTRAL_COLOUR, assign_source_colours

# Events closer than this share of the whole span go on separate rows, so marks never overlap.
MIN_GAP_SHARE = 0.035


SOURCE_MARK_OFFSET = 0.6


HOVER_WIDTH = 90


# Years with no event at all are cut from the axis (and marked), so the crisis gets the width.
QUIET_DAYS = 540


QUIET_MARGIN = timedelta(days=120)


# A panel narrower than this share of the chart gets at most NARROW_PANEL_TICKS date ticks.
NARROW_PANEL_SHARE, NARROW_PANEL_TICKS = 0.4, 3


def stack_rows(events: pd.DataFrame, span_days: int | None = None) -> pd.Series:
    """Row within its lane for each event, so that no two marks in a lane overlap when
    ``span_days`` (by default the events' own span) fill the axis."""
    if events.empty:
        return pd.Series(dtype=int)
    if span_days is None:
        span_days = (events["date_high"].max() - events["date_low"].min()).days
    span_days = max(span_days, 1)
    gap = timedelta(days=max(span_days * MIN_GAP_SHARE, 1))
    rows = pd.Series(0, index=events.index)
    for _, lane in events.groupby("lane", sort=False):
        row_ends: list[date] = []
        for index, event in lane.sort_values("date_low", kind="stable").iterrows():
            end = max(event["date_high"], event["date_low"] + gap)
            free = next((i for i, last in enumerate(row_ends) if last < event["date_low"]), None)
            if free is None:
                row_ends.append(end)
                free = len(row_ends) - 1
            row_ends[free] = end
            rows[index] = free
    return rows


def order_lanes(events: pd.DataFrame) -> list[str]:
    """Lanes by how many events they hold, most first; Others always last.

    Computed on the unfiltered events, so a filter never reorders the lanes.
    """
    counts = events["lane"].value_counts()
    named = [lane for lane in counts.index if lane != OTHERS_LANE]
    return named + ([OTHERS_LANE] if OTHERS_LANE in counts.index else [])


def find_quiet_spans(events: pd.DataFrame, marks: pd.DataFrame) -> list[tuple[date, date]]:
    """Stretches of at least QUIET_DAYS with no event or source date, less a margin each side."""
    spans = [(e["date_low"], e["date_high"]) for _, e in events.iterrows()]
    if not marks.empty:
        shown = marks[marks["event_id"].isin(events["event_id"])]
        spans += [(m["date_low"], m["date_high"]) for _, m in shown.iterrows()]
    quiet, covered_to = [], None
    for low, high in sorted(spans):
        if covered_to is not None and (low - covered_to).days > QUIET_DAYS:
            quiet.append((covered_to + QUIET_MARGIN, low - QUIET_MARGIN))
        covered_to = high if covered_to is None else max(covered_to, high)
    return quiet


def _wrap(text: str) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, HOVER_WIDTH) or [""])


def _hover(event: pd.Series, marks: pd.DataFrame) -> str:
    lines = describe_event_dates(event, marks)
    style = CATEGORY_STYLES[event["category"]]
    where = f" · {event['place']}" if event["place"] else ""
    lines.append(f"{style.label} · {event['lane']}{where} · sources: {', '.join(event['sources'])}")
    body = "<br>".join(_wrap(line) for line in lines)
    return f"<b>{_wrap(event['title'])}</b><br>{body}"


def _end(day: date) -> pd.Timestamp:
    # A range ends at the end of its last day, so a single day still has width.
    return pd.Timestamp(day + timedelta(days=1))


def _middle(low: date, high: date) -> pd.Timestamp:
    return pd.Timestamp(low) + (_end(high) - pd.Timestamp(low)) / 2


def split_panels(events: pd.DataFrame, marks: pd.DataFrame) -> list[tuple[date, date]]:
    """Quiet stretches that split the chart into panels: the longest one, if any.

    The story has a long background (the agreement, the bases) and a short crisis; one linear
    axis would squeeze the crisis into a sliver, so the two get their own panels.
    """
    quiet = find_quiet_spans(events, marks)
    if not quiet:
        return []
    return [max(quiet, key=lambda span: span[1] - span[0])]


def _panel_of(day: date, splits: list[tuple[date, date]]) -> int:
    return sum(day >= resume for _, resume in splits)


def _layout_rows(
    events: pd.DataFrame, panels: pd.Series, order: list[str] | None, span_days: int | None
) -> tuple[dict, list[str], list, int]:
    held = set(events["lane"])
    lanes = [lane for lane in (order or order_lanes(events)) if lane in held]
    lanes += [lane for lane in order_lanes(events) if lane not in lanes]
    rows = pd.Series(0, index=events.index)
    for _, index in events.groupby(panels).groups.items():
        rows[index] = stack_rows(events.loc[index], span_days)
    offsets, tick_values, base = {}, [], 0
    for lane in lanes:
        height = int(rows[events["lane"] == lane].max()) + 1
        offsets[lane] = base
        tick_values.append(base + (height - 1) / 2)
        base += height + 1  # one empty row between lanes
    y = {i: offsets[e["lane"]] + int(rows[i]) for i, e in events.iterrows()}
    return y, lanes, tick_values, base


def build_timeline_figure(
    events: pd.DataFrame,
    marks: pd.DataFrame,
    source_ids: list[str],
    lanes: list[str] | None = None,
    zoom: tuple[date, date] | None = None,
) -> go.Figure:
    """Bars for each event's range and a numbered, selectable mark at its middle, lanes top to
    bottom in the order ``lanes`` gives (by default, the events' own).

    With ``zoom`` the chart is one panel opening on that window, every event still drawn, so a
    reader can pan out of it; marks are spaced for the window.

    Disputed events also get one thin bar per source (in the source's colour) and a dotted link.
    ``source_ids`` is the package's source order, which fixes each source's colour. A long quiet
    stretch splits the chart into panels; shorter ones are cut from the axis and marked. Each
    mark carries the event's number, which :func:`render_event_key_html` lists with its title.
    """
    colours = assign_source_colours(source_ids)
    shown_marks = marks[marks["event_id"].isin(events["event_id"])]
    splits = [] if zoom else split_panels(events, shown_marks)
    panels = events["date_low"].map(lambda day: _panel_of(day, splits))
    counts = [int((panels == k).sum()) for k in range(len(splits) + 1)]
    widths = [max(c, sum(counts) / 2.5) for c in counts] if sum(counts) else [1]
    fig = make_subplots(
        rows=1,
        cols=len(widths),
        shared_yaxes=True,
        column_widths=widths,
        horizontal_spacing=0.04,
    )
    zoom_days = (zoom[1] - zoom[0]).days if zoom else None
    y, lanes, tick_values, base = _layout_rows(events, panels, lanes, zoom_days)
    legend_done: set[str] = set()
    for panel in range(len(widths)):
        chosen = events[panels == panel]
        panel_marks = shown_marks[shown_marks["event_id"].isin(chosen["event_id"])]
        _add_events(fig, chosen, shown_marks, y, panel + 1, legend_done)
        _add_source_marks(fig, chosen, panel_marks, y, colours, panel + 1, legend_done)
        _cut_quiet_spans(fig, chosen, panel_marks, panel + 1)
        if panel:
            fig.add_annotation(
                x=0,
                y=1.0,
                xref=f"x{panel + 1} domain",
                yref="paper",
                text=f"◀ {splits[panel - 1][0]:%b %Y} – {splits[panel - 1][1]:%b %Y}: no events",
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font={"size": 11, "color": NEUTRAL_COLOUR},
            )
        for index, event in chosen[chosen["disputed"]].iterrows():
            # A one-day disagreement is narrower than a pixel: say it in words as well.
            fig.add_annotation(
                x=_middle(event["date_low"], event["date_high"]),
                y=y[index],
                xref=f"x{panel + 1 if panel else ''}",
                yref="y",
                text="sources disagree",
                # Above the event's number, with no arrow through it: beside the mark it hid
                # a neighbour's number.
                showarrow=False,
                yanchor="bottom",
                yshift=26,
                font={"size": 11, "color": "#333333"},
                bgcolor="rgba(255,255,255,0.85)",
            )
    total_width = sum(widths)
    for panel, width in enumerate(widths):
        # plotly puts at least five ticks on an axis whatever its width; a narrow panel (the
        # background years) is under 90 px on a phone, where five years overlap and get cut.
        narrow = width / total_width < NARROW_PANEL_SHARE
        fig.update_xaxes(
            nticks=NARROW_PANEL_TICKS if narrow else None, automargin=True, row=1, col=panel + 1
        )
    fig.update_layout(
        height=max(360, 30 * base + 200),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        hoverlabel={"align": "left"},
        dragmode="pan",
        clickmode="event+select",
    )
    fig.update_yaxes(
        tickvals=tick_values,
        ticktext=[html.escape(lane) for lane in lanes],
        autorange="reversed",
        showgrid=False,
        zeroline=False,
        range=[base - 0.5, -1] if base else None,
    )
    if zoom:
        fig.update_xaxes(range=[pd.Timestamp(zoom[0]), _end(zoom[1])], row=1, col=1)
    return fig


def draw_timeline(
    package: Package,
    window: tuple[date, date] | None = None,
    categories: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    scale: float = 1.0,
    lanes: tuple[tuple[str, str], ...] = (),
    zoom: tuple[date, date] | None = None,
) -> go.Figure:
    """The timeline figure of the package's events as ``filter_timeline`` narrows them, with
    every size multiplied by ``scale`` (presentation mode), in the lanes and lane order of
    ``lanes`` (``list_event_lanes`` of the whole package, when ``package`` is a filtered view),
    opening zoomed to ``zoom`` if given.

    Takes only the package and plain arguments, so the app can cache it per view.
    """
    events = build_timeline_events(package, lanes)
    whole = pd.DataFrame({"lane": [lane for _, lane in lanes]}) if lanes else events
    fig = build_timeline_figure(
        filter_timeline(events, window, categories, sources),
        build_date_marks(package, events),
        list(package["sources"]["source_id"]),
        order_lanes(whole),
        zoom,
    )
    # Rows grow less than the text: a projector's page must still show the whole chart.
    return fig if scale == 1 else enlarge_figure(fig, scale, height_scale=scale**0.5)


def describe_category_filter(categories: tuple[str, ...]) -> str:
    """The Timeline's category filter as a part of the "Filtered: …" line; '' when it is off."""
    if not categories:
        return ""
    return "categories " + ", ".join(CATEGORY_STYLES[c].label for c in categories)


def render_event_key_html(events: pd.DataFrame, slides: bool = False) -> str:
    """The key to the numbered marks: one line per event with its number, title and date.

    With ``slides`` (the exported briefing) each line links to its story slide instead of
    giving the date, which the slide states with its footnotes.
    """
    items = []
    for _, event in events.iterrows():
        number, title = int(event["number"]), html.escape(event["title"])
        if slides:
            title = f'<a href="#step-{number}">{title}</a>'
        else:
            title += f' <span class="sb-key-date">{html.escape(event["display_date"])}</span>'
        items.append(
            f'<li value="{number}"><span class="sb-key-number">{number}</span> {title}</li>'
        )
    label = 'aria-label="Key to the numbered events"'
    return f'<ol class="sb-event-key" {label}>{"".join(items)}</ol>'


def _add_events(
    fig: go.Figure, events: pd.DataFrame, marks: pd.DataFrame, y: dict, col: int, done: set
) -> None:
    for category, style in CATEGORY_STYLES.items():
        chosen = events[events["category"] == category]
        if chosen.empty:
            continue
        bar_x, bar_y = [], []
        for index, event in chosen.iterrows():
            bar_x += [pd.Timestamp(event["date_low"]), _end(event["date_high"]), None]
            bar_y += [y[index], y[index], None]
        fig.add_trace(
            go.Scatter(
                x=bar_x,
                y=bar_y,
                mode="lines",
                line={"color": style.colour, "width": 9},
                opacity=0.45,
                hoverinfo="skip",
                legendgroup=category,
                showlegend=False,
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[_middle(e["date_low"], e["date_high"]) for _, e in chosen.iterrows()],
                y=[y[i] for i in chosen.index],
                # The number is on the chart, not only on hover: a room cannot hover.
                mode="markers+text",
                text=[str(n) for n in chosen["number"]],
                textposition="top center",
                textfont={"size": 12, "color": "#222222"},
                marker={
                    "symbol": style.symbol,
                    "size": 13,
                    "color": style.colour,
                    "line": {"color": "#ffffff", "width": 1},
                },
                name=style.label,
                legendgroup=category,
                showlegend=category not in done,
                customdata=list(chosen["event_id"]),
                hovertext=[_hover(e, marks) for _, e in chosen.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        done.add(category)


def _source_offset(source_id: str, source_ids: list[str]) -> float:
    # Sources alternate above and below the event's own bar, each further out: +1, -1, +2, -2…
    index = source_ids.index(source_id)
    step = SOURCE_MARK_OFFSET * (index // 2 + 1) / 2
    return step if index % 2 == 0 else -step


def _add_source_marks(
    fig: go.Figure,
    events: pd.DataFrame,
    marks: pd.DataFrame,
    y: dict,
    colours: dict[str, str],
    col: int,
    done: set,
) -> None:
    if marks.empty:
        return
    order = list(colours)
    row_of = {events.at[i, "event_id"]: y[i] for i in events.index}
    for source_id, group in marks.groupby("source_id", sort=True):
        xs, ys, data, text = [], [], [], []
        for _, mark in group.iterrows():
            row = row_of[mark["event_id"]] - _source_offset(source_id, order)
            xs += [pd.Timestamp(mark["date_low"]), _end(mark["date_high"]), None]
            ys += [row, row, None]
            label = _wrap(f"{source_id} ({mark['claim_id']}): {mark['date_basis']}")
            data += [mark["event_id"]] * 2 + [None]
            text += [label, label, None]
        group_key = f"source:{source_id}"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                line={"color": colours[source_id], "width": 4},
                marker={"symbol": "line-ns", "size": 12, "line": {"width": 2}},
                name=f"{source_id}'s date, where sources disagree",
                legendgroup=group_key,
                showlegend=group_key not in done,
                customdata=data,
                hovertext=text,
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        done.add(group_key)
    link_x, link_y = [], []
    for event_id, group in marks.groupby("event_id", sort=False):
        if group["source_id"].nunique() < 2:
            continue
        for source_id, per_source in group.groupby("source_id", sort=True):
            first = per_source.iloc[0]
            link_x.append(_middle(first["date_low"], first["date_high"]))
            link_y.append(row_of[event_id] - _source_offset(source_id, order))
        link_x.append(None)
        link_y.append(None)
    if link_x:
        fig.add_trace(
            go.Scatter(
                x=link_x,
                y=link_y,
                mode="lines",
                line={"color": NEUTRAL_COLOUR, "width": 1.5, "dash": "dot"},
                name="Sources disagree (linked)",
                legendgroup="link",
                showlegend="link" not in done,
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
        done.add("link")


def _cut_quiet_spans(fig: go.Figure, events: pd.DataFrame, marks: pd.DataFrame, col: int) -> None:
    quiet = find_quiet_spans(events, marks)
    fig.update_xaxes(
        type="date",
        showgrid=True,
        rangebreaks=[{"bounds": [pd.Timestamp(low), pd.Timestamp(high)]} for low, high in quiet],
        row=1,
        col=col,
    )
    for low, high in quiet:
        # Mark every cut so a compressed axis is never mistaken for a continuous one.
        fig.add_vline(
            x=pd.Timestamp(low),
            line={"color": "#888888", "width": 2, "dash": "dash"},
            row=1,
            col=col,
        )
        fig.add_annotation(
            x=pd.Timestamp(low),
            y=1.0,
            yref="paper",
            xref=f"x{col if col > 1 else ''}",
            text=f"{low.year}–{high.year} cut: no events",
            showarrow=False,
            yanchor="bottom",
            font={"size": 11, "color": NEUTRAL_COLOUR},
        )
