"""Global filters (sources, date range, topics) applied to the package as a view, so every page
filters the same way without knowing how. Their URL form is in ``lib.app.links``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from lib.analysis.evidence import index_topics
from lib.data.cells import is_present, join_list, split_list
from lib.data.read import Package


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the package to; empty means no narrowing on that axis."""

    sources: tuple[str, ...] = ()
    window: tuple[date, date] | None = None
    topics: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """Whether any filter narrows the package."""
        return bool(self.sources or self.window or self.topics)


def find_date_bounds(package: Package) -> tuple[date, date]:
    """Earliest and latest date of any event or dated claim: the range the date filter spans."""
    claims = package["claims"]
    dated = claims["date_low"].map(is_present) & claims["date_high"].map(is_present)
    # Column-wise on ISO strings (which sort as dates): every page calls this on every rerun.
    lows = pd.concat([package["events"]["date_low"], claims.loc[dated, "date_low"]])
    highs = pd.concat([package["events"]["date_high"], claims.loc[dated, "date_high"]])
    return date.fromisoformat(str(lows.min())), date.fromisoformat(str(highs.max()))


def _overlaps(low: str, high: str, window: tuple[date, date]) -> bool:
    return date.fromisoformat(high) >= window[0] and date.fromisoformat(low) <= window[1]


def apply_filters(package: Package, filters: Filters) -> Package:
    """A view of the package with only the claims, events and relations the filters keep.

    Undated claims are kept under a date filter (they are not about a time); events need a
    kept claim and, under a date filter, a range overlapping it. Sources and topics tables stay
    whole so labels and colours never shift.
    """
    if not filters.active:
        return package
    claims = package["claims"]
    keep = pd.Series(True, index=claims.index)
    if filters.sources:
        keep &= claims["source_id"].isin(filters.sources)
    if filters.topics:
        keep &= claims["topic"].isin(filters.topics)
    if filters.window:
        dated = claims["date_low"].map(is_present) & claims["date_high"].map(is_present)
        inside = [
            _overlaps(low, high, filters.window) if is_dated else True
            for low, high, is_dated in zip(
                claims["date_low"], claims["date_high"], dated, strict=True
            )
        ]
        keep &= pd.Series(inside, index=claims.index)
    kept = claims[keep]
    kept_ids = set(kept["claim_id"])
    events = package["events"]
    has_claim = events["claim_ids"].map(lambda cell: bool(set(split_list(cell)) & kept_ids))
    if filters.window:
        in_window = [
            _overlaps(low, high, filters.window)
            for low, high in zip(events["date_low"], events["date_high"], strict=True)
        ]
        has_claim &= pd.Series(in_window, index=events.index, dtype=bool)
    events = events[has_claim].assign(
        claim_ids=lambda frame: frame["claim_ids"].map(
            lambda cell: join_list(c for c in split_list(cell) if c in kept_ids)
        )
    )
    relations = package["relations"]
    relations = relations[relations["claim_a"].isin(kept_ids) & relations["claim_b"].isin(kept_ids)]
    tables = dict(package.tables, claims=kept, events=events, relations=relations)
    return replace(package, tables=tables, key=(*package.key, filters) if package.key else ())


def describe_filters(filters: Filters, package: Package, page_parts: tuple[str, ...] = ()) -> str:
    """One line naming the active filters, or '' when none is.

    ``page_parts`` name the current page's own filters (e.g. "categories Withdrawal"): they join
    the line, marked as this page's, without being global.
    """
    if not filters.active and not page_parts:
        return ""
    labels, _ = index_topics(package)
    parts = []
    if filters.sources:
        parts.append("sources " + ", ".join(filters.sources))
    if filters.window:
        parts.append(f"dates {filters.window[0]:%d %b %Y} – {filters.window[1]:%d %b %Y}")
    if filters.topics:
        parts.append("topics " + ", ".join(labels[t] for t in filters.topics))
    parts += [f"{part} (this page only)" for part in page_parts]
    return "Filtered: " + "; ".join(parts) + "."


def list_topic_choices(package: Package) -> tuple[list[str], dict[str, str]]:
    """The topics filter's choices: topic ids in alphabetical order of their labels, and the
    labels by id."""
    labels, _ = index_topics(package)
    return sorted(labels, key=lambda topic: labels[topic].casefold()), labels


def list_topic_offer(package: Package, query: str, limit: int) -> tuple[list[str], int]:
    """The Topics filter's options when a package has more topics than a browser list can hold:
    the topics whose label holds every word of ``query`` (any case), else the most claimed ones;
    at most ``limit`` of them, in label order. Returns them with how many qualified.

    A year of reporting has tens of thousands of topics, and every option is sent to the browser
    on every run; the search reaches any of them.
    """
    order, labels = list_topic_choices(package)
    words = query.casefold().split()
    if words:
        found = [t for t in order if all(w in labels[t].casefold() for w in words)]
        return found[:limit], len(found)
    counts: dict[str, int] = dict.fromkeys(order, 0)
    for topic in package["claims"]["topic"].tolist():
        counts[topic] += 1
    return keep_highest(order, counts, limit), len(order)


def keep_highest(items: list[str], score: dict[str, int], limit: int | None) -> list[str]:
    """The ``limit`` items of highest ``score`` (every item when None), ties and the result in
    the order given: a capped list that still reads in its usual order."""
    if limit is None or len(items) <= limit:
        return items
    order = sorted(range(len(items)), key=lambda i: -score[items[i]])
    return [items[i] for i in sorted(order[:limit])]


def describe_topic_offer(offered: int, qualified: int, total: int, query: str) -> str:
    """The line under a capped Topics filter: what its list holds and how to reach the rest."""
    if query.strip() and not qualified:
        return f"No topic of the {total} holds every word of “{query.strip()}”."
    if query.strip():
        shown = f"the first {offered} of" if offered < qualified else "all of"
        return f"{qualified} of {total} topics match; the list offers {shown} them."
    return (
        f"The list offers the {offered} most reported of {total} topics; type words in "
        "Find topics to reach any other."
    )
