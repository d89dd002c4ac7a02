"""Figures as intervals, from their bound type and verbatim hedge: the one home of these rules.

Exact N is the point [N, N]; "about N" is N ± ``APPROX_TOLERANCE``; "more than N" is an open ray
from just above N (N + 1 for counts) and "at least N" from N; "fewer than N" / "at most N" a ray
ending at or below N; "between A and B" is [A, B].
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from lib.data.cells import is_present

# "about N" is read as N ± 10 %.
APPROX_TOLERANCE = 0.10


class Hedge(NamedTuple):
    """A hedge printed with a number: the bound it gives, and whether it excludes the number
    itself ("more than 1,000" starts at 1,001; "at least 1,000" at 1,000)."""

    bound: str
    strict: bool = False


# The one table of hedges: the figure reader reads a number's bound from it, the interval rules
# its strictness, and the statement lint the words a paraphrase must keep. "close to N" can mean
# just under N, but reporters also use it for "about"; approx keeps both sides open to comparison.
HEDGES: dict[str, Hedge] = {
    "about": Hedge("approx"),
    "some": Hedge("approx"),
    "around": Hedge("approx"),
    "roughly": Hedge("approx"),
    "approximately": Hedge("approx"),
    "an estimated": Hedge("approx"),
    "estimated": Hedge("approx"),
    "close to": Hedge("approx"),
    "more than": Hedge("lower", strict=True),
    "over": Hedge("lower", strict=True),
    "at least": Hedge("lower"),
    "a little over": Hedge("lower", strict=True),
    "just over": Hedge("lower", strict=True),
    "well over": Hedge("lower", strict=True),
    "upwards of": Hedge("lower", strict=True),
    "in excess of": Hedge("lower", strict=True),
    "no fewer than": Hedge("lower"),
    "no less than": Hedge("lower"),
    "nearly": Hedge("upper"),
    "almost": Hedge("upper"),
    "up to": Hedge("upper"),
    "fewer than": Hedge("upper", strict=True),
    "less than": Hedge("upper", strict=True),
    "under": Hedge("upper", strict=True),
    "at most": Hedge("upper"),
    "just under": Hedge("upper", strict=True),
    "as many as": Hedge("upper"),
    "no more than": Hedge("upper"),
    "not more than": Hedge("upper"),
    # Only as "between A and B"; before a single number it is no hedge.
    "between": Hedge("range"),
}
# Hedges printed after the number: "100-odd soldiers", "1,000 or so men", "500-plus".
POST_HEDGES: dict[str, Hedge] = {
    "-odd": Hedge("approx"),
    "or so": Hedge("approx"),
    "-plus": Hedge("lower"),
}
HEDGE_BOUNDS = {hedge: entry.bound for hedge, entry in HEDGES.items()}
POST_HEDGE_BOUNDS = {hedge: entry.bound for hedge, entry in POST_HEDGES.items()}
STRICT_HEDGES = frozenset(hedge for hedge, entry in HEDGES.items() if entry.strict)
# Stored bounds are floats; a difference below this is rounding, not a different interval.
_EPSILON = 1e-6


class Interval(NamedTuple):
    """A closed numeric interval; None on a side means it is open (no limit) there."""

    low: float | None
    high: float | None

    def overlaps(self, other: Interval) -> bool:
        """Whether the two intervals share at least one value."""
        below = self.high is not None and other.low is not None and self.high < other.low
        above = self.low is not None and other.high is not None and self.low > other.high
        return not (below or above)

    def describe(self) -> str:
        """'585–715', '≥ 1,001', '≤ 20' or '12'."""
        if self.low is not None and self.high is not None:
            if self.low == self.high:
                return f"{self.low:,.0f}"
            return f"{self.low:,.0f}–{self.high:,.0f}"
        if self.low is not None:
            return f"≥ {self.low:,.0f}"
        if self.high is not None:
            return f"≤ {self.high:,.0f}"
        return "any value"


def compute_interval(bound: str, value: float, hedge: str = "", integer: bool = True) -> Interval:
    """The interval a figure states, from its bound type and verbatim hedge (the rules above)."""
    if bound == "exact":
        return Interval(value, value)
    if bound == "approx":
        return Interval(value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE))
    strict = hedge.casefold().strip() in STRICT_HEDGES
    step = 1 if integer else 0
    if bound == "lower":
        return Interval(value + step if strict else value, None)
    if bound == "upper":
        return Interval(None, value - step if strict else value)
    raise ValueError(f"bound {bound!r} needs its low and high, not one value")


def read_interval(row: pd.Series) -> Interval | None:
    """The claim's stored figure interval, or None when it states no figure."""
    if not is_present(row.get("bound")):
        return None
    low = float(row["value_low"]) if is_present(row.get("value_low")) else None
    high = float(row["value_high"]) if is_present(row.get("value_high")) else None
    return Interval(low, high)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= _EPSILON


def check_stored_interval(
    bound: str, value: float | None, low: float | None, high: float | None, hedge: str = ""
) -> str | None:
    """Why the stored ``value_low``/``value_high`` are not what the bound and hedge give, or None.

    Every bound but ``range`` is re-derived with :func:`compute_interval`, so "more than 1,000"
    stored from 1,000 instead of 1,001 is caught.
    """
    if bound == "range":
        if low is None or high is None or low > high:
            return "a range needs value_low ≤ value_high"
        return None
    if value is None:
        return f"bound {bound!r} needs a value"
    want = compute_interval(bound, value, hedge)
    if _same(low, want.low) and _same(high, want.high):
        return None
    stated = f"{hedge} {value:g}".strip() if hedge else f"{bound} {value:g}"
    if bound == "approx":
        rule = f"N ± {APPROX_TOLERANCE:.0%}"
    elif bound in ("lower", "upper"):
        rule = "strict: N ± 1" if hedge.casefold().strip() in STRICT_HEDGES else "inclusive: N"
    else:
        rule = "a point"
    return f"{stated!r} gives {want.describe()} ({rule}), but value_low..value_high is " + (
        f"{'open' if low is None else f'{low:g}'}..{'open' if high is None else f'{high:g}'}"
    )


def describe_interval_rules() -> list[str]:
    """The figure interval rules in words, from the constants above (About and Troop counts)."""
    return [
        f"“About N” is N ± {APPROX_TOLERANCE:.0%}: about 650 is 585–715.",
        "“More than N” is an open ray from N + 1 for counts; “at least N” starts at N.",
        "“Fewer than N” and “at most N” are rays to the left; “between A and B” is A–B.",
        "An exact N is a point.",
    ]
