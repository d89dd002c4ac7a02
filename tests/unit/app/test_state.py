"""lib/app/state.py: what a table row, a matrix cell or a chart point selects (no server)."""

from __future__ import annotations

import pytest

from lib.analysis.coverage import build_coverage_table
from lib.app.state import pick_selected_claim, pick_selected_event, read_matrix_cell


def test_matrix_cell_maps_to_topic_and_source(curated):
    table = build_coverage_table(curated)
    assert read_matrix_cell(curated, [(0, "av1-004")], table) == ("us_forces_count", "av1-004")
    assert read_matrix_cell(curated, [[1, "cnn-000"]], table) == ("agreement_start", "cnn-000")
    assert read_matrix_cell(curated, [(0, "topic")], table) is None
    assert read_matrix_cell(curated, [(999, "cnn-000")], table) is None
    assert read_matrix_cell(curated, [], table) is None


@pytest.mark.parametrize(
    ("picked", "wanted", "expected"),
    [
        (None, None, (None, [])),
        (None, "c2", ("c2", [1])),  # first view: the URL's claim
        ([], "c2", (None, [])),  # the reader cleared the selection: the URL no longer wins
        ([0], "c2", ("c1", [0])),  # the table's pick wins over the URL
        ([7], None, (None, [])),  # a stale row from a longer table selects nothing
        (None, "c9", (None, [])),  # a claim filtered out of the table
    ],
)
def test_selection_prefers_the_table_then_the_link(picked, wanted, expected):
    assert pick_selected_claim(["c1", "c2", "c3"], picked, wanted) == expected


def test_picking_a_selection_point_returns_its_event():
    known = {"e-coup", "e-revocation"}
    assert pick_selected_event([{"customdata": "e-coup"}], known) == "e-coup"
    assert pick_selected_event([{"customdata": ["e-revocation"]}], known) == "e-revocation"
    assert pick_selected_event([{"customdata": None}, {"x": 1}], known) is None
    assert pick_selected_event([{"customdata": "e-unknown"}], known) is None
