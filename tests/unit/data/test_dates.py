"""Date rules: each expression resolves to the range its words allow, from its reference."""

from datetime import date

import pytest

from lib.data.dates import (
    DateRange,
    DateRuleError,
    YearSpan,
    describe_precision,
    explain_resolution,
    format_range,
    read_year_span,
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
    # Aged 12 on 15 Apr 2024 means begun after 15 Apr 2011 (not on it) and by 26 Apr 2012.
    age = YearSpan(12, 13, high_exclusive=True)
    assert resolve_relative_date("years_before", "12-year-old", MID_APRIL, years=age) == (
        DateRange(d("2011-04-16"), d("2012-04-26"))
    )


def test_a_duration_range_in_years_is_inclusive_and_keeps_fractions():
    # Regression: int() truncated 13.2 years to 13, dropping Feb-Apr 2011.
    about_12 = YearSpan(10.8, 13.2)
    assert resolve_relative_date("years_before", "about 12 years", MID_APRIL, years=about_12) == (
        DateRange(d("2011-02-15"), d("2013-06-26"))  # 158 and 130 whole months back
    )


@pytest.mark.parametrize(
    ("bound", "value", "low", "high", "expected"),
    [
        ("exact", 12.0, 12.0, 12.0, YearSpan(12, 13, True)),
        ("range", None, 9.0, 10.0, YearSpan(9, 10)),
        ("lower", 5.0, 5.0, None, None),
        (None, None, None, None, None),
    ],
)
def test_year_span_is_read_from_the_claims_figure(bound, value, low, high, expected):
    assert read_year_span(bound, value, low, high) == expected


@pytest.mark.parametrize(
    ("rule", "expr", "publication"),
    [
        ("day_month_on_or_before", "on 31 February", MID_MARCH),
        ("day_month_on_or_before", "on 29 February", DateRange(d("2023-03-01"), d("2023-03-05"))),
        ("weekday_on_or_before", "on Saturday", DateRange(d("0001-01-01"), d("0001-01-01"))),
    ],
)
def test_impossible_dates_raise_a_date_rule_error_not_a_value_error(rule, expr, publication):
    with pytest.raises(DateRuleError, match="cannot be resolved"):
        resolve_relative_date(rule, expr, publication)


def test_an_absurd_age_is_a_date_rule_error():
    with pytest.raises(DateRuleError, match="cannot be resolved"):
        resolve_relative_date(
            "years_before", "5000-year-old", MID_APRIL, years=YearSpan(5000, 5001)
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


# A Wednesday, so each weekday rule has a same-day case to get wrong.
WED_7_AUG = DateRange(d("2024-08-07"), d("2024-08-07"))


@pytest.mark.parametrize(
    ("rule", "expr", "publication", "expected"),
    [
        ("explicit_day", "Aug. 5, 2024", MID_MARCH, ("2024-08-05", "2024-08-05")),
        ("explicit_day", "5 August 2019", MID_MARCH, ("2019-08-05", "2019-08-05")),
        ("explicit_day", "Sept 30 2023", MID_MARCH, ("2023-09-30", "2023-09-30")),
        # The publication year holds even when the day lies after publication: a stated plan.
        ("month_day_publication_year", "Sept. 15", WED_7_AUG, ("2024-09-15", "2024-09-15")),
        ("month_day_publication_year", "Aug 5", WED_7_AUG, ("2024-08-05", "2024-08-05")),
        ("month_day_publication_year", "Aug. 5th", WED_7_AUG, ("2024-08-05", "2024-08-05")),
        ("month_day_publication_year", "5th of August", WED_7_AUG, ("2024-08-05", "2024-08-05")),
        ("month_day_publication_year", "15 Sept", WED_7_AUG, ("2024-09-15", "2024-09-15")),
        ("month_day_publication_year", "March 3", WED_7_AUG, ("2024-03-03", "2024-03-03")),
        # A publication range across New Year leaves the year open, and the range says so.
        (
            "month_day_publication_year",
            "Jan. 2",
            DateRange(d("2023-12-30"), d("2024-01-03")),
            ("2023-01-02", "2024-01-02"),
        ),
        ("weekday_on_or_before", "Wednesday", WED_7_AUG, ("2024-08-07", "2024-08-07")),
        ("weekday_before", "last Wednesday", WED_7_AUG, ("2024-07-31", "2024-07-31")),
        ("weekday_before", "last Tuesday", WED_7_AUG, ("2024-08-06", "2024-08-06")),
        ("weekday_after", "next Wednesday", WED_7_AUG, ("2024-08-14", "2024-08-14")),
        ("weekday_after", "by Friday", WED_7_AUG, ("2024-08-09", "2024-08-09")),
        ("named_month_ahead", "by September", WED_7_AUG, ("2024-09-01", "2024-09-30")),
        ("named_month_ahead", "until August", WED_7_AUG, ("2024-08-01", "2024-08-31")),
        ("named_month_ahead", "March deadline", WED_7_AUG, ("2025-03-01", "2025-03-31")),
        ("named_month_before", "in August", WED_7_AUG, ("2023-08-01", "2023-08-31")),
        ("early_month_before", "early July", WED_7_AUG, ("2024-07-01", "2024-07-10")),
        ("mid_month_before", "mid-July", WED_7_AUG, ("2024-07-11", "2024-07-20")),
        ("late_month_before", "late February", WED_7_AUG, ("2024-02-21", "2024-02-29")),
        ("late_month_before", "late September", WED_7_AUG, ("2023-09-21", "2023-09-30")),
        ("early_month", "early Sept. 2022", WED_7_AUG, ("2022-09-01", "2022-09-10")),
        ("mid_month", "mid-July 2023", WED_7_AUG, ("2023-07-11", "2023-07-20")),
        ("late_month", "late February 2023", WED_7_AUG, ("2023-02-21", "2023-02-28")),
        ("decade", "the 1990s", WED_7_AUG, ("1990-01-01", "1999-12-31")),
        ("yesterday", "yesterday", WED_7_AUG, ("2024-08-06", "2024-08-06")),
        ("next_week", "next week", WED_7_AUG, ("2024-08-12", "2024-08-18")),
        ("rest_of_week", "later this week", WED_7_AUG, ("2024-08-07", "2024-08-11")),
        ("last_month", "last month", WED_7_AUG, ("2024-07-01", "2024-07-31")),
        (
            "last_month",
            "last month",
            DateRange(d("2024-01-03"), d("2024-01-09")),
            ("2023-12-01", "2023-12-31"),
        ),
        ("next_month", "next month", WED_7_AUG, ("2024-09-01", "2024-09-30")),
        (
            "next_month",
            "next month",
            DateRange(d("2024-12-28"), d("2025-01-02")),
            ("2025-01-01", "2025-02-28"),
        ),
        ("rest_of_month", "by the end of the month", WED_7_AUG, ("2024-08-07", "2024-08-31")),
        ("end_of_month", "end of the month", WED_7_AUG, ("2024-08-21", "2024-08-31")),
        ("this_year", "this year", WED_7_AUG, ("2024-01-01", "2024-12-31")),
        ("next_year", "next year", WED_7_AUG, ("2025-01-01", "2025-12-31")),
        ("rest_of_year", "by year-end", WED_7_AUG, ("2024-08-07", "2024-12-31")),
        ("end_of_this_year", "end of the year", WED_7_AUG, ("2024-11-01", "2024-12-31")),
        ("month_a_year_before", "a year ago", WED_7_AUG, ("2023-08-01", "2023-08-31")),
        # A February 2024 publication reaches back to a February with no 29th.
        (
            "month_a_year_before",
            "a year ago",
            DateRange(d("2024-02-29"), d("2024-03-02")),
            ("2023-02-01", "2023-03-31"),
        ),
    ],
)
def test_new_rule_resolves_expression(rule, expr, publication, expected):
    assert resolve_relative_date(rule, expr, publication) == DateRange(*map(d, expected))


@pytest.mark.parametrize(
    ("rule", "expr", "message"),
    [
        ("month_day_publication_year", "in August", "no day and month"),
        ("explicit_day", "Aug. 5", "no four-digit year"),
        ("decade", "for decades", "no decade"),
        ("month_day_publication_year", "Feb. 30", "cannot be resolved"),
        ("explicit_day", "Feb. 29, 2023", "cannot be resolved"),
    ],
)
def test_new_rule_without_a_date_it_can_read_raises(rule, expr, message):
    with pytest.raises(DateRuleError, match=message):
        resolve_relative_date(rule, expr, WED_7_AUG)


def test_month_rules_read_wire_abbreviations_as_their_month():
    # Regression guard: "Sept" must not stop at "Sep" and "Mar." must not need "March".
    assert resolve_relative_date("explicit_month", "Sept. 2023", WED_7_AUG) == DateRange(
        d("2023-09-01"), d("2023-09-30")
    )
    assert resolve_relative_date("day_month_on_or_before", "on 4 Mar", WED_7_AUG) == DateRange(
        d("2024-03-04"), d("2024-03-04")
    )


def test_explanation_of_a_new_rule_uses_its_description():
    span = resolve_relative_date("named_month_ahead", "by September", WED_7_AUG)
    assert explain_resolution(
        "named_month_ahead", "by September", span, WED_7_AUG, "publication"
    ) == (
        "'by September' → Sep 2024 (the first such month on or after the month of publication, "
        "7 Aug 2024)"
    )
