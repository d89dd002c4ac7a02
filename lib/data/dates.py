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

import pandas as pd
from dateutil.relativedelta import relativedelta

from lib.data.cells import is_present

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}


# Wire styles shorten months before a day: AP "Aug. 5", "Sept. 15"; Reuters "Aug 5", "Sept 15".
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}


# Every way a report writes a month, lower case, to its number: the one list of month names.
MONTH_WORDS = {**MONTHS, **MONTH_ABBREVIATIONS}


WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}


# Longest first, so "sept" is tried before "sep" and "march" before "mar".
_MONTH_RE = "|".join(sorted(MONTH_WORDS, key=lambda w: (-len(w), w)))


_DAY_RE = r"(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"


_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class DateRange(NamedTuple):
    """An inclusive range of calendar days."""

    low: date
    high: date

    def overlaps(self, other: DateRange) -> bool:
        return self.low <= other.high and other.low <= self.high


class DateRuleError(ValueError):
    """The expression lacks what the rule needs (e.g. no month name for a month rule)."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(word: str) -> int:
    return MONTH_WORDS[word.lower()]


def _find_month(expr: str) -> int:
    match = re.search(rf"\b({_MONTH_RE})\b", expr, re.IGNORECASE)
    if not match:
        raise DateRuleError(f"no month name in {expr!r}")
    return _month_number(match.group(1))


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
    return int(match.group(1)), _month_number(match.group(2))


def _find_month_day(expr: str) -> tuple[int, int]:
    """Day and month in any order a report prints them: "Aug. 5", "5th of August", "5 Aug"."""
    month_first = re.search(rf"\b({_MONTH_RE})\.?\s+{_DAY_RE}(?!\w)", expr, re.IGNORECASE)
    if month_first:
        return int(month_first.group(2)), _month_number(month_first.group(1))
    day_first = re.search(rf"(?<!\d){_DAY_RE}\s+(?:of\s+)?({_MONTH_RE})\b", expr, re.IGNORECASE)
    if day_first:
        return int(day_first.group(1)), _month_number(day_first.group(2))
    raise DateRuleError(f"no day and month in {expr!r}")


def _find_decade(expr: str) -> int:
    match = re.search(r"\b(1[89]\d|20\d)0s\b", expr)
    if not match:
        raise DateRuleError(f"no decade like '1990s' in {expr!r}")
    return int(match.group(1)) * 10


def _latest_weekday(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _latest_day_month(day: date, dom: int, month: int) -> date:
    candidate = date(day.year, month, dom)
    return candidate if candidate <= day else date(day.year - 1, month, dom)


def _latest_earlier_month(day: date, month: int) -> date:
    """First day of the latest month named ``month`` that began before ``day``'s own month."""
    year = day.year if month < day.month else day.year - 1
    return date(year, month, 1)


def _first_month_from(day: date, month: int) -> date:
    """First day of the first month named ``month`` from ``day``'s own month on."""
    year = day.year if month >= day.month else day.year + 1
    return date(year, month, 1)


def _latest_weekday_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7 or 7)


def _next_weekday_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def _day_of_month(month_start: date, dom: int) -> date:
    """Day ``dom`` of ``month_start``'s month, or its last day when the month is shorter."""
    last = calendar.monthrange(month_start.year, month_start.month)[1]
    return month_start.replace(day=min(dom, last))


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


class Reference(NamedTuple):
    """What a rule counts from: the publication range, the anchor claim's range if any, and the
    claim's figure in years if any (for ages like "12-year-old")."""

    publication: DateRange
    anchor: DateRange | None
    years: YearSpan | None

    @property
    def base(self) -> DateRange:
        """The anchor's range when there is one, else the publication range."""
        return self.anchor or self.publication


class DateRule(NamedTuple):
    """One named rule: how it resolves an expression, and what it means in words."""

    resolve: Callable[[str, Reference], DateRange]
    description: str
    needs_anchor: bool = False
    needs_years: bool = False
    # Absolute rules read the date off the expression; the others count from a reference.
    absolute: bool = False


def _explicit_year(expr: str, ref: Reference) -> DateRange:
    year = _find_year(expr)
    return DateRange(date(year, 1, 1), date(year, 12, 31))


def _explicit_month(expr: str, ref: Reference) -> DateRange:
    year, month = _find_year(expr), _find_month(expr)
    return DateRange(date(year, month, 1), _month_end(year, month))


def _end_of_year(expr: str, ref: Reference) -> DateRange:
    year = _find_year(expr)
    return DateRange(date(year, 11, 1), date(year, 12, 31))


