"""bench/run.py: what a page, or a floor, must show before its load counts as drawn."""

from __future__ import annotations

import pytest

from bench.run import FLOOR_PATHS, LEAFLET_MARKER, PLOTLY_SVG, list_drawn_marks


def test_the_chart_floor_counts_as_drawn_only_once_its_chart_is():
    # Regression: the chart floor settled on its text alone, before plotly's script had loaded,
    # so it measured the bare floor again (1.03x) and a chart's cost hid in the pages' ratios.
    assert "chart_floor" in FLOOR_PATHS
    assert list_drawn_marks("chart_floor") == [PLOTLY_SVG]
    assert list_drawn_marks("floor") == []


@pytest.mark.parametrize(
    ("path", "marks"),
    [
        ("/timeline", [PLOTLY_SVG]),
        ("/troops", [PLOTLY_SVG]),
        ("/map", [LEAFLET_MARKER]),
        ("/", []),
        ("/discrepancies", []),
    ],
)
def test_pages_wait_for_their_chart_or_map(path, marks):
    assert list_drawn_marks(path) == marks
