"""Coverage and topic panels (no server), and the Troop counts and Discrepancies pages under
AppTest, on the real package and on a fixture with a third source (no code change needed)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.coverage import (
    SILENT,
    build_coverage_counts,
    build_coverage_table,
    list_single_source_topics,
    list_topic_panels,
)
from lib.app.state import read_matrix_cell
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.paths import DATA_DIR_ENV
from tests.helpers import APP, THREE_SOURCES_DATA

THIRD = "fx3-900"
THIRD_COLOUR = "#009E73"  # the third Okabe-Ito colour: a new source gets the next one


@pytest.fixture(scope="module")
def three():
    loaded, problems = load_and_validate(THREE_SOURCES_DATA)
    assert problems == []
    return loaded


def test_coverage_counts_every_claim_once(package):
    counts = build_coverage_counts(package)
    assert counts.to_numpy().sum() == len(package["claims"])
    assert list(counts.columns) == list(package["sources"]["source_id"])
    assert counts.at["base_201_history", "cnn-000"] == 0
    assert counts.at["us_forces_count", "cnn-000"] == 1


def test_coverage_table_marks_silence_and_counts_reporters(package):
    table = build_coverage_table(package).set_index("topic")
    assert table.at["Air Base 201 history", "cnn-000"] == SILENT
    assert table.at["Air Base 201 history", "reported by"] == "1 of 2"
    assert table.at["Start of the US presence", "cnn-000"] == "3 claims"
    assert table.at["US forces in Niger", "av1-004"] == "1 claim"


def test_panels_cover_the_disputed_topics_worst_first(package):
    panels = list_topic_panels(package)
    topics = [p["topic_id"] for p in panels]
    for wanted in (
        "us_forces_count",
        "agreement_start",
        "us_air_bases",
        "agreement_revoked",
        "russia_forces_niger",
        "wagner",
    ):
        assert wanted in topics
    assert {p["topic_id"] for p in panels if p["headline"] == "conflicts"} == {
        "agreement_start",
        "agreement_revoked",
    }
    assert topics.index("agreement_start") < topics.index("us_forces_count")
    troop = next(p for p in panels if p["topic_id"] == "us_forces_count")
    assert troop["headline"] == "different_scope"
    assert [r["claim_a"] for r in troop["relations"]] == ["c000-650"]


def test_every_shared_topic_has_a_panel_and_every_other_is_single_source(package):
    counts = build_coverage_counts(package)
    shared = {t for t, row in counts.iterrows() if (row > 0).sum() >= 2}
    assert {p["topic_id"] for p in list_topic_panels(package)} == shared
    single = list_single_source_topics(package)
    assert set(single["topic_id"]) | shared == {t for t, row in counts.iterrows() if row.sum()}
    assert single.set_index("topic_id").at["base_201_history", "only"] == "av1-004"


def test_matrix_cell_maps_to_topic_and_source(package):
    table = build_coverage_table(package)
    assert read_matrix_cell(package, [(0, "av1-004")], table) == ("us_forces_count", "av1-004")
    assert read_matrix_cell(package, [[1, "cnn-000"]], table) == ("agreement_start", "cnn-000")
    assert read_matrix_cell(package, [(0, "topic")], table) is None
    assert read_matrix_cell(package, [(999, "cnn-000")], table) is None
    assert read_matrix_cell(package, [], table) is None


def test_a_third_source_adds_a_column_and_new_panels(package, three):
    assert list(build_coverage_counts(three).columns) == ["cnn-000", "av1-004", THIRD]
    before = {p["topic_id"]: p for p in list_topic_panels(package)}
    after = {p["topic_id"]: p for p in list_topic_panels(three)}
    assert THIRD in after["us_forces_count"]["sources"]
    assert len(after["agreement_start"]["relations"]) > len(before["agreement_start"]["relations"])
    assert "russia_forces_niger" in after


# AppTest: the two pages, on the real package and on the three-source fixture.


def _open(monkeypatch, page: str, data_dir=None) -> AppTest:
    if data_dir is None:
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page(page)
    return at.run()


def _quality(at: AppTest) -> tuple:
    # Keyless in the element tree: find the summary and the report by their columns.
    tables = [d.value for d in at.dataframe]
    summary = next(t for t in tables if "curators' flags" in t.columns).set_index("source")
    report = next(t for t in tables if "found by" in t.columns)
    return summary, report


def _html(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_troop_page_shows_each_figure_and_why_they_differ(monkeypatch):
    at = _open(monkeypatch, "pages/troops.py")
    at.session_state["troops_twin"] = True  # the table twin, opened
    at.run()
    assert not at.exception
    assert at.title[0].value == "Troop counts"
    assert any(c.value.startswith("2 figure(s) from 2 source(s)") for c in at.caption)
    html = _html(at)
    assert 'data-claim="c000-650"' in html and 'data-claim="c004-1000"' in html
    assert "They count different things" in html
    assert "different scope" in html
    assert list(at.dataframe[0].value["claim_id"]) == ["c000-650", "c004-1000"]


def test_discrepancies_page_lists_panels_and_quality(monkeypatch):
    at = _open(monkeypatch, "pages/discrepancies.py")
    assert not at.exception
    assert any(c.value.startswith("17 of 17 topics") for c in at.caption)
    html = _html(at)
    assert "Start of the US presence" in html and "✕ conflicts" in html
    summary, report = _quality(at)
    assert summary.at["cnn-000", "computed"] == "7 misnamed country, 3 scraping debris"
    assert summary.at["av1-004", "computed"] == "2 scraping debris"
    assert at.selectbox(key="discrepancies_quality_source").value == "cnn-000"
    assert (report["found by"] == "computed + curator").sum() == 10
    assert "garbled text" in set(report["kind"])


def test_relation_filter_narrows_the_panels(monkeypatch):
    at = _open(monkeypatch, "pages/discrepancies.py")
    at.multiselect(key="discrepancies_relations").set_value(["conflicts"]).run()
    assert not at.exception
    assert any(c.value.startswith("2 of 17 topics") for c in at.caption)


def test_third_source_flows_through_both_pages_without_code_change(monkeypatch, three):
    troops = _open(monkeypatch, "pages/troops.py", THREE_SOURCES_DATA)
    assert not troops.exception
    assert any(c.value.startswith("3 figure(s) from 3 source(s)") for c in troops.caption)
    html = _html(troops)
    assert f"--sb-colour:{THIRD_COLOUR}" in html  # the new source's cards get the next colour
    assert html.count("They count different things") == 3  # every pair differs in scope
    disc = _open(monkeypatch, "pages/discrepancies.py", THREE_SOURCES_DATA)
    assert not disc.exception
    matrix = disc.dataframe(key="discrepancies_matrix").value
    assert THIRD in matrix.columns
    summary, _ = _quality(disc)
    assert summary.at[THIRD, "computed"] == "1 misnamed country"
    assert 'data-claim="c900-since2013"' in _html(disc)


def test_a_curated_relation_that_disagrees_with_the_computed_one_is_flagged(
    monkeypatch, package_copy
):
    header, rows = read_rows(package_copy / "relations.csv")
    row = next(r for r in rows if (r["claim_a"], r["claim_b"]) == ("c000-saturday", "c004-15march"))
    row["relation"] = "agrees"
    write_rows(package_copy / "relations.csv", header, rows)
    at = _open(monkeypatch, "pages/discrepancies.py", package_copy)
    assert not at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(
        "curated relation (agrees) differs from the computed one (conflicts)" in w
        and "The curator's reading is kept" in w
        for w in warnings
    )
    # The curator's explanation is still shown, not overwritten.
    assert any(row["explanation"][:30] in m.value.replace("\\", "") for m in at.markdown)
