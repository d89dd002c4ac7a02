"""lib/data/intervals.py: a figure's interval from its bound and hedge, overlaps, and how it
reads."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.data.cells import is_present
from lib.data.intervals import APPROX_TOLERANCE, Interval, compute_interval, read_interval


def _claim(package, claim_id: str) -> pd.Series:
    claims = package["claims"]
    return claims[claims["claim_id"] == claim_id].iloc[0]


@pytest.mark.parametrize(
    ("bound", "value", "hedge", "integer", "expected"),
    [
        ("exact", 12, "", True, Interval(12, 12)),
        ("lower", 1000, "more than", True, Interval(1001, None)),
        ("lower", 1000, "more than", False, Interval(1000, None)),
        ("lower", 1000, "over", True, Interval(1001, None)),
        ("lower", 1000, "at least", True, Interval(1000, None)),
        ("lower", 2000, "thousands", True, Interval(2000, None)),
        ("upper", 20, "fewer than", True, Interval(None, 19)),
        ("upper", 20, "less than", False, Interval(None, 20)),
        ("upper", 20, "at most", True, Interval(None, 20)),
        # Hedges are matched whatever their case, as printed in a quote.
        ("lower", 1000, "More Than", True, Interval(1001, None)),
        ("upper", 20, "FEWER THAN", True, Interval(None, 19)),
    ],
)
def test_compute_interval_applies_bound_and_hedge_rules(bound, value, hedge, integer, expected):
    assert compute_interval(bound, value, hedge, integer=integer) == expected


def test_compute_interval_approx_spans_tolerance_either_side():
    low, high = compute_interval("approx", 650, "about")
    assert APPROX_TOLERANCE == 0.10
    assert low == pytest.approx(585)
    assert high == pytest.approx(715)


def test_compute_interval_refuses_range_without_low_and_high():
    with pytest.raises(ValueError, match="needs its low and high"):
        compute_interval("range", 900, "between")


def test_stored_figure_intervals_follow_compute_interval(curated):
    # One rule for intervals: what the package stores is what compute_interval states.
    claims = curated["claims"]
    checked = 0
    for _, row in claims[claims["bound"].map(is_present)].iterrows():
        if row["bound"] == "range":
            continue
        hedge = row["hedge"] if is_present(row["hedge"]) else ""
        want = compute_interval(row["bound"], float(row["value"]), hedge)
        got = read_interval(row)
        assert got.low == pytest.approx(want.low), row["claim_id"]
        assert got.high == pytest.approx(want.high), row["claim_id"]
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Interval(1, 5), Interval(5, 9), True),  # touching endpoints share a value
        (Interval(1, 5), Interval(6, 9), False),  # disjoint by one
        (Interval(1, 5), Interval(2, 3), True),  # containment
        (Interval(7, 7), Interval(7, 7), True),  # equal points
        (Interval(7, 7), Interval(8, 8), False),  # different points
        (Interval(1001, None), Interval(585, 715), False),  # ray right of a band
        (Interval(1001, None), Interval(900, 1100), True),  # ray into a band
        (Interval(1001, None), Interval(900, 1001), True),  # ray starts on the band's end
        (Interval(1001, None), Interval(900, 1000), False),  # ray starts one past the band
        (Interval(None, 19), Interval(20, 30), False),  # ray left of a band
        (Interval(None, 20), Interval(20, 30), True),  # ray ends on the band's start
        (Interval(None, 20), Interval(10, None), True),  # opposite rays that cross
        (Interval(None, 9), Interval(10, None), False),  # opposite rays apart
        (Interval(5, None), Interval(500, None), True),  # two rays the same way
        (Interval(None, 5), Interval(None, -500), True),
        (Interval(None, None), Interval(3, 3), True),  # unbounded meets anything
        (Interval(None, None), Interval(None, None), True),
    ],
)
def test_overlaps_handles_boundaries_and_is_symmetric(a, b, expected):
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval(585, 715), "585–715"),
        (Interval(1001, None), "≥ 1,001"),
        (Interval(None, 20), "≤ 20"),
        (Interval(12, 12), "12"),
        (Interval(110_000_000, 110_000_000), "110,000,000"),
        (Interval(None, None), "any value"),
    ],
)
def test_describe_names_each_interval_shape(interval, text):
    assert interval.describe() == text


def test_read_interval_returns_stored_band_for_about_650(curated):
    assert read_interval(_claim(curated, "c000-650")) == Interval(585, 715)


def test_read_interval_returns_open_ray_for_more_than_1000(curated):
    assert read_interval(_claim(curated, "c004-1000")) == Interval(1001, None)


def test_read_interval_is_none_for_claim_without_figure(curated):
    row = _claim(curated, "c000-saturday")
    assert not is_present(row["bound"])
    assert read_interval(row) is None
