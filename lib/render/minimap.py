"""Small static pictures as inline SVG: the story step's mini-map, its date strip, and the
exported briefing's map of the Sahel."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta

import geopandas as gpd
import pandas as pd

from lib.analysis.events import describe_period
from lib.analysis.places import EMPHASIS_ISO3, FOCUS_ISO3, compute_focus_bounds, list_ancestors
from lib.data.cells import is_present
from lib.data.dates import DateRange, format_range
from lib.data.read import Package
from lib.render.style import EMPHASIS_COLOUR, EMPHASIS_OUTLINE, NEUTRAL_COLOUR, PLACE_KIND_STYLES

STRIP_WIDTH, STRIP_PAD = 600, 8


# A step's neighbourhood: its own range and as much again each side, but at least this much.
ZOOM_PAD = timedelta(days=75)


def _scale_days(first: date, last: date) -> Callable[[date], float]:
    total = max((last - first).days + 1, 1)
    return lambda day: STRIP_PAD + (STRIP_WIDTH - 2 * STRIP_PAD) * (day - first).days / total


def find_zoom_window(low: date, high: date, first: date, last: date) -> tuple[date, date]:
    """The stretch the zoomed strip shows for a step from ``low`` to ``high``: the step and its
    neighbourhood, kept within the story's ``first``..``last``."""
    pad = max(high - low, ZOOM_PAD)
    return max(low - pad, first), min(high + pad, last)


def _month_ticks(first: date, last: date) -> list[tuple[date, str]]:
    # Few enough labels to stay apart: every 1, 2, 3, 6 or 12 months.
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((k for k in (1, 2, 3, 6, 12) if months / k <= 9), 24)
    ticks, day = [], date(first.year, first.month, 1)
    while day <= last:
        index = day.year * 12 + day.month - 1
        if day > first and index % step == 0:
            label = f"{day:%b %Y}" if day.month == 1 or not ticks else f"{day:%b}"
            ticks.append((day, label))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks


def _year_ticks(first: date, last: date) -> list[tuple[date, str]]:
    years = list(range(first.year + 1, last.year + 1))
    step = next((k for k in (1, 2, 5, 10) if len(years) / k <= 14), 20)
    return [(date(y, 1, 1), str(y)) for y in years if y % step == 0 or step == 1]


def _strip(
    low: date,
    high: date,
    first: date,
    last: date,
    top: float,
    ticks: list[tuple[date, str]],
    others: list[tuple[date, date]] = (),
    window: tuple[date, date] | None = None,
) -> str:
    x = _scale_days(first, last)
    axis = top + 8
    parts = [
        f'<line x1="{STRIP_PAD}" y1="{axis}" x2="{STRIP_WIDTH - STRIP_PAD}" y2="{axis}" '
        'stroke="#bbb" stroke-width="2"/>'
    ]
    for day, label in ticks:
        # A label near either end is anchored inwards, so the frame never cuts it.
        half = 3 * len(label)
        anchor = "middle"
        if x(day) - half < 0:
            anchor = "start"
        elif x(day) + half > STRIP_WIDTH:
            anchor = "end"
        parts.append(
            f'<line x1="{x(day):.1f}" y1="{axis - 4}" x2="{x(day):.1f}" y2="{axis + 4}" '
            f'stroke="#888"/><text x="{x(day):.1f}" y="{axis + 15}" font-size="10" '
            f'text-anchor="{anchor}" fill="{NEUTRAL_COLOUR}">{html.escape(label)}</text>'
        )
    if window is not None:
        left, right = x(window[0]), max(x(window[1] + timedelta(days=1)), x(window[0]) + 3)
        parts.append(
            f'<rect class="sb-strip-window" x="{left:.1f}" y="{axis - 10}" '
            f'width="{right - left:.1f}" height="20" fill="none" stroke="#333" '
            'stroke-dasharray="3 2"/>'
        )
    for other_low, other_high in others:
        if other_high < first or other_low > last:
            continue
        left = x(max(other_low, first))
        right = max(x(min(other_high, last) + timedelta(days=1)), left + 2)
        parts.append(
            f'<rect x="{left:.1f}" y="{axis - 3}" width="{right - left:.1f}" height="6" '
            'fill="#777" fill-opacity="0.45"/>'
        )
    left = x(max(low, first))
    right = max(x(min(high, last) + timedelta(days=1)), left + 3)
    parts.append(
        f'<rect class="sb-strip-step" x="{left:.1f}" y="{axis - 8}" width="{right - left:.1f}" '
        f'height="16" rx="2" fill="{EMPHASIS_COLOUR}" fill-opacity="0.75" '
        f'stroke="{EMPHASIS_OUTLINE}"/>'
    )
    return "".join(parts)


