"""AppTest on the Timeline page: filters, the event picker, links, and the table twin."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from lib.paths import DATA_DIR_ENV
from lib.render.text import escape_markdown
from tests.helpers.app import APP, list_infos, open_app, read_param
from tests.helpers.packages import CURATED_DATA


@pytest.fixture
def timeline(monkeypatch) -> AppTest:
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.session_state["timeline_twin"] = True  # the table twin, opened
    return at.switch_page("pages/timeline.py").run()


def test_timeline_page_charts_every_event_with_a_caption(timeline):
    assert not timeline.exception
    assert timeline.title[0].value == "Timeline"
    assert any(c.value.startswith("22 of 22 events") for c in timeline.caption)


def test_table_twin_is_sent_only_once_opened(monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/timeline.py").run()
    downloads = lambda: [b.key for b in at.get("download_button")]  # noqa: E731
    assert not at.dataframe and "timeline_download" not in downloads()
    assert any(c.value == "22 row(s); open to show them." for c in at.caption)
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["timeline_twin"] = True  # as a reader opening it
    at.switch_page("pages/timeline.py").run()
    assert len(at.dataframe[0].value) == 22
    assert "timeline_download" in downloads()


def test_timeline_category_filter_narrows_the_table_and_caption(timeline):
    timeline.multiselect(key="timeline_categories").set_value(["withdrawal"]).run()
    assert not timeline.exception
    assert any(c.value.startswith("2 of 22 events") for c in timeline.caption)
    assert timeline.dataframe[0].value["category"].tolist() == ["Withdrawal", "Withdrawal"]


def test_timeline_has_no_dates_or_sources_of_its_own_and_follows_the_sidebar(timeline):
    """Regression: the page's own Dates and Sources filters disagreed with the sidebar's."""
    assert not [s for s in timeline.slider if s.key == "timeline_range"]
    assert not [m for m in timeline.multiselect if m.key == "timeline_sources"]
    last = timeline.slider(key="filter_dates").value[1]
    timeline.slider(key="filter_dates").set_value((date(2024, 1, 1), last)).run()
    timeline.multiselect(key="filter_sources").set_value(["av1-004"]).run()
    assert not timeline.exception
    table = timeline.dataframe[0].value
    assert len(table) > 0
    assert all("av1-004" in s for s in table["sources"])
    assert (table["to"] >= "2024-01-01").all()
    assert any(c.value.startswith(f"{len(table)} of 22 events") for c in timeline.caption)


def test_categories_live_in_the_url_and_the_filtered_line(monkeypatch, timeline):
    """Regression: the category filter was neither in the URL nor in the "Filtered: …" line."""
    timeline.multiselect(key="timeline_categories").set_value(["withdrawal", "coup"]).run()
    assert read_param(timeline, "categories") == "coup,withdrawal"
    line = escape_markdown("Filtered: categories Coup, Withdrawal (this page only).")
    assert line in list_infos(timeline)
    reopened = open_app(monkeypatch, "pages/timeline.py", categories="withdrawal,nope")
    assert not reopened.exception
    assert reopened.multiselect(key="timeline_categories").value == ["withdrawal"]
    assert escape_markdown("Ignored unknown event categories 'nope' in the link.") in list_infos(
        reopened
    )
    assert read_param(reopened, "categories") == "withdrawal"


def test_an_empty_timeline_says_so_instead_of_drawing_an_axis(monkeypatch):
    """Regression: with every event filtered out, the chart drew an axis from Mar to Nov 2000."""
    at = open_app(monkeypatch, "pages/timeline.py", topics="wagner")
    assert not at.exception
    assert not at.get("plotly_chart")
    assert "No events match the filters (0 of 22)." in [i.value for i in at.info]


def test_picking_an_event_shows_quotes_from_each_source(timeline, events):
    timeline.selectbox(key="timeline_event").set_value("e-revocation").run()
    assert not timeline.exception
    assert timeline.query_params["event"] in ("e-revocation", ["e-revocation"])
    html = "\n".join(e.proto.body for e in timeline.get("markdown"))
    row = events.set_index("event_id").loc["e-revocation"]
    for claim_id in row["claim_ids"]:
        assert f'data-claim="{claim_id}"' in html
    assert "c000-saturday" in html and "c004-15march" in html
    assert any("Sources disagree" in w.value for w in timeline.warning)


def _open_timeline(event: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/timeline.py")
    at.query_params["event"] = event
    return at.run()


def test_event_link_preselects_and_unknown_event_gives_a_notice(monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = _open_timeline("e-coup")
    assert at.selectbox(key="timeline_event").value == "e-coup"
    assert at.subheader[0].value == "Military coup overthrows President Bazoum"
    bad = _open_timeline("<script>")
    assert not bad.exception
    assert any("Ignored unknown event" in i.value for i in bad.info)
    assert bad.selectbox(key="timeline_event").value is None


@pytest.mark.parametrize("topic", ["russia_military_cooperation", "wagner"])
def test_timeline_survives_a_filter_leaving_one_day_or_no_events(monkeypatch, topic):
    """Regression: a one-day span gave st.slider min == max and crashed; none gave NaN."""
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/timeline.py")
    at.query_params["topics"] = topic
    at.run()
    assert not at.exception
    said = [c.value for c in at.caption] + [i.value for i in at.info]
    assert any(" of 22 events" in line or "(0 of 22)" in line for line in said)


@pytest.mark.slow
def test_a_year_of_reporting_draws_one_window_and_says_so(monkeypatch, year_of_reporting):
    from lib.analysis.events import DRAW_BUDGET

    monkeypatch.setenv(DATA_DIR_ENV, str(year_of_reporting))
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["timeline_twin"] = True
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    total = next(int(c.value.split(" of ")[1].split()[0]) for c in at.caption if " of " in c.value)
    assert total > 3 * DRAW_BUDGET
    (drawn_line,) = [c.value for c in at.caption if c.value.startswith("Drawn: the ")]
    drawn = int(drawn_line.split()[2])
    assert 0 < drawn <= DRAW_BUDGET and f"of {total} events" in drawn_line
    # The picker, the table and the chart hold the drawn events, not all of them.
    assert len(at.selectbox(key="timeline_event").options) == drawn
    assert len(at.dataframe[0].value) == drawn
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    numbered = {
        int(n) for trace in figure["data"] for n in (trace.get("text") or []) if str(n).isdigit()
    }
    assert 0 < len(numbered) <= drawn
