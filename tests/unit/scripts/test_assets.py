"""Vendored web assets match their manifest and the boundaries file matches its generator."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point, shape

from lib.paths import BOUNDARIES_PATH, VENDOR_DIR
from scripts.build_boundaries import (
    SAHEL_ISO3,
    MissingCountryError,
    build_boundaries,
    locate_fixture,
    select_countries,
)
from scripts.fetch_web_assets import LEAFLET_VERSION, MANIFEST_NAME, check_vendor

LEAFLET_DIR = VENDOR_DIR / "leaflet"


def _features() -> list[dict]:
    return json.loads(BOUNDARIES_PATH.read_text(encoding="utf-8"))["features"]


def _outline(iso3: str):
    return next(shape(f["geometry"]) for f in _features() if f["properties"]["iso3"] == iso3)


def test_committed_vendor_files_match_the_manifest():
    assert check_vendor(VENDOR_DIR) == []


def test_manifest_records_leaflet_pin_and_licence():
    manifest = json.loads((VENDOR_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
    leaflet = next(p for p in manifest["packages"] if p["name"] == "leaflet")
    assert leaflet["version"] == LEAFLET_VERSION
    assert leaflet["license"] == "BSD-2-Clause"
    assert leaflet["integrity"].startswith("sha512-")
    assert {"leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE"} <= set(leaflet["files"])


def test_leaflet_licence_file_is_bsd_2_clause():
    assert "BSD 2-Clause License" in (LEAFLET_DIR / "LICENSE").read_text(encoding="utf-8")


def test_vendored_leaflet_js_declares_the_pinned_version():
    source = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    assert f"Leaflet {LEAFLET_VERSION}," in source[:200]
    assert re.findall(r'version="([^"]+)"', source) == [LEAFLET_VERSION]


def test_check_vendor_reports_a_tampered_file(tmp_path: Path):
    vendor = tmp_path / "vendor"
    shutil.copytree(VENDOR_DIR, vendor)
    css = vendor / "leaflet" / "leaflet.css"
    data = bytearray(css.read_bytes())
    data[0] ^= 0x01
    css.write_bytes(bytes(data))
    assert check_vendor(vendor) == ["leaflet/leaflet.css: sha256 differs from manifest"]


def test_check_vendor_reports_missing_and_unlisted_files(tmp_path: Path):
    vendor = tmp_path / "vendor"
    shutil.copytree(VENDOR_DIR, vendor)
    (vendor / "leaflet" / "images" / "layers.png").unlink()
    (vendor / "leaflet" / "leaflet.js.map").write_text("{}", encoding="utf-8")
    assert check_vendor(vendor) == [
        "leaflet/images/layers.png: missing",
        "leaflet/leaflet.js.map: not listed in manifest.json",
    ]


def test_boundaries_hold_the_sahel_countries_in_order():
    assert [f["properties"]["iso3"] for f in _features()] == list(SAHEL_ISO3)


def test_boundary_properties_are_just_iso3_and_name():
    for feature in _features():
        assert set(feature["properties"]) == {"iso3", "name"}
        assert feature["properties"]["name"]


def test_boundary_geometries_are_valid_polygons():
    for feature in _features():
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in {"Polygon", "MultiPolygon"}
        assert geometry.is_valid, feature["properties"]["iso3"]


@pytest.mark.parametrize(
    ("iso3", "city", "lat", "lon"),
    [
        ("NER", "Niamey", 13.5116, 2.1254),
        ("NER", "Agadez", 16.9733, 7.9911),
        ("MLI", "Bamako", 12.6392, -8.0029),
    ],
)
def test_country_outline_contains_its_city(iso3: str, city: str, lat: float, lon: float):
    assert _outline(iso3).contains(Point(lon, lat)), city


def test_regenerated_boundaries_are_byte_identical(tmp_path: Path):
    out = tmp_path / "sahel.geojson"
    build_boundaries(out)
    assert out.read_bytes() == BOUNDARIES_PATH.read_bytes()


def test_missing_country_raises_naming_its_iso3():
    frame = gpd.read_file(locate_fixture(), engine="pyogrio")
    with pytest.raises(MissingCountryError, match="XXX"):
        select_countries(frame, ["NER", "XXX"])