def render_date_strip_svg(
    low: date, high: date, first: date, last: date, others: list[tuple[date, date]] = ()
) -> str:
    """Two strips for a story step from ``low`` to ``high``: the whole story ``first``..``last``
    as context, with the zoomed stretch boxed; below it, that stretch with month ticks, the
    step's range (at least 3 px) and the other steps' ranges (``others``) in grey."""
    zoom = find_zoom_window(low, high, first, last)
    zoomed = zoom != (first, last)
    context = _strip(
        low, high, first, last, 4, _year_ticks(first, last), (), zoom if zoomed else None
    )
    height = 34
    if zoomed:
        days = (zoom[1] - zoom[0]).days
        ticks = _month_ticks(*zoom) if days <= 3 * 366 else _year_ticks(*zoom)
        context += (
            f'<text x="{STRIP_PAD}" y="{height + 12}" font-size="10" fill="#333">'
            f"Zoomed: {html.escape(describe_period(*zoom))}</text>"
            + _strip(low, high, zoom[0], zoom[1], height + 20, ticks, others)
        )
        height += 56
    label = f"{format_range(DateRange(low, high))} within {first.year}–{last.year}"
    return (
        f'<svg viewBox="0 0 {STRIP_WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{html.escape(label, quote=True)}">{context}</svg>'
    )


def _svg_rings(geometry, project) -> str:
    polygons = getattr(geometry, "geoms", [geometry])
    parts = []
    for polygon in polygons:
        points = " L".join(f"{x:.1f},{y:.1f}" for x, y in map(project, polygon.exterior.coords))
        parts.append(f"M{points}Z")
    return " ".join(parts)


def render_minimap_svg(package: Package, boundaries: gpd.GeoDataFrame, place_id: str) -> str:
    """A small static map (inline SVG, no Leaflet) of the focus view with one place marked.

    A country is filled; a point gets a dot and its name; a place outside the view is named in
    the caption instead of being drawn at a false position.
    """
    view = compute_focus_bounds(boundaries)
    width, height = 320, 200
    scale = min(width / (view.east - view.west), height / (view.north - view.south))

    def project(coords: tuple[float, float]) -> tuple[float, float]:
        lon, lat = coords[0], coords[1]
        return (lon - view.west) * scale, (view.north - lat) * scale

    places = package["places"].set_index("place_id")
    place = places.loc[place_id] if place_id in places.index else None
    chain = list_ancestors(package["places"], place_id)
    iso_of = {p: places.at[p, "iso3"] for p in chain if places.at[p, "kind"] == "country"}
    highlighted = set(iso_of.values())
    shapes = []
    for _, country in boundaries.iterrows():
        fill = EMPHASIS_COLOUR if country["iso3"] in highlighted else "#d9d9d9"
        shapes.append(
            f'<path d="{_svg_rings(country.geometry, project)}" fill="{fill}" '
            'stroke="#666" stroke-width="0.8"/>'
        )
    caption = ""
    if place is not None and is_present(place["lat"]) and is_present(place["lon"]):
        if view.contains(place["lat"], place["lon"]):
            x, y = project((place["lon"], place["lat"]))
            shapes.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#000" stroke="#fff" '
                f'stroke-width="2"/><text x="{x + 9:.1f}" y="{y + 4:.1f}" font-size="13" '
                f'font-weight="600">{html.escape(place["name"])}</text>'
            )
        else:
            caption = f"{place['name']} is outside this map."
    elif place is not None and not highlighted:
        caption = f"{place['name']}: a {place['kind']} with no outline on this map."
    label = caption or (place["name"] if place is not None else "Sahel")
    note = f'<p class="sb-minimap-note">{html.escape(caption)}</p>' if caption else ""
    return (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{html.escape(str(label), quote=True)}" style="max-width:22rem;'
        f'background:#eef3f6">{"".join(shapes)}</svg>{note}'
    )


# Where a place's label may go, tried in order: (dx, dy, text-anchor) from its dot.
LABEL_SLOTS = (
    (9, 4, "start"),
    (-9, 4, "end"),
    (9, -10, "start"),
    (9, 19, "start"),
    (-9, -10, "end"),
    (-9, 19, "end"),
    (9, 34, "start"),
    (-9, 34, "end"),
    (9, -25, "start"),
    (-9, -25, "end"),
)
# Rough advance of one character at the label size, for keeping labels apart.
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 7.4, 15
KM_PER_DEGREE = 111.32


