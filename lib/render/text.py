"""Text from data or URLs made safe for Streamlit's markdown."""

from __future__ import annotations

import re

import pandas as pd

from lib import APP_TITLE
from lib.analysis.evidence import name_outlet
from lib.analysis.places import PlaceEvidence
from lib.data.read import Package

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Backslash-escape markdown and HTML syntax so text from data or URLs shows literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def describe_footer(package: Package) -> str:
    """The footer line: every source with its outlet, and the dataset version."""
    names = "; ".join(
        escape_markdown(f"{row['source_id']}: {name_outlet(row)}")
        for _, row in package["sources"].iterrows()
    )
    return f"Sources — {names}. {APP_TITLE} dataset v{package.version}."


def label_judgments(judgments: pd.DataFrame) -> dict[str, str]:
    """Each judgment's radio label, "rank. text", keyed by its id; the text escaped."""
    return {
        row["judgment_id"]: f"{row['rank']}. {escape_markdown(row['text'])}"
        for _, row in judgments.iterrows()
    }


def describe_place_evidence(found: PlaceEvidence) -> str:
    """The map panel's count line: claims and events, and the places inside that they include."""
    inside = (
        f", including those at {escape_markdown(', '.join(found.inside))}" if found.inside else ""
    )
    return f"{len(found.claims)} claim(s) and {len(found.events)} event(s){inside}."
