"""Regenerate the reference list of countries: ``python -m scripts.build_countries``.

Reads the same Natural Earth 1:110m fixture as ``scripts.build_boundaries`` and writes
``data/geo/countries.csv`` (name, iso3, aliases), sorted by name, so the article matcher can
name countries the package does not have.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pyogrio

from lib.data.cells import LIST_SEPARATOR
from lib.paths import COUNTRIES_PATH
from scripts.build_boundaries import locate_fixture

COLUMNS = ("name", "iso3", "aliases")
MISSING_ISO3 = "-99"
# The pyogrio fixture keeps only name and iso_a3, not ADM0_A3; these are Natural Earth's
# ADM0_A3 codes for the rows whose ISO_A3 is -99.
ADM0_A3 = {
    "France": "FRA",
    "Kosovo": "KOS",
    "N. Cyprus": "CYN",
    "Norway": "NOR",
    "Somaliland": "SOL",
}
# The short forms wire copy prints where Natural Earth's name differs or is abbreviated.
# The United States is left out: the package names it, with its own aliases.
ALIASES = {
    "Bosnia and Herz.": ("Bosnia and Herzegovina", "Bosnia"),
    "Central African Rep.": ("Central African Republic",),
    "Congo": ("Republic of the Congo", "Congo-Brazzaville"),
    "Czechia": ("Czech Republic",),
    "Côte d'Ivoire": ("Ivory Coast",),
    "Dem. Rep. Congo": ("Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"),
    "Dominican Rep.": ("Dominican Republic",),
    "Eq. Guinea": ("Equatorial Guinea",),
    "Falkland Is.": ("Falkland Islands",),
    "Fr. S. Antarctic Lands": ("French Southern and Antarctic Lands",),
    "Iran": ("Islamic Republic of Iran",),
    "Macedonia": ("North Macedonia",),
    "Myanmar": ("Burma",),
    "N. Cyprus": ("Northern Cyprus",),
    "North Korea": ("Democratic People's Republic of Korea",),
    "Russia": ("Russian Federation",),
    "S. Sudan": ("South Sudan",),
    "Solomon Is.": ("Solomon Islands",),
    "South Korea": ("Republic of Korea",),
    "Syria": ("Syrian Arab Republic",),
    "Timor-Leste": ("East Timor",),
    "Turkey": ("Türkiye",),
    "United Arab Emirates": ("UAE",),
    "United Kingdom": ("Britain", "Great Britain", "UK"),
    "W. Sahara": ("Western Sahara",),
    "eSwatini": ("Eswatini", "Swaziland"),
}


def read_country_rows(shapefile: Path) -> list[dict[str, str]]:
    """Return one row per country of ``shapefile``, sorted by name."""
    table = pyogrio.read_dataframe(shapefile, columns=["name", "iso_a3"], read_geometry=False)
    rows = []
    for name, iso3 in zip(table["name"], table["iso_a3"], strict=True):
        if iso3 == MISSING_ISO3:
            iso3 = ADM0_A3[name]
        aliases = LIST_SEPARATOR.join(ALIASES.get(name, ()))
        rows.append({"name": name, "iso3": iso3, "aliases": aliases})
    unused = sorted(set(ALIASES) - {row["name"] for row in rows})
    if unused:
        raise ValueError(f"aliases for countries not in the source: {', '.join(unused)}")
    return sorted(rows, key=lambda row: row["name"])


def render_csv(rows: list[dict[str, str]]) -> str:
    """Return ``rows`` as CSV text with LF line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build_countries(out_path: Path = COUNTRIES_PATH, shapefile: Path | None = None) -> int:
    """Write the countries CSV to ``out_path``; return its number of rows."""
    rows = read_country_rows(shapefile or locate_fixture())
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(render_csv(rows).encode("utf-8"))
    return len(rows)


def main() -> int:
    try:
        count = build_countries(COUNTRIES_PATH)
    except (FileNotFoundError, KeyError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {count} countries to {COUNTRIES_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
