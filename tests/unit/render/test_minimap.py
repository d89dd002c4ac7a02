"""lib/render/minimap.py: the story step's date strip and mini-map (SVG)."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest

from lib.analysis.briefing import frame_step_dates, list_story_steps
from lib.render.minimap import find_zoom_window, render_date_strip_svg, render_minimap_svg
from lib.render.style import EMPHASIS_COLOUR
from tests.helpers.markup import HOSTILE_NAME
from tests.helpers.packages import with_table

FIRST, LAST = date(2011, 4, 16), date(2024, 10, 26)
AXIS = (8.0, 592.0)  # each strip's line, from x1 to x2


def _steps(svg: str) -> list[tuple[float, float]]:
    """(x, width) of the step's mark in each strip: the context strip first, then the zoom."""
    found = re.findall(r'class="sb-strip-step" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    return [(float(x), float(w)) for x, w in found]


def _window(svg: str) -> tuple[float, float]:
    x, width = re.search(
        r'class="sb-strip-window" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg
    ).groups()
    return float(x), float(width)


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (date(2011, 4, 16), date(2014, 12, 31)),  # the first step, from the first day
        (date(2024, 4, 15), date(2024, 10, 26)),  # the last step, to the last day
        (date(2023, 7, 1), date(2023, 7, 31)),
        (date(2011, 4, 16), date(2024, 10, 26)),  # the whole span
    ],
)
def test_date_strip_marks_the_range_within_the_whole_story(low, high):
    svg = render_date_strip_svg(low, high, FIRST, LAST)
    x, width = _steps(svg)[0]
    assert AXIS[0] <= x and x + width <= AXIS[1] + 0.1
    share = ((high - low).days + 1) / ((LAST - FIRST).days + 1)
    assert width == pytest.approx(share * (AXIS[1] - AXIS[0]), abs=0.2)


def test_date_strip_zooms_into_a_short_step_and_boxes_the_zoom_on_the_whole_story():
    low, high = date(2024, 3, 15), date(2024, 3, 16)
    svg = render_date_strip_svg(low, high, FIRST, LAST)
    (_, context), (x, zoomed) = _steps(svg)
    zoom = find_zoom_window(low, high, FIRST, LAST)
    assert zoom[0] < low and high < zoom[1] and zoom[1] - zoom[0] < LAST - FIRST
    # Drawn to the zoom's own scale: a 3 px sliver on 2011–2024 is a bar in the zoom.
    share = ((high - low).days + 1) / ((zoom[1] - zoom[0]).days + 1)
    assert zoomed == pytest.approx(share * (AXIS[1] - AXIS[0]), abs=0.2)
    assert zoomed > 2 * context
    left, width = _window(svg)
    share = ((zoom[1] - zoom[0]).days + 1) / ((LAST - FIRST).days + 1)
    assert width == pytest.approx(share * (AXIS[1] - AXIS[0]), abs=0.5)
    start = (zoom[0] - FIRST).days / ((LAST - FIRST).days + 1)
    assert left == pytest.approx(AXIS[0] + start * (AXIS[1] - AXIS[0]), abs=0.5)
    assert "Zoomed: Dec 2023 – May 2024" in svg
    assert AXIS[0] < x < AXIS[1]


def test_date_strip_does_not_zoom_a_step_as_long_as_the_story():
    svg = render_date_strip_svg(FIRST, LAST, FIRST, LAST)
    assert len(_steps(svg)) == 1
    assert "sb-strip-window" not in svg and "Zoomed" not in svg


