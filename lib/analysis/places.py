"""Places: which are named, located, inside which, what a click hit, what is off the map."""

from __future__ import annotations

from typing import NamedTuple

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

from lib.analysis.evidence import order_claims
from lib.data.boundaries import read_boundaries
from lib.data.cells import is_present, split_list
from lib.data.read import Package


def split_claim_places(package: Package) -> list[list[str]]:
    """Each claim's place ids, in claim table order (a plain list: a year of reporting has
    100,000 claims, and iterating a pandas text column boxes every cell)."""
    return [split_list(cell) for cell in package["claims"]["place_ids"].tolist()]


def collect_claims_at(
    package: Package, place_ids: list[str], cells: list[list[str]] | None = None
) -> pd.DataFrame:
    """Claims naming any of the places, with ``at``: which of those places each one names.

    ``cells`` is :func:`split_claim_places` of the package, for a caller asking about many places.
    """
    claims = package["claims"]
    names = dict(zip(package["places"]["place_id"], package["places"]["name"], strict=True))
    wanted = set(place_ids)
    cells = split_claim_places(package) if cells is None else cells
    at = [", ".join(names[p] for p in cell if p in wanted) for cell in cells]
    rows = claims.assign(at=at)
    return rows[rows["at"] != ""].reset_index(drop=True)


def collect_events_at(package: Package, place_ids: list[str]) -> pd.DataFrame:
    """Events that happened at any of the places, in date order."""
    events = package["events"]
    rows = events[events["place_id"].isin(place_ids)]
    return rows.sort_values(["date_low", "date_high"], kind="stable").reset_index(drop=True)


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


def list_named_places(package: Package, cells: list[list[str]] | None = None) -> set[str]:
    """Every place id that a claim or an event names (``cells``: see :func:`collect_claims_at`)."""
    cells = split_claim_places(package) if cells is None else cells
    named = {place for cell in cells for place in cell}
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


def describe_off_map(
    package: Package, boundaries: gpd.GeoDataFrame, cells: list[list[str]] | None = None
) -> pd.DataFrame:
    """Named places that the initial view does not show as a pin or an outline, and why
    (``cells``: see :func:`collect_claims_at`)."""
    view = compute_focus_bounds(boundaries)
    view_box = box(view.west, view.south, view.east, view.north)
    # Share of each drawn country's area inside the view (degrees², fine for a ratio).
    shown = {
        str(iso3): geometry.intersection(view_box).area / geometry.area
        for iso3, geometry in zip(boundaries["iso3"], boundaries.geometry, strict=True)
    }
    named = list_named_places(package, cells)
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


# Topics whose claims say that Russian forces are in a country; their places form a layer.
RUSSIAN_FORCES_TOPICS = ("russia_forces_niger", "russia_forces_region")
# Stacking where two markers share a point (cities over bases); drawing and clicks both follow it.
STACKING = {"air_base": 0, "capital": 1000, "city": 1000}


def count_place_evidence(
    package: Package, cells: list[list[str]] | None = None
) -> dict[str, tuple[int, int]]:
    """Per place id: how many claims and events name it directly (``cells``: see
    :func:`collect_claims_at`)."""
    claims: dict[str, int] = {}
    for cell in split_claim_places(package) if cells is None else cells:
        for place in cell:
            claims[place] = claims.get(place, 0) + 1
    events: dict[str, int] = {}
    for place in package["events"]["place_id"]:
        if is_present(place):
            events[place] = events.get(place, 0) + 1
    return {p: (claims.get(p, 0), events.get(p, 0)) for p in set(claims) | set(events)}


def count_evidence_within(
    package: Package, cells: list[list[str]] | None = None
) -> dict[str, tuple[int, int]]:
    """Per located place id: the claims and events at it or at any place inside it, each counted
    once; what a click on its pin shows (``collect_place_evidence``), so pins follow the view."""
    places = package["places"]
    cells = split_claim_places(package) if cells is None else cells
    named = [set(cell) for cell in cells if cell]
    events = package["events"]["place_id"]
    counts = {}
    for place_id in list_located_places(package)["place_id"]:
        within = set(list_descendants(places, place_id))
        n_claims = sum(1 for cell in named if cell & within)
        counts[place_id] = (n_claims, int(events.isin(within).sum()))
    return counts


def list_located_places(package: Package) -> pd.DataFrame:
    """Places with coordinates: exactly the ones that get a marker."""
    places = package["places"]
    located = places["lat"].map(is_present) & places["lon"].map(is_present)
    return places[located]


