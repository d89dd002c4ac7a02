"""Date rules: each expression resolves to the range its words allow, from its reference."""

from datetime import date

import pytest

from lib.dates import (
    DateRange,
    DateRuleError,
    describe_precision,
    explain_resolution,
    format_range,
    resolve_relative_date,
)

MID_MARCH = DateRange(date(2024, 3, 16), date(2024, 3, 22))
MID_APRIL = DateRange(date(2024, 4, 15), date(2024, 4, 26))


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("rule", "expr", "publication", "expected"),
    [
        # Every day of the week after a Saturday still points back to that Saturday.
        ("weekday_on_or_before", "on Saturday", MID_MARCH, ("2024-03-16", "2024-03-16")),
        (
            "weekday_on_or_before",
            "Saturday",
            DateRange(d("2024-03-23"), d("2024-03-23")),
            ("2024-03-23", "2024-03-23"),
        ),
        ("day_month_on_or_before", "on 15 March", MID_APRIL, ("2024-03-15", "2024-03-15")),
        # A day later in the year than publication belongs to the previous year.
        ("day_month_on_or_before", "on 20 December", MID_APRIL, ("2023-12-20", "2023-12-20")),
        ("named_month_before", "last July", MID_APRIL, ("2023-07-01", "2023-07-31")),
        ("named_month_before", "In December", MID_MARCH, ("2023-12-01", "2023-12-31")),
        ("named_month_before", "in January", MID_MARCH, ("2024-01-01", "2024-01-31")),
        # "in March" said in March means last March, not this one.
        ("named_month_before", "in March", MID_MARCH, ("2023-03-01", "2023-03-31")),
        ("this_week", "this week", MID_MARCH, ("2024-03-11", "2024-03-22")),
        ("last_week", "last week", MID_APRIL, ("2024-04-08", "2024-04-21")),
        ("this_month", "this month", MID_MARCH, ("2024-03-01", "2024-03-22")),
        ("last_year", "last year", MID_APRIL, ("2023-01-01", "2023-12-31")),
        ("late_last_year", "late last year", MID_MARCH, ("2023-09-01", "2023-12-31")),
        ("earlier_this_year", "earlier this year", MID_APRIL, ("2024-01-01", "2024-04-26")),
        ("last_summer", "last summer", MID_APRIL, ("2023-06-01", "2023-08-31")),
        (
            "last_summer",
            "last summer",
            DateRange(d("2024-10-02"), d("2024-10-02")),
            ("2024-06-01", "2024-08-31"),
        ),
        ("explicit_year", "since 2014", MID_MARCH, ("2014-01-01", "2014-12-31")),
        ("explicit_month", "a July 2023 coup", MID_MARCH, ("2023-07-01", "2023-07-31")),
        ("end_of_year", "at the end of 2023", MID_MARCH, ("2023-11-01", "2023-12-31")),
        ("about_a_month_before", "a month after", MID_APRIL, ("2024-03-08", "2024-04-02")),
        ("coming_months", "over the coming months", MID_APRIL, ("2024-04-15", "2024-10-26")),
        ("publication", "is keen", MID_MARCH, ("2024-03-16", "2024-03-22")),
    ],
)
def test_rule_resolves_expression(rule, expr, publication, expected):
    assert resolve_relative_date(rule, expr, publication) == DateRange(*map(d, expected))


def test_anchor_replaces_publication_as_reference():
    moscow = DateRange(d("2023-12-01"), d("2023-12-31"))
    assert resolve_relative_date("following_month", "the following month", MID_APRIL, moscow) == (
        DateRange(d("2024-01-01"), d("2024-01-31"))
    )
    saturday = DateRange(d("2024-03-16"), d("2024-03-16"))
    assert resolve_relative_date("this_week", "this week", MID_MARCH, saturday) == DateRange(
        d("2024-03-11"), d("2024-03-16")
    )
    assert resolve_relative_date("days_before", "a few days", MID_MARCH, saturday) == DateRange(
        d("2024-03-09"), d("2024-03-15")
    )


def test_after_runs_from_the_anchor_to_publication():
    coup = DateRange(d("2023-07-01"), d("2023-07-31"))
    assert resolve_relative_date("after", "after the coup", MID_MARCH, coup) == DateRange(
        d("2023-07-01"), d("2024-03-22")
    )


def test_an_age_in_years_spans_the_year_it_could_have_started():
    assert resolve_relative_date("years_before", "12-year-old", MID_APRIL, years=(12, 13)) == (
        DateRange(d("2011-04-15"), d("2012-04-26"))
    )


@pytest.mark.parametrize(
    ("rule", "expr", "kwargs", "message"),
    [
        ("explicit_year", "last year", {}, "no four-digit year"),
        ("named_month_before", "last week", {}, "no month name"),
        ("weekday_on_or_before", "recently", {}, "no weekday name"),
        ("following_month", "the following month", {}, "needs an anchor"),
        ("years_before", "12-year-old", {}, "needs the claim's value in years"),
        ("next_tuesday", "next Tuesday", {}, "unknown date rule"),
    ],
)
def test_rule_without_what_it_needs_raises(rule, expr, kwargs, message):
    with pytest.raises(DateRuleError, match=message):
        resolve_relative_date(rule, expr, MID_MARCH, **kwargs)


@pytest.mark.parametrize(
    ("low", "high", "precision", "shown"),
    [
        ("2024-03-16", "2024-03-16", "day", "16 Mar 2024"),
        ("2024-03-11", "2024-03-16", "week", "11–16 Mar 2024"),
        ("2023-07-01", "2023-07-31", "month", "Jul 2023"),
        ("2023-06-01", "2023-08-31", "season", "1 Jun – 31 Aug 2023"),
        ("2014-01-01", "2014-12-31", "year", "2014"),
        ("2011-04-15", "2012-04-26", "range", "15 Apr 2011 – 26 Apr 2012"),
    ],
)
def test_precision_and_display(low, high, precision, shown):
    span = DateRange(d(low), d(high))
    assert describe_precision(span) == precision
    assert format_range(span) == shown


def test_explanation_names_expression_result_and_reference():
    text = explain_resolution(
        "weekday_on_or_before",
        "on Saturday",
        DateRange(d("2024-03-16"), d("2024-03-16")),
        MID_MARCH,
        "the estimated publication",
    )
    assert text == (
        "'on Saturday' → 16 Mar 2024 (the latest such weekday on or before the estimated "
        "publication, 16–22 Mar 2024)"
    )