def _day_month_on_or_before(expr: str, ref: Reference) -> DateRange:
    dom, month = _find_day_month(expr)
    return _each_end(ref.base, lambda d: _latest_day_month(d, dom, month))


def _weekday_on_or_before(expr: str, ref: Reference) -> DateRange:
    weekday = _find_weekday(expr)
    return _each_end(ref.base, lambda d: _latest_weekday(d, weekday))


def _span_months(ref: Reference, first_day: Callable[[date], date]) -> DateRange:
    # The month that each end of the base picks, from the first day of the earlier one to the
    # last day of the later one.
    low, high = first_day(ref.base.low), first_day(ref.base.high)
    return DateRange(low, _month_end(high.year, high.month))


def _named_month_before(expr: str, ref: Reference) -> DateRange:
    month = _find_month(expr)
    return _span_months(ref, lambda d: _latest_earlier_month(d, month))


def _following_month(expr: str, ref: Reference) -> DateRange:
    return _span_months(ref, lambda d: d.replace(day=1) + relativedelta(months=1))


def _about_a_month_before(expr: str, ref: Reference) -> DateRange:
    week = timedelta(days=7)
    return DateRange(
        ref.base.low - relativedelta(months=1) - week,
        ref.base.high - relativedelta(months=1) + week,
    )


def _years_before(expr: str, ref: Reference) -> DateRange:
    years = ref.years
    assert years is not None  # needs_years is checked before any resolver runs
    earliest = ref.base.low - relativedelta(months=round(years.high * 12))
    if years.high_exclusive:
        earliest += timedelta(days=1)
    return DateRange(earliest, ref.base.high - relativedelta(months=round(years.low * 12)))


def _after(expr: str, ref: Reference) -> DateRange:
    assert ref.anchor is not None  # needs_anchor is checked before any resolver runs
    return DateRange(ref.anchor.low, ref.publication.high)


def _explicit_day(expr: str, ref: Reference) -> DateRange:
    dom, month = _find_month_day(expr)
    day = date(_find_year(expr), month, dom)
    return DateRange(day, day)


def _month_day_publication_year(expr: str, ref: Reference) -> DateRange:
    dom, month = _find_month_day(expr)
    return _each_end(ref.base, lambda d: date(d.year, month, dom))


def _weekday_before(expr: str, ref: Reference) -> DateRange:
    weekday = _find_weekday(expr)
    return _each_end(ref.base, lambda d: _latest_weekday_before(d, weekday))


def _weekday_after(expr: str, ref: Reference) -> DateRange:
    weekday = _find_weekday(expr)
    return _each_end(ref.base, lambda d: _next_weekday_after(d, weekday))


def _named_month_ahead(expr: str, ref: Reference) -> DateRange:
    month = _find_month(expr)
    return _span_months(ref, lambda d: _first_month_from(d, month))


def _last_month(expr: str, ref: Reference) -> DateRange:
    low = ref.base.low.replace(day=1) - relativedelta(months=1)
    return DateRange(low, ref.base.high.replace(day=1) - timedelta(days=1))


def _month_a_year_before(expr: str, ref: Reference) -> DateRange:
    high = ref.base.high.replace(day=1) - relativedelta(months=12)
    return DateRange(
        ref.base.low.replace(day=1) - relativedelta(months=12), _month_end(high.year, high.month)
    )


def _decade(expr: str, ref: Reference) -> DateRange:
    start = _find_decade(expr)
    return DateRange(date(start, 1, 1), date(start + 9, 12, 31))


def _part_of_month_before(first: int, last: int) -> Callable[[str, Reference], DateRange]:
    """A resolver for days ``first``–``last`` of the latest such month before the reference's."""

    def resolve(expr: str, ref: Reference) -> DateRange:
        month = _find_month(expr)
        low = _latest_earlier_month(ref.base.low, month)
        high = _latest_earlier_month(ref.base.high, month)
        return DateRange(low.replace(day=first), _day_of_month(high, last))

    return resolve


def _part_of_month(first: int, last: int) -> Callable[[str, Reference], DateRange]:
    """A resolver for days ``first``–``last`` of the month and year printed."""

    def resolve(expr: str, ref: Reference) -> DateRange:
        start = date(_find_year(expr), _find_month(expr), 1)
        return DateRange(start.replace(day=first), _day_of_month(start, last))

    return resolve


