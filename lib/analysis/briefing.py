"""The briefing's data: key judgments with the claims the view keeps, story steps, key dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import pandas as pd

from lib.analysis.events import build_timeline_events
from lib.analysis.places import collect_claims_at, split_claim_places
from lib.analysis.troops import (
    describe_stated_figure,
    format_bounds,
    select_troop_claims,
)
from lib.data.cells import split_list
from lib.data.dates import DateRange, describe_claim_date, format_range, read_claim_dates
from lib.data.read import Package, list_records

# The briefing's title, on its page and atop the exported file.
TITLE = "Briefing: the US withdrawal from Niger"
# Said under a judgment whose every claim the filters hide, on the page and in the file.
HIDDEN_EVIDENCE = "The active filters hide every claim behind this judgment."

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


@dataclass(frozen=True)
class KeyFigure:
    """One tile of the key-figures strip as text, with the claims that back it.

    ``kind`` names what ``about`` is: "troops" (the figure's source), "place" (an air base) or
    "event" (a key date); the app links each kind to the page that holds its evidence.
    """

    kind: str
    title: str
    value: str
    note: str
    claim_ids: tuple[str, ...]
    about: str


def list_key_figures(package: Package, events: pd.DataFrame) -> list[KeyFigure]:
    """The strip: US personnel per source as intervals, the US air bases, the key dates.

    ``events`` is :func:`build_timeline_events` (or :func:`list_story_steps`) of the package.
    A base no claim in the view names is left out: every tile must trace to a quote.
    """
    figures = []
    for _, claim in select_troop_claims(package).iterrows():
        source = claim["source_id"]
        figures.append(
            KeyFigure(
                "troops",
                f"US personnel · {source}",
                format_bounds(claim),
                f"{describe_stated_figure(claim)} · {describe_claim_date(claim)}",
                (claim["claim_id"],),
                source,
            )
        )
    places = package["places"]
    cells = split_claim_places(package)
    for base in list_records(places[places["kind"] == "air_base"]):
        backing = collect_claims_at(package, [base["place_id"]], cells)
        if not backing.empty:  # the first claim naming it is the one the tile cites
            claim_ids = (backing["claim_id"].iloc[0],)
            figures.append(
                KeyFigure("place", "US air base", base["name"], "", claim_ids, base["place_id"])
            )
    for event in list_records(list_key_dates(events)):
        span = format_range(DateRange(event["date_low"], event["date_high"]))
        disputed = " · sources disagree" if event["disputed"] else ""
        figures.append(
            KeyFigure(
                "event",
                "Key date",
                event["display_date"],
                f"{event['title']} ({span}){disputed}",
                tuple(event["claim_ids"]),
                event["event_id"],
            )
        )
    return figures


class StepDates(NamedTuple):
    """A story step's date strip: the step's range, the whole story's, and every step's range."""

    low: date
    high: date
    first: date
    last: date
    others: list[tuple[date, date]]


def frame_step_dates(steps: pd.DataFrame, event: pd.Series | dict) -> StepDates:
    """The date strip of ``event``, one of ``steps`` (:func:`list_story_steps`)."""
    others = list(zip(steps["date_low"], steps["date_high"], strict=True))
    first, last = steps["date_low"].min(), steps["date_high"].max()
    return StepDates(event["date_low"], event["date_high"], first, last, others)


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
