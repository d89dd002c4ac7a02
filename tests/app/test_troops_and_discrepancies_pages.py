"""AppTest on the Troop counts and Discrepancies pages, on the curated snapshot and on a fixture
with a third source (no code change needed)."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis import coverage
from lib.analysis.coverage import list_topic_panels
from lib.app import panels as app_panels
from lib.data.rows import read_rows, write_rows
from lib.paths import DATA_DIR_ENV
from lib.render.cards import label_topic_panel
from lib.render.text import escape_markdown
from tests.helpers.app import APP, list_infos, open_app, read_param
from tests.helpers.packages import AV1, CURATED_DATA, THIRD, THREE_SOURCES_DATA

THIRD_COLOUR = "#009E73"  # the third Okabe-Ito colour: a new source gets the next one


def _open(monkeypatch, page: str, data_dir=CURATED_DATA) -> AppTest:
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
    # Both texts give no date for their count: the page says when each was reported, and says
    # that neither text dates its figure, in the reasons, the row labels and the table twin.
    assert "Reported on different dates" in html  # its colon is escaped for markdown
    assert "16–22 Mar 2024 vs 8–22 Apr 2024, about 23 days apart" in html
    assert "neither text says when its figure was true" in html
    assert list(at.dataframe[0].value["date"]) == [
        "reported 16–22 Mar 2024",
        "reported 8–22 Apr 2024",
    ]


def test_discrepancies_page_lists_panels_and_quality(monkeypatch):
    at = _open(monkeypatch, "pages/discrepancies.py")
    assert not at.exception
    assert any(c.value.startswith("18 of 18 topics") for c in at.caption)
    html = _html(at)
    assert "? unresolved" in html and "Candidate explanations" in html
    assert "✕ conflicts" in html
    assert any("Start of the US presence" in e.label for e in at.expander)  # a panel's summary
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
    monkeypatch, curated_copy
):
    header, rows = read_rows(curated_copy / "relations.csv")
    row = next(r for r in rows if (r["claim_a"], r["claim_b"]) == ("c000-saturday", "c004-15march"))
    row["relation"] = "agrees"
    row["override_reason"] = "A test's reason: read as one act a day apart."
    write_rows(curated_copy / "relations.csv", header, rows)
    at = _open(monkeypatch, "pages/discrepancies.py", curated_copy)
    assert not at.exception
    lines = [m.value for m in at.markdown if 'class="sb-relation"' in m.value]
    assert any(
        "curated relation (agrees) differs from the computed one (conflicts)" in line
        and "The curator's reason: A test's reason: read as one act a day apart." in line
        for line in lines
    )
    # The curator's explanation is still shown, not overwritten.
    assert any(row["explanation"][:30] in m.value.replace("\\", "") for m in at.markdown)


# --- Discrepancies: finding a topic, collapsing panels, the matrix's cell in the URL ---------

TOPIC_KEY, PAGE_KEY, MATRIX_KEY = (
    "discrepancies_topic",
    "discrepancies_panel_page",
    "discrepancies_matrix",
)


def _topic_expanders(at: AppTest, panels: list[dict]) -> dict[str, bool]:
    # Each panel's expander, by topic id, with whether it is open.
    by_label = {label_topic_panel(p): p["topic_id"] for p in panels}
    return {
        by_label[e.label.replace("\\", "")]: e.proto.expanded
        for e in at.expander
        if e.label.replace("\\", "") in by_label
    }


def test_topic_panels_collapse_to_a_summary_line(monkeypatch, curated):
    # Regression: every panel was an open container, so the page was one long scroll.
    panels = list_topic_panels(curated)
    at = open_app(monkeypatch, "pages/discrepancies.py")
    assert not at.exception
    shown = _topic_expanders(at, panels)
    assert list(shown) == [p["topic_id"] for p in panels]  # worst first, one each
    assert not any(shown.values())
    assert at.selectbox(key=TOPIC_KEY).value is None
    assert set(at.selectbox(key=TOPIC_KEY).options) == {label_topic_panel(p) for p in panels}


def test_topic_link_opens_its_panel_on_a_later_pager_page(monkeypatch, curated):
    # Regression: no jump list and no ?topic=; a topic past the first pager page was reachable
    # only by paging. With five panels a page, the last topic is on page 4.
    monkeypatch.setattr(coverage, "PANELS_PER_PAGE", 5)
    panels = list_topic_panels(curated)
    last = panels[-1]["topic_id"]
    at = open_app(monkeypatch, "pages/discrepancies.py", topic=last)
    assert not at.exception and not at.info
    pages = -(-len(panels) // 5)
    assert at.number_input(key=PAGE_KEY).value == pages > 1
    assert at.selectbox(key=TOPIC_KEY).value == last
    open_ = _topic_expanders(at, panels)
    assert open_ == {p["topic_id"]: p["topic_id"] == last for p in panels[(pages - 1) * 5 :]}
    assert read_param(at, "topic") == last


def test_jump_list_moves_the_pager_to_the_chosen_topic(monkeypatch, curated):
    monkeypatch.setattr(coverage, "PANELS_PER_PAGE", 5)
    panels = list_topic_panels(curated)
    at = open_app(monkeypatch, "pages/discrepancies.py")
    assert at.number_input(key=PAGE_KEY).value == 1
    chosen = panels[7]["topic_id"]  # page 2
    at.selectbox(key=TOPIC_KEY).select(chosen).run()
    assert not at.exception
    assert at.number_input(key=PAGE_KEY).value == 2
    assert _topic_expanders(at, panels)[chosen] is True
    assert read_param(at, "topic") == chosen
    at.selectbox(key=TOPIC_KEY).select(None).run()
    assert read_param(at, "topic") is None


def test_bad_topic_link_gives_a_notice(monkeypatch):
    at = open_app(monkeypatch, "pages/discrepancies.py", topic="nope")
    assert not at.exception
    assert list_infos(at) == [escape_markdown("Ignored unknown topic 'nope' in the link.")]


def test_matrix_cell_link_reselects_the_cell_and_deselecting_clears_it(monkeypatch):
    # Regression: a selected cell was not in the URL, so a link could not reopen its quotes.
    at = open_app(monkeypatch, "pages/discrepancies.py", cell="us_forces_count:cnn-000")
    assert not at.exception and not at.info
    heading = "**cnn\\-000 on US forces in Niger**"
    assert heading in [m.value for m in at.markdown]
    assert 'data-claim="c000-650"' in _html(at)
    assert read_param(at, "cell") == "us_forces_count:cnn-000"
    at.session_state[MATRIX_KEY] = {"selection": {"rows": [], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert read_param(at, "cell") is None
    assert heading not in [m.value for m in at.markdown]


def test_selecting_a_matrix_cell_puts_it_in_the_url(monkeypatch):
    at = open_app(monkeypatch, "pages/discrepancies.py")
    table = at.dataframe(key=MATRIX_KEY).value
    row = list(table["topic"]).index("Air Base 201 history")
    at.session_state[MATRIX_KEY] = {"selection": {"rows": [], "columns": [], "cells": [[row, AV1]]}}
    at.run()
    assert not at.exception
    assert read_param(at, "cell") == f"base_201_history:{AV1}"


@pytest.mark.parametrize("cell", ["nope:cnn-000", "us_forces_count:nope", "us_forces_count"])
def test_bad_matrix_cell_link_gives_a_notice_and_leaves_the_url(monkeypatch, cell):
    at = open_app(monkeypatch, "pages/discrepancies.py", cell=cell)
    assert not at.exception
    notice = f"Ignored matrix cell {cell!r} in the link: the matrix has no such cell."
    assert list_infos(at) == [escape_markdown(notice)]
    assert read_param(at, "cell") is None


def test_matrix_filtered_to_one_source_has_no_column_for_the_other(monkeypatch, curated):
    # Regression: cnn-000, hidden by ?sources=av1-004, was drawn as a column of "—" (silent),
    # and the caption counted "32 of 32 topics × 2 sources"; a link to its cell is refused.
    at = open_app(
        monkeypatch, "pages/discrepancies.py", sources=AV1, cell="us_forces_count:cnn-000"
    )
    assert not at.exception
    matrix = at.dataframe(key=MATRIX_KEY).value
    assert AV1 in matrix.columns and "cnn-000" not in matrix.columns
    reported = curated["claims"].loc[curated["claims"]["source_id"] == AV1, "topic"].nunique()
    assert len(matrix) == reported
    topics = len(curated["topics"])
    assert any(
        c.value.startswith(
            f"{reported} of {topics} topics × 1 source (cnn-000 hidden by the sources filter)"
        )
        for c in at.caption
    )
    assert escape_markdown(
        "Ignored matrix cell 'us_forces_count:cnn-000' in the link: the matrix has no such cell."
    ) in list_infos(at)


def test_relations_are_named_by_what_each_claim_says(monkeypatch, curated):
    # Regression: relation lines read "c000-decade vs c004-12yr", ids a reader cannot place.
    at = open_app(monkeypatch, "pages/discrepancies.py")
    shown = _html(at)
    claims = curated["claims"].set_index("claim_id")
    for a, b in zip(curated["relations"]["claim_a"], curated["relations"]["claim_b"], strict=True):
        assert f"<b>{a}</b> vs" not in shown and f"vs <b>{b}</b>" not in shown
    statement = html.escape(claims.at["c000-decade", "statement"], quote=False)
    assert f"<b>cnn-000</b>: {statement}</span>" in shown


def test_a_view_without_shared_topics_has_no_empty_jump_list(monkeypatch):
    at = open_app(monkeypatch, "pages/discrepancies.py", sources=AV1)
    assert not at.exception
    assert [s for s in at.selectbox if s.key == TOPIC_KEY] == []


def test_jump_list_offers_the_worst_topics_and_a_linked_one_past_them(monkeypatch, curated):
    # A year of reporting shares thousands of topics, every option sent on every run: the list
    # holds the worst few hundred (here three), and a link still reaches any topic.
    monkeypatch.setattr(app_panels, "JUMP_MAX_TOPICS", 3)
    panels = list_topic_panels(curated)
    assert len(panels) > 3
    at = open_app(monkeypatch, "pages/discrepancies.py")
    jump = at.selectbox(key=TOPIC_KEY)
    assert jump.options == [label_topic_panel(p) for p in panels[:3]]
    assert f"3 worst of {len(panels)} topics" in jump.proto.placeholder
    last = panels[-1]["topic_id"]
    at = open_app(monkeypatch, "pages/discrepancies.py", topic=last)
    jump = at.selectbox(key=TOPIC_KEY)
    assert jump.value == last and len(jump.options) == 4
    assert _topic_expanders(at, panels)[last] is True
