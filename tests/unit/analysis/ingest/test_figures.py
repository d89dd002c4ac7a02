"""lib/analysis/ingest/figures.py: every figure in an article's text, with its hedge, bound,
interval, unit and what it counts; and the numbers that are not figures."""

from __future__ import annotations

from itertools import pairwise

import pytest

from lib.analysis.ingest.figures import HEDGE_BOUNDS, describe_figure_rules, find_figures
from lib.data.cells import is_present
from lib.data.intervals import STRICT_HEDGES

# sentence → (phrase, hedge, bound, value, value_low, value_high, unit, unit_scope)
FIGURES = [
    # approx: N ± 10 %
    (
        "Officials said about 650 U.S. troops would leave the base.",
        ("about 650 U.S. troops", "about", "approx", 650, 585, 715, "people", "U.S. troops"),
    ),
    (
        "The ministry put the garrison at some 1,200 soldiers.",
        ("some 1,200 soldiers", "some", "approx", 1200, 1080, 1320, "people", "soldiers"),
    ),
    (
        "Around 400 Nigerien soldiers guard the border post.",
        (
            "Around 400 Nigerien soldiers",
            "Around",
            "approx",
            400,
            360,
            440,
            "people",
            "Nigerien soldiers",
        ),
    ),
    (
        "The convoy carried roughly 30 tonnes of food.",
        ("roughly 30 tonnes", "roughly", "approx", 30, 27, 33, "tonnes", "tonnes"),
    ),
    (
        "The camp shelters approximately 8,000 refugees.",
        (
            "approximately 8,000 refugees",
            "approximately",
            "approx",
            8000,
            7200,
            8800,
            "people",
            "refugees",
        ),
    ),
    (
        "An estimated 2 million people need food aid.",
        (
            "An estimated 2 million people",
            "An estimated",
            "approx",
            2e6,
            1.8e6,
            2.2e6,
            "people",
            "people",
        ),
    ),
    (
        "The army lost close to 300 vehicles in the offensive.",
        ("close to 300 vehicles", "close to", "approx", 300, 270, 330, "vehicles", "vehicles"),
    ),
    # lower: "more than"/"over" are strict (N + 1 for counts), the rest inclusive
    (
        "The US will pull more than 1,000 military personnel out of the country.",
        (
            "more than 1,000 military personnel",
            "more than",
            "lower",
            1000,
            1001,
            None,
            "people",
            "military personnel",
        ),
    ),
    (
        "Over 20 drones were based at the airfield.",
        ("Over 20 drones", "Over", "lower", 20, 21, None, "drones", "drones"),
    ),
    (
        "At least 12 civilians died in the attack, a local official said.",
        ("At least 12 civilians", "At least", "lower", 12, 12, None, "people", "civilians"),
    ),
    (
        "The mission now counts a little over 1,000 peacekeepers.",
        (
            "a little over 1,000 peacekeepers",
            "a little over",
            "lower",
            1000,
            1001,  # strict, as STRICT_HEDGES reads it: a little over 1,000 excludes 1,000
            None,
            "people",
            "peacekeepers",
        ),
    ),
    (
        "Upwards of 300 families fled the village.",
        ("Upwards of 300 families", "Upwards of", "lower", 300, 301, None, "families", "families"),
    ),
    (
        "Repairs will cost in excess of 40 million dollars.",
        ("in excess of 40 million dollars", "in excess of", "lower", 4e7, 4e7, None, "USD", ""),
    ),
    (
        "No fewer than 15 ministers attended.",
        (
            "No fewer than 15 ministers",
            "No fewer than",
            "lower",
            15,
            15,
            None,
            "ministers",
            "ministers",
        ),
    ),
    # upper: "fewer than"/"less than"/"under" are strict, the rest inclusive
    (
        "Niger has hosted the drone hub for nearly 1,000 days.",
        ("nearly 1,000 days", "nearly", "upper", 1000, None, 1000, "days", "days"),
    ),
    (
        "Almost 90 percent of the budget goes to defence.",
        ("Almost 90 percent", "Almost", "upper", 90, None, 90, "percent", "budget"),
    ),
    (
        "The airlift can move up to 1,500 troops a week.",
        ("up to 1,500 troops", "up to", "upper", 1500, None, 1500, "people", "troops"),
    ),
    (
        "Fewer than 20 advisers stayed behind.",
        ("Fewer than 20 advisers", "Fewer than", "upper", 20, None, 19, "people", "advisers"),
    ),
    (
        "The junta kept less than 50 aircraft flying.",
        ("less than 50 aircraft", "less than", "upper", 50, None, 49, "aircraft", "aircraft"),
    ),
    (
        "Under 40 journalists were accredited.",
        ("Under 40 journalists", "Under", "upper", 40, None, 39, "journalists", "journalists"),
    ),
    (
        "The base can hold at most 800 personnel.",
        ("at most 800 personnel", "at most", "upper", 800, None, 800, "people", "personnel"),
    ),
    (
        "The road runs just under 200 km to the border.",
        ("just under 200 km", "just under", "upper", 200, None, 200, "km", "km"),
    ),
    (
        "As many as 300 fighters joined the assault.",
        ("As many as 300 fighters", "As many as", "upper", 300, None, 300, "people", "fighters"),
    ),
    (
        "The deal allows no more than 10 foreign instructors.",
        (
            "no more than 10 foreign instructors",
            "no more than",
            "upper",
            10,
            None,
            10,
            "people",
            "foreign instructors",
        ),
    ),
    # no hedge: exact
    (
        "The withdrawal involves 650 American service members.",
        (
            "650 American service members",
            "",
            "exact",
            650,
            650,
            650,
            "people",
            "American service members",
        ),
    ),
    (
        "In the north, 2000 troops were redeployed.",
        ("2000 troops", "", "exact", 2000, 2000, 2000, "people", "troops"),
    ),
    (
        "The toll stood at 1.5 million displaced people.",
        (
            "1.5 million displaced people",
            "",
            "exact",
            1.5e6,
            1.5e6,
            1.5e6,
            "people",
            "displaced people",
        ),
    ),
    (
        "Exports fell to 2.3bn barrels.",
        ("2.3bn barrels", "", "exact", 2.3e9, 2.3e9, 2.3e9, "barrels", "barrels"),
    ),
    (
        "The 100-odd soldiers at the second base will go too.",
        ("100-odd soldiers", "-odd", "approx", 100, 90, 110, "people", "soldiers"),
    ),
    (
        "Wagner kept 1,000 or so men in the country.",
        ("1,000 or so men", "or so", "approx", 1000, 900, 1100, "people", "men"),
    ),
    (
        "A 1,000-plus convoy crossed into Mali.",
        ("1,000-plus", "-plus", "lower", 1000, 1000, None, "", ""),
    ),
    # ages: rounded, so about N (as data/claims.csv curates c004-12yr)
    (
        "Niamey tore up the 12-year-old agreement.",
        ("12-year-old", "", "approx", 12, 10.8, 13.2, "years", "agreement"),
    ),
    (
        "The pilot flew a three-day mission.",
        ("three-day", "", "exact", 3, 3, 3, "days", "mission"),
    ),
    (
        "A 5,000-strong force will replace them.",
        ("5,000-strong force", "", "exact", 5000, 5000, 5000, "force", "force"),
    ),
    # number words
    (
        "The region is split into more than six countries.",
        ("more than six countries", "more than", "lower", 6, 7, None, "countries", "countries"),
    ),
    (
        "Twenty-five soldiers were wounded.",
        ("Twenty-five soldiers", "", "exact", 25, 25, 25, "people", "soldiers"),
    ),
    (
        "A dozen Reaper drones flew from the base.",
        ("A dozen Reaper drones", "", "exact", 12, 12, 12, "drones", "Reaper drones"),
    ),
    (
        "Two dozen contractors left on Friday.",
        ("Two dozen contractors", "", "exact", 24, 24, 24, "people", "contractors"),
    ),
    (
        "Three hundred students marched.",
        ("Three hundred students", "", "exact", 300, 300, 300, "students", "students"),
    ),
    (
        "The hub has run for nearly a decade.",
        ("nearly a decade", "nearly", "upper", 10, None, 10, "years", ""),
    ),
    (
        "The lease runs for one year.",
        ("one year", "", "exact", 1, 1, 1, "year", "year"),
    ),
    (
        "A million people crossed the border.",
        ("A million people", "", "exact", 1e6, 1e6, 1e6, "people", "people"),
    ),
    (
        "More than a dozen villages were burned.",
        ("More than a dozen villages", "More than", "lower", 12, 13, None, "villages", "villages"),
    ),
    # vague plurals and "a few"
    (
        "Dozens of civilians were detained.",
        ("Dozens of civilians", "Dozens", "lower", 24, 24, None, "people", "civilians"),
    ),
    (
        "Hundreds of people queued for water.",
        ("Hundreds of people", "Hundreds", "lower", 200, 200, None, "people", "people"),
    ),
    (
        "Thousands of protesters filled the square.",
        (
            "Thousands of protesters",
            "Thousands",
            "lower",
            2000,
            2000,
            None,
            "people",
            "protesters",
        ),
    ),
    (
        "Tens of thousands of herders have moved south.",
        (
            "Tens of thousands of herders",
            "Tens of thousands",
            "lower",
            20000,
            20000,
            None,
            "herders",
            "herders",
        ),
    ),
    (
        "A few hundred troops remain.",
        ("A few hundred troops", "A few", "range", None, 200, 999, "people", "troops"),
    ),
    (
        "Several thousand migrants wait in Agadez.",
        ("Several thousand migrants", "Several", "range", None, 2000, 9999, "people", "migrants"),
    ),
    (
        "Hundreds of them fled into the bush.",
        ("Hundreds", "Hundreds", "lower", 200, 200, None, "", ""),
    ),
    # money, in whole units
    (
        "The airfield was built at a cost of $110m.",
        ("$110m", "", "exact", 1.1e8, 1.1e8, 1.1e8, "USD", ""),
    ),
    (
        "Washington spent $100 million on the runway.",
        ("$100 million", "", "exact", 1e8, 1e8, 1e8, "USD", ""),
    ),
    (
        "The contract was worth US$110 million.",
        ("US$110 million", "", "exact", 1.1e8, 1.1e8, 1.1e8, "USD", ""),
    ),
    (
        "It had cost 110 million dollars to build.",
        ("110 million dollars", "", "exact", 1.1e8, 1.1e8, 1.1e8, "USD", ""),
    ),
    (
        "Brussels pledged €50m in humanitarian aid.",
        ("€50m", "", "exact", 5e7, 5e7, 5e7, "EUR", "humanitarian aid"),
    ),
    (
        "Congress approved more than $100 million in security assistance.",
        (
            "more than $100 million",
            "more than",
            "lower",
            1e8,
            1e8 + 1,
            None,
            "USD",
            "security assistance",
        ),
    ),
    (
        "The state budget includes 50 billion CFA francs for the army.",
        ("50 billion CFA francs", "", "exact", 5e10, 5e10, 5e10, "XOF", ""),
    ),
    (
        "The fund holds $2.3bn.",
        ("$2.3bn", "", "exact", 2.3e9, 2.3e9, 2.3e9, "USD", ""),
    ),
    # percent: a measure, so "more than" does not add one
    (
        "Prices rose 10% in a month.",
        ("10%", "", "exact", 10, 10, 10, "percent", ""),
    ),
    (
        "Turnout was 10 percent lower.",
        ("10 percent", "", "exact", 10, 10, 10, "percent", ""),
    ),
    (
        "Aid covers more than 10 per cent of the population.",
        ("more than 10 per cent", "more than", "lower", 10, 10, None, "percent", "population"),
    ),
    # ranges: the two printed ends
    (
        "The contingent numbers between 800 and 1,000 troops.",
        ("between 800 and 1,000 troops", "between", "range", None, 800, 1000, "people", "troops"),
    ),
    (
        "Officials estimate 800 to 1,000 fighters are in the area.",
        ("800 to 1,000 fighters", "", "range", None, 800, 1000, "people", "fighters"),
    ),
    (
        "The brigade has 1,000-1,100 men.",
        ("1,000-1,100 men", "", "range", None, 1000, 1100, "people", "men"),
    ),
    (
        "The brigade has 1,000–1,100 men.",
        ("1,000–1,100 men", "", "range", None, 1000, 1100, "people", "men"),
    ),
    (
        "The drought hit 2 to 3 million people.",
        ("2 to 3 million people", "", "range", None, 2e6, 3e6, "people", "people"),
    ),
    (
        "Each drone costs $1m-$2m.",
        ("$1m-$2m", "", "range", None, 1e6, 2e6, "USD", ""),
    ),
    (
        "Rates rose 10-15% this year.",
        ("10-15%", "", "range", None, 10, 15, "percent", ""),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIGURES, ids=[row[1][0] for row in FIGURES])
def test_find_figures_reads_phrase_hedge_bound_interval_and_unit(text, expected):
    figures = find_figures(text)
    assert len(figures) == 1, [f.phrase for f in figures]
    figure = figures[0]
    phrase, hedge, bound, value, low, high, unit, scope = expected
    assert (figure.phrase, figure.hedge, figure.bound) == (phrase, hedge, bound)
    assert figure.value == (None if value is None else pytest.approx(value))
    assert figure.value_low == (None if low is None else pytest.approx(low))
    assert figure.value_high == (None if high is None else pytest.approx(high))
    assert (figure.unit, figure.unit_scope) == (unit, scope)
    assert text[figure.start : figure.end] == figure.phrase


NOT_FIGURES = [
    "The drones flew from Air Base 201 near Agadez.",
    "Airbase 101 sits beside the airport in Niamey.",
    "The facility, known as Base 201, cost a fortune.",
    "Soldiers of the 101st Airborne trained there.",
    "The US kept Air Base 101 open for years.",
    "The base opened in 2018.",
    "Relations have soured since 2011.",
    "The 2019 strikes in Libya were launched from Agadez.",
    "The 2024 budget was never published.",
    "The coup happened on Aug. 5.",
    "The junta spoke on 5 August.",
    "The talks resume Sept. 15.",
    "The vote closes at 10 a.m. local time.",
    "The flight leaves at 10:30.",
    "It was the second visit, and the third, since the 21st summit.",
    "A two-star general and a four-star admiral flew in.",
    "It is one of the main drone bases in Africa.",
    "One official said the talks had failed.",
    "G7 leaders discussed Covid-19 and the F-16 sale.",
    "An MQ-9 Reaper crashed near the border.",
    "For details call +227 20 72 26 61 or (202) 555-0123.",
    "Niger was No. 2 on the list.",
    "They met once, and a delegation left.",
    "The ambassador left two years ago.",
    "The president, aged 64, was detained.",
    "The home side won 3-1.",
    "Elections were due between 2025 and 2027.",
    "The 2018-19 season ran late.",
    "Two of them declined to comment.",
    "Two senior officials told reporters the talks had stalled.",
    # Regression: the tail of a dash chain was read as a figure once "13-0" was no range.
    "Resolution 2719 passed 13-0-2 in the council.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_find_figures_skips_numbers_that_are_not_figures(text):
    assert [f.phrase for f in find_figures(text)] == []


@pytest.mark.parametrize(
    "text",
    ["Casualties reached 45, the ministry said.", "Bazoum, 64, is held.", "Updated 11.42 BST"],
)
def test_a_bare_number_with_no_unit_or_hedge_is_not_proposed(text):
    # A trade-off for precision: "reached 45" loses its figure; a reviewer can add it by hand.
    assert find_figures(text) == []


def test_from_a_to_b_is_a_change_between_two_figures_not_a_range():
    figures = find_figures("The garrison grew from 800 to 1,000 troops.")
    assert [(f.phrase, f.bound, f.value) for f in figures] == [
        ("800", "exact", 800),  # it takes the unit of the figure it runs to
        ("1,000 troops", "exact", 1000),
    ]


def test_hedge_split_across_a_line_break_is_stored_with_one_space_and_stays_strict():
    text = "The US will withdraw more\nthan 1,000 military personnel."
    (figure,) = find_figures(text)
    assert (figure.hedge, figure.value_low) == ("more than", 1001)
    assert text[figure.start : figure.end] == figure.phrase == "more\nthan 1,000 military personnel"


def test_figures_in_a_paragraph_are_sorted_non_overlapping_and_at_their_offsets():
    text = (
        "The Pentagon said about 650 U.S. troops and more than 1,000 military personnel in all "
        "would leave Air Base 201, opened in 2018 at a cost of $110m. Thousands of protesters "
        "marched on 13 April; one official said fewer than 20 advisers would stay."
    )
    figures = find_figures(text)
    assert [f.phrase for f in figures] == [
        "about 650 U.S. troops",
        "more than 1,000 military personnel",
        "$110m",
        "Thousands of protesters",
        "fewer than 20 advisers",
    ]
    assert all(text[f.start : f.end] == f.phrase for f in figures)
    assert all(a.end <= b.start for a, b in pairwise(figures))


def test_extracted_by_names_the_rule_that_matched():
    text = "about 650 troops, $110m, 10%, six drones, dozens of people, 800 to 1,000 men, 45 men"
    assert [f.extracted_by for f in find_figures(text)] == [
        "figure.hedge_approx",
        "figure.money",
        "figure.percent",
        "figure.number_word",
        "figure.vague",
        "figure.range",
        "figure.exact",
    ]


def test_every_curated_figure_is_found_in_its_quote_with_the_same_interval(curated):
    claims = curated["claims"]
    curated = claims[claims["bound"].map(is_present)]
    assert len(curated) >= 5
    for row in curated.itertuples():
        found = {
            (f.bound, f.hedge, f.value, f.value_low, f.value_high) for f in find_figures(row.quote)
        }

        def read(cell):
            return float(cell) if is_present(cell) else None

        want = (row.bound, row.hedge if is_present(row.hedge) else "", read(row.value))
        assert any(
            (bound, hedge, value) == want
            and low == pytest.approx(read(row.value_low))
            and high == pytest.approx(read(row.value_high))
            for bound, hedge, value, low, high in found
        ), (row.claim_id, found)


def test_describe_figure_rules_lists_every_hedge_under_its_strictness():
    rules = describe_figure_rules()
    text = "\n".join(rules)
    for hedge in HEDGE_BOUNDS:
        if hedge != "between":
            assert f"“{hedge}”" in text
    strict_line = next(line for line in rules if line.startswith("At least N + 1"))
    assert "“more than”" in strict_line and "“at least”" not in strict_line
    assert all(h in STRICT_HEDGES for h in ("more than", "over", "fewer than", "less than"))


def test_a_five_thousand_word_article_yields_every_figure_in_it():
    # Its time is measured by bench/ingest.py, never asserted here.
    sentence = (
        "On Aug. 5 officials said about 650 U.S. troops, more than 1,000 military personnel and "
        "thousands of protesters had gathered near Air Base 201, built in 2018 for $110m. "
    )
    text = sentence * (5000 // len(sentence.split()) + 1)
    figures = find_figures(text)
    assert len(figures) == 4 * (5000 // len(sentence.split()) + 1)