def test_date_strip_zoom_draws_the_other_steps_and_spaces_its_month_labels():
    low, high = date(2024, 3, 15), date(2024, 3, 16)
    others = [(date(2024, 3, 11), date(2024, 3, 15)), (date(2011, 4, 16), date(2014, 12, 31))]
    svg = render_date_strip_svg(low, high, FIRST, LAST, others)
    zoom_part = svg.split("Zoomed")[1]
    # The neighbour inside the zoom is drawn; the 2011 step, outside it, is not.
    assert zoom_part.count('fill="#777"') == 1
    ticks = [
        (float(x), label)
        for x, label in re.findall(
            r'<text x="([\d.]+)"[^>]*>([A-Z][a-z]{2}(?: \d{4})?)</text>', zoom_part
        )
    ]
    assert ticks[0][1] == "Jan 2024" and len(ticks) >= 4
    # 10-unit text is about 6 units per character: no two labels overlap.
    for (a, first), (b, second) in pairwise(ticks):
        assert b - a > 3 * (len(first) + len(second))


def test_date_strip_draws_a_one_day_range_at_least_3_px_wide():
    day = date(2024, 3, 16)
    svg = render_date_strip_svg(day, day, FIRST, LAST)
    for x, width in _steps(svg):
        assert width >= 3
        assert AXIS[0] <= x <= AXIS[1]
    assert 'aria-label="16 Mar 2024 within 2011–2024"' in svg


def _fills(svg: str) -> list[str]:
    return re.findall(r'<path d="[^"]*" fill="([^"]+)"', svg)


def test_minimap_fills_the_country_of_a_country_place(curated, boundaries):
    svg = render_minimap_svg(curated, boundaries, "ner")
    fills = _fills(svg)
    assert len(fills) == len(boundaries)
    assert [i for i, f in enumerate(fills) if f == EMPHASIS_COLOUR] == list(
        boundaries.index[boundaries["iso3"] == "NER"]
    )
    assert "<circle" not in svg and "sb-minimap-note" not in svg


def test_minimap_marks_a_town_with_a_dot_and_its_name(curated, boundaries):
    svg = render_minimap_svg(curated, boundaries, "agadez")
    assert svg.count("<circle") == 1
    assert re.search(r"<text [^>]*>Agadez</text>", svg)
    assert _fills(svg).count(EMPHASIS_COLOUR) == 1  # its country, through parent_id
    assert 'aria-label="Agadez"' in svg


def test_minimap_names_a_far_place_in_a_caption_not_at_a_false_position(curated, boundaries):
    svg = render_minimap_svg(curated, boundaries, "washington")
    assert "<circle" not in svg
    assert '<p class="sb-minimap-note">Washington, D.C. is outside this map.</p>' in svg
    assert EMPHASIS_COLOUR not in _fills(svg)


def test_minimap_escapes_the_place_name(curated, boundaries):
    places = curated["places"].copy()
    places.loc[places["place_id"] == "agadez", "name"] = HOSTILE_NAME
    places.loc[places["place_id"] == "washington", "name"] = HOSTILE_NAME
    hostile = with_table(curated, "places", places)
    for place_id in ("agadez", "washington"):
        svg = render_minimap_svg(hostile, boundaries, place_id)
        assert "<img" not in svg
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in svg


def test_date_strip_anchors_a_label_at_either_end_inwards():
    # Regression: "Jan 2024" one day into the zoom was centred on the frame and cut to "an 2024".
    svg = render_date_strip_svg(date(2024, 3, 15), date(2024, 3, 16), FIRST, LAST)
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="10" text-anchor="(\w+)"', svg)
    for x, anchor in labels:
        if float(x) < 3 * len("Jan 2024"):
            assert anchor == "start"
    assert any(anchor == "start" for _, anchor in labels)


def test_a_story_steps_strip_spans_the_whole_story_and_greys_every_step(three_sources):
    steps = list_story_steps(three_sources)
    event = steps.iloc[2]
    dates = frame_step_dates(steps, event)
    assert (dates.low, dates.high) == (event["date_low"], event["date_high"])
    assert (dates.first, dates.last) == (min(steps["date_low"]), max(steps["date_high"]))
    assert len(dates.others) == len(steps) and (dates.low, dates.high) in dates.others
    svg = render_date_strip_svg(*dates)
    assert f"within {dates.first.year}–{dates.last.year}" in svg
