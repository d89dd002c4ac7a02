"""The timeline's model: events as date ranges in actor lanes, and each source's date where the
sources disagree. Drawing is in ``lib.render.timeline_chart``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import pandas as pd

from lib.analysis.compare import say_claim
from lib.data.cells import is_present, split_list
from lib.data.dates import DateRange, format_range, read_claim_dates
from lib.data.read import Package, list_records
from lib.data.schema import EVENT_CATEGORIES

OTHERS_LANE = "Others"


# A lane needs this many events of its own; rarer lead actors share the "Others" lane.
MIN_LANE_EVENTS = 2


EVENT_COLUMNS = [
    "number",
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


def list_event_lanes(package: Package) -> tuple[tuple[str, str], ...]:
    """(event id, lane) for every event of the whole package, in its order: a filtered view draws
    its lanes from this, so filters never move an event to Others or reorder the lanes."""
    return tuple(assign_lanes(package).items())


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


def build_timeline_events(
    package: Package, lanes: tuple[tuple[str, str], ...] = ()
) -> pd.DataFrame:
    """One row per event: its range, precision, lane, sources, and whether its date is disputed.

    ``lanes`` (from :func:`list_event_lanes` of the whole package) fixes each event's lane; by
    default the lanes are those of ``package`` itself.
    """
    # Plain lookups and records: a pandas row or cell per access dominated at a year of reporting.
    claims = package["claims"]
    ids = claims["claim_id"].tolist()
    source_of = dict(zip(ids, claims["source_id"].tolist(), strict=True))
    basis_of = dict(zip(ids, claims["date_basis"].tolist(), strict=True))
    places = dict(zip(package["places"]["place_id"], package["places"]["name"], strict=True))
    lanes = {**assign_lanes(package), **dict(lanes)}
    disputes = index_disputes(package)
    rows = []
    for event in list_records(package["events"]):
        claim_ids = split_list(event["claim_ids"])
        rows.append(
            {
                "number": 0,  # set below, once the events are in date order
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
                "sources": tuple(sorted({source_of[c] for c in claim_ids})),
                "claim_ids": tuple(claim_ids),
                "disputed": bool(find_disputed_pairs(package, claim_ids, disputes)),
                "date_note": event["date_note"] if is_present(event["date_note"]) else "",
                "bases": tuple(
                    dict.fromkeys(
                        f"{source_of[c]}: {basis_of[c]}"
                        for c in claim_ids
                        if is_present(basis_of[c])
                    )
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame = frame.sort_values(["date_low", "date_high"], kind="stable").reset_index(drop=True)
    # One number per event in date order: the timeline's markers and the story's steps share it.
    return frame.assign(number=range(1, len(frame) + 1))


# The busiest period is the stretch of this length holding the most event middles.
BUSY_SPAN = timedelta(days=365)


# Room either side of the busiest period's first and last event, so their bars are not cut.
BUSY_MARGIN = timedelta(days=20)


def describe_period(low: date, high: date) -> str:
    """A window by its months, e.g. 'Dec 2022 – May 2024' ('Jul 2023' for one month)."""
    first, last = f"{low:%b %Y}", f"{high:%b %Y}"
    return first if first == last else f"{first} – {last}"


def find_busiest_period(events: pd.DataFrame) -> tuple[date, date] | None:
    """The date window around the densest BUSY_SPAN of events (by their middle day), widened to
    the whole ranges of the events it holds; None when there is nothing to zoom into.

    A story with a long background and a short crisis opens on the crisis this way.
    """
    if len(events) < 2:
        return None
    middles = sorted(
        (low + (high - low) / 2, i)
        for i, low, high in zip(events.index, events["date_low"], events["date_high"], strict=True)
    )
    best, best_count = (0, 0), 0
    end = 0
    for start in range(len(middles)):
        while end < len(middles) and middles[end][0] - middles[start][0] <= BUSY_SPAN:
            end += 1
        if end - start > best_count:
            best, best_count = (start, end), end - start
    held = events.loc[[i for _, i in middles[best[0] : best[1]]]]
    low = max(held["date_low"].min() - BUSY_MARGIN, events["date_low"].min())
    high = min(held["date_high"].max() + BUSY_MARGIN, events["date_high"].max())
    if (low, high) == (events["date_low"].min(), events["date_high"].max()):
        return None  # already the whole story
    return low, high


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


def list_event_categories(package: Package) -> list[str]:
    """The categories of the package's events, in the schema's order: the Timeline's category
    choices, from the whole package so that a global filter never takes one away."""
    present = set(package["events"]["category"])
    return [category for category in EVENT_CATEGORIES if category in present]


def fit_zoom(events: pd.DataFrame, wanted: tuple[date, date] | None) -> tuple[date, date] | None:
    """The window the chart opens zoomed to: ``wanted`` if it holds some of ``events`` and not
    all of their span, else None (the whole story)."""
    if wanted is None or events.empty:
        return None
    low, high = wanted
    first, last = events["date_low"].min(), events["date_high"].max()
    if low <= first and high >= last:
        return None
    if filter_timeline(events, (low, high)).empty:
        return None
    return max(low, first), min(high, last)


# The most events the timeline draws at once. A story of a few dozen is drawn whole; a year of
# reporting (thousands) is drawn a window at a time, so the chart stays as quick to send and to
# draw as the story's.
DRAW_BUDGET = 400


def fit_draw_window(
    events: pd.DataFrame, zoom: tuple[date, date] | None, budget: int = DRAW_BUDGET
) -> tuple[date, date] | None:
    """The window the chart draws when ``events`` are more than ``budget``: ``zoom`` if it
    holds no more than that, else the latest window that does (the reporting most recent). None
    when every event can be drawn.

    The window ends at the last event's end; it starts late enough that at most ``budget``
    events overlap it (long events that reach into it count).
    """
    if len(events) <= budget:
        return None
    if zoom is not None and len(filter_timeline(events, zoom)) <= budget:
        return zoom
    last = events["date_high"].max()
    highs = sorted(events["date_high"], reverse=True)
    low = highs[budget - 1]
    if sum(high >= low for high in highs) > budget:  # ties at the edge: start a day later
        low += timedelta(days=1)
    return low, last


def describe_draw_window(events: pd.DataFrame, window: tuple[date, date]) -> str:
    """Caption for a chart that draws one window of many events: which, how many, and how to
    see the others."""
    drawn = len(filter_timeline(events, window))
    return (
        f"Drawn: the {drawn} of {len(events)} events in {describe_period(*window)}. More events "
        f"match than one chart can show at once ({DRAW_BUDGET}); narrow the dates in the sidebar "
        "or pick categories to draw others."
    )


def select_in_view(events: pd.DataFrame, zoom: tuple[date, date]) -> pd.DataFrame:
    """The events whose mark (the middle of their range) a chart zoomed to ``zoom`` shows."""
    spans = zip(events["date_low"], events["date_high"], strict=True)
    middles = [low + (high - low) / 2 for low, high in spans]
    inside = [zoom[0] <= middle <= zoom[1] for middle in middles]
    return events[pd.Series(inside, index=events.index, dtype=bool)]


def describe_zoom(events: pd.DataFrame, zoom: tuple[date, date]) -> str:
    """Caption line for a zoomed chart: which window, and how many events are in view."""
    held = len(select_in_view(events, zoom))
    return (
        f"Zoomed to {describe_period(*zoom)}: {held} of these {len(events)} events in view. "
        "Drag the chart to pan, or choose Whole story."
    )


class TimelineView(NamedTuple):
    """What the Timeline shows of the events matching its filters: their span, the zoom the
    chart opens at, the window it draws (None: all of them) and its events, the events whose
    marks the zoomed chart shows, and the captions under it (the first says what is shown)."""

    span: tuple[date, date] | None
    zoom: tuple[date, date] | None
    window: tuple[date, date] | None
    drawn: pd.DataFrame
    in_view: pd.DataFrame
    captions: list[str]


def fit_timeline_view(
    visible: pd.DataFrame, wanted: tuple[date, date] | None, total: int
) -> TimelineView:
    """The view of ``visible`` events (of ``total`` in the story) for a chart asked to open at
    ``wanted``: see :func:`fit_zoom` and :func:`fit_draw_window`."""
    if visible.empty:
        return TimelineView(None, None, None, visible, visible, [describe_timeline(visible, total)])
    span = visible["date_low"].min(), visible["date_high"].max()
    zoom = fit_zoom(visible, wanted)
    window = fit_draw_window(visible, zoom)
    drawn = filter_timeline(visible, window)
    caption = describe_timeline(visible, total)
    captions = [f"{describe_zoom(drawn, zoom)} {caption}" if zoom else caption]
    if window is not None:
        captions.append(describe_draw_window(visible, window))
    in_view = select_in_view(drawn, zoom) if zoom else drawn
    return TimelineView(span, zoom, window, drawn, in_view, captions)


def list_timeline_categories(events: pd.DataFrame) -> list[str]:
    """The categories the events fall in, in the schema's order (the legend's order too)."""
    present = set(events["category"])
    return [category for category in EVENT_CATEGORIES if category in present]


def describe_disputed_pair(relation: pd.Series, package: Package) -> str:
    """One line naming what two claims that date an event apart say, with the curator's
    explanation (claims by their source and statement, not their ids)."""
    claims = package["claims"].set_index("claim_id")
    a, b = (claims.loc[relation[side]] for side in ("claim_a", "claim_b"))
    return (
        f"Sources disagree ({a['source_id']}: {say_claim(a)} vs {b['source_id']}: "
        f"{say_claim(b)}): {relation['explanation']}"
    )
