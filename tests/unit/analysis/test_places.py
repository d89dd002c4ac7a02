"""lib/analysis/places.py: clicks resolved to places, places off the map, descendants and the
claims at a place."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import Point

from lib.analysis.filters import Filters, apply_filters
from lib.analysis.places import (
    collect_claims_at,
    collect_place_evidence,
    count_evidence_within,
    describe_off_map,
    list_descendants,
    list_located_places,
    list_off_map,
    resolve_clicked_place,
)
from lib.data.cells import is_present, split_list
from tests.helpers.packages import AV1, find_claims_naming

CNN = "cnn-000"


@pytest.mark.parametrize("place_id", ["agadez", "ab201", "niamey", "ab101", "moscow"])
def test_clicking_a_marker_resolves_to_its_place(curated, boundaries, place_id):
    places = curated["places"].set_index("place_id")
    clicked = {"lat": places.at[place_id, "lat"], "lng": places.at[place_id, "lon"]}
    assert resolve_clicked_place(curated, boundaries, clicked) == (
        place_id,
        places.at[place_id, "name"],
    )


@pytest.mark.parametrize(
    ("clicked", "expected"),
    [
        ({"lat": 18.0, "lng": 12.0}, ("ner", "Niger")),  # inside Niger, far from every marker
        ({"lat": 17.0, "lng": -2.0}, ("mli", "Mali")),
        ({"lat": 27.0, "lng": 17.0}, ("lby", "Libya")),
        ({"lat": 28.0, "lng": 3.0}, (None, "Algeria")),  # drawn, but no claim names it
        ({"lat": 0.0, "lng": -20.0}, (None, "")),  # the Atlantic: no outline
        (None, (None, "")),
        ({}, (None, "")),
        ({"lat": 16.9733}, (None, "")),
        ({"lng": 7.9911}, (None, "")),
    ],
)
def test_clicking_an_outline_or_nothing_resolves_by_country(curated, boundaries, clicked, expected):
    assert resolve_clicked_place(curated, boundaries, clicked) == expected


def test_off_map_lists_far_and_unpinned_places_only(curated, boundaries):
    listed = set(describe_off_map(curated, boundaries)["place_id"])
    assert {"washington", "moscow", "tehran", "lby", "usa", "rus", "irn", "ukr"} <= listed
    places = curated["places"]
    assert set(places.loc[places["kind"].isin(["region", "sea"]), "place_id"]) <= listed
    assert not listed & {"niamey", "agadez", "ab101", "ab201", "ner", "mli", "bfa"}


def test_descendants_follow_parent_id_breadth_first(curated):
    assert list_descendants(curated["places"], "ner") == [
        "ner",
        "niamey",
        "agadez",
        "ab101",
        "ab201",
    ]
    assert list_descendants(curated["places"], "agadez") == ["agadez", "ab201"]
    assert list_descendants(curated["places"], "moscow") == ["moscow"]


def test_descendants_stop_at_a_cycle_in_parent_id():
    # A curator's typo can make parent_id circular; the Map page must still answer.
    places = pd.DataFrame(
        {"place_id": ["a", "b", "c", "d"], "parent_id": ["c", "a", "b", "d"]},
    )
    assert list_descendants(places, "a") == ["a", "b", "c"]
    assert list_descendants(places, "d") == ["d"]


def test_claims_at_agadez_include_its_air_base(curated):
    within = list_descendants(curated["places"], "agadez")
    claims = collect_claims_at(curated, within)
    assert set(claims["claim_id"]) == find_claims_naming(curated, {"agadez", "ab201"})
    names = {"agadez": "Agadez", "ab201": "Air Base 201 (Agadez)"}
    for cell, at in zip(claims["place_ids"], claims["at"], strict=True):
        assert set(at.split(", ")) == {names[p] for p in split_list(cell) if p in names}


def _country_of(places: pd.DataFrame, place_id: str, drawn: set[str]) -> str | None:
    seen: set[str] = set()
    current = place_id
    while is_present(current) and current not in seen:
        seen.add(current)
        if places.at[current, "kind"] == "country" and places.at[current, "iso3"] in drawn:
            return places.at[current, "iso3"]
        current = places.at[current, "parent_id"]
    return None


def test_every_located_place_lies_inside_its_drawn_country(curated, boundaries):
    places = curated["places"].set_index("place_id")
    outlines = dict(zip(boundaries["iso3"], boundaries.geometry, strict=True))
    checked = []
    for place_id, place in list_located_places(curated).set_index("place_id").iterrows():
        iso3 = _country_of(places, place_id, set(outlines))
        if iso3 is None:
            continue  # its country (e.g. the US for Washington) is not drawn
        assert outlines[iso3].covers(Point(place["lon"], place["lat"])), (place_id, iso3)
        checked.append(place_id)
    assert set(checked) == {"niamey", "agadez", "ab101", "ab201"}


@pytest.mark.parametrize("sources", [(), (CNN,), (AV1,)])
def test_pin_counts_are_what_a_click_on_the_pin_shows(curated, sources):
    view = apply_filters(curated, Filters(sources=sources))
    counts = count_evidence_within(view)
    assert set(counts) == set(list_located_places(view)["place_id"])
    for place_id, (n_claims, n_events) in counts.items():
        found = collect_place_evidence(view, place_id)
        assert (n_claims, n_events) == (len(found.claims), len(found.events)), place_id


def test_off_map_list_leaves_out_places_without_a_claim_in_the_view(curated, boundaries):
    # Under the CNN document alone an event still names Washington, but no claim does.
    view = apply_filters(curated, Filters(sources=(CNN,)))
    assert "washington" in set(describe_off_map(view, boundaries)["place_id"])
    assert collect_claims_at(view, ["washington"]).empty
    off_map, claims = list_off_map(view)
    assert "washington" not in set(off_map["place_id"])
    assert len(off_map) == len(claims) and all(len(rows) for rows in claims)
    for place_id, rows in zip(off_map["place_id"], claims, strict=True):
        assert set(rows["claim_id"]) == set(collect_claims_at(view, [place_id])["claim_id"])
