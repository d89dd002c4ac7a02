"""AppTest on the Troop counts and Discrepancies pages, on the real package and on a fixture with
a third source (no code change needed)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.data.rows import read_rows, write_rows
from lib.paths import DATA_DIR_ENV
from tests.helpers import APP, THIRD, THREE_SOURCES_DATA

THIRD_COLOUR = "#009E73"  # the third Okabe-Ito colour: a new source gets the next one


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
    # Neither text says why the figures differ: unresolved, with the curator's candidates.
    assert "They use different nouns" in html and "They count different things" not in html
    assert "? unresolved" in html and "different scope" not in html
    assert "Candidate explanations" in html
    assert (
        "They count different nouns, &#x27;U.S. troops&#x27; and &#x27;military personnel&#x27;"
        in html
    )
    assert list(at.dataframe[0].value["claim_id"]) == ["c000-650", "c004-1000"]


def test_discrepancies_page_lists_panels_and_quality(monkeypatch):
    at = _open(monkeypatch, "pages/discrepancies.py")
    assert not at.exception
    assert any(c.value.startswith("18 of 18 topics") for c in at.caption)
    html = _html(at)
    assert "? unresolved" in html and "Candidate explanations" in html
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
    assert any(c.value.startswith("2 of 18 topics") for c in at.caption)
    at.multiselect(key="discrepancies_relations").set_value(["unresolved"]).run()
    assert not at.exception
    # r04, r42, r46 and r47: the Russia–Niger ties, the troop figures, junta demands, relations
    assert any(c.value.startswith("4 of 18 topics") for c in at.caption)


def test_third_source_flows_through_both_pages_without_code_change(monkeypatch, three_sources):
    troops = _open(monkeypatch, "pages/troops.py", THREE_SOURCES_DATA)
    assert not troops.exception
    assert any(c.value.startswith("3 figure(s) from 3 source(s)") for c in troops.caption)
    html = _html(troops)
    assert f"--sb-colour:{THIRD_COLOUR}" in html  # the new source's cards get the next colour
    assert html.count("They use different nouns") == 3  # no pair's nouns match
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
    row["override_reason"] = "A test's reason: read as one act a day apart."
    write_rows(package_copy / "relations.csv", header, rows)
    at = _open(monkeypatch, "pages/discrepancies.py", package_copy)
    assert not at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any(
        "curated relation (agrees) differs from the computed one (conflicts)" in w
        and "The curator's reason: A test's reason: read as one act a day apart." in w
        for w in warnings
    )
    # The curator's explanation is still shown, not overwritten.
    assert any(row["explanation"][:30] in m.value.replace("\\", "") for m in at.markdown)
