"""The timeline: events as date ranges in actor lanes, with disputed dates drawn per source.

Plain functions: the page filters and renders, everything here is testable without a server.
An event's bar spans its whole resolved range (a month-precise event spans the month); where
the sources' claims disagree on the date, each source's own range is drawn and the two are linked.
"""

from __future__ import annotations

import html
import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.dates import DateRange, format_range
from lib.evidence import read_claim_dates
from lib.package import Package, is_present, split_list
from lib.palette import CATEGORY_STYLES, assign_source_colours

OTHERS_LANE = "Others"
# A lane needs this many events of its own; rarer lead actors share the "Others" lane.
MIN_LANE_EVENTS = 2
# Events closer than this share of the whole span go on separate rows, so marks never overlap.
MIN_GAP_SHARE = 0.035
SOURCE_MARK_OFFSET = 0.6
HOVER_WIDTH = 90
# Years with no event at all are cut from the axis (and marked), so the crisis gets the width.
QUIET_DAYS = 540
QUIET_MARGIN = timedelta(days=120)
EVENT_COLUMNS = [
    "event_id",
    "title",
    "display_date",
    "date_low",
    "date_high",
    "precision",
    "category",
    "lane",
    "place",
    "place_id",
    "sources",
    "claim_ids",
    "disputed",
    "date_note",
    "bases",
]
MARK_COLUMNS = ["event_id", "claim_id", "source_id", "date_low", "date_high", "date_basis"]


def find_root_actor(actors: pd.DataFrame, actor_id: str) -> str:
    """Follow ``affiliation`` up to the actor that belongs to nobody (cycles stop the walk)."""
    parent = dict(zip(actors["actor_id"], actors["affiliation"], strict=True))
    seen = [actor_id]
    while is_present(parent.get(seen[-1])) and parent[seen[-1]] not in seen:
        seen.append(parent[seen[-1]])
    return seen[-1]


def assign_lanes(package: Package) -> dict[str, str]:
    """Each event's lane: the name of its lead actor's root (US, Niger, Russia), else Others."""
    actors = package["actors"]
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    # One root per actor, not per event: thousands of events share a few dozen actors.
    root_of = {actor: find_root_actor(actors, actor) for actor in actors["actor_id"]}
    events = package["events"]
    roots = {
        event: root_of[split_list(cell)[0]]
        for event, cell in zip(events["event_id"], events["actor_ids"], strict=True)
    }
    counts = pd.Series(list(roots.values())).value_counts()
    return {
        event: names[root] if counts[root] >= MIN_LANE_EVENTS else OTHERS_LANE
        for event, root in roots.items()
    }


def index_disputes(package: Package) -> dict[str, list[pd.Series]]:
    """Claim id -> the 'conflicts' relations between two dated claims that it takes part in."""
    relations = package["relations"]
    conflicts = relations[relations["relation"] == "conflicts"]
    claims = package["claims"].set_index("claim_id")
    found: dict[str, list[pd.Series]] = {}
    for _, row in conflicts.iterrows():
        pair = (row["claim_a"], row["claim_b"])
        if all(c in claims.index and read_claim_dates(claims.loc[c]) for c in pair):
            for claim_id in pair:
                found.setdefault(claim_id, []).append(row)
    return found


def find_disputed_pairs(
    package: Package, claim_ids: list[str], disputes: dict[str, list[pd.Series]] | None = None
) -> list[pd.Series]:
    """Relations typed 'conflicts' between two dated claims of one event.

    Pass ``disputes`` (from :func:`index_disputes`) when asking for many events.
    """
    disputes = index_disputes(package) if disputes is None else disputes
    wanted = set(claim_ids)
    seen, pairs = set(), []
    for claim_id in claim_ids:
        for row in disputes.get(claim_id, []):
            if row["claim_a"] in wanted and row["claim_b"] in wanted and row.name not in seen:
                seen.add(row.name)
                pairs.append(row)
    return pairs