# The one table of date rules: the schema's enum, the resolver and the About page all read it.
RULES: dict[str, DateRule] = {
    "publication": DateRule(
        lambda expr, ref: ref.base, "no date in the text; the publication date (reported)"
    ),
    "explicit_year": DateRule(_explicit_year, "the year as printed", absolute=True),
    "explicit_month": DateRule(_explicit_month, "the month as printed", absolute=True),
    "end_of_year": DateRule(
        _end_of_year, "read as November–December of the year printed", absolute=True
    ),
    "day_month_on_or_before": DateRule(_day_month_on_or_before, "the latest such day on or before"),
    "weekday_on_or_before": DateRule(_weekday_on_or_before, "the latest such weekday on or before"),
    "named_month_before": DateRule(
        _named_month_before, "the latest such month before the month of"
    ),
    "this_week": DateRule(
        lambda expr, ref: DateRange(_monday(ref.base.low), ref.base.high),
        "the week (from Monday) up to",
    ),
    "last_week": DateRule(
        lambda expr, ref: DateRange(
            _monday(ref.base.low) - timedelta(days=7), _monday(ref.base.high) - timedelta(days=1)
        ),
        "the calendar week before the week of",
    ),
    "this_month": DateRule(
        lambda expr, ref: DateRange(ref.base.low.replace(day=1), ref.base.high), "the month up to"
    ),
    "last_year": DateRule(
        lambda expr, ref: DateRange(
            date(ref.base.low.year - 1, 1, 1), date(ref.base.high.year - 1, 12, 31)
        ),
        "the calendar year before",
    ),
    "late_last_year": DateRule(
        lambda expr, ref: DateRange(
            date(ref.base.low.year - 1, 9, 1), date(ref.base.high.year - 1, 12, 31)
        ),
        "September–December of the year before",
    ),
    "earlier_this_year": DateRule(
        lambda expr, ref: DateRange(date(ref.base.low.year, 1, 1), ref.base.high),
        "from 1 January of the year of",
    ),
    "last_summer": DateRule(
        lambda expr, ref: DateRange(
            date(_summer_year(ref.base.low), 6, 1), date(_summer_year(ref.base.high), 8, 31)
        ),
        "June–August of the latest summer ended before",
    ),
    "following_month": DateRule(_following_month, "the calendar month after", needs_anchor=True),
    "about_a_month_before": DateRule(_about_a_month_before, "one month (± 7 days) before"),
    "days_before": DateRule(
        lambda expr, ref: DateRange(
            ref.base.low - timedelta(days=7), ref.base.high - timedelta(days=1)
        ),
        "1–7 days before",
    ),
    "years_before": DateRule(_years_before, "that many years before", needs_years=True),
    "after": DateRule(_after, "from the anchor up to publication", needs_anchor=True),
    "coming_months": DateRule(
        lambda expr, ref: DateRange(ref.base.low, ref.base.high + relativedelta(months=6)),
        "up to six months from",
    ),
    "explicit_day": DateRule(_explicit_day, "the day as printed", absolute=True),
    # Wire copy prints "Aug. 5" for dates of its own year, ahead of publication as well as before.
    "month_day_publication_year": DateRule(_month_day_publication_year, "that day in the year of"),
    "weekday_before": DateRule(_weekday_before, "the latest such weekday before"),
    "weekday_after": DateRule(_weekday_after, "the first such weekday after"),
    # "by September", "a September deadline": a deadline points ahead, so never to a past month.
    "named_month_ahead": DateRule(
        _named_month_ahead, "the first such month on or after the month of"
    ),
    "early_month_before": DateRule(
        _part_of_month_before(1, 10), "the 1st–10th of the latest such month before the month of"
    ),
    "mid_month_before": DateRule(
        _part_of_month_before(11, 20), "the 11th–20th of the latest such month before the month of"
    ),
    "late_month_before": DateRule(
        _part_of_month_before(21, 31),
        "the 21st to the last day of the latest such month before the month of",
    ),
    "early_month": DateRule(
        _part_of_month(1, 10), "the 1st–10th of the month as printed", absolute=True
    ),
    "mid_month": DateRule(
        _part_of_month(11, 20), "the 11th–20th of the month as printed", absolute=True
    ),
    "late_month": DateRule(
        _part_of_month(21, 31), "the 21st to the last day of the month as printed", absolute=True
    ),
    "decade": DateRule(_decade, "the decade as printed", absolute=True),
    "yesterday": DateRule(
        lambda expr, ref: DateRange(
            ref.base.low - timedelta(days=1), ref.base.high - timedelta(days=1)
        ),
        "the day before",
    ),
    "next_week": DateRule(
        lambda expr, ref: DateRange(
            _monday(ref.base.low) + timedelta(days=7), _monday(ref.base.high) + timedelta(days=13)
        ),
        "the calendar week after the week of",
    ),
    "rest_of_week": DateRule(
        lambda expr, ref: DateRange(ref.base.low, _monday(ref.base.high) + timedelta(days=6)),
        "the rest of the week (to Sunday) from",
    ),
    "last_month": DateRule(_last_month, "the calendar month before the month of"),
    "next_month": DateRule(_following_month, "the calendar month after the month of"),
    "rest_of_month": DateRule(
        lambda expr, ref: DateRange(
            ref.base.low, _month_end(ref.base.high.year, ref.base.high.month)
        ),
        "the rest of the month from",
    ),
    # "The end of the month" may fall either side of publication, so it is read as a whole stretch.
    "end_of_month": DateRule(
        lambda expr, ref: DateRange(
            ref.base.low.replace(day=21), _month_end(ref.base.high.year, ref.base.high.month)
        ),
        "the 21st to the last day of the month of",
    ),
    "this_year": DateRule(
        lambda expr, ref: DateRange(
            date(ref.base.low.year, 1, 1), date(ref.base.high.year, 12, 31)
        ),
        "the calendar year of",
    ),
    "next_year": DateRule(
        lambda expr, ref: DateRange(
            date(ref.base.low.year + 1, 1, 1), date(ref.base.high.year + 1, 12, 31)
        ),
        "the calendar year after",
    ),
    "rest_of_year": DateRule(
        lambda expr, ref: DateRange(ref.base.low, date(ref.base.high.year, 12, 31)),
        "the rest of the year (to 31 December) from",
    ),
    "end_of_this_year": DateRule(
        lambda expr, ref: DateRange(
            date(ref.base.low.year, 11, 1), date(ref.base.high.year, 12, 31)
        ),
        "November–December of the year of",
    ),
    # "A year ago" is loose: read as the whole month, never as a day ± a few days it does not state.
    "month_a_year_before": DateRule(
        _month_a_year_before, "the calendar month a year before the month of"
    ),
}


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
    chosen = RULES.get(rule)
    if chosen is None:
        raise DateRuleError(f"unknown date rule {rule!r}")
    if chosen.needs_anchor and anchor is None:
        raise DateRuleError(f"rule {rule!r} needs an anchor claim")
    if chosen.needs_years and years is None:
        raise DateRuleError(f"rule {rule!r} needs the claim's value in years")
    try:
        return chosen.resolve(expr, Reference(publication, anchor, years))
    except (ValueError, OverflowError) as err:
        if isinstance(err, DateRuleError):
            raise
        raise DateRuleError(f"{expr!r} cannot be resolved under {rule!r}: {err}") from err


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


