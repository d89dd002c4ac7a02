"""Finding dates in an article: each expression found once, verbatim, read by its one rule."""

from datetime import date
from itertools import pairwise

import pandas as pd
import pytest

from lib.analysis.ingest.dates import DateMention, find_dates
from lib.analysis.ingest.entities import build_gazetteer, find_mentions
from lib.data.dates import RULES, DateRange

# A Wednesday, so weekday rows have a same-day case to get wrong.
WED = DateRange(date(2024, 8, 7), date(2024, 8, 7))
# No known places or actors: what the dateline gives is all there is.
EMPTY = (
    pd.DataFrame(columns=["place_id", "name", "kind", "aliases"]),
    pd.DataFrame(columns=["actor_id", "name", "kind", "aliases"]),
)
# An estimated publication: a week in mid-March.
MID_MARCH = DateRange(date(2024, 3, 16), date(2024, 3, 22))


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _found(text: str, publication: DateRange = WED) -> list[tuple]:
    return [(m.expr, m.rule, m.low, m.high) for m in find_dates(text, publication)]


# The table keeps one row to a case: formatted, each row would take eight lines.
@pytest.mark.parametrize(
    ("sentence", "publication", "expr", "rule", "low", "high"),
    [
        # Weekdays: the latest on or before publication, the day itself included.
        ("The council met on Monday.", WED, "Monday", "weekday_on_or_before", "2024-08-05", None),
        ("Talks resumed on Wednesday.", WED, "Wednesday", "weekday_on_or_before", "2024-08-07",
         None),
        ("Sunday's vote was delayed.", WED, "Sunday", "weekday_on_or_before", "2024-08-04", None),
        ("He spoke last Wednesday.", WED, "last Wednesday", "weekday_before", "2024-07-31", None),
        ("A reply is due next Monday.", WED, "next Monday", "weekday_after", "2024-08-12", None),
        ("They must answer by Friday.", WED, "by Friday", "weekday_after", "2024-08-09", None),
        ("The border was shut on Saturday.", MID_MARCH, "Saturday", "weekday_on_or_before",
         "2024-03-16", "2024-03-16"),
        # Day and month take the publication year, ahead of publication as well as before it.
        ("The convoy left on Aug. 5.", WED, "Aug. 5", "month_day_publication_year",
         "2024-08-05", None),
        ("A vote is planned for Sept. 15.", WED, "Sept. 15", "month_day_publication_year",
         "2024-09-15", None),
        ("A vote is planned for Sep. 15.", WED, "Sep. 15", "month_day_publication_year",
         "2024-09-15", None),
        ("Flights stopped on August 5.", WED, "August 5", "month_day_publication_year",
         "2024-08-05", None),
        ("Flights stopped on 5 August.", WED, "5 August", "month_day_publication_year",
         "2024-08-05", None),
        ("Elections follow on 15 September.", WED, "15 September", "month_day_publication_year",
         "2024-09-15", None),
        ("The deal was signed Aug 5th.", WED, "Aug 5th", "month_day_publication_year",
         "2024-08-05", None),
        ("It ended on the 5th of August.", WED, "5th of August", "month_day_publication_year",
         "2024-08-05", None),
        ("Envoys arrived Jan. 12.", WED, "Jan. 12", "month_day_publication_year",
         "2024-01-12", None),
        ("Envoys arrived Dec 2.", WED, "Dec 2", "month_day_publication_year", "2024-12-02", None),
        ("Envoys arrived on 3 March.", WED, "3 March", "month_day_publication_year",
         "2024-03-03", None),
        ("Envoys arrived on May 3.", WED, "May 3", "month_day_publication_year",
         "2024-05-03", None),
        # A printed year makes the day absolute; the longest span wins over the bare year.
        ("The order was dated August 5, 2024.", WED, "August 5, 2024", "explicit_day",
         "2024-08-05", None),
        ("The order was dated 5 August 2019.", WED, "5 August 2019", "explicit_day",
         "2019-08-05", None),
        ("The order was dated Aug. 5, 2021.", WED, "Aug. 5, 2021", "explicit_day",
         "2021-08-05", None),
        # A month alone lies in the past ...
        ("Soldiers moved in in July.", WED, "July", "named_month_before", "2024-07-01",
         "2024-07-31"),
        ("Soldiers moved in in September.", WED, "September", "named_month_before",
         "2023-09-01", "2023-09-30"),
        ("Ties have been cold since last July.", MID_MARCH, "since last July",
         "named_month_before", "2023-07-01", "2023-07-31"),
        ("Nothing moved last December.", MID_MARCH, "last December", "named_month_before",
         "2023-12-01", "2023-12-31"),
        ("A march through the capital in March was peaceful.", WED, "March",
         "named_month_before", "2024-03-01", "2024-03-31"),
        ("The talks stalled in May.", WED, "May", "named_month_before", "2024-05-01",
         "2024-05-31"),
        # ... unless a deadline points ahead.
        ("Troops are to leave by September.", WED, "by September", "named_month_ahead",
         "2024-09-01", "2024-09-30"),
        ("The mandate runs until August.", WED, "until August", "named_month_ahead",
         "2024-08-01", "2024-08-31"),
        ("Officials set a March deadline.", WED, "a March deadline", "named_month_ahead",
         "2025-03-01", "2025-03-31"),
        ("The base must close by the end of September.", WED, "by the end of September",
         "named_month_ahead", "2024-09-01", "2024-09-30"),
        ("The plan may slip to next July.", WED, "next July", "named_month_ahead",
         "2025-07-01", "2025-07-31"),
        # A month with its year, a year, a decade.
        ("The junta took power in July 2023.", WED, "July 2023", "explicit_month",
         "2023-07-01", "2023-07-31"),
        ("The plan dates from Sept. 2022.", WED, "Sept. 2022", "explicit_month", "2022-09-01",
         "2022-09-30"),
        ("The drone base opened in 2018.", WED, "2018", "explicit_year", "2018-01-01",
         "2018-12-31"),
        ("The pact has held since 2014.", WED, "since 2014", "explicit_year", "2014-01-01",
         "2014-12-31"),
        ("Since 2014, patrols have flown.", WED, "Since 2014", "explicit_year", "2014-01-01",
         "2014-12-31"),
        ("The 2019 elections were close.", WED, "2019", "explicit_year", "2019-01-01",
         "2019-12-31"),
        ("In 2019 troops were flown in.", WED, "2019", "explicit_year", "2019-01-01",
         "2019-12-31"),
        ("Aid was cut at the end of 2023.", WED, "end of 2023", "end_of_year", "2023-11-01",
         "2023-12-31"),
        ("Unrest grew in mid-2022.", WED, "mid-2022", "explicit_year", "2022-01-01",
         "2022-12-31"),
        ("Rebels were active in the 1990s.", WED, "1990s", "decade", "1990-01-01",
         "1999-12-31"),
        # Parts of a month narrow it, and only as far as the words say.
        ("Fighting flared in mid-July.", WED, "mid-July", "mid_month_before", "2024-07-11",
         "2024-07-20"),
        ("Fighting flared in early July.", WED, "early July", "early_month_before",
         "2024-07-01", "2024-07-10"),
        ("Fighting flared in late July.", WED, "late July", "late_month_before", "2024-07-21",
         "2024-07-31"),
        ("Fighting flared at the end of June.", WED, "end of June", "late_month_before",
         "2024-06-21", "2024-06-30"),
        ("Fighting flared in late July 2023.", WED, "late July 2023", "late_month",
         "2023-07-21", "2023-07-31"),
        # Words counted from publication.
        ("The mission ended this week.", WED, "this week", "this_week", "2024-08-05",
         "2024-08-07"),
        ("The mission ended last week.", WED, "last week", "last_week", "2024-07-29",
         "2024-08-04"),
        ("The mission ends next week.", WED, "next week", "next_week", "2024-08-12",
         "2024-08-18"),
        ("The mission ended this month.", WED, "this month", "this_month", "2024-08-01",
         "2024-08-07"),
        ("The mission ended earlier this month.", WED, "earlier this month", "this_month",
         "2024-08-01", "2024-08-07"),
        ("The mission ended last month.", WED, "last month", "last_month", "2024-07-01",
         "2024-07-31"),
        ("The mission ends next month.", WED, "next month", "next_month", "2024-09-01",
         "2024-09-30"),
        ("Pay is due at the end of the month.", WED, "end of the month", "end_of_month",
         "2024-08-21", "2024-08-31"),
        ("Pay is due by the end of the month.", WED, "by the end of the month",
         "rest_of_month", "2024-08-07", "2024-08-31"),
        ("The mission ended last year.", WED, "last year", "last_year", "2023-01-01",
         "2023-12-31"),
        ("The mission ended late last year.", WED, "late last year", "late_last_year",
         "2023-09-01", "2023-12-31"),
        ("The mission ended earlier this year.", WED, "earlier this year", "earlier_this_year",
         "2024-01-01", "2024-08-07"),
        ("The last troops go by the end of the year.", WED, "by the end of the year",
         "rest_of_year", "2024-08-07", "2024-12-31"),
        ("The last troops go by year-end.", WED, "by year-end", "rest_of_year", "2024-08-07",
         "2024-12-31"),
        ("The mission ended a year ago.", WED, "a year ago", "month_a_year_before",
         "2023-08-01", "2023-08-31"),
        ("The mission ended a few days ago.", WED, "a few days ago", "days_before",
         "2024-07-31", "2024-08-06"),
        ("The mission ended yesterday.", WED, "yesterday", "yesterday", "2024-08-06", None),
        ("The mission ends today.", WED, "today", "publication", "2024-08-07", None),
        ("Sanctions may follow over the coming months.", WED, "over the coming months",
         "coming_months", "2024-08-07", "2025-02-07"),
        # Datelines date the story itself.
        ("DAKAR, Aug 5 (Reuters) - Talks stalled.", WED, "Aug 5",
         "month_day_publication_year", "2024-08-05", None),
        ("NIAMEY, Niger, Aug. 5, 2024 (AFP) - Talks stalled.", WED, "Aug. 5, 2024",
         "explicit_day", "2024-08-05", None),
        ("NIAMEY, 5 August (Xinhua) -- Talks stalled.", WED, "5 August",
         "month_day_publication_year", "2024-08-05", None),
        # Unresolvable expressions are reported without a rule.
        ("Attacks have grown in recent years.", WED, "recent years", None, None, None),
        ("It has shifted over the past few years.", WED, "the past few years", None, None, None),
        ("The base opened two years ago.", WED, "two years ago", None, None, None),
        ("Elections are promised this September.", WED, "this September", None, None, None),
        ("The decree is dated Feb. 30.", WED, "Feb. 30", None, None, None),
        ("The base opened a week ago.", WED, "a week ago", None, None, None),
        ("Rebels struck the following month.", WED, "the following month", None, None, None),
        ("The envoy left two days later.", WED, "two days later", None, None, None),
        ("The council sat this morning.", WED, "this morning", "publication", "2024-08-07", None),
        ("The budget for FY2025 was cut on Monday.", WED, "Monday", "weekday_on_or_before",
         "2024-08-05", None),
        ("Ministers Resume Talks\nDAKAR, Aug 5 (Reuters) - No deal.", WED, "Aug 5",
         "month_day_publication_year", "2024-08-05", None),
        # Regression rows: facility numbers, figures and ages are not dates.
        ("Drones flew from Air Base 201 on Saturday.", WED, "Saturday", "weekday_on_or_before",
         "2024-08-03", None),
        ("Airbase 101 and the 101st squadron stayed on Monday.", WED, "Monday",
         "weekday_on_or_before", "2024-08-05", None),
        ("Some 650 troops and $110m left in July.", WED, "July", "named_month_before",
         "2024-07-01", "2024-07-31"),
        ("A 12-year-old was hurt on Monday.", WED, "Monday", "weekday_on_or_before",
         "2024-08-05", None),
        ("Over 2,000 troops and 1,000 contractors left in 2019.", WED, "2019", "explicit_year",
         "2019-01-01", "2019-12-31"),
        # Regression: "August 12 soldiers" is a month and a count, not the 12th.
        ("In August 12 soldiers were killed.", WED, "August", "named_month_before",
         "2023-08-01", "2023-08-31"),
        # Regression: "may" and "march" as words, and "May" as a name, are not months.
        ("Officials may leave in 2025.", WED, "2025", "explicit_year", "2025-01-01",
         "2025-12-31"),
        ("May officials leave before 2025?", WED, "2025", "explicit_year", "2025-01-01",
         "2025-12-31"),
        ("Theresa May's aides flew in on Monday.", WED, "Monday", "weekday_on_or_before",
         "2024-08-05", None),
        ("March organisers set off on Monday.", WED, "Monday", "weekday_on_or_before",
         "2024-08-05", None),
        ("USA Today reported it yesterday.", WED, "yesterday", "yesterday", "2024-08-06", None),
        ("Bloody Sunday was recalled last week.", WED, "last week", "last_week", "2024-07-29",
         "2024-08-04"),
    ],
)  # fmt: skip
def test_sentence_yields_exactly_its_one_date(sentence, publication, expr, rule, low, high):
    expected = (expr, rule, d(low), d(high or low))
    assert _found(sentence, publication) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may leave and protesters may march through Niamey.",
        "The unit left Air Base 201 and Airbase 101 with the 101st battalion.",
        "About 650 troops, 1,000 vehicles, 2,000 contractors and $110m were sent.",
        "Nearly 1900 troops and some 2000 soldiers are there.",
        "The 12-year-old and the 2000-strong force were counted.",
        "Curfew begins at 2000 GMT.",
        "UN Resolution 2019 was cited.",
        "NIAMEY, Niger (AP) — Protesters gathered outside the embassy.",
        "Good Friday services were held and Black Friday sales went ahead.",
        "He read USA Today and Africa Today.",
        "The years 1850 and 2150 fall outside the range.",
        "On Mondays the market closes.",
        # Durations with no count date nothing.
        "For years, and for decades, patrols ran; weeks after the vote, days later, they stopped.",
        "A March for peace crossed the city.",
    ],
)
def test_figures_names_and_verbs_are_not_dates(sentence):
    assert find_dates(sentence, WED) == []


