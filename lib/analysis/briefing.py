"""The briefing's data: key judgments with the claims the view keeps, story steps, key dates."""

from __future__ import annotations

import pandas as pd

from lib.analysis.events import build_timeline_events
from lib.data.cells import split_list
from lib.data.dates import DateRange, format_range, read_claim_dates
from lib.data.read import Package, list_records

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


def list_event_claims(package: Package) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(event id, its claim ids) for every event of the whole package: a filtered view's story
    tells from these which events lost claims to the filters."""
    events = package["events"]
    return tuple(
        (event_id, tuple(split_list(cell)))
        for event_id, cell in zip(events["event_id"], events["claim_ids"], strict=True)
    )


def list_story_steps(
    package: Package, whole: tuple[tuple[str, tuple[str, ...]], ...] = ()
) -> pd.DataFrame:
    """The story: every event of the view in date order, numbered from 1.

    ``whole`` is :func:`list_event_claims` of the unfiltered package. An event the filters took
    claims from is dated by the claims left (:func:`redate_narrowed_event`), so a story filtered
    to one source does not speak for the sources it hides.
    """
    events = build_timeline_events(package)
    if whole:
        everything = dict(whole)
        kept = zip(events["event_id"].tolist(), events["claim_ids"].tolist(), strict=True)
        # Only the events the filters took claims from are redated; most keep every claim.
        if any(set(everything.get(e, ())) - set(c) for e, c in kept):
            claims = package["claims"].set_index("claim_id")
            narrowed = [
                redate_narrowed_event(event, claims, everything.get(event["event_id"], ()))
                for event in list_records(events)
            ]
            events = pd.DataFrame(narrowed, columns=events.columns).reset_index(drop=True)
    return events.assign(step=events["number"])


def redate_narrowed_event(
    event: pd.Series | dict, claims: pd.DataFrame, all_claims: tuple[str, ...]
) -> pd.Series | dict:
    """``event`` (a row of ``build_timeline_events``) as the claims the view kept date it, when
    the view dropped some of ``all_claims``; otherwise unchanged.

    The curated date, its display text ("15 or 16 Mar 2024 (sources conflict)") and its note
    reconcile every source's claims, so they cannot stand for a view that hides some of them.
    """
    kept = list(event["claim_ids"])
    if not set(all_claims) - set(kept):
        return event
    spans = [s for s in (read_claim_dates(claims.loc[c]) for c in kept) if s is not None]
    if not spans:  # nothing kept is dated: the curated range stands, its wording does not
        spans = [DateRange(event["date_low"], event["date_high"])]
    low, high = min(s.low for s in spans), max(s.high for s in spans)
    dated = [c for c in kept if read_claim_dates(claims.loc[c]) is not None]
    precision = claims.at[dated[0], "date_precision"] if len(dated) == 1 else "range"
    hidden = len(set(all_claims) - set(kept))
    redated = event.copy()
    redated["date_low"], redated["date_high"] = low, high
    redated["display_date"] = format_range(DateRange(low, high))
    redated["precision"] = precision
    redated["date_note"] = (
        f"As the claims shown date it: the filters hide {hidden} of this event's "
        f"{len(all_claims)} claims."
    )
    return redated


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
