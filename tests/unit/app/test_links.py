"""lib/app/links.py: page links, the share link and reading the URL's parameters (no server)."""

from __future__ import annotations

from datetime import date

import pytest

from lib.analysis.filters import Filters
from lib.app.links import (
    build_share_link,
    link_claim,
    link_page,
    read_cell_param,
    read_filter_params,
    read_id_param,
    read_list_param,
    read_sources_params,
    read_step_param,
    write_cell_param,
    write_filter_params,
)
from lib.app.pages import find_neighbours, list_presented_pages
from tests.helpers.packages import AV1


def test_links_to_pages_use_their_declared_paths():
    assert link_page("map.py", place="agadez") == "map?place=agadez"
    assert link_page("sources.py", source="cnn-000", claim="", sources="av1-004") == (
        "sources?source=cnn-000&sources=av1-004"
    )
    assert link_page("briefing.py") == "./"  # the default page sits at the root
    assert link_page("briefing.py", step="3") == "./?step=3"
    with pytest.raises(ValueError, match=r"no page 'mapp\.py'"):
        link_page("mapp.py")


def test_share_link_is_the_page_url_with_its_state():
    link = build_share_link("http://127.0.0.1:8501/map", {"place": "agadez", "sources": "a|b"})
    assert link == "http://127.0.0.1:8501/map?place=agadez&sources=a%7Cb"
    assert build_share_link("http://[::1]:8501/", {}) == "http://[::1]:8501/"
    assert build_share_link("http://h:8501", {"step": "1"}) == "http://h:8501/?step=1"
    # Markup in the path or the parameters cannot leave the link (checked in a browser too).
    hostile = build_share_link("http://h/x)<b>", {"q": "](javascript:alert(1))"})
    assert not set("<>()[] ") & set(hostile), hostile
    assert build_share_link("", {"a": "b"}) == ""  # no browser behind the run
    # The page shown, not the path asked for (a link to no page opens the default one).
    assert build_share_link("http://h:8501/nosuchpage", {}, "/") == "http://h:8501/"


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
    curated, params, sources, topics, notices
):
    filters, found = read_filter_params(params, curated)
    assert (filters.sources, filters.topics, filters.window) == (sources, topics, None)
    assert found == notices


BAD_DATE = "Ignored a date in the link that is not YYYY-MM-DD."


REVERSED = "Ignored a date range in the link that ends before it starts."


@pytest.mark.parametrize(
    ("params", "window", "notices"),
    [
        ({"from": "2024-01-01", "to": "2024-03-31"}, ("2024-01-01", "2024-03-31"), []),
        ({"from": "2024-01-01"}, ("2024-01-01", "2024-10-22"), []),
        ({"to": "2023-12-31"}, ("2011-02-08", "2023-12-31"), []),
        # Dates outside the package are clamped to its span; the full span is no filter at all.
        ({"from": "1990-01-01", "to": "2024-01-31"}, ("2011-02-08", "2024-01-31"), []),
        ({"from": "1990-01-01", "to": "2030-12-31"}, None, []),
        ({"from": "2011-02-08", "to": "2024-10-22"}, None, []),
        ({"from": "notadate"}, None, [BAD_DATE]),
        ({"from": "2024-02-30", "to": "2024-03-31"}, (None, "2024-03-31"), [BAD_DATE]),
        ({"to": ""}, None, [BAD_DATE]),
        ({"from": "2024-05-01", "to": "2024-01-01"}, None, [REVERSED]),
        ({"from": "2030-01-01"}, None, [REVERSED]),
    ],
)
def test_read_filter_params_reads_clamps_and_rejects_dates(
    curated, bounds, params, window, notices
):
    filters, found = read_filter_params(params, curated)
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
        Filters(window=(date(2024, 1, 1), date(2024, 10, 22))),
        Filters(window=(date(2023, 7, 1), date(2023, 7, 1))),
        Filters(topics=("coup", "us_air_bases")),
        Filters((AV1,), (date(2012, 1, 1), date(2024, 4, 30)), ("wagner",)),
    ],
)
def test_write_filter_params_round_trips_through_read(curated, filters):
    params = write_filter_params(filters)
    assert all(isinstance(v, str) and v for v in params.values())
    assert read_filter_params(params, curated) == (filters, [])


