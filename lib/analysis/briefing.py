"""The briefing's data: key judgments with the claims the view keeps, story steps, key dates."""

from __future__ import annotations

import pandas as pd

from lib.analysis.events import build_timeline_events
from lib.data.cells import split_list
from lib.data.read import Package

# Event categories whose first event is a key date on the strip, besides disputed dates.
KEY_DATE_CATEGORIES = ("coup", "withdrawal")


CONFIDENCE_LABELS = {"high": "High confidence", "moderate": "Moderate confidence", "low": "Low"}


def list_judgments(package: Package) -> pd.DataFrame:
    """Judgments in rank order, each with the claims behind it that the current view keeps."""
    judgments = package["judgments"].sort_values("rank", kind="stable").reset_index(drop=True)
    kept = set(package["claims"]["claim_id"])
    return judgments.assign(
        kept_claims=judgments["claim_ids"].map(lambda c: [i for i in split_list(c) if i in kept])
    )


def list_story_steps(package: Package) -> pd.DataFrame:
    """The story: every event of the view in date order, numbered from 1."""
    events = build_timeline_events(package)
    return events.assign(step=events["number"])


def list_key_dates(events: pd.DataFrame) -> pd.DataFrame:
    """The first event of each key category plus every event whose date the sources dispute.

    ``events`` is a frame from :func:`lib.analysis.events.build_timeline_events`.
    """
    firsts = [
        events[events["category"] == c].index.min()
        for c in KEY_DATE_CATEGORIES
        if (events["category"] == c).any()
    ]
    chosen = sorted(set(firsts) | set(events.index[events["disputed"]]))
    return events.loc[chosen]


def select_disputes(checked: pd.DataFrame, claim_ids: list[str]) -> list[dict]:
    """The relations of ``checked`` (from ``check_relations``) between two of these claims that
    the sources dispute or leave unexplained (conflicts, unresolved), as records."""
    wanted = set(claim_ids)
    among = checked[
        checked["claim_a"].isin(wanted)
        & checked["claim_b"].isin(wanted)
        & checked["curated"].isin(("conflicts", "unresolved"))
    ]
    return among.to_dict("records")
