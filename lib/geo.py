"""Reference geography: Natural Earth country outlines, and which places fall inside a view.

The outlines are reference data shipped with the app (``data/geo``), not part of the curated
package, so a different data folder still gets a map. ``scripts/build_boundaries.py`` makes them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

from lib.package import Package, is_present, split_list
from lib.paths import BOUNDARIES_PATH

# The three Sahel countries the story is about; the initial view frames them.
FOCUS_ISO3 = ("NER", "MLI", "BFA")
# The country the story centres on; the map draws it more strongly than the rest.
EMPHASIS_ISO3 = "NER"
# Degrees of margin around the focus countries in the initial view.
FOCUS_MARGIN = 1.5
# A drawn country counts as on the map when at least this share of it is in the initial view.
MOSTLY_SHOWN = 0.5


class Bounds(NamedTuple):
    """A latitude/longitude box: south, west, north, east (degrees)."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies inside the box, edges included."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@lru_cache(maxsize=4)
def _read_boundaries(path: str, mtime_ns: int) -> gpd.GeoDataFrame:
    del mtime_ns  # part of the cache key only, so a regenerated file is re-read
    return gpd.read_file(path)


def read_boundaries(path: Path = BOUNDARIES_PATH) -> gpd.GeoDataFrame:
    """Country outlines with ``iso3`` and ``name``; shared and cached, so do not mutate it."""
    return _read_boundaries(str(path), path.stat().st_mtime_ns)


def compute_focus_bounds(boundaries: gpd.GeoDataFrame) -> Bounds:
    """The initial view: the focus countries' extent plus a margin."""
    focus = boundaries[boundaries["iso3"].isin(FOCUS_ISO3)]
    west, south, east, north = focus.total_bounds
    return Bounds(
        float(south) - FOCUS_MARGIN,
        float(west) - FOCUS_MARGIN,
        float(north) + FOCUS_MARGIN,
        float(east) + FOCUS_MARGIN,
    )


def find_country_at(boundaries: gpd.GeoDataFrame, lat: float, lon: float) -> str | None:
    """ISO3 of the drawn country containing the point, or None over empty map."""
    hits = boundaries[boundaries.geometry.covers(Point(lon, lat))]
    return None if hits.empty else str(hits.iloc[0]["iso3"])


def list_country_places(package: Package) -> dict[str, str]:
    """Map each country's ISO3 to its place id in the package."""
    places = package["places"]
    countries = places[(places["kind"] == "country") & places["iso3"].map(is_present)]
    return dict(zip(countries["iso3"], countries["place_id"], strict=True))


def list_named_places(package: Package) -> set[str]:
    """Every place id that a claim or an event names."""
    named = {place for cell in package["claims"]["place_ids"] for place in split_list(cell)}
    named.update(p for p in package["events"]["place_id"] if is_present(p))
    return named


def list_descendants(places: pd.DataFrame, place_id: str) -> list[str]:
    """The place and every place inside it (through ``parent_id``), the place first."""
    children: dict[str, list[str]] = {}
    for child, parent in zip(places["place_id"], places["parent_id"], strict=True):
        if is_present(parent):
            children.setdefault(parent, []).append(child)
    found, queue = [], [place_id]
    while queue:
        current = queue.pop(0)
        if current in found:  # a cycle in parent_id must not hang the page
            continue
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def describe_off_map(package: Package, boundaries: gpd.GeoDataFrame) -> pd.DataFrame:
    """Named places that the initial view does not show as a pin or an outline, and why."""
    view = compute_focus_bounds(boundaries)
    view_box = box(view.west, view.south, view.east, view.north)
    # Share of each drawn country's area inside the view (degrees², fine for a ratio).
    shown = {
        str(iso3): geometry.intersection(view_box).area / geometry.area
        for iso3, geometry in zip(boundaries["iso3"], boundaries.geometry, strict=True)
    }
    named = list_named_places(package)
    rows = []
    for _, place in package["places"].iterrows():
        if place["place_id"] not in named:
            continue
        if is_present(place["lat"]) and is_present(place["lon"]):
            if view.contains(place["lat"], place["lon"]):
                continue
            reason = "Pinned, but outside this view: zoom out to see it."
        elif place["kind"] == "country":
            share = shown.get(place["iso3"])
            if share is not None and share >= MOSTLY_SHOWN:
                continue
            reason = (
                "Mostly outside this view; claims about it are country-wide, so it has no pin."
                if share is not None
                else "Not drawn on this map; claims about it are country-wide."
            )
        else:
            reason = "A region with no agreed outline, so it is listed rather than drawn."
        rows.append(
            {
                "place_id": place["place_id"],
                "name": place["name"],
                "kind": place["kind"],
                "reason": reason,
            }
        )
    return pd.DataFrame(rows, columns=["place_id", "name", "kind", "reason"])