def list_russian_force_countries(package: Package) -> dict[str, list[str]]:
    """Country place ids that claims on the Russian-forces topics name, with those claim ids."""
    places = package["places"].set_index("place_id")
    claims = package["claims"]
    found: dict[str, list[str]] = {}
    for _, claim in claims[claims["topic"].isin(RUSSIAN_FORCES_TOPICS)].iterrows():
        for place in split_list(claim["place_ids"]):
            if place in places.index and places.at[place, "kind"] == "country":
                found.setdefault(place, []).append(claim["claim_id"])
    return found


class MapEvidence(NamedTuple):
    """What the map draws from a view, computed once per view rather than on every run: the
    places claims or events name, the evidence naming each place directly and within it, and
    the countries where claims report Russian forces."""

    named: set[str]
    direct: dict[str, tuple[int, int]]
    within: dict[str, tuple[int, int]]
    russia: dict[str, list[str]]


def summarise_map_evidence(package: Package) -> MapEvidence:
    """The counts and layers the map draws for this view (see :class:`MapEvidence`)."""
    cells = split_claim_places(package)  # split once for every count
    return MapEvidence(
        list_named_places(package, cells),
        count_place_evidence(package, cells),
        count_evidence_within(package, cells),
        list_russian_force_countries(package),
    )


def resolve_clicked_place(
    package: Package, boundaries: gpd.GeoDataFrame, clicked: dict | None
) -> tuple[str | None, str]:
    """Turn streamlit-folium's ``last_object_clicked`` into (place id or None, what was hit).

    A marker reports its own coordinates, so an exact match is that place; any other object is an
    outline, found by which country contains the click.
    """
    if not clicked or "lat" not in clicked or "lng" not in clicked:
        return None, ""
    lat, lon = float(clicked["lat"]), float(clicked["lng"])
    located = list_located_places(package)
    # Cities before bases, matching the drawing order when two share a point.
    ranked = located.assign(_z=located["kind"].map(STACKING))
    for _, place in ranked.sort_values("_z", ascending=False, kind="stable").iterrows():
        if abs(place["lat"] - lat) < 1e-6 and abs(place["lon"] - lon) < 1e-6:
            return place["place_id"], place["name"]
    iso3 = find_country_at(boundaries, lat, lon)
    if iso3 is None:
        return None, ""
    name = str(boundaries.loc[boundaries["iso3"] == iso3, "name"].iloc[0])
    place_id = list_country_places(package).get(iso3)
    if place_id is None or place_id not in list_named_places(package):
        return None, name
    return place_id, name


def list_off_map(package: Package) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """The places that claims name but the map does not pin (``describe_off_map``), and each
    one's claims in reading order. Takes only the package, so the app can cache it per view."""
    cells = split_claim_places(package)  # split once for every off-map place
    off_map = describe_off_map(package, read_boundaries(), cells)
    claims = [
        order_claims(collect_claims_at(package, [place_id], cells), package)
        for place_id in off_map["place_id"]
    ]
    # A place that only an event names in this view has no claim to list: leave it out rather
    # than list it as "0 claim(s)" (the filters narrowed its claims away).
    kept = [i for i, rows in enumerate(claims) if len(rows)]
    return off_map.iloc[kept].reset_index(drop=True), [claims[i] for i in kept]


def list_ancestors(places: pd.DataFrame, place_id: str) -> list[str]:
    """The place and the places containing it (through ``parent_id``), innermost first."""
    parent = dict(zip(places["place_id"], places["parent_id"], strict=True))
    chain = [place_id] if place_id in parent else []
    while chain and is_present(parent.get(chain[-1])) and parent[chain[-1]] not in chain:
        chain.append(parent[chain[-1]])
    return chain


def label_places(package: Package) -> dict[str, str]:
    """Every place a claim names, as "Name (kind)" for a picker, in alphabetical order."""
    places = package["places"].set_index("place_id")
    named = sorted(list_named_places(package), key=lambda p: places.at[p, "name"].casefold())
    return {p: f"{places.at[p, 'name']} ({places.at[p, 'kind'].replace('_', ' ')})" for p in named}


class PlaceEvidence(NamedTuple):
    """What the map's panel shows for one place: its name, claims, events, and the names of the
    places inside it whose evidence is included."""

    name: str
    claims: pd.DataFrame
    events: pd.DataFrame
    inside: list[str]


def collect_place_evidence(package: Package, place_id: str) -> PlaceEvidence:
    """The claims and events at a place and every place inside it, in reading and date order."""
    names = dict(zip(package["places"]["place_id"], package["places"]["name"], strict=True))
    within = list_descendants(package["places"], place_id)
    claims = order_claims(collect_claims_at(package, within), package)
    events = collect_events_at(package, within)
    return PlaceEvidence(names[place_id], claims, events, [names[p] for p in within[1:]])
