"""Resolving date expressions ("on Saturday", "last July", "12-year-old") to date ranges.

A rule counts from a reference range: the document's estimated publication range, or the resolved
range of an anchor claim ("the following month" after a visit). Every rule maps each end of the
reference separately, so an uncertain publication date widens the result honestly.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(MONTHS)
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class DateRange(NamedTuple):
    """An inclusive range of calendar days."""

    low: date
    high: date

    def overlaps(self, other: DateRange) -> bool:
        return self.low <= other.high and other.low <= self.high


class DateRuleError(ValueError):
    """The expression lacks what the rule needs (e.g. no month name for a month rule)."""


RULES_NEEDING_ANCHOR = frozenset({"after", "following_month"})
RULES_NEEDING_YEARS = frozenset({"years_before"})


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _find_month(expr: str) -> int:
    match = re.search(rf"\b({_MONTH_RE})\b", expr, re.IGNORECASE)
    if not match:
        raise DateRuleError(f"no month name in {expr!r}")
    return MONTHS[match.group(1).lower()]


def _find_year(expr: str) -> int:
    match = _YEAR_RE.search(expr)
    if not match:
        raise DateRuleError(f"no four-digit year in {expr!r}")
    return int(match.group(1))


def _find_weekday(expr: str) -> int:
    for name, number in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", expr, re.IGNORECASE):
            return number
    raise DateRuleError(f"no weekday name in {expr!r}")


def _find_day_month(expr: str) -> tuple[int, int]:
    match = re.search(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\b", expr, re.IGNORECASE)
    if not match:
        raise DateRuleError(f"no 'day Month' in {expr!r}")
    return int(match.group(1)), MONTHS[match.group(2).lower()]


def _latest_weekday(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _latest_day_month(day: date, dom: int, month: int) -> date:
    candidate = date(day.year, month, dom)
    return candidate if candidate <= day else date(day.year - 1, month, dom)


def _latest_earlier_month(day: date, month: int) -> date:
    """First day of the latest month named ``month`` that began before ``day``'s own month."""
    year = day.year if month < day.month else day.year - 1
    return date(year, month, 1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _summer_year(day: date) -> int:
    return day.year if day >= date(day.year, 9, 1) else day.year - 1


def _each_end(reference: DateRange, fn: Callable[[date], date]) -> DateRange:
    return DateRange(fn(reference.low), fn(reference.high))


class YearSpan(NamedTuple):
    """How long ago something began, in years: at least ``low``, at most ``high``.

    An age like "12-year-old" is 12 up to but not including 13: ``YearSpan(12, 13, True)``.
    """

    low: float
    high: float
    high_exclusive: bool = False


def resolve_relative_date(
    rule: str,
    expr: str,
    publication: DateRange,
    anchor: DateRange | None = None,
    years: YearSpan | None = None,
) -> DateRange:
    """Return the range ``expr`` denotes under ``rule``, counted from the anchor or publication.

    Raises DateRuleError, never a bare ValueError, for expressions that name impossible dates
    ("31 February") or fall outside the calendar.
    """
    try:
        return _resolve(rule, expr, publication, anchor, years)
    except (ValueError, OverflowError) as err:
        if isinstance(err, DateRuleError):
            raise
        raise DateRuleError(f"{expr!r} cannot be resolved under {rule!r}: {err}") from err


def _resolve(
    rule: str,
    expr: str,
    publication: DateRange,
    anchor: DateRange | None,
    years: YearSpan | None,
) -> DateRange:
    if rule in RULES_NEEDING_ANCHOR and anchor is None:
        raise DateRuleError(f"rule {rule!r} needs an anchor claim")
    if rule in RULES_NEEDING_YEARS and years is None:
        raise DateRuleError(f"rule {rule!r} needs the claim's value in years")
    ref = anchor or publication
    if rule == "publication":
        return ref
    if rule == "explicit_year":
        year = _find_year(expr)
        return DateRange(date(year, 1, 1), date(year, 12, 31))
    if rule == "explicit_month":
        year, month = _find_year(expr), _find_month(expr)
        return DateRange(date(year, month, 1), _month_end(year, month))
    if rule == "end_of_year":
        year = _find_year(expr)
        return DateRange(date(year, 11, 1), date(year, 12, 31))
    if rule == "day_month_on_or_before":
        dom, month = _find_day_month(expr)
        return _each_end(ref, lambda d: _latest_day_month(d, dom, month))
    if rule == "weekday_on_or_before":
        weekday = _find_weekday(expr)
        return _each_end(ref, lambda d: _latest_weekday(d, weekday))
    if rule == "named_month_before":
        month = _find_month(expr)
        low = _latest_earlier_month(ref.low, month)
        high = _latest_earlier_month(ref.high, month)
        return DateRange(low, _month_end(high.year, high.month))
    if rule == "this_week":
        return DateRange(_monday(ref.low), ref.high)
    if rule == "last_week":
        return DateRange(
            _monday(ref.low) - timedelta(days=7), _monday(ref.high) - timedelta(days=1)
        )
    if rule == "this_month":
        return DateRange(ref.low.replace(day=1), ref.high)
    if rule == "last_year":
        return DateRange(date(ref.low.year - 1, 1, 1), date(ref.high.year - 1, 12, 31))
    if rule == "late_last_year":
        return DateRange(date(ref.low.year - 1, 9, 1), date(ref.high.year - 1, 12, 31))
    if rule == "earlier_this_year":
        return DateRange(date(ref.low.year, 1, 1), ref.high)
    if rule == "last_summer":
        return DateRange(date(_summer_year(ref.low), 6, 1), date(_summer_year(ref.high), 8, 31))
    if rule == "following_month":
        low = _add_months(ref.low.replace(day=1), 1)
        high = _add_months(ref.high.replace(day=1), 1)
        return DateRange(low, _month_end(high.year, high.month))
    if rule == "about_a_month_before":
        week = timedelta(days=7)
        return DateRange(_add_months(ref.low, -1) - week, _add_months(ref.high, -1) + week)
    if rule == "days_before":
        return DateRange(ref.low - timedelta(days=7), ref.high - timedelta(days=1))
    if rule == "years_before":
        assert years is not None
        earliest = _add_months(ref.low, -round(years.high * 12))
        if years.high_exclusive:
            earliest += timedelta(days=1)
        return DateRange(earliest, _add_months(ref.high, -round(years.low * 12)))
    if rule == "after":
        assert anchor is not None
        return DateRange(anchor.low, publication.high)
    if rule == "coming_months":
        return DateRange(ref.low, _add_months(ref.high, 6))
    raise DateRuleError(f"unknown date rule {rule!r}")


def describe_precision(span: DateRange) -> str:
    """Name the width of a range: day, week, month, season, year or range."""
    low, high = span
    if low == high:
        return "day"
    if low.day == 1 and high == _month_end(low.year, low.month):
        return "month"
    if (low.month, low.day, high.month, high.day) == (1, 1, 12, 31) and low.year == high.year:
        return "year"
    days = (high - low).days + 1
    if days <= 7:
        return "week"
    if days <= 92 and low.day == 1 and high.day == _month_end(high.year, high.month).day:
        return "season"
    return "range"


def format_range(span: DateRange) -> str:
    """Render a range for readers: '16 Mar 2024', 'Mar 2024', '2014', '11–16 Mar 2024'."""
    low, high = span
    precision = describe_precision(span)
    if precision == "day":
        return f"{low.day} {low:%b %Y}"
    if precision == "month":
        return f"{low:%b %Y}"
    if precision == "year":
        return str(low.year)
    if (low.year, low.month) == (high.year, high.month):
        return f"{low.day}–{high.day} {low:%b %Y}"
    if low.year == high.year:
        return f"{low.day} {low:%b} – {high.day} {high:%b %Y}"
    return f"{low.day} {low:%b %Y} – {high.day} {high:%b %Y}"


RULE_TEXT = {
    "publication": "as of publication",
    "explicit_year": "the year as printed",
    "explicit_month": "the month as printed",
    "end_of_year": "read as November–December of the year printed",
    "day_month_on_or_before": "the latest such day on or before",
    "weekday_on_or_before": "the latest such weekday on or before",
    "named_month_before": "the latest such month before the month of",
    "this_week": "the week (from Monday) up to",
    "last_week": "the calendar week before the week of",
    "this_month": "the month up to",
    "last_year": "the calendar year before",
    "late_last_year": "September–December of the year before",
    "earlier_this_year": "from 1 January of the year of",
    "last_summer": "June–August of the latest summer ended before",
    "following_month": "the calendar month after",
    "about_a_month_before": "one month (± 7 days) before",
    "days_before": "1–7 days before",
    "years_before": "that many years before",
    "after": "from the anchor up to publication",
    "coming_months": "up to six months from",
}

_ABSOLUTE_RULES = frozenset({"explicit_year", "explicit_month", "end_of_year"})


def explain_resolution(
    rule: str, expr: str, result: DateRange, reference: DateRange, reference_name: str
) -> str:
    """Say in one line how ``expr`` became ``result``, naming what it was counted from."""
    rule_text = RULE_TEXT[rule]
    if rule in _ABSOLUTE_RULES:
        return f"'{expr}' → {format_range(result)} ({rule_text})"
    if rule == "publication":
        return f"'{expr}' → {format_range(result)} ({rule_text}: {format_range(reference)})"
    if rule == "after":
        return (
            f"'{expr}' → {format_range(result)} (from {reference_name}, {format_range(reference)}, "
            "up to publication)"
        )
    return (
        f"'{expr}' → {format_range(result)} ({rule_text} {reference_name}, "
        f"{format_range(reference)})"
    )


def read_year_span(
    bound: str | None, value: float | None, low: float | None, high: float | None
) -> YearSpan | None:
    """The claim's figure as a YearSpan for ``years_before``: an exact age, or a stated range."""
    if bound == "exact" and value is not None:
        return YearSpan(value, value + 1, high_exclusive=True)
    if low is not None and high is not None:
        return YearSpan(low, high)
    return None