def build_timeline_events(package: Package) -> pd.DataFrame:
    """One row per event: its range, precision, lane, sources, and whether its date is disputed."""
    claims = package["claims"].set_index("claim_id")
    places = dict(zip(package["places"]["place_id"], package["places"]["name"], strict=True))
    lanes = assign_lanes(package)
    disputes = index_disputes(package)
    rows = []
    for _, event in package["events"].iterrows():
        claim_ids = split_list(event["claim_ids"])
        sources = tuple(sorted({claims.at[c, "source_id"] for c in claim_ids}))
        rows.append(
            {
                "event_id": event["event_id"],
                "title": event["title"],
                "display_date": event["display_date"],
                "date_low": date.fromisoformat(event["date_low"]),
                "date_high": date.fromisoformat(event["date_high"]),
                "precision": event["date_precision"],
                "category": event["category"],
                "lane": lanes[event["event_id"]],
                "place": places.get(event["place_id"], "") if is_present(event["place_id"]) else "",
                "place_id": event["place_id"] if is_present(event["place_id"]) else "",
                "sources": sources,
                "claim_ids": tuple(claim_ids),
                "disputed": bool(find_disputed_pairs(package, claim_ids, disputes)),
                "date_note": event["date_note"] if is_present(event["date_note"]) else "",
                "bases": tuple(
                    dict.fromkeys(
                        f"{claims.at[c, 'source_id']}: {claims.at[c, 'date_basis']}"
                        for c in claim_ids
                        if is_present(claims.at[c, "date_basis"])
                    )
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return frame.sort_values(["date_low", "date_high"], kind="stable").reset_index(drop=True)


def build_date_marks(package: Package, events: pd.DataFrame) -> pd.DataFrame:
    """For each disputed event, the range each disputing claim states, with its source."""
    claims = package["claims"].set_index("claim_id")
    disputes = index_disputes(package)
    rows = []
    for _, event in events[events["disputed"]].iterrows():
        pairs = find_disputed_pairs(package, list(event["claim_ids"]), disputes)
        disputing = {c for pair in pairs for c in (pair["claim_a"], pair["claim_b"])}
        for claim_id in event["claim_ids"]:
            span = read_claim_dates(claims.loc[claim_id])
            if span is None or claim_id not in disputing:
                continue
            rows.append(
                {
                    "event_id": event["event_id"],
                    "claim_id": claim_id,
                    "source_id": claims.at[claim_id, "source_id"],
                    "date_low": span.low,
                    "date_high": span.high,
                    "date_basis": claims.at[claim_id, "date_basis"],
                }
            )
    return pd.DataFrame(rows, columns=MARK_COLUMNS)


def filter_timeline(
    events: pd.DataFrame,
    window: tuple[date, date] | None = None,
    categories: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Events overlapping the window, in the categories, backed by any of the sources.

    Empty categories or sources mean all of them.
    """
    keep = pd.Series(True, index=events.index)
    if window is not None:
        keep &= (events["date_high"] >= window[0]) & (events["date_low"] <= window[1])
    if categories:
        keep &= events["category"].isin(categories)
    if sources:
        keep &= events["sources"].map(lambda backed: bool(set(backed) & set(sources)))
    return events[keep]


def stack_rows(events: pd.DataFrame) -> pd.Series:
    """Row within its lane for each event, so that no two marks in a lane overlap."""
    if events.empty:
        return pd.Series(dtype=int)
    span_days = max((events["date_high"].max() - events["date_low"].min()).days, 1)
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
    """Lanes by how many events they hold, most first; Others always last."""
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


def describe_event_dates(event: pd.Series, marks: pd.DataFrame) -> list[str]:
    """Lines for hover and the evidence panel: display date, resolved range, and its basis."""
    span = DateRange(event["date_low"], event["date_high"])
    lines = [
        f"Shown as: {event['display_date']}",
        f"Resolved: {format_range(span)} ({event['precision']} precision)",
    ]
    if event["date_note"]:
        lines.append(f"Why: {event['date_note']}")
    disputing = marks[marks["event_id"] == event["event_id"]]
    if len(disputing):
        lines += [f"{m['source_id']}: {m['date_basis']}" for _, m in disputing.iterrows()]
    else:
        lines += list(event["bases"])
    return lines


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


def _layout_rows(events: pd.DataFrame, panels: pd.Series) -> tuple[dict, list[str], list, int]:
    lanes = order_lanes(events)
    rows = pd.Series(0, index=events.index)
    for _, index in events.groupby(panels).groups.items():
        rows[index] = stack_rows(events.loc[index])
    offsets, tick_values, base = {}, [], 0
    for lane in lanes:
        height = int(rows[events["lane"] == lane].max()) + 1
        offsets[lane] = base
        tick_values.append(base + (height - 1) / 2)
        base += height + 1  # one empty row between lanes
    y = {i: offsets[e["lane"]] + int(rows[i]) for i, e in events.iterrows()}
    return y, lanes, tick_values, base


def build_timeline_figure(
    events: pd.DataFrame, marks: pd.DataFrame, source_ids: list[str]
) -> go.Figure:
    """Bars for each event's range and a selectable mark at its middle, lanes top to bottom.

    Disputed events also get one thin bar per source (in the source's colour) and a dotted link.
    ``source_ids`` is the package's source order, which fixes each source's colour. A long quiet
    stretch splits the chart into panels; shorter ones are cut from the axis and marked.
    """
    colours = assign_source_colours(source_ids)
    shown_marks = marks[marks["event_id"].isin(events["event_id"])]
    splits = split_panels(events, shown_marks)
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
    y, lanes, tick_values, base = _layout_rows(events, panels)
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
                font={"size": 11, "color": "#555555"},
            )
        for index, event in chosen[chosen["disputed"]].iterrows():
            # A one-day disagreement is narrower than a pixel: say it in words as well.
            fig.add_annotation(
                x=_middle(event["date_low"], event["date_high"]),
                y=y[index],
                xref=f"x{panel + 1 if panel else ''}",
                yref="y",
                text="sources disagree",
                showarrow=True,
                arrowhead=0,
                ax=0,
                ay=-22,
                font={"size": 11, "color": "#333333"},
                bgcolor="rgba(255,255,255,0.85)",
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
    return fig


def draw_timeline(
    package: Package,
    window: tuple[date, date] | None = None,
    categories: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
) -> go.Figure:
    """The timeline figure of the package's events as ``filter_timeline`` narrows them.

    Takes only the package and plain arguments, so the app can cache it per view.
    """
    events = build_timeline_events(package)
    return build_timeline_figure(
        filter_timeline(events, window, categories, sources),
        build_date_marks(package, events),
        list(package["sources"]["source_id"]),
    )


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
                mode="markers",
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
                line={"color": "#555555", "width": 1.5, "dash": "dot"},
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
            font={"size": 11, "color": "#555555"},
        )


def describe_timeline(events: pd.DataFrame, total: int) -> str:
    """Caption under the chart: what is shown and how uncertainty is drawn."""
    if events.empty:
        return f"No events match the filters (0 of {total})."
    first = format_range(DateRange(events["date_low"].min(), events["date_low"].min()))
    last = format_range(DateRange(events["date_high"].max(), events["date_high"].max()))
    disputed = int(events["disputed"].sum())
    return (
        f"{len(events)} of {total} events, {first} to {last}, in lanes by lead actor. Each bar "
        "spans the event's whole date range (a month-precise event spans the month); the symbol "
        "marks its middle and its category. "
        + (
            f"{disputed} event(s) where the sources disagree on the date also show each source's "
            "own range, in the source's colour, joined by a dotted line. "
            if disputed
            else ""
        )
        + "Click a symbol for its evidence."
    )


def build_events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The chart's table twin: one row per visible event."""
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "event": events["title"],
            "shown_as": events["display_date"],
            "from": events["date_low"].map(date.isoformat),
            "to": events["date_high"].map(date.isoformat),
            "precision": events["precision"],
            "category": events["category"].map(lambda c: CATEGORY_STYLES[c].label),
            "lane": events["lane"],
            "place": events["place"],
            "sources": events["sources"].map(", ".join),
            "sources_disagree": events["disputed"].map({True: "yes", False: "no"}),
            "claims": events["claim_ids"].map(", ".join),
        }
    ).reset_index(drop=True)


def pick_selected_event(points: list[dict], known: set[str]) -> str | None:
    """The event id a plotly selection points at (the first point that carries one)."""
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list):
            data = data[0] if data else None
        if isinstance(data, str) and data in known:
            return data
    return None