ARTICLE = """DAKAR, Aug 5 (Reuters) - Niger's military rulers said on Saturday that the last
U.S. troops at Air Base 201 would be gone by September, ahead of a September deadline agreed
in May. The junta, which seized power in a July 2023 coup, has hosted Russian instructors since
early April. "We may march on," one officer said of the 650 troops and $110m in equipment.

Relations have been tense since last July. In 2018 the drone base opened; since 2014 the
agreement had allowed U.S. personnel in the country. A 12-year-old accord ended last week, and
Washington said it would reply next week or by the end of the month. Attacks have grown in
recent years, and officials expect elections on 15 September or by year-end. On Aug. 5, 2024,
a convoy left; mid-July saw protests, as did the 1990s.
"""


def test_each_mention_is_the_text_at_its_offsets():
    mentions = find_dates(ARTICLE, WED)
    assert mentions, "the article has dates to find"
    for mention in mentions:
        assert ARTICLE[mention.start : mention.end] == mention.expr


def test_mentions_are_sorted_and_never_overlap():
    mentions = find_dates(ARTICLE, WED)
    for before, after in pairwise(mentions):
        assert before.end <= after.start


def test_article_yields_its_dates_in_order_with_the_patterns_that_found_them():
    assert [(m.expr, m.rule, m.extracted_by) for m in find_dates(ARTICLE, WED)] == [
        ("Aug 5", "month_day_publication_year", "date.dateline"),
        ("Saturday", "weekday_on_or_before", "date.weekday"),
        ("by September", "named_month_ahead", "date.month"),
        ("a September deadline", "named_month_ahead", "date.month"),
        ("May", "named_month_before", "date.month"),
        ("July 2023", "explicit_month", "date.month_year"),
        ("since\nearly April", "early_month_before", "date.month_part"),
        ("since last July", "named_month_before", "date.month"),
        ("2018", "explicit_year", "date.year"),
        ("since 2014", "explicit_year", "date.year"),
        ("last week", "last_week", "date.relative"),
        ("next week", "next_week", "date.relative"),
        ("by the end of the month", "rest_of_month", "date.relative"),
        ("recent years", None, "date.vague"),
        ("15 September", "month_day_publication_year", "date.month_day"),
        ("by year-end", "rest_of_year", "date.relative"),
        ("Aug. 5, 2024", "explicit_day", "date.month_day"),
        ("mid-July", "mid_month_before", "date.month_part"),
        ("1990s", "decade", "date.decade"),
    ]


