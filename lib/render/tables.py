"""Table twins of the charts and lists, as frames ready to show and download."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.analysis.evidence import format_claim_date, format_figure, index_topics
from lib.analysis.places import count_place_evidence
from lib.analysis.search import match_claims
from lib.data.dates import describe_claim_date
from lib.data.intervals import read_interval
from lib.data.read import Package
from lib.render.style import CATEGORY_STYLES


def build_claims_table(
    package: Package, source_id: str, topics: tuple[str, ...] = (), search: str = ""
) -> pd.DataFrame:
    """Claims of one source, optionally narrowed by topic ids and a text search (every word of
    ``search`` in the quote or statement, as the page's search box matches)."""
    claims = package["claims"]
    rows = claims[claims["source_id"] == source_id]
    if topics:
        rows = rows[rows["topic"].isin(topics)]
    if search.strip():
        rows = rows[match_claims(rows, search)]
    labels, _ = index_topics(package)
    table = pd.DataFrame(
        {
            "claim_id": rows["claim_id"],
            "topic": rows["topic"].map(labels),
            "statement": rows["statement"],
            "figure": [format_figure(r) for _, r in rows.iterrows()],
            "date": [format_claim_date(r) for _, r in rows.iterrows()],
            "claimant": rows["claimant"],
            "quote": rows["quote"],
            "char_start": rows["char_start"],
            "char_end": rows["char_end"],
        }
    )
    return table.sort_values("char_start", kind="stable").reset_index(drop=True)


def build_places_table(package: Package) -> pd.DataFrame:
    """The map's table twin: every place with its kind, point, precision and evidence counts."""
    places = package["places"]
    counts = count_place_evidence(package)
    return pd.DataFrame(
        {
            "place_id": places["place_id"],
            "name": places["name"],
            "kind": places["kind"].str.replace("_", " "),
            "lat": places["lat"],
            "lon": places["lon"],
            "radius_km": places["radius_km"],
            "geo_precision": places["geo_precision"].str.replace("_", " "),
            "claims": [counts.get(p, (0, 0))[0] for p in places["place_id"]],
            "events": [counts.get(p, (0, 0))[1] for p in places["place_id"]],
        }
    )


def build_events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The chart's table twin: one row per visible event."""
    return pd.DataFrame(
        {
            "event_id": events["event_id"],
            "event": events["title"],
            "shown_as": events["display_date"],
            "from": events["date_low"].map(date.isoformat),
            "to": events["date_high"].map(date.isoformat),
            "precision": events["precision"],
            "category": events["category"].map(lambda c: CATEGORY_STYLES[c].label),
            "lane": events["lane"],
            "place": events["place"],
            "sources": events["sources"].map(", ".join),
            "sources_disagree": events["disputed"].map({True: "yes", False: "no"}),
            "claims": events["claim_ids"].map(", ".join),
        }
    ).reset_index(drop=True)


def build_troop_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The chart's table twin: one row per figure with everything needed to check it."""
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"],
            "source": claims["source_id"],
            "figure": [format_figure(r) for _, r in claims.iterrows()],
            "bound": claims["bound"],
            "hedge": claims["hedge"],
            "interval": [read_interval(r).describe() for _, r in claims.iterrows()],
            "counts": claims["unit_scope"],
            # "reported …" when the date is the document's, "as of …" when the text states it.
            "date": [describe_claim_date(r) for _, r in claims.iterrows()],
            "claimant": claims["claimant"],
            "quote": claims["quote"],
            "char_start": claims["char_start"],
            "char_end": claims["char_end"],
        }
    )


# A grid cell's text: about 8 px a character at the app's size, with the cell's padding.
CHAR_PX, CELL_PADDING_PX = 8, 12


def fit_column_width(values, minimum: int) -> int:
    """A column width (px) that shows the longest of ``values`` whole, never below ``minimum``:
    "2 of 2" fits the narrow default, "22 of 202" (a year of reporting) does not."""
    longest = max((len(str(value)) for value in values), default=0)
    return max(minimum, CHAR_PX * longest + CELL_PADDING_PX)
