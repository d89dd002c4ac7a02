"""Regenerate the Sahel country outlines: ``python -m scripts.build_boundaries``.

Reads the Natural Earth 1:110m countries fixture that ships inside the pyogrio wheel, so the
build needs no download, and writes ``data/geo/ne_110m_sahel.geojson`` with stable bytes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import mapping, shape

from lib.paths import BOUNDARIES_PATH

SAHEL_ISO3 = ("NER", "MLI", "BFA", "NGA", "TCD", "LBY", "DZA", "BEN")
# Four decimals is about 11 m at the equator, far finer than the 1:110m source itself.
COORD_DECIMALS = 4
COLLECTION_NAME = "ne_110m_sahel"
REGENERATE_COMMAND = "python -m scripts.build_boundaries"
FIXTURE_RELATIVE = Path("tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp")


class MissingCountryError(ValueError):
    """A wanted ISO3 code has no row in the source shapefile."""


def locate_fixture() -> Path:
    """Return the Natural Earth shapefile bundled with pyogrio, or raise if the wheel lacks it."""
    path = Path(pyogrio.__file__).parent / FIXTURE_RELATIVE
    if not path.is_file():
        raise FileNotFoundError(
            f"pyogrio {pyogrio.__version__} does not ship {FIXTURE_RELATIVE} (looked for {path}); "
            "install the version pinned in requirements.txt"
        )
    return path


def select_countries(frame: gpd.GeoDataFrame, iso3s: Sequence[str]) -> gpd.GeoDataFrame:
    """Return one row per ISO3 code, in the order given; raise naming any code not found."""
    missing = [code for code in iso3s if code not in set(frame["iso_a3"])]
    if missing:
        raise MissingCountryError(f"countries missing from source: {', '.join(missing)}")
    indexed = frame.drop_duplicates("iso_a3").set_index("iso_a3")
    return indexed.loc[list(iso3s)].reset_index()


def round_coordinates(value):
    """Return nested coordinate sequences with every number rounded to COORD_DECIMALS."""
    if isinstance(value, float | int):
        return round(float(value), COORD_DECIMALS)
    return [round_coordinates(item) for item in value]


def build_feature(iso3: str, name: str, geometry) -> dict:
    """Return a GeoJSON Feature with rounded coordinates and RFC 7946 ring orientation."""
    oriented = shapely.orient_polygons(geometry, exterior_cw=False)
    geojson = mapping(oriented)
    rounded = {"type": geojson["type"], "coordinates": round_coordinates(geojson["coordinates"])}
    # Rounding can fold a thin sliver onto itself; refuse to write a geometry maps would mangle.
    if not shape(rounded).is_valid:
        raise ValueError(f"{iso3}: geometry is invalid after rounding to {COORD_DECIMALS} places")
    return {"type": "Feature", "properties": {"iso3": iso3, "name": name}, "geometry": rounded}


def build_feature_collection(shapefile: Path, iso3s: Sequence[str] = SAHEL_ISO3) -> dict:
    """Return the GeoJSON FeatureCollection of ``iso3s`` read from ``shapefile``."""
    frame = gpd.read_file(shapefile, engine="pyogrio").to_crs(4326)
    chosen = select_countries(frame, iso3s)
    return {
        "type": "FeatureCollection",
        "name": COLLECTION_NAME,
        "sahel:source": {
            "title": "Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries",
            "url": "https://www.naturalearthdata.com/",
            "license": "public domain",
            "via": f"pyogrio {pyogrio.__version__} test fixture {FIXTURE_RELATIVE.as_posix()}",
            "regenerate": REGENERATE_COMMAND,
        },
        "features": [
            build_feature(row.iso_a3, row.name, row.geometry)
            for row in chosen.itertuples(index=False)
        ],
    }


def render_geojson(collection: dict) -> str:
    # Key order is the insertion order above; compact separators keep the file small.
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def build_boundaries(out_path: Path = BOUNDARIES_PATH, shapefile: Path | None = None) -> int:
    """Write the Sahel GeoJSON to ``out_path``; return its size in bytes."""
    collection = build_feature_collection(shapefile or locate_fixture())
    text = render_geojson(collection)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main() -> int:
    try:
        size = build_boundaries(BOUNDARIES_PATH)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(SAHEL_ISO3)} countries ({size:,} bytes) to {BOUNDARIES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