def test_every_rule_found_is_in_the_one_rule_table():
    assert {m.rule for m in find_dates(ARTICLE, WED)} - {None} <= RULES.keys()


def test_a_resolved_mention_carries_precision_and_the_readers_explanation():
    (mention,) = find_dates("Troops are to leave by September.", WED)
    assert mention == DateMention(
        start=20,
        end=32,
        expr="by September",
        rule="named_month_ahead",
        low=date(2024, 9, 1),
        high=date(2024, 9, 30),
        precision="month",
        basis=(
            "'by September' → Sep 2024 (the first such month on or after the month of "
            "publication, 7 Aug 2024)"
        ),
        extracted_by="date.month",
    )


def test_an_unresolvable_mention_says_why():
    (mention,) = find_dates("Attacks have grown in recent years.", WED)
    assert (mention.rule, mention.low, mention.high, mention.precision) == (None, None, None, None)
    assert mention.basis == "no rule can resolve 'recent years': it names no bounded span"


def test_an_uncertain_publication_widens_the_result():
    across_new_year = DateRange(date(2023, 12, 28), date(2024, 1, 3))
    assert _found("The envoy came on Jan. 2.", across_new_year) == [
        ("Jan. 2", "month_day_publication_year", date(2023, 1, 2), date(2024, 1, 2))
    ]


