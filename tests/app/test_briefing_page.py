"""The briefing, global filters, shareable links, presentation mode and About: lib/ units first,
then the app under AppTest (one session per test, links simulated with query params)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date
from functools import partial

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.about import build_data_dictionary, list_licences
from lib.analysis.briefing import list_judgments, list_key_dates, list_story_steps
from lib.analysis.coverage import list_topic_panels
from lib.analysis.events import build_timeline_events
from lib.analysis.filters import Filters, apply_filters, describe_filters, find_date_bounds
from lib.analysis.troops import select_troop_claims
from lib.app.links import link_page, read_filter_params, read_step_param, write_filter_params
from lib.data.boundaries import read_boundaries
from lib.data.cells import split_list
from lib.data.read import read_seeds_dir
from lib.data.rows import build_package_zip
from lib.data.schema import TABLES
from lib.paths import DEFAULT_DATA_DIR
from lib.render.minimap import render_date_strip_svg, render_minimap_svg
from lib.render.style import EMPHASIS_COLOUR
from lib.render.text import escape_markdown
from lib.render.tiles import render_key_figures_html
from tests.helpers import APP, PAGE_FILES

AV1 = "av1-004"
HOSTILE = '<img src=x onerror="alert(1)"> & co'


def _with_table(package, name: str, frame):
    """A copy of the package with one table replaced; the shared fixture is never mutated."""
    return replace(package, tables={**package.tables, name: frame})


def _claim_sources(package) -> dict[str, str]:
    claims = package["claims"]
    return dict(zip(claims["claim_id"], claims["source_id"], strict=True))


# lib/filters.py: reading and writing the link, applying the view.


@pytest.fixture(scope="module")
def bounds(package) -> tuple[date, date]:
    return find_date_bounds(package)


def test_date_bounds_span_every_event_and_dated_claim(package, bounds):
    assert bounds == (date(2011, 4, 16), date(2024, 10, 26))


@pytest.mark.parametrize(
    ("params", "sources", "topics", "notices"),
    [
        ({}, (), (), []),
        ({"sources": AV1}, (AV1,), (), []),
        ({"sources": f"{AV1},cnn-000"}, (AV1, "cnn-000"), (), []),
        (
            {"sources": f"{AV1},bogus,{AV1}"},
            (AV1,),
            (),
            ["Ignored unknown source(s) 'bogus' in the link."],
        ),
        ({"topics": "coup,us_air_bases"}, (), ("coup", "us_air_bases"), []),
        (
            {"topics": "coup,nope", "sources": "x"},
            (),
            ("coup",),
            [
                "Ignored unknown source(s) 'x' in the link.",
                "Ignored unknown topic(s) 'nope' in the link.",
            ],
        ),
        # Regression row: an empty list item (trailing comma) is not an unknown id.
        ({"sources": f"{AV1},"}, (AV1,), (), []),
    ],
)
def test_read_filter_params_keeps_known_ids_and_notes_unknown_ones(
    package, params, sources, topics, notices
):
    filters, found = read_filter_params(params, package)
    assert (filters.sources, filters.topics, filters.window) == (sources, topics, None)
    assert found == notices


BAD_DATE = "Ignored a date in the link that is not YYYY-MM-DD."
REVERSED = "Ignored a date range in the link that ends before it starts."


@pytest.mark.parametrize(
    ("params", "window", "notices"),
    [
        ({"from": "2024-01-01", "to": "2024-03-31"}, ("2024-01-01", "2024-03-31"), []),
        ({"from": "2024-01-01"}, ("2024-01-01", "2024-10-26"), []),
        ({"to": "2023-12-31"}, ("2011-04-16", "2023-12-31"), []),
        # Dates outside the package are clamped to its span; the full span is no filter at all.
        ({"from": "1990-01-01", "to": "2024-01-31"}, ("2011-04-16", "2024-01-31"), []),
        ({"from": "1990-01-01", "to": "2030-12-31"}, None, []),
        ({"from": "2011-04-16", "to": "2024-10-26"}, None, []),
        ({"from": "notadate"}, None, [BAD_DATE]),
        ({"from": "2024-02-30", "to": "2024-03-31"}, (None, "2024-03-31"), [BAD_DATE]),
        ({"to": ""}, None, [BAD_DATE]),
        ({"from": "2024-05-01", "to": "2024-01-01"}, None, [REVERSED]),
        ({"from": "2030-01-01"}, None, [REVERSED]),
    ],
)
def test_read_filter_params_reads_clamps_and_rejects_dates(
    package, bounds, params, window, notices
):
    filters, found = read_filter_params(params, package)
    if window is None:
        expected = None
    else:
        low, high = window
        expected = (
            date.fromisoformat(low) if low else bounds[0],
            date.fromisoformat(high) if high else bounds[1],
        )
    assert filters.window == expected
    assert found == notices


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(sources=(AV1,)),
        Filters(sources=("cnn-000", AV1)),
        Filters(window=(date(2024, 1, 1), date(2024, 10, 26))),
        Filters(window=(date(2023, 7, 1), date(2023, 7, 1))),
        Filters(topics=("coup", "us_air_bases")),
        Filters((AV1,), (date(2012, 1, 1), date(2024, 4, 30)), ("wagner",)),
    ],
)
def test_write_filter_params_round_trips_through_read(package, filters):
    params = write_filter_params(filters)
    assert all(isinstance(v, str) and v for v in params.values())
    assert read_filter_params(params, package) == (filters, [])


def test_write_filter_params_writes_nothing_without_filters():
    assert write_filter_params(Filters()) == {}
    assert not Filters().active


def test_apply_filters_without_filters_returns_the_same_package(package):
    assert apply_filters(package, Filters()) is package


def test_source_filter_keeps_only_that_sources_claims_events_and_relations(package):
    before = package["events"]["claim_ids"].copy()
    view = apply_filters(package, Filters(sources=(AV1,)))
    source_of = _claim_sources(package)
    kept = set(view["claims"]["claim_id"])
    assert kept == {c for c, s in source_of.items() if s == AV1}
    # Events keep only kept claims, and an event left with none is dropped.
    for cell in view["events"]["claim_ids"]:
        assert split_list(cell) and set(split_list(cell)) <= kept
    expected_events = {
        e
        for e, cell in zip(
            package["events"]["event_id"], package["events"]["claim_ids"], strict=True
        )
        if any(source_of[c] == AV1 for c in split_list(cell))
    }
    assert set(view["events"]["event_id"]) == expected_events
    assert "e-aid-cut" not in expected_events and "e-coup" in expected_events
    revocation = view["events"].set_index("event_id").at["e-revocation", "claim_ids"]
    assert split_list(revocation) == ["c004-15march", "c004-monthafter"]
    # Every relation pairs two sources, so none survives a one-source view.
    assert view["relations"].empty
    # Labels and colours come from these, so they stay whole.
    assert view["sources"].equals(package["sources"]) and view["topics"].equals(package["topics"])
    # The shared package is not mutated by making a view of it.
    assert package["events"]["claim_ids"].equals(before)
    assert len(package["claims"]) == 95


def test_topic_filter_keeps_relations_only_between_kept_claims(package):
    view = apply_filters(package, Filters(topics=("agreement_start",)))
    kept = set(view["claims"]["claim_id"])
    assert set(view["claims"]["topic"]) == {"agreement_start"}
    assert kept == {"c000-decade", "c000-since2014a", "c000-since2014b", "c004-12yr"}
    pairs = {
        (a, b)
        for a, b in zip(view["relations"]["claim_a"], view["relations"]["claim_b"], strict=True)
    }
    assert pairs == {
        ("c000-decade", "c004-12yr"),
        ("c000-since2014a", "c004-12yr"),
        ("c000-since2014b", "c004-12yr"),
    }
    assert list(view["events"]["event_id"]) == ["e-presence-start"]


def test_date_filter_keeps_undated_claims_and_drops_whatever_lies_outside(package):
    window = (date(2024, 1, 1), date(2024, 10, 26))
    view = apply_filters(package, Filters(window=window))
    claims = view["claims"].set_index("claim_id")
    assert "c000-turning" in claims.index  # undated: not about a time, so kept
    assert "c000-coup" not in claims.index  # July 2023: outside
    assert "c004-closerties" in claims.index  # Jul 2023 – Apr 2024: overlaps
    dated = claims[claims["date_low"].notna()]
    assert (dated["date_high"] >= "2024-01-01").all()
    events = view["events"]
    assert not events.empty
    assert (events["date_high"] >= "2024-01-01").all()
    assert {"e-coup", "e-presence-start", "e-aid-cut"}.isdisjoint(events["event_id"])
    assert {"e-revocation", "e-withdrawal"} <= set(events["event_id"])


def test_filters_combine_and_an_empty_view_is_still_a_package(package):
    view = apply_filters(
        package, Filters((AV1,), (date(2024, 1, 1), date(2024, 10, 26)), ("coup",))
    )
    assert view["claims"].empty and view["events"].empty and view["relations"].empty
    assert list_story_steps(view).empty


def test_describe_filters_names_each_active_filter(package):
    assert describe_filters(Filters(), package) == ""
    assert describe_filters(Filters(sources=(AV1,)), package) == f"Filtered: sources {AV1}."
    both = Filters((AV1,), (date(2024, 1, 1), date(2024, 10, 26)), ("coup", "us_air_bases"))
    assert describe_filters(both, package) == (
        f"Filtered: sources {AV1}; dates 01 Jan 2024 – 26 Oct 2024; "
        "topics The July 2023 coup, US air bases."
    )


# lib/briefing.py


def test_list_judgments_is_in_rank_order_whatever_the_file_order(package):
    shuffled = _with_table(package, "judgments", package["judgments"].iloc[::-1])
    judgments = list_judgments(shuffled)
    assert list(judgments["rank"]) == sorted(package["judgments"]["rank"])
    assert list(judgments["judgment_id"]) == ["j1", "j2", "j3", "j4", "j5"]
    for _, row in judgments.iterrows():
        assert row["kept_claims"] == split_list(row["claim_ids"])


def test_judgments_keep_only_the_claims_the_view_keeps(package):
    view = apply_filters(package, Filters(sources=("cnn-000",)))
    kept = list_judgments(view).set_index("judgment_id")["kept_claims"]
    assert kept["j2"] == ["c000-650"]
    assert kept["j5"] == ["c000-since2014a", "c000-decade"]
    assert all(c.startswith("c000-") for claims in kept for c in claims)


def test_story_steps_are_every_event_numbered_in_date_order(package):
    steps = list_story_steps(package)
    assert list(steps["step"]) == list(range(1, len(package["events"]) + 1))
    assert set(steps["event_id"]) == set(package["events"]["event_id"])
    assert steps["date_low"].is_monotonic_increasing
    assert (steps.iloc[0]["event_id"], steps.iloc[-1]["event_id"]) == (
        "e-presence-start",
        "e-withdrawal",
    )


@pytest.mark.parametrize(
    ("raw", "step"),
    [
        *[("1", 1), ("5", 5), ("22", 22), ("03", 3)],
        *[("0", None), ("23", None), ("999", None), ("x", None), ("-1", None)],
        *[("2.0", None), (" 3", None), ("", None)],
    ],
)
def test_read_step_param_accepts_only_a_step_in_range(raw, step):
    found, notices = read_step_param({"step": raw}, 22)
    assert found == step
    if step is None:
        assert notices == [f"Ignored story step {raw!r} in the link: there are 22 steps."]
    else:
        assert notices == []


def test_read_step_param_without_a_step_is_silent():
    assert read_step_param({}, 22) == (None, [])


@pytest.mark.parametrize("raw", ["²", "¹"])
def test_read_step_param_ignores_unicode_digit_characters(raw):
    found, notices = read_step_param({"step": raw}, 22)
    assert found is None and len(notices) == 1


def _tiles(html: str) -> list[tuple[str, str, str]]:
    """(href, title, inner html) of every key-figure tile."""
    return re.findall(
        r'<a class="sb-tile" href="([^"]*)"[^>]*>'
        r'<span class="sb-tile-title">([^<]*)</span>(.*?)</a>',
        html,
    )


def test_key_figures_show_each_troop_figure_as_its_interval(package):
    tiles = _tiles(render_key_figures_html(package, build_timeline_events(package), link_page))
    troops = {title: body for href, title, body in tiles if title.startswith("US personnel")}
    assert len(troops) == len(select_troop_claims(package)) == 2
    cnn, av1 = troops["US personnel · cnn-000"], troops[f"US personnel · {AV1}"]
    assert '<span class="sb-tile-value">585–715</span>' in cnn
    assert "about 650 U.S. troops · as of 16–22 Mar 2024" in cnn
    assert '<span class="sb-tile-value">≥ 1,001</span>' in av1
    assert "more than 1,000 U.S. military personnel" in av1
    assert all(href == "troops" for href, title, _ in tiles if title.startswith("US personnel"))


def test_key_figures_link_bases_to_the_map_and_key_dates_to_the_timeline(package):
    tiles = _tiles(render_key_figures_html(package, build_timeline_events(package), link_page))
    bases = [href for href, title, _ in tiles if title == "US air base"]
    assert bases == ["map?place=ab101", "map?place=ab201"]
    dates = [href for href, title, _ in tiles if title == "Key date"]
    assert dates == [
        f"timeline?event={e}" for e in list_key_dates(build_timeline_events(package))["event_id"]
    ]
    assert dates == [
        "timeline?event=e-presence-start",
        "timeline?event=e-coup",
        "timeline?event=e-revocation",
        "timeline?event=e-withdrawal-decision",
    ]
    disputed = [body for _, title, body in tiles if title == "Key date" and "disagree" in body]
    assert len(disputed) == 2


def test_every_key_figure_link_keeps_the_carried_state(package):
    """Regression: the troop tiles linked to a bare 'troops', dropping filters and presentation."""
    carry = {"present": "1", "sources": AV1}
    html = render_key_figures_html(
        package, build_timeline_events(package), partial(link_page, **carry)
    )
    hrefs = [href for href, _, _ in _tiles(html)]
    assert len(hrefs) == 8
    assert all("present=1" in href and f"sources={AV1}" in href for href in hrefs), hrefs


def test_key_figures_follow_the_view(package):
    view = apply_filters(package, Filters(sources=(AV1,)))
    tiles = _tiles(render_key_figures_html(view, build_timeline_events(view), link_page))
    assert [t for _, t, _ in tiles if t.startswith("US personnel")] == [f"US personnel · {AV1}"]


def test_key_figures_escape_names_and_titles(package):
    places = package["places"].copy()
    places.loc[places["place_id"] == "ab201", "name"] = HOSTILE
    events = package["events"].copy()
    events.loc[events["event_id"] == "e-coup", "title"] = "<script>alert(1)</script>"
    hostile = _with_table(_with_table(package, "places", places), "events", events)
    html = render_key_figures_html(hostile, build_timeline_events(hostile), link_page)
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


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


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries()


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
    places.loc[places["place_id"] == "agadez", "name"] = HOSTILE
    places.loc[places["place_id"] == "washington", "name"] = HOSTILE
    hostile = _with_table(package, "places", places)
    for place_id in ("agadez", "washington"):
        svg = render_minimap_svg(hostile, boundaries, place_id)
        assert "<img" not in svg
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in svg


# lib/about.py


def test_data_dictionary_has_a_row_for_every_column_of_every_table_and_nothing_else(package):
    dictionary = build_data_dictionary(package.descriptor)
    rows = list(zip(dictionary["table"], dictionary["column"], strict=True))
    expected = [(name, column) for name, table in TABLES.items() for column in table.columns]
    assert sorted(rows) == sorted(expected)
    assert len(rows) == len(set(rows))
    assert (dictionary["description"] != "").all()
    claim_ids = dictionary.set_index(["table", "column"]).loc[("judgments", "claim_ids")]
    assert "|-list of claims" in claim_ids["rules"]


def test_package_zip_holds_descriptor_tables_and_seeds_byte_for_byte(package):
    archive = zipfile.ZipFile(io.BytesIO(build_package_zip(package)))
    seeds = read_seeds_dir(DEFAULT_DATA_DIR)
    on_disk = {"data/datapackage.json": DEFAULT_DATA_DIR / "datapackage.json"}
    on_disk |= {f"data/{t.path}": DEFAULT_DATA_DIR / t.path for t in TABLES.values()}
    on_disk |= {f"seeds/{s.name}": s for s in seeds.iterdir()}
    assert len(list(seeds.iterdir())) == len(package["sources"])
    assert sorted(archive.namelist()) == sorted(on_disk)
    for name, path in on_disk.items():
        assert archive.read(name) == path.read_bytes(), name


def test_licences_name_the_curation_the_documents_natural_earth_and_leaflet(package):
    licences = list_licences(package)
    text = licences.to_string()
    (declared,) = package.descriptor["licenses"]
    assert declared["name"] == "CC-BY-4.0"
    assert declared["title"] in set(licences["licence"])
    assert "Remain their publishers'" in set(licences["licence"])
    assert "Natural Earth" in text and "public domain" in text
    leaflet = licences[licences["what"].str.startswith("leaflet ")]
    assert list(leaflet["licence"]) == ["BSD-2-Clause"]


# AppTest: the app as a reader drives it.


def _open(monkeypatch, page: str | None = None, **params: str) -> AppTest:
    """The app on a page (the Briefing by default), opened from a link with these params."""
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    if page:
        at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def _param(at: AppTest, name: str):
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def _step_heading(at: AppTest) -> str:
    (heading,) = [m.value for m in at.markdown if m.value.startswith("#### ")]
    return heading


def _cards(markdown: str) -> list[str]:
    return re.findall(r'class="sb-card" data-claim="([^"]+)"', markdown)


def _infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


@pytest.fixture(scope="module")
def steps(package):
    return list_story_steps(package)


def _heading_of(steps, n: int) -> str:
    return f"#### {n}. {escape_markdown(steps.iloc[n - 1]['title'])}"


def test_story_steps_forward_back_and_jumps(monkeypatch, steps):
    at = _open(monkeypatch)
    assert not at.exception
    assert _step_heading(at) == _heading_of(steps, 1)
    assert _param(at, "step") == "1"
    assert at.button(key="briefing_previous").disabled
    assert not at.button(key="briefing_next").disabled

    at.button(key="briefing_next").click().run()
    assert _step_heading(at) == _heading_of(steps, 2)
    assert (_param(at, "step"), at.number_input(key="briefing_step").value) == ("2", 2)
    assert not at.button(key="briefing_previous").disabled

    at.number_input(key="briefing_step").set_value(15).run()
    assert _step_heading(at) == _heading_of(steps, 15)
    assert _param(at, "step") == "15"
    # The step's own quotes, not another step's.
    story_cards = _cards([m.value for m in at.markdown if "sb-card" in m.value][-1])
    assert sorted(story_cards) == sorted(steps.iloc[14]["claim_ids"])

    at.button(key="briefing_previous").click().run()
    assert _step_heading(at) == _heading_of(steps, 14)
    assert _param(at, "step") == "14"

    at.number_input(key="briefing_step").set_value(len(steps)).run()
    assert _step_heading(at) == _heading_of(steps, len(steps))
    assert at.button(key="briefing_next").disabled
    assert not at.exception


def test_step_link_opens_that_step(monkeypatch, steps):
    at = _open(monkeypatch, step="5")
    assert not at.exception
    assert at.number_input(key="briefing_step").value == 5
    assert _step_heading(at) == _heading_of(steps, 5)
    assert not at.info


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"step": "999"}, "Ignored story step '999' in the link: there are 22 steps."),
        ({"step": "two"}, "Ignored story step 'two' in the link: there are 22 steps."),
        ({"judgment": "nope"}, "Ignored unknown judgment 'nope' in the link."),
    ],
)
def test_bad_briefing_link_gives_a_notice_not_an_exception(monkeypatch, steps, params, notice):
    at = _open(monkeypatch, **params)
    assert not at.exception
    assert _infos(at) == [escape_markdown(notice)]
    assert _step_heading(at) == _heading_of(steps, 1)
    assert at.radio(key="briefing_judgment").value is None
    assert _param(at, "judgment") is None


def test_selecting_a_judgment_shows_its_quotes_and_links_to_it(monkeypatch, package):
    at = _open(monkeypatch)
    assert at.radio(key="briefing_judgment").value is None
    assert _param(at, "judgment") is None
    judgments = package["judgments"].set_index("judgment_id")
    for judgment_id, row in judgments.iterrows():
        at.radio(key="briefing_judgment").set_value(judgment_id).run()
        assert not at.exception
        assert _param(at, "judgment") == judgment_id
        # The judgment's cards come first; the story step's come after.
        first = next(m.value for m in at.markdown if "sb-card" in m.value)
        assert sorted(_cards(first)) == sorted(split_list(row["claim_ids"])), judgment_id
        assert f"Caveat: {escape_markdown(row['caveat'])}" in [c.value for c in at.caption]


def test_judgment_link_preselects_the_judgment(monkeypatch):
    at = _open(monkeypatch, judgment="j2", step="3")
    assert not at.exception
    assert at.radio(key="briefing_judgment").value == "j2"
    first = next(m.value for m in at.markdown if "sb-card" in m.value)
    assert sorted(_cards(first)) == ["c000-650", "c004-1000"]
    assert at.number_input(key="briefing_step").value == 3


FILTERED_AV1 = escape_markdown(f"Filtered: sources {AV1}.") + " Clear them in the sidebar."


def test_source_filter_applies_on_every_page(monkeypatch, package):
    """One session: the sidebar filter set on the Briefing narrows each page it visits."""
    view = apply_filters(package, Filters(sources=(AV1,)))
    source_of = _claim_sources(package)
    at = _open(monkeypatch)
    at.multiselect(key="filter_sources").set_value([AV1]).run()
    assert not at.exception
    assert _param(at, "sources") == AV1
    assert FILTERED_AV1 in _infos(at)
    tiles = _tiles("\n".join(m.value for m in at.markdown))
    assert [t for _, t, _ in tiles if t.startswith("US personnel")] == [f"US personnel · {AV1}"]
    assert at.number_input(key="briefing_step").max == len(view["events"]) == 15
    for n in (1, 8, 15):
        at.number_input(key="briefing_step").set_value(n).run()
        story_cards = _cards([m.value for m in at.markdown if "sb-card" in m.value][-1])
        assert story_cards and {source_of[c] for c in story_cards} == {AV1}

    at.session_state["timeline_twin"] = True  # the table twin, opened
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert FILTERED_AV1 in _infos(at)
    (table,) = [d.value for d in at.dataframe if "sources" in d.value.columns]
    assert len(table) == 15 and set(table["sources"]) == {AV1}

    at.switch_page("pages/discrepancies.py").run()
    assert not at.exception
    assert FILTERED_AV1 in _infos(at)
    matrix = at.dataframe(key="discrepancies_matrix").value
    assert {"cnn-000", AV1} <= set(matrix.columns)  # both columns stay
    panels, everything = len(list_topic_panels(view)), len(list_topic_panels(package))
    assert panels < everything  # panels need two sources
    assert any(c.value.startswith(f"{panels} of {panels} topics") for c in at.caption)

    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert FILTERED_AV1 in _infos(at)
    cards = [c for m in at.markdown for c in _cards(m.value)]
    assert cards and {source_of[c] for c in cards} == {AV1}

    at.switch_page("pages/troops.py").run()
    assert not at.exception
    assert FILTERED_AV1 in _infos(at)
    assert [c for m in at.markdown for c in _cards(m.value)] == ["c004-1000"]
    assert _param(at, "sources") == AV1


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_says_which_filters_are_active(monkeypatch, page):
    at = _open(monkeypatch, f"pages/{page}", sources=AV1)
    assert not at.exception
    assert FILTERED_AV1 in _infos(at)
    assert at.multiselect(key="filter_sources").value == [AV1]


def test_sources_page_keeps_the_global_filters_in_the_link(monkeypatch):
    at = _open(monkeypatch, "pages/sources.py", sources=AV1, present="1")
    assert not at.exception
    assert (_param(at, "sources"), _param(at, "present")) == (AV1, "1")


def test_filter_link_preselects_the_filter_widgets(monkeypatch):
    link = {"sources": AV1, "from": "2024-01-01", "to": "2024-10-26", "topics": "coup"}
    at = _open(monkeypatch, **link)
    assert not at.exception
    assert at.multiselect(key="filter_sources").value == [AV1]
    assert at.slider(key="filter_dates").value == (date(2024, 1, 1), date(2024, 10, 26))
    assert at.multiselect(key="filter_topics").value == ["coup"]
    assert _infos(at) == [
        escape_markdown(
            f"Filtered: sources {AV1}; dates 01 Jan 2024 – 26 Oct 2024; topics The July 2023 coup."
        )
        + " Clear them in the sidebar.",
        "No events match the active filters.",  # av1-004's coup claims are from 2023
    ]
    assert {k: _param(at, k) for k in link} == link
    at.button(key="filter_clear").click().run()
    assert not at.exception
    assert at.multiselect(key="filter_sources").value == []
    assert all(_param(at, k) is None for k in link)
    assert not at.info


def test_bad_filter_link_gives_notices_not_an_exception(monkeypatch):
    at = _open(monkeypatch, sources="bogus", to="notadate", topics="coup")
    assert not at.exception
    assert _infos(at)[:2] == [
        escape_markdown("Ignored unknown source(s) 'bogus' in the link."),
        escape_markdown("Ignored a date in the link that is not YYYY-MM-DD."),
    ]
    assert at.multiselect(key="filter_sources").value == []
    assert at.multiselect(key="filter_topics").value == ["coup"]
    assert _param(at, "sources") is None and _param(at, "to") is None
    # The notices are shown once, not on every rerun.
    at.run()
    assert not any("Ignored" in i for i in _infos(at))


def _presentation_css(at: AppTest) -> list[str]:
    return [
        h.proto.body
        for h in at.get("html")
        if '[data-testid="stSidebar"]' in h.proto.body and "display: none" in h.proto.body
    ]


def _exit_button(at: AppTest):
    return [b for b in at.button if b.label == "Exit presentation mode"]


def test_presentation_link_hides_the_chrome_and_the_exit_button_restores_it(monkeypatch):
    at = _open(monkeypatch, present="1")
    assert not at.exception
    assert _presentation_css(at) and _exit_button(at)
    assert at.toggle(key="present").value is True
    assert _param(at, "present") == "1"
    _exit_button(at)[0].click().run()
    assert not at.exception
    assert not _presentation_css(at) and not _exit_button(at)
    assert at.toggle(key="present").value is False
    assert _param(at, "present") is None


def test_presentation_toggle_turns_it_on_and_it_follows_to_other_pages(monkeypatch):
    at = _open(monkeypatch)
    assert not _presentation_css(at) and not _exit_button(at)
    at.toggle(key="present").set_value(True).run()
    assert _presentation_css(at) and _exit_button(at)
    assert _param(at, "present") == "1"
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert _presentation_css(at) and _exit_button(at)


def test_present_link_with_another_value_is_off(monkeypatch):
    at = _open(monkeypatch, present="yes")
    assert not at.exception
    assert not _presentation_css(at)
    assert at.toggle(key="present").value is False


def test_about_page_lists_the_data_dictionary_and_the_licences(monkeypatch, package):
    at = _open(monkeypatch, "pages/about.py")
    assert not at.exception
    assert at.title[0].value == "About Sahel Brief"
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    dictionary = tables[("table", "column", "type", "required", "description", "rules")]
    assert list(dictionary["column"]) == TABLES["sources"].columns
    at.selectbox(key="about_table").set_value("judgments").run()
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    dictionary = tables[("table", "column", "type", "required", "description", "rules")]
    assert list(dictionary["column"]) == TABLES["judgments"].columns
    licences = tables[("what", "licence", "where")]
    assert licences.equals(list_licences(package))
    assert any(package.version in c.value for c in at.caption)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_ends_with_the_sources_and_dataset_version(monkeypatch, package, page):
    at = _open(monkeypatch, f"pages/{page}")
    assert not at.exception
    footer = [c.value for c in at.caption if c.value.startswith("Sources — ")]
    assert len(footer) == 1, page
    assert footer[0].endswith(f"Sahel Brief dataset v{package.version}.")
    for source_id in package["sources"]["source_id"]:
        assert escape_markdown(source_id) in footer[0]
