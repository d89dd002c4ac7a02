"""lib/render/minimap.py: the story step's date strip and mini-map (SVG)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lib.render.minimap import render_date_strip_svg, render_minimap_svg
from lib.render.style import EMPHASIS_COLOUR
from tests.helpers import HOSTILE_NAME, with_table


def _rect(svg: str) -> tuple[float, float]:
    x, width = re.search(r'<rect x="([\d.]+)" y="10" width="([\d.]+)"', svg).groups()
    return float(x), float(width)


AXIS = (8.0, 592.0)  # the strip's line, from x1 to x2


@pytest.mark.parametrize(
    ("low", "high"),
    [
        (date(2011, 4, 16), date(2014, 12, 31)),  # the first step, from the first day
        (date(2024, 4, 15), date(2024, 10, 26)),  # the last step, to the last day
        (date(2023, 7, 1), date(2023, 7, 31)),
        (date(2011, 4, 16), date(2024, 10, 26)),  # the whole span
    ],
)
def test_date_strip_marks_the_range_within_the_axis(low, high):
    svg = render_date_strip_svg(low, high, date(2011, 4, 16), date(2024, 10, 26))
    x, width = _rect(svg)
    assert AXIS[0] <= x and x + width <= AXIS[1] + 0.1
    share = ((high - low).days + 1) / ((date(2024, 10, 26) - date(2011, 4, 16)).days + 1)
    assert width == pytest.approx(share * (AXIS[1] - AXIS[0]), abs=0.2)


def test_date_strip_draws_a_one_day_range_at_least_3_px_wide():
    day = date(2024, 3, 16)
    svg = render_date_strip_svg(day, day, date(2011, 4, 16), date(2024, 10, 26))
    x, width = _rect(svg)
    assert width >= 3
    assert AXIS[0] <= x <= AXIS[1]
    assert 'aria-label="16 Mar 2024 within 2011–2024"' in svg
    assert svg.count("<text") == 2024 - 2011  # one tick per new year inside the span


def _fills(svg: str) -> list[str]:
    return re.findall(r'<path d="[^"]*" fill="([^"]+)"', svg)


def test_minimap_fills_the_country_of_a_country_place(package, boundaries):
    svg = render_minimap_svg(package, boundaries, "ner")
    fills = _fills(svg)
    assert len(fills) == len(boundaries)
    assert [i for i, f in enumerate(fills) if f == EMPHASIS_COLOUR] == list(
        boundaries.index[boundaries["iso3"] == "NER"]
    )
    assert "<circle" not in svg and "sb-minimap-note" not in svg


def test_minimap_marks_a_town_with_a_dot_and_its_name(package, boundaries):
    svg = render_minimap_svg(package, boundaries, "agadez")
    assert svg.count("<circle") == 1
    assert re.search(r"<text [^>]*>Agadez</text>", svg)
    assert _fills(svg).count(EMPHASIS_COLOUR) == 1  # its country, through parent_id
    assert 'aria-label="Agadez"' in svg


def test_minimap_names_a_far_place_in_a_caption_not_at_a_false_position(package, boundaries):
    svg = render_minimap_svg(package, boundaries, "washington")
    assert "<circle" not in svg
    assert '<p class="sb-minimap-note">Washington, D.C. is outside this map.</p>' in svg
    assert EMPHASIS_COLOUR not in _fills(svg)


def test_minimap_escapes_the_place_name(package, boundaries):
    places = package["places"].copy()
    places.loc[places["place_id"] == "agadez", "name"] = HOSTILE_NAME
    places.loc[places["place_id"] == "washington", "name"] = HOSTILE_NAME
    hostile = with_table(package, "places", places)
    for place_id in ("agadez", "washington"):
        svg = render_minimap_svg(hostile, boundaries, place_id)
        assert "<img" not in svg
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in svg