def test_offsets_count_code_points_after_wide_characters():
    text = "Le président 👩‍👩‍👧 a parlé — on Tuesday."
    (mention,) = find_dates(text, WED)
    assert text[mention.start : mention.end] == "Tuesday" == mention.expr


@pytest.mark.parametrize(
    ("sentence", "low"),
    [
        ("The Pentagon expects them to leave in September.", "2024-09-01"),
        ("Troops will go in September, officials said.", "2024-09-01"),
        ("It said it would leave in March.", "2024-03-01"),  # 'would': the past's future
        ("The junta seized power in July.", "2024-07-01"),
    ],
)
def test_a_bare_month_after_a_present_tense_future_cue_lies_ahead(sentence, low):
    (mention,) = find_dates(sentence, DateRange(date(2024, 8, 6), date(2024, 8, 6)))
    assert mention.low.isoformat() == low


# Regression: the date rules and the place rules read datelines with two patterns that disagreed
# (one wanted a date and any credit, the other a known wire and no date); there is one now.
@pytest.mark.parametrize(
    ("text", "city", "date_expr"),
    [
        ("DAKAR, Aug 5 (Reuters) - The base closed.", "DAKAR", "Aug 5"),
        ("LOME, Togo, Aug. 5, 2024 (AFP) - The port reopened.", "LOME", "Aug. 5, 2024"),
        ("Cotonou (AFP) - The port reopened.", "Cotonou", None),
        ("BAMAKO (VOA) — A wire no list names still datelines its story.", "BAMAKO", None),
    ],
)
def test_a_dateline_gives_its_city_to_the_places_and_its_date_to_the_dates(text, city, date_expr):
    places = [(m.surface, m.extracted_by) for m in find_mentions(text, build_gazetteer(*EMPTY))]
    dates = [m.expr for m in find_dates(text, WED) if m.extracted_by == "date.dateline"]
    assert places == [(city, "entity.dateline")]
    assert dates == ([date_expr] if date_expr else [])


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty International (AI) said on Aug 5 that the base closed.",
        "Benin Says (Updated) it will talk",
        "The talks, Aug 5 (Reuters) - stalled.",
    ],
)
def test_a_bracketed_name_is_no_dateline_without_a_dash_at_the_opening(text):
    assert [m for m in find_mentions(text, build_gazetteer(*EMPTY)) if m.kind == "place"] == []
    assert [m for m in find_dates(text, WED) if m.extracted_by == "date.dateline"] == []
