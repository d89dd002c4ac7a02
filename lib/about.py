"""The About page's content from the package itself: data dictionary, rules, licences, zip.

Nothing here is written by hand per table: the dictionary comes from ``datapackage.json``, so it
can never describe a column the package does not have.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from lib.compare import APPROX_TOLERANCE
from lib.dates import RULE_TEXT
from lib.package import Package, read_seeds_dir
from lib.paths import DESCRIPTOR_NAME, VENDOR_DIR

# Licences of what the app ships besides the package (the package names its own).
SHIPPED_LICENCES = (
    ("Country outlines", "Natural Earth 1:110m Admin 0 — public domain", "data/geo/"),
)


def build_data_dictionary(descriptor: dict) -> pd.DataFrame:
    """One row per column of every resource: table, column, type, required, description, rules."""
    rows = []
    for resource in descriptor.get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            constraints = dict(field.get("constraints", {}))
            required = constraints.pop("required", False)
            rules = "; ".join(
                f"{name} {', '.join(map(str, value)) if isinstance(value, list) else value}"
                for name, value in constraints.items()
            )
            if "sahel:listOf" in field:
                rules = "; ".join(
                    filter(None, [rules, f"|-list of {field['sahel:listOf']['resource']}"])
                )
            rows.append(
                {
                    "table": resource["name"],
                    "column": field["name"],
                    "type": field.get("type", ""),
                    "required": "yes" if required else "",
                    "description": field.get("description", ""),
                    "rules": rules,
                }
            )
    return pd.DataFrame(
        rows, columns=["table", "column", "type", "required", "description", "rules"]
    )


def list_date_rules() -> pd.DataFrame:
    """Every named date rule and what it means, for the method section."""
    return pd.DataFrame(
        [{"rule": rule, "meaning": text} for rule, text in RULE_TEXT.items()],
        columns=["rule", "meaning"],
    )


def describe_interval_rules() -> list[str]:
    """The figure interval rules, stated from the same constant the code uses."""
    return [
        f"“About N” is N ± {APPROX_TOLERANCE:.0%}: about 650 is 585–715.",
        "“More than N” is an open ray from N + 1 for counts; “at least N” starts at N.",
        "“Fewer than N” and “at most N” are rays to the left; “between A and B” is A–B.",
        "An exact N is a point.",
    ]


def list_licences(package: Package) -> pd.DataFrame:
    """Licences of the curation, the documents, and what the app ships (outlines, Leaflet)."""
    rows = [
        {
            "what": "Curated tables and descriptor",
            "licence": lic.get("title", lic.get("name", "")),
            "where": "data/",
        }
        for lic in (package.descriptor or {}).get("licenses", [])
    ]
    rows.append(
        {"what": "Source documents", "licence": "Remain their publishers'", "where": "seeds/"}
    )
    rows += [{"what": w, "licence": lic, "where": p} for w, lic, p in SHIPPED_LICENCES]
    manifest = VENDOR_DIR / "manifest.json"
    if manifest.is_file():
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["packages"]:
            rows.append(
                {
                    "what": f"{entry['name']} {entry['version']} (web map library)",
                    "licence": entry["license"],
                    "where": f"static/vendor/{entry['name']}/LICENSE",
                }
            )
    return pd.DataFrame(rows, columns=["what", "licence", "where"])


def build_package_zip(package: Package) -> bytes:
    """The whole package as a zip: data/ with datapackage.json and every table, and seeds/."""
    buffer = io.BytesIO()
    data_dir = Path(package.data_dir)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        names = [DESCRIPTOR_NAME] + [
            r["path"] for r in (package.descriptor or {}).get("resources", [])
        ]
        for name in names:
            path = data_dir / name
            if path.is_file():
                archive.write(path, f"data/{name}")
        seeds = read_seeds_dir(data_dir)
        for seed in sorted(seeds.iterdir()) if seeds.is_dir() else []:
            archive.write(seed, f"seeds/{seed.name}")
    return buffer.getvalue()