def explain_resolution(
    rule: str, expr: str, result: DateRange, reference: DateRange, reference_name: str
) -> str:
    """Say in one line how ``expr`` became ``result``, naming what it was counted from."""
    rule_text = RULES[rule].description
    if RULES[rule].absolute:
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
    """The claim's figure as a YearSpan for ``years_before``: an exact age, a stated or
    approximate range, or an upper bound ("nearly a decade": at most ten years, so 0 to 10)."""
    if bound == "exact" and value is not None:
        return YearSpan(value, value + 1, high_exclusive=True)
    if bound == "upper" and high is not None:
        return YearSpan(0, high)
    if low is not None and high is not None:
        return YearSpan(low, high)
    return None


def read_claim_dates(row: pd.Series) -> DateRange | None:
    """The claim's resolved date range, or None when it states no date."""
    if not (is_present(row.get("date_low")) and is_present(row.get("date_high"))):
        return None
    return DateRange(date.fromisoformat(row["date_low"]), date.fromisoformat(row["date_high"]))


def read_publication_dates(source: pd.Series | dict) -> DateRange:
    """The source's estimated publication range (pub_date_low..pub_date_high)."""
    return DateRange(
        date.fromisoformat(source["pub_date_low"]), date.fromisoformat(source["pub_date_high"])
    )


# Rules that date a claim by when its document was published: the text states no date of its own,
# so the date is when the claim was reported, not when what it says was true.
REPORTED_RULES = ("publication",)


def is_reported_date(row: pd.Series) -> bool:
    """Whether the claim's date is taken from its document's publication, not stated by its text."""
    return row.get("date_rule") in REPORTED_RULES


def describe_claim_date(row: pd.Series) -> str:
    """'reported 16–22 Mar 2024' for a date taken from publication, 'as of 1 Aug 2024' for one the
    text states, or 'undated'. Every sentence the app writes about a claim's date uses this."""
    span = read_claim_dates(row)
    if span is None:
        return "undated"
    return f"{'reported' if is_reported_date(row) else 'as of'} {format_range(span)}"
