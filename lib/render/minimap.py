"""Small static pictures as inline SVG: the story step's mini-map and its date strip."""

from __future__ import annotations

import html
from datetime import date, timedelta

import geopandas as gpd

from lib.analysis.places import compute_focus_bounds, list_ancestors
from lib.data.cells import is_present
from lib.data.dates import DateRange, format_range
from lib.data.read import Package
from lib.render.style import EMPHASIS_COLOUR


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
