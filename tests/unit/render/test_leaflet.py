"""The map without a server: what build_sahel_map draws, escaping, clicks and the evidence panel."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Point

from lib.analysis.evidence import order_claims
from lib.analysis.places import (
    collect_claims_at,
    describe_off_map,
    list_descendants,
    list_located_places,
    list_russian_force_countries,
    resolve_clicked_place,
)
from lib.app.links import link_reader, read_id_param
from lib.data.boundaries import read_boundaries
from lib.data.cells import is_present, split_list
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR
from lib.render.cards import render_claim_cards_html
from lib.render.leaflet import OSM_TILES, build_sahel_map, escape_for_leaflet
from lib.render.style import assign_source_colours
from lib.render.tables import build_places_table
from tests.helpers import find_claims_naming

ASSETS = "/sahel/app/static/vendor"
HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`\\"
# folium writes every tooltip as bindTooltip(`<div>…</div>`, {options}); the body is JS source.
TOOLTIP = re.compile(r"\.bindTooltip\(\s*`(.*?)`,\s*\{(.*?)\}\s*\);", re.S)


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries()


@pytest.fixture(scope="module")
def rendered(package, boundaries) -> str:
    return build_sahel_map(package, boundaries, ASSETS).get_root().render()


def _tooltips(rendered: str) -> list[tuple[str, str]]:
    return TOOLTIP.findall(rendered)


def _text(body: str) -> str:
    return re.sub(r"</?div>", "", body).strip()


def _walk(element):
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _rename_places(data_dir: Path, names: dict[str, str]) -> None:
    path = data_dir / "places.csv"
    header, rows = read_rows(path)
    for row in rows:
        row["name"] = names.get(row["place_id"], row["name"])
    write_rows(path, header, rows)


def test_validator_accepts_the_real_package():
    assert load_and_validate(DEFAULT_DATA_DIR)[1] == []


def test_map_draws_one_outline_per_country_in_data_geo(rendered, boundaries):
    assert len(boundaries) == 8
    assert rendered.count('"className": "sahel-country') == len(boundaries)
    outlines = len(boundaries) + rendered.count('"className": "sahel-russia"')
    assert rendered.count("L.geoJson(") == outlines
    tooltips = " ".join(body for body, _ in _tooltips(rendered))
    for name in boundaries["name"]:
        assert f"{name}<br>" in tooltips


def test_russian_forces_layer_outlines_each_reported_country(package, rendered):
    reported = list_russian_force_countries(package)
    assert set(reported) == {"ner", "mli", "bfa"}
    assert rendered.count('"className": "sahel-russia"') == len(reported)
    tooltips = " ".join(body for body, _ in _tooltips(rendered))
    for name in ("Niger", "Mali", "Burkina Faso"):
        assert tooltips.count(f"{name}: Russian forces reported") == 1


def test_every_located_place_gets_exactly_one_marker_and_circle(package, rendered):
    located = list_located_places(package)
    assert len(located) == 7
    for place_id in located["place_id"]:
        assert len(re.findall(rf'sahel-place--{re.escape(place_id)}"', rendered)) == 1, place_id
    assert rendered.count("sahel-place--") == len(located)
    assert rendered.count('"className": "sahel-uncertainty"') == len(located)


def test_both_air_bases_carry_a_permanent_label(package, rendered):
    places = package["places"]
    bases = places.loc[places["kind"] == "air_base", "name"]
    assert len(bases) == 2
    labels = [
        _text(body) for body, options in _tooltips(rendered) if '"permanent": true' in options
    ]
    assert sorted(labels) == sorted(escape_for_leaflet(name) for name in bases)


def test_offline_map_names_no_http_url(rendered):
    assert re.findall(r"https?://[^\s\"'`)]+", rendered) == []
    assert "leaflet-tile" not in rendered and "L.tileLayer" not in rendered


def test_online_basemap_adds_only_the_openstreetmap_tiles(package, boundaries):
    html = build_sahel_map(package, boundaries, ASSETS, online_basemap=True).get_root().render()
    assert set(re.findall(r"https?://[^\s\"'`)]+", html)) == {OSM_TILES}


def test_only_the_vendored_leaflet_is_linked(package, boundaries):
    fmap = build_sahel_map(package, boundaries, ASSETS)
    assert fmap.default_js == [("leaflet", f"{ASSETS}/leaflet/leaflet.js")]
    assert fmap.default_css == [("leaflet_css", f"{ASSETS}/leaflet/leaflet.css")]
    # streamlit-folium loads default_js/default_css of every element in the tree, not only the map.
    linked = {
        url
        for element in _walk(fmap)
        for attr in ("default_js", "default_css")
        for _, url in getattr(element, attr, [])
    }
    assert linked == {f"{ASSETS}/leaflet/leaflet.js", f"{ASSETS}/leaflet/leaflet.css"}
    html = fmap.get_root().render()
    tags = re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"", html)
    assert sorted(tags) == sorted(linked)


def test_hostile_place_name_reaches_tooltips_only_escaped(package_copy, boundaries):
    _rename_places(package_copy, {"agadez": HOSTILE, "ab201": HOSTILE + " base"})
    package, problems = load_and_validate(package_copy)
    assert problems == []
    html = build_sahel_map(package, boundaries, ASSETS).get_root().render()
    assert "<img" not in html
    bodies = [body for body, _ in _tooltips(html)]
    assert len(bodies) == 8 + 3 + 7 + 2  # countries, Russian forces, markers, base labels
    hostile = [body for body in bodies if "onerror" in body]
    assert len(hostile) == 3  # the Agadez marker, the base's marker and its label
    escaped = "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;&#92;"
    for body in bodies:
        assert "<img" not in body and "`" not in body and "${" not in body and "\\" not in body
    for body in hostile:
        assert escaped in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Agadez", "Agadez"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("`${alert(1)}`", "&#96;&#36;{alert(1)}&#96;"),
        ("a\\`b", "a&#92;&#96;b"),
        ('"it\'s" & more', "&quot;it&#x27;s&quot; &amp; more"),
        ("Dollar $5", "Dollar &#36;5"),
        (650, "650"),
    ],
)
def test_escape_for_leaflet_neutralises_html_and_template_syntax(text, expected):
    assert escape_for_leaflet(text) == expected


@pytest.mark.parametrize("place_id", ["agadez", "ab201", "niamey", "ab101", "moscow"])
def test_clicking_a_marker_resolves_to_its_place(package, boundaries, place_id):
    places = package["places"].set_index("place_id")
    clicked = {"lat": places.at[place_id, "lat"], "lng": places.at[place_id, "lon"]}
    assert resolve_clicked_place(package, boundaries, clicked) == (
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
def test_clicking_an_outline_or_nothing_resolves_by_country(package, boundaries, clicked, expected):
    assert resolve_clicked_place(package, boundaries, clicked) == expected


def test_off_map_lists_far_and_unpinned_places_only(package, boundaries):
    listed = set(describe_off_map(package, boundaries)["place_id"])
    assert {"washington", "moscow", "tehran", "lby", "usa", "rus", "irn", "ukr"} <= listed
    places = package["places"]
    assert set(places.loc[places["kind"].isin(["region", "sea"]), "place_id"]) <= listed
    assert not listed & {"niamey", "agadez", "ab101", "ab201", "ner", "mli", "bfa"}


def test_descendants_follow_parent_id_breadth_first(package):
    assert list_descendants(package["places"], "ner") == [
        "ner",
        "niamey",
        "agadez",
        "ab101",
        "ab201",
    ]
    assert list_descendants(package["places"], "agadez") == ["agadez", "ab201"]
    assert list_descendants(package["places"], "moscow") == ["moscow"]


def test_descendants_stop_at_a_cycle_in_parent_id():
    # A curator's typo can make parent_id circular; the Map page must still answer.
    places = pd.DataFrame(
        {"place_id": ["a", "b", "c", "d"], "parent_id": ["c", "a", "b", "d"]},
    )
    assert list_descendants(places, "a") == ["a", "b", "c"]
    assert list_descendants(places, "d") == ["d"]


def test_claims_at_agadez_include_its_air_base(package):
    within = list_descendants(package["places"], "agadez")
    claims = collect_claims_at(package, within)
    assert set(claims["claim_id"]) == find_claims_naming(package, {"agadez", "ab201"})
    names = {"agadez": "Agadez", "ab201": "Air Base 201 (Agadez)"}
    for cell, at in zip(claims["place_ids"], claims["at"], strict=True):
        assert set(at.split(", ")) == {names[p] for p in split_list(cell) if p in names}


def test_claims_are_ordered_by_source_table_then_reading_order(package):
    shuffled = package["claims"].sample(frac=1, random_state=7)
    ordered = order_claims(shuffled, package)
    rank = {sid: i for i, sid in enumerate(package["sources"]["source_id"])}
    keys = [(rank[s], c) for s, c in zip(ordered["source_id"], ordered["char_start"], strict=True)]
    assert keys == sorted(keys)
    assert len(ordered) == len(shuffled)
    assert list(ordered.index) == list(range(len(ordered)))


def test_source_order_beats_an_earlier_offset_in_a_later_source(package):
    first, second = package["sources"]["source_id"][:2]
    claims = pd.DataFrame(
        {"claim_id": ["late", "early", "mid"], "source_id": [second, first, first]}
    ).assign(char_start=[1, 900, 50])
    assert list(order_claims(claims, package)["claim_id"]) == ["mid", "early", "late"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": "agadez"}, ("agadez", [])),
        ({"place": "atlantis"}, (None, ["Ignored unknown place 'atlantis' in the link."])),
        ({"place": ""}, (None, ["Ignored unknown place '' in the link."])),
        ({}, (None, [])),
        ({"claim": "agadez"}, (None, [])),
    ],
)
def test_read_id_param_accepts_known_ids_only(params, expected):
    assert read_id_param(params, "place", ["agadez", "ner"], "place") == expected


def test_claim_cards_escape_data_and_name_the_source_by_its_colour(package):
    claims = package["claims"]
    row = claims[claims["claim_id"] == "c000-agadez-drone"].copy()
    row["quote"] = '</blockquote><script>alert("q")</script>'
    row["claimant"] = "<b onmouseover=alert(1)>Officials</b>"
    row["at"] = "<i>Agadez</i>"
    html = render_claim_cards_html(
        row, package, lambda source, claim: f'{source}" onclick="alert(1)&x=<{claim}>'
    )
    assert "<script" not in html and "<b " not in html and "<i>" not in html
    assert "&lt;/blockquote&gt;&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=alert(1)&gt;Officials&lt;/b&gt;" in html
    assert 'href="cnn-000&quot; onclick=&quot;alert(1)&amp;x=&lt;c000-agadez-drone&gt;"' in html
    colour = assign_source_colours(package["sources"]["source_id"])["cnn-000"]
    card = re.search(r'<div class="sb-card" data-claim="c000-agadez-drone" style="([^"]+)">', html)
    assert card and f"--sb-colour:{colour}" in card.group(1)
    assert '<span class="sb-source">cnn-000</span>' in html


def test_claim_cards_link_to_the_reader_on_that_claim(package):
    within = list_descendants(package["places"], "agadez")
    claims = order_claims(collect_claims_at(package, within), package)
    html = render_claim_cards_html(claims, package, link_reader)
    for source_id, claim_id in zip(claims["source_id"], claims["claim_id"], strict=True):
        assert f'href="sources?source={source_id}&amp;claim={claim_id}"' in html
    assert re.findall(r'data-claim="([^"]+)"', html) == list(claims["claim_id"])


def test_places_table_counts_every_claim_place_pair(package):
    table = build_places_table(package)
    places = package["places"]
    assert list(table["place_id"]) == list(places["place_id"])
    pairs = sum(len(split_list(cell)) for cell in package["claims"]["place_ids"])
    assert table["claims"].sum() == pairs
    assert table["events"].sum() == package["events"]["place_id"].map(is_present).sum()
    agadez = table.set_index("place_id").loc["agadez"]
    assert agadez["claims"] == len(find_claims_naming(package, {"agadez"}))


def _country_of(places: pd.DataFrame, place_id: str, drawn: set[str]) -> str | None:
    seen: set[str] = set()
    current = place_id
    while is_present(current) and current not in seen:
        seen.add(current)
        if places.at[current, "kind"] == "country" and places.at[current, "iso3"] in drawn:
            return places.at[current, "iso3"]
        current = places.at[current, "parent_id"]
    return None


def test_every_located_place_lies_inside_its_drawn_country(package, boundaries):
    places = package["places"].set_index("place_id")
    outlines = dict(zip(boundaries["iso3"], boundaries.geometry, strict=True))
    checked = []
    for place_id, place in list_located_places(package).set_index("place_id").iterrows():
        iso3 = _country_of(places, place_id, set(outlines))
        if iso3 is None:
            continue  # its country (e.g. the US for Washington) is not drawn
        assert outlines[iso3].covers(Point(place["lon"], place["lat"])), (place_id, iso3)
        checked.append(place_id)
    assert set(checked) == {"niamey", "agadez", "ab101", "ab201"}