def test_write_filter_params_writes_nothing_without_filters():
    assert write_filter_params(Filters()) == {}
    assert not Filters().active


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


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": "agadez"}, ("agadez", [])),
        ({"place": "atlantis"}, (None, ["Ignored unknown place 'atlantis' in the link."])),
        ({"place": ""}, (None, ["Ignored unknown place '' in the link."])),
        ({}, (None, [])),
        ({"claim": "agadez"}, (None, [])),
    ],
)
def test_read_id_param_accepts_known_ids_only(params, expected):
    assert read_id_param(params, "place", ["agadez", "ner"], "place") == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, (None, None, [])),
        ({"source": "av1-004"}, ("av1-004", None, [])),
        ({"claim": "c004-1000"}, ("av1-004", "c004-1000", [])),
        ({"source": "cnn-000", "claim": "c000-650"}, ("cnn-000", "c000-650", [])),
        (
            {"source": "cnn-000", "claim": "c004-1000"},
            ("av1-004", "c004-1000", ["Claim 'c004-1000' is from av1-004; showing that document."]),
        ),
        ({"source": "nyt-999"}, (None, None, ["Ignored unknown document 'nyt-999' in the link."])),
        (
            {"source": "cnn-000", "claim": "<script>"},
            ("cnn-000", None, ["Ignored unknown claim '<script>' in the link."]),
        ),
    ],
)
def test_sources_link_parameters_are_checked(params, expected, curated):
    assert read_sources_params(params, curated) == expected


def test_claim_link_round_trips_through_the_parser(curated):
    query = link_claim("cnn-000", "c000-650").lstrip("?")
    params = dict(pair.split("=") for pair in query.split("&"))
    assert read_sources_params(params, curated) == ("cnn-000", "c000-650", [])


def test_page_bar_neighbours_follow_the_presented_pages():
    presented = list_presented_pages()
    assert "ingest.py" not in [spec.file for spec in presented]
    assert find_neighbours("") == (None, presented[1])
    last = presented[-1]
    assert find_neighbours(last.url_path) == (presented[-2], None)
    assert find_neighbours("map") == (presented[0], presented[2])
    # A page the bar does not list (local curation) leads back into the presented pages.
    assert find_neighbours("ingest") == (None, presented[0])


@pytest.mark.parametrize(
    ("raw", "kept", "notices"),
    [
        ("", (), []),
        ("diplomacy", ("diplomacy",), []),
        ("withdrawal,diplomacy", ("withdrawal", "diplomacy"), []),  # the link's order
        ("diplomacy,diplomacy,", ("diplomacy",), []),  # repeats and a trailing comma: no notice
        (
            "coup,nope,diplomacy,x",
            ("coup", "diplomacy"),
            ["Ignored unknown kinds 'nope', 'x' in the link."],
        ),
    ],
)
def test_read_list_param_keeps_known_ids_in_order_and_names_unknown_ones(raw, kept, notices):
    known = ["coup", "diplomacy", "withdrawal"]
    assert read_list_param({"categories": raw}, "categories", known, "kinds") == (kept, notices)


@pytest.mark.parametrize(
    ("topic_id", "source_id"),
    [("us_forces_count", "cnn-000"), ("a.b-c_d", "av1-004"), ("x", "y")],
)
def test_a_matrix_cell_round_trips_through_its_url_form(topic_id, source_id):
    raw = write_cell_param(topic_id, source_id)
    assert raw == f"{topic_id}:{source_id}"
    assert read_cell_param(raw) == (topic_id, source_id)


@pytest.mark.parametrize("raw", ["us_forces_count", "", ":", "topic:", ":cnn-000"])
def test_a_cell_without_both_ids_is_no_cell(raw):
    assert read_cell_param(raw) is None