def _label_box(x: float, y: float, slot: tuple[int, int, str], text: str) -> tuple:
    dx, dy, anchor = slot
    width = LABEL_CHAR_WIDTH * len(text)
    left = x + dx if anchor == "start" else x + dx - width
    return left, y + dy - LABEL_HEIGHT + 3, left + width, y + dy + 3


def _collides(box: tuple, placed: list[tuple], width: float, height: float) -> bool:
    if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
        return True
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in placed)


def render_sahel_map_svg(boundaries: gpd.GeoDataFrame, places: pd.DataFrame) -> str:
    """The focus view as inline SVG: countries named, each place a dot with its name and its
    uncertainty drawn to scale as a circle (``radius_km``); labels are kept apart.

    ``places`` has place_id, name, lat, lon and radius_km; those outside the view are skipped.
    """
    view = compute_focus_bounds(boundaries)
    width = 900
    scale = width / (view.east - view.west)
    height = round((view.north - view.south) * scale)

    def project(coords: tuple[float, float]) -> tuple[float, float]:
        return (coords[0] - view.west) * scale, (view.north - coords[1]) * scale

    shapes, names, placed = [], [], []
    for _, country in boundaries.iterrows():
        focus = country["iso3"] in FOCUS_ISO3
        shapes.append(
            f'<path d="{_svg_rings(country.geometry, project)}" '
            f'fill="{EMPHASIS_COLOUR if country["iso3"] == EMPHASIS_ISO3 else "#e3e3e3"}" '
            f'fill-opacity="{0.45 if country["iso3"] == EMPHASIS_ISO3 else 1}" '
            f'stroke="#666" stroke-width="{1.2 if focus else 0.7}"/>'
        )
        point = country.geometry.representative_point()
        x, y = project((point.x, point.y))
        box = (x - 4 * len(country["name"]), y - 12, x + 4 * len(country["name"]), y + 4)
        if view.contains(point.y, point.x) and not _collides(box, placed, width, height):
            placed.append(box)
            names.append(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="13" '
                f'fill="#444" letter-spacing="1">{html.escape(str(country["name"]).upper())}'
                "</text>"
            )
    inside = [view.contains(la, lo) for la, lo in zip(places["lat"], places["lon"], strict=True)]
    located = places[inside]
    points = {
        p: project((lo, la))
        for p, la, lo in zip(located["place_id"], located["lat"], located["lon"], strict=True)
    }
    placed += [(x - 5, y - 5, x + 5, y + 5) for x, y in points.values()]
    marks, labels = [], []
    for _, place in located.iterrows():
        x, y = points[place["place_id"]]
        radius = float(place["radius_km"]) if is_present(place["radius_km"]) else 0.0
        # The place kind's colour, as on the app's map: blue here would read as a source.
        colour = (
            PLACE_KIND_STYLES[place["kind"]].colour
            if place["kind"] in PLACE_KIND_STYLES
            else NEUTRAL_COLOUR
        )
        marks.append(
            f'<circle class="sb-x-uncertainty" cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{max(radius / KM_PER_DEGREE * scale, 0.5):.2f}" fill="{colour}" '
            f'fill-opacity="0.25" stroke="{colour}" stroke-dasharray="2 2"/>'
            f'<circle class="sb-x-place" data-place="{html.escape(place["place_id"], quote=True)}"'
            f' cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#000" stroke="#fff" stroke-width="1.5"/>'
        )
        text = str(place["name"])
        slot = next(
            (
                s
                for s in LABEL_SLOTS
                if not _collides(_label_box(x, y, s, text), placed, width, height)
            ),
            LABEL_SLOTS[0],
        )
        placed.append(_label_box(x, y, slot, text))
        dx, dy, anchor = slot
        if abs(dy) > 10:
            labels.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + dx * 0.8:.1f}" '
                f'y2="{y + dy - 4:.1f}" stroke="#333" stroke-width="0.8"/>'
            )
        labels.append(
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="13" '
            'font-weight="600" paint-order="stroke" stroke="#fff" stroke-width="3">'
            f"{html.escape(text)}</text>"
        )
    label = "Map of the Sahel: " + ", ".join(located["name"].astype(str))
    return (
        f'<svg class="sb-x-sahel" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{html.escape(label, quote=True)}" style="background:#eef3f6">'
        f"{''.join(shapes)}{''.join(names)}{''.join(marks)}{''.join(labels)}</svg>"
    )
