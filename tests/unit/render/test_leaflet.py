"""lib/render/leaflet.py: what build_sahel_map draws, offline, with every name escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.analysis.filters import Filters, apply_filters
from lib.analysis.places import (
    collect_place_evidence,
    list_located_places,
    list_russian_force_countries,
    summarise_map_evidence,
)
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.render.leaflet import OSM_TILES, build_sahel_map, escape_for_leaflet

ASSETS = "/sahel/app/static/vendor"
HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`\\"
# folium writes every tooltip as bindTooltip(`<div>…</div>`, {options}); the body is JS source.
TOOLTIP = re.compile(r"\.bindTooltip\(\s*`(.*?)`,\s*\{(.*?)\}\s*\);", re.S)
# A marker's DivIcon options as folium writes them: its class names come last.
ICON_CLASSES = re.compile(r'"className": "(sahel-marker [^"]*)"')


@pytest.fixture(scope="module")
def rendered(curated, boundaries) -> str:
    return build_sahel_map(curated, boundaries, ASSETS).get_root().render()


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


def test_map_draws_one_outline_per_country_in_data_geo(rendered, boundaries):
    assert len(boundaries) == 8
    assert rendered.count('"className": "sahel-country') == len(boundaries)
    outlines = len(boundaries) + rendered.count('"className": "sahel-russia"')
    assert rendered.count("L.geoJson(") == outlines
    tooltips = " ".join(body for body, _ in _tooltips(rendered))
    for name in boundaries["name"]:
        assert f"{name}<br>" in tooltips


def test_russian_forces_layer_outlines_each_reported_country(curated, rendered):
    reported = list_russian_force_countries(curated)
    assert set(reported) == {"ner", "mli", "bfa"}
    assert rendered.count('"className": "sahel-russia"') == len(reported)
    tooltips = " ".join(body for body, _ in _tooltips(rendered))
    for name in ("Niger", "Mali", "Burkina Faso"):
        assert tooltips.count(f"{name}: Russian forces reported") == 1


def test_every_located_place_gets_exactly_one_marker_and_circle(curated, rendered):
    located = list_located_places(curated)
    assert len(located) == 7
    for place_id in located["place_id"]:
        assert len(re.findall(rf'sahel-place--{re.escape(place_id)}"', rendered)) == 1, place_id
    assert rendered.count("sahel-place--") == len(located)
    assert rendered.count('"className": "sahel-uncertainty"') == len(located)


def test_both_air_bases_carry_a_permanent_label(curated, rendered):
    places = curated["places"]
    bases = places.loc[places["kind"] == "air_base", "name"]
    assert len(bases) == 2
    labels = [
        _text(body) for body, options in _tooltips(rendered) if '"permanent": true' in options
    ]
    assert sorted(labels) == sorted(escape_for_leaflet(name) for name in bases)


def test_offline_map_names_no_http_url(rendered):
    assert re.findall(r"https?://[^\s\"'`)]+", rendered) == []
    assert "leaflet-tile" not in rendered and "L.tileLayer" not in rendered


def test_online_basemap_adds_only_the_openstreetmap_tiles(curated, boundaries):
    html = build_sahel_map(curated, boundaries, ASSETS, online_basemap=True).get_root().render()
    assert set(re.findall(r"https?://[^\s\"'`)]+", html)) == {OSM_TILES}


def test_only_the_vendored_leaflet_is_linked(curated, boundaries):
    fmap = build_sahel_map(curated, boundaries, ASSETS)
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


def test_hostile_place_name_reaches_tooltips_only_escaped(curated_copy, boundaries):
    _rename_places(curated_copy, {"agadez": HOSTILE, "ab201": HOSTILE + " base"})
    package, problems = load_and_validate(curated_copy)
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


def _marker_classes(rendered: str) -> dict[str, set[str]]:
    found = {}
    for names in ICON_CLASSES.findall(rendered):
        classes = set(names.split())
        (place,) = [c.removeprefix("sahel-place--") for c in classes if c.startswith("sahel-place")]
        found[place] = classes
    return found


def test_layer_switch_starts_folded(rendered):
    assert '"collapsed": true' in rendered and '"collapsed": false' not in rendered


def test_pins_that_no_claim_in_the_view_names_are_dimmed_never_counted_zero(
    curated, boundaries, rendered
):
    view = apply_filters(curated, Filters(sources=("cnn-000",)))
    filtered = build_sahel_map(view, boundaries, ASSETS).get_root().render()
    classes = _marker_classes(filtered)
    empty = {
        place_id
        for place_id in list_located_places(view)["place_id"]
        if collect_place_evidence(view, place_id).claims.empty
    }
    assert empty and empty != set(classes)  # the view has both kinds of pin
    assert {p for p, names in classes.items() if "sahel-dim" in names} == empty
    tooltips = [_text(body) for body, _ in _tooltips(filtered)]
    assert not [t for t in tooltips if re.search(r"\b0 (country-level )?claim\(s\)", t)]
    names = dict(zip(view["places"]["place_id"], view["places"]["name"], strict=True))
    for place_id in empty:
        (tooltip,) = [t for t in tooltips if t.startswith(escape_for_leaflet(names[place_id]))]
        assert "No claim in the current view names it" in tooltip
    # Unfiltered, every pin has a claim: none is dimmed.
    assert not any("sahel-dim" in names for names in _marker_classes(rendered).values())


def test_bases_beside_their_pinned_city_are_callouts_pointing_apart(curated, rendered):
    classes = _marker_classes(rendered)
    places = curated["places"].set_index("place_id")
    bases = [p for p in classes if places.at[p, "kind"] == "air_base"]
    assert sorted(bases) == ["ab101", "ab201"]
    for base in bases:
        assert "sahel-callout" in classes[base]
        assert "sahel-callout" not in classes[places.at[base, "parent_id"]]
    labels = {
        _text(body): re.search(r'"direction": "(\w+)"', options).group(1)
        for body, options in _tooltips(rendered)
        if '"permanent": true' in options
    }
    # Agadez lies north of Niamey: its base's label goes up, Niamey's down, so they part.
    assert labels[escape_for_leaflet(places.at["ab201", "name"])] == "top"
    assert labels[escape_for_leaflet(places.at["ab101", "name"])] == "bottom"


def test_a_map_drawn_from_held_evidence_draws_those_counts(curated, boundaries):
    # The Map page computes the evidence once per view (derive) and passes it in, instead of
    # build_sahel_map counting 100,000 claims' places on every run at a year of reporting.
    held = summarise_map_evidence(curated)
    assert held == summarise_map_evidence(curated)
    agadez = "agadez"
    assert agadez in held.within
    changed = held._replace(within={**held.within, agadez: (987, 65)})
    drawn = build_sahel_map(curated, boundaries, ASSETS, evidence=changed).get_root().render()
    assert "987 claim(s), 65 event(s)" in drawn
    assert "987 claim(s)" not in build_sahel_map(curated, boundaries, ASSETS).get_root().render()
