"""The timeline builders (no server) and the Timeline page under AppTest."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.events import (
    OTHERS_LANE,
    assign_lanes,
    build_date_marks,
    build_timeline_events,
    describe_timeline,
    filter_timeline,
    find_root_actor,
)
from lib.app.state import pick_selected_event
from lib.data.cells import split_list
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.render.tables import build_events_table
from lib.render.timeline_chart import build_timeline_figure, find_quiet_spans, stack_rows
from tests.helpers import APP


@pytest.fixture(scope="module")
def events(package):
    return build_timeline_events(package)


@pytest.fixture(scope="module")
def marks(package, events):
    return build_date_marks(package, events)


def _event_ids_in(fig) -> set[str]:
    return {d for trace in fig.data for d in (trace.customdata or ()) if d is not None}


def test_every_event_in_the_package_is_on_the_timeline(package, events, marks):
    fig = build_timeline_figure(events, marks, list(package["sources"]["source_id"]))
    assert set(events["event_id"]) == set(package["events"]["event_id"])
    assert _event_ids_in(fig) == set(package["events"]["event_id"])


def test_a_month_precise_event_spans_the_whole_month(events, marks, package):
    coup = events.set_index("event_id").loc["e-coup"]
    assert (coup["date_low"], coup["date_high"]) == (date(2023, 7, 1), date(2023, 7, 31))
    fig = build_timeline_figure(events, marks, list(package["sources"]["source_id"]))
    bars = [t for t in fig.data if t.mode == "lines" and t.legendgroup == "coup"]
    starts = [x for x in bars[0].x if x is not None]
    # The bar runs from the first day to the end of the last one.
    assert pd.Timestamp("2023-07-01") in starts and pd.Timestamp("2023-08-01") in starts


def test_a_relative_date_spans_its_resolved_range(events):
    withdrawal = events.set_index("event_id").loc["e-withdrawal"]
    assert withdrawal["precision"] == "range"
    assert (withdrawal["date_high"] - withdrawal["date_low"]).days > 150


def test_disputed_dates_get_one_mark_per_source_and_a_link(events, marks, package):
    disputed = set(events.loc[events["disputed"], "event_id"])
    assert disputed == {"e-presence-start", "e-revocation"}
    revocation = marks[marks["event_id"] == "e-revocation"].set_index("claim_id")
    assert revocation.loc["c000-saturday", "date_low"] == date(2024, 3, 16)
    assert revocation.loc["c004-15march", "date_low"] == date(2024, 3, 15)
    # Only claims that take part in the conflict are drawn, not every dated claim of the event.
    assert "c004-monthafter" not in revocation.index
    fig = build_timeline_figure(events, marks, list(package["sources"]["source_id"]))
    names = {t.name for t in fig.data}
    assert {"cnn-000's date, where sources disagree", "av1-004's date, where sources disagree"} <= (
        names
    )
    links = [t for t in fig.data if t.name == "Sources disagree (linked)"]
    joined = sum(len([x for x in t.x if x is None]) for t in links)
    assert joined == 2  # one link per disputed event


def test_source_marks_use_the_source_colours(events, marks, package):
    fig = build_timeline_figure(events, marks, ["av1-004", "cnn-000"])
    by_name = {t.name: t.line.color for t in fig.data if t.name and "'s date" in t.name}
    # The colour follows the order given, which is the package's source order on the page.
    assert by_name["av1-004's date, where sources disagree"] == "#0072B2"
    assert by_name["cnn-000's date, where sources disagree"] == "#D55E00"


def test_hover_shows_display_date_resolved_range_and_basis(events, marks, package):
    fig = build_timeline_figure(events, marks, list(package["sources"]["source_id"]))
    hovers = [h for t in fig.data for h in (t.hovertext or ()) if h and "Junta ends" in h]
    assert len(hovers) == 1
    text = hovers[0]
    assert "Shown as: 15 or 16 Mar 2024 (sources conflict)" in text
    assert "Resolved: 15–16 Mar 2024" in text
    assert "&#x27;on Saturday&#x27; → 16 Mar 2024" in text
    assert "estimated" in text


def test_hover_text_from_the_data_is_escaped(package_copy):
    header, rows = read_rows(package_copy / "events.csv")
    rows[0]["title"] = "<img src=x onerror=alert(1)> & <b>bold</b>"
    write_rows(package_copy / "events.csv", header, rows)
    package, problems = load_and_validate(package_copy)
    assert problems == []
    events = build_timeline_events(package)
    fig = build_timeline_figure(events, build_date_marks(package, events), ["cnn-000", "av1-004"])
    hovers = [h for t in fig.data for h in (t.hovertext or ()) if h and "onerror" in h]
    assert hovers and all("<img" not in h and "&lt;img" in h for h in hovers)


def test_lanes_follow_the_lead_actors_root(package):
    lanes = assign_lanes(package)
    assert lanes["e-coup"] == "Niger"  # cnsp -> niger
    assert lanes["e-prigozhin-rebellion"] == "Russia"  # prigozhin -> wagner -> russia
    assert lanes["e-withdrawal"] == "United States"
    assert lanes["e-protest"] == OTHERS_LANE  # protesters belong to nobody
    assert find_root_actor(package["actors"], "langley") == "us"


def test_root_actor_walk_stops_on_an_affiliation_cycle():
    actors = pd.DataFrame({"actor_id": ["a", "b"], "affiliation": ["b", "a"]})
    assert find_root_actor(actors, "a") in {"a", "b"}


def test_stacked_rows_never_overlap_within_a_lane(events):
    rows = stack_rows(events)
    for _, lane in events.assign(row=rows).groupby(["lane", "row"]):
        ordered = lane.sort_values("date_low")
        for earlier, later in zip(
            ordered.iloc[:-1].itertuples(), ordered.iloc[1:].itertuples(), strict=True
        ):
            assert earlier.date_high < later.date_low


def test_quiet_years_are_found_between_the_background_and_the_crisis(events, marks):
    quiet = find_quiet_spans(events, marks)
    assert any(low.year == 2020 and high.year == 2022 for low, high in quiet)
    for low, high in quiet:
        inside = events[(events["date_low"] <= high) & (events["date_high"] >= low)]
        assert inside.empty


@pytest.mark.parametrize(
    ("window", "categories", "sources", "expected"),
    [
        (None, (), (), 22),
        ((date(2024, 3, 1), date(2024, 3, 31)), (), (), None),
        (None, ("coup",), (), 1),
        (None, (), ("cnn-000",), None),
    ],
)
def test_filters_narrow_the_events(events, package, window, categories, sources, expected):
    shown = filter_timeline(events, window, categories, sources)
    if expected is not None:
        assert len(shown) == expected
    if window:
        assert (shown["date_high"] >= window[0]).all() and (shown["date_low"] <= window[1]).all()
        assert "e-revocation" in set(shown["event_id"])
        assert "e-coup" not in set(shown["event_id"])
    if sources:
        claims = package["claims"].set_index("claim_id")
        for _, event in shown.iterrows():
            assert any(claims.at[c, "source_id"] in sources for c in event["claim_ids"])
        assert len(shown) < len(events)


def test_table_twin_and_caption_describe_the_visible_events(events):
    shown = filter_timeline(events, categories=("russia", "iran"))
    table = build_events_table(shown)
    assert list(table["event_id"]) == list(shown["event_id"])
    assert set(table["category"]) == {"Russia", "Iran"}
    assert describe_timeline(shown, len(events)).startswith(f"{len(shown)} of {len(events)} events")
    assert describe_timeline(shown.iloc[0:0], 22) == "No events match the filters (0 of 22)."


def test_picking_a_selection_point_returns_its_event():
    known = {"e-coup", "e-revocation"}
    assert pick_selected_event([{"customdata": "e-coup"}], known) == "e-coup"
    assert pick_selected_event([{"customdata": ["e-revocation"]}], known) == "e-revocation"
    assert pick_selected_event([{"customdata": None}, {"x": 1}], known) is None
    assert pick_selected_event([{"customdata": "e-unknown"}], known) is None


# AppTest on the page itself.


@pytest.fixture
def timeline(monkeypatch) -> AppTest:
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.session_state["timeline_twin"] = True  # the table twin, opened
    return at.switch_page("pages/timeline.py").run()


def test_timeline_page_charts_every_event_with_a_caption(timeline):
    assert not timeline.exception
    assert timeline.title[0].value == "Timeline"
    assert any(c.value.startswith("22 of 22 events") for c in timeline.caption)


def test_table_twin_is_sent_only_once_opened(monkeypatch):
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
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


def test_timeline_source_and_date_filters_apply(timeline):
    last = timeline.slider(key="timeline_range").value[1]
    timeline.slider(key="timeline_range").set_value((date(2024, 1, 1), last)).run()
    timeline.multiselect(key="timeline_sources").set_value(["av1-004"]).run()
    assert not timeline.exception
    table = timeline.dataframe[0].value
    assert len(table) > 0
    assert all("av1-004" in s for s in table["sources"])
    assert (table["to"] >= "2024-01-01").all()


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
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = _open_timeline("e-coup")
    assert at.selectbox(key="timeline_event").value == "e-coup"
    assert at.subheader[0].value == "Military coup overthrows President Bazoum"
    bad = _open_timeline("<script>")
    assert not bad.exception
    assert any("Ignored unknown event" in i.value for i in bad.info)
    assert bad.selectbox(key="timeline_event").value is None


def test_every_event_claim_exists(package):
    claims = set(package["claims"]["claim_id"])
    for cell in package["events"]["claim_ids"]:
        assert set(split_list(cell)) <= claims


@pytest.mark.parametrize("topic", ["russia_military_cooperation", "wagner"])
def test_timeline_survives_a_filter_leaving_one_day_or_no_events(monkeypatch, topic):
    """Regression: a one-day span gave st.slider min == max and crashed; none gave NaN."""
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/timeline.py")
    at.query_params["topics"] = topic
    at.run()
    assert not at.exception
    assert any(" of " in c.value and "events" in c.value for c in at.caption)


def test_each_disputing_source_gets_its_own_row():
    """Regression: offsets alternated on index % 2, so a third source hid the first one."""
    from lib.paths import PROJECT_ROOT as ROOT

    three, problems = load_and_validate(ROOT / "tests" / "fixtures" / "three_sources" / "data")
    assert problems == []
    events = build_timeline_events(three)
    marks = build_date_marks(three, events)
    fig = build_timeline_figure(events, marks, list(three["sources"]["source_id"]))
    rows = {}
    for trace in fig.data:
        if trace.name and "'s date" in trace.name:
            for y, event in zip(trace.y, trace.customdata, strict=True):
                if event == "e-revocation" and y is not None:
                    rows.setdefault(trace.name.split("'")[0], set()).add(y)
    assert len(rows) == 3
    assert len(set.union(*rows.values())) == 3


def test_every_event_hover_states_a_date_basis(events, marks, package):
    fig = build_timeline_figure(events, marks, list(package["sources"]["source_id"]))
    hovers = [h for t in fig.data if t.mode == "markers" for h in t.hovertext]
    assert len(hovers) == len(events)
    # A claim's resolution ("→") or, when no claim is dated, the curator's reason ("Why:").
    assert all("→" in h or "Why:" in h for h in hovers)
