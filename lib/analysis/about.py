"""The About page's content from the package itself: data dictionary, rules and licences.

Nothing here is written by hand per table: the dictionary comes from ``datapackage.json``, so it
can never describe a column the package does not have.
"""

from __future__ import annotations

import json

import pandas as pd

from lib.data.dates import RULES
from lib.data.intervals import describe_interval_rules
from lib.data.read import Package
from lib.paths import VENDOR_DIR

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
        [{"rule": name, "meaning": rule.description} for name, rule in RULES.items()],
        columns=["rule", "meaning"],
    )


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


# The method as the About page states it; the interval rules come from lib.data.intervals.
METHOD_MARKDOWN = (
    "- **Curation.** Each claim is one checkable statement with its verbatim quote and the "
    "character offsets of that quote in the document (Unicode code points). The documents are "
    "kept byte for byte; their SHA-256 is recorded and checked.\n"
    "- **Provenance.** Every number, date and place on screen is a claim: select it for the "
    "quote, the source, the claimant and the offsets, and open it in the Sources reader.\n"
    "- **Disagreement.** Pairs of claims on one topic from different sources are typed "
    "(agrees, refines, different scope, different time, conflicts, unresolved) with a one-line "
    "explanation of what the texts say, and checked against a relation computed from their "
    "figures and dates; a curator who types a pair otherwise says why. Where the sources "
    "disagree and neither says why, the pair is unresolved and its candidate explanations are "
    "listed with their basis: a quote, the data, or outside the documents.\n"
    "- **Validation.** The app checks the whole package at start-up (`python -m lib.validate` "
    "runs the same checks) and shows nothing but the problems if any is found."
)
DATES_MARKDOWN = (
    "**Dates are resolved, not guessed.** A relative expression (“on Saturday”, “last July”) "
    "is kept verbatim with a named rule and counted from the document's estimated publication "
    "range (or from another claim's date); the resolved range and its basis are stored with the "
    "claim and recomputed by the validator."
)
ADDING_MARKDOWN = (
    "Open **Add a document** (or run `python -m scripts.ingest ARTICLE --published YYYY-MM-DD "
    "--outlet NAME --out DRAFT_DIR`). Ingest proposes the article's figures, dates, places, "
    "actors, relations to the other sources and quality flags, each by a named rule and each "
    "quoting its text at its offsets. Accept, edit or reject every proposal; the accepted rows "
    "are then merged into a copy of the package, curated and validated there, and the copy "
    "replaces `data/` only if it is valid (`python -m scripts.ingest --accept DRAFT_DIR` from "
    "the shell). Nothing reaches the package without review, and a failed merge changes "
    "nothing.\n\n"
    "The new source then gets its own colour, column and panels on every page with no code "
    "change."
)


def describe_intervals_markdown() -> str:
    """The interval rules as a markdown list under their heading."""
    return "**Figures become intervals:**\n" + "\n".join(
        f"- {r}" for r in describe_interval_rules()
    )


def list_changes(descriptor: dict) -> pd.DataFrame:
    """The dataset's changelog (``sahel:changelog`` in the descriptor), newest first: published
    data that changes says what changed and why."""
    rows = [
        {"version": entry.get("version", ""), "date": entry.get("date", ""), "change": change}
        for entry in descriptor.get("sahel:changelog", [])
        for change in entry.get("changes", [])
    ]
    return pd.DataFrame(rows, columns=["version", "date", "change"])
