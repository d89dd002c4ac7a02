"""lib/render/timeline_chart.py: the plotly timeline draws every event over its whole range, each
disputed date per source, and escaped hover text."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.analysis.events import build_date_marks, build_timeline_events, list_event_lanes
from lib.analysis.filters import Filters, apply_filters
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.render.scale import PROJECTOR_MIN_FONT, PROJECTOR_SCALE
from lib.render.timeline_chart import (
    build_timeline_figure,
    draw_timeline,
    find_quiet_spans,
    order_lanes,
    render_event_key_html,
    stack_rows,
)


def _event_ids_in(fig) -> set[str]:
    return {d for trace in fig.data for d in (trace.customdata or ()) if d is not None}


def test_every_event_in_the_package_is_on_the_timeline(curated, events, marks):
    fig = build_timeline_figure(events, marks, list(curated["sources"]["source_id"]))
    assert set(events["event_id"]) == set(curated["events"]["event_id"])
    assert _event_ids_in(fig) == set(curated["events"]["event_id"])


def test_a_month_precise_event_spans_the_whole_month(events, marks, curated):
    coup = events.set_index("event_id").loc["e-coup"]
    assert (coup["date_low"], coup["date_high"]) == (date(2023, 7, 1), date(2023, 7, 31))
    fig = build_timeline_figure(events, marks, list(curated["sources"]["source_id"]))
    bars = [t for t in fig.data if t.mode == "lines" and t.legendgroup == "coup"]
    starts = [x for x in bars[0].x if x is not None]
    # The bar runs from the first day to the end of the last one.
    assert pd.Timestamp("2023-07-01") in starts and pd.Timestamp("2023-08-01") in starts


def test_disputed_dates_get_one_mark_per_source_and_a_link(events, marks, curated):
    disputed = set(events.loc[events["disputed"], "event_id"])
    assert disputed == {"e-presence-start", "e-revocation"}
    revocation = marks[marks["event_id"] == "e-revocation"].set_index("claim_id")
    assert revocation.loc["c000-saturday", "date_low"] == date(2024, 3, 16)
    assert revocation.loc["c004-15march", "date_low"] == date(2024, 3, 15)
    # Only claims that take part in the conflict are drawn, not every dated claim of the event.
    assert "c004-monthafter" not in revocation.index
    fig = build_timeline_figure(events, marks, list(curated["sources"]["source_id"]))
    names = {t.name for t in fig.data}
    assert {"cnn-000's date, where sources disagree", "av1-004's date, where sources disagree"} <= (
        names
    )
    links = [t for t in fig.data if t.name == "Sources disagree (linked)"]
    joined = sum(len([x for x in t.x if x is None]) for t in links)
    assert joined == 2  # one link per disputed event


def test_source_marks_use_the_source_colours(events, marks, curated):
    fig = build_timeline_figure(events, marks, ["av1-004", "cnn-000"])
    by_name = {t.name: t.line.color for t in fig.data if t.name and "'s date" in t.name}
    # The colour follows the order given, which is the package's source order on the page.
    assert by_name["av1-004's date, where sources disagree"] == "#0072B2"
    assert by_name["cnn-000's date, where sources disagree"] == "#D55E00"


def test_hover_shows_display_date_resolved_range_and_basis(events, marks, curated):
    fig = build_timeline_figure(events, marks, list(curated["sources"]["source_id"]))
    hovers = [h for t in fig.data for h in (t.hovertext or ()) if h and "Junta ends" in h]
    assert len(hovers) == 1
    text = hovers[0]
    assert "Shown as: 15 or 16 Mar 2024 (sources conflict)" in text
    assert "Resolved: 15–16 Mar 2024" in text
    assert "&#x27;on Saturday&#x27; → 16 Mar 2024" in text
    assert "estimated" in text


def test_hover_text_from_the_data_is_escaped(curated_copy):
    header, rows = read_rows(curated_copy / "events.csv")
    rows[0]["title"] = "<img src=x onerror=alert(1)> & <b>bold</b>"
    write_rows(curated_copy / "events.csv", header, rows)
    package, problems = load_and_validate(curated_copy)
    assert problems == []
    events = build_timeline_events(package)
    fig = build_timeline_figure(events, build_date_marks(package, events), ["cnn-000", "av1-004"])
    hovers = [h for t in fig.data for h in (t.hovertext or ()) if h and "onerror" in h]
    assert hovers and all("<img" not in h and "&lt;img" in h for h in hovers)


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


def test_every_event_hover_states_a_date_basis(events, marks, curated):
    fig = build_timeline_figure(events, marks, list(curated["sources"]["source_id"]))
    hovers = [h for t in fig.data if t.mode == "markers+text" for h in t.hovertext]
    assert len(hovers) == len(events)
    # A claim's resolution ("→") or, when no claim is dated, the curator's reason ("Why:").
    assert all("→" in h or "Why:" in h for h in hovers)


def test_every_event_mark_shows_its_number_on_the_chart_and_in_the_key(events, marks, curated):
    fig = build_timeline_figure(events, marks, list(curated["sources"]["source_id"]))
    numbered = {
        event: text
        for trace in fig.data
        if trace.mode == "markers+text"
        for event, text in zip(trace.customdata, trace.text, strict=True)
    }
    expected = dict(zip(events["event_id"], events["number"].astype(str), strict=True))
    assert numbered == expected
    key = render_event_key_html(events)
    for _, event in events.iterrows():
        assert f'<li value="{event["number"]}">' in key
    assert key.count("<li") == len(events)


def test_lane_order_does_not_change_under_a_filter(curated):
    whole = draw_timeline(curated)
    lanes = list(whole.layout.yaxis.ticktext)
    # Only Russia's events: with its lane alone it would come first by count either way, so
    # check a filter that leaves lanes in a different count order than the whole package's.
    for categories in (("russia",), ("diplomacy", "russia"), ("statement", "protest")):
        narrowed = list(draw_timeline(curated, None, categories).layout.yaxis.ticktext)
        assert narrowed == [lane for lane in lanes if lane in narrowed]


def test_lane_order_of_the_filtered_events_alone_would_differ(curated):
    # The regression the fixed order prevents: counting lanes after a filter reorders them.
    events = build_timeline_events(curated)
    chosen = events[events["category"].isin(("diplomacy", "russia"))]
    assert order_lanes(chosen) != [
        lane for lane in order_lanes(events) if lane in set(chosen["lane"])
    ]


def test_presentation_scale_enlarges_the_timeline_text_to_projector_size(curated):
    big = draw_timeline(curated, scale=PROJECTOR_SCALE)
    assert big.layout.font.size >= PROJECTOR_MIN_FONT
    assert big.layout.xaxis.tickfont.size >= PROJECTOR_MIN_FONT
    assert all(note.font.size >= PROJECTOR_MIN_FONT for note in big.layout.annotations)
    assert big.layout.height > draw_timeline(curated).layout.height


def test_a_global_filter_keeps_the_whole_packages_lanes_and_their_order(curated):
    # Regression: lanes were counted on the filtered view, so from July 2023 Niger came first.
    lanes = list_event_lanes(curated)
    whole = list(draw_timeline(curated, lanes=lanes).layout.yaxis.ticktext)
    view = apply_filters(curated, Filters(window=(date(2023, 7, 1), date(2024, 12, 31))))
    counted_on_view = list(draw_timeline(view).layout.yaxis.ticktext)
    kept = list(draw_timeline(view, lanes=lanes).layout.yaxis.ticktext)
    assert counted_on_view != [lane for lane in whole if lane in counted_on_view]
    assert kept == [lane for lane in whole if lane in kept]
    events = build_timeline_events(view, lanes)
    assert set(events["lane"]) <= set(whole)
