"""The reader: overlapping spans, escaping, and what a highlight carries."""

import re
from html import unescape

import pandas as pd
import pytest

from lib.analysis.evidence import format_figure, index_topics, list_source_topics
from lib.app.links import link_claim, read_sources_params
from lib.app.state import pick_selected_claim
from lib.data.validate import load_and_validate as validate
from lib.paths import DEFAULT_DATA_DIR
from lib.render.reader import Span, collect_document_spans, render_document_html, segment_spans
from lib.render.tables import build_claims_table


def _span(start, end, key, kind="claim"):
    return Span(start, end, key, kind, "#0072B2", f"tip for {key}")


def test_overlapping_spans_become_segments_listing_every_cover():
    pieces = segment_spans(10, [_span(0, 6, "a"), _span(4, 8, "b")])
    assert [(s, e, tuple(x.key for x in c)) for s, e, c in pieces] == [
        (0, 4, ("a",)),
        (4, 6, ("a", "b")),
        (6, 8, ("b",)),
        (8, 10, ()),
    ]


def test_document_text_is_escaped_never_interpreted():
    text = '<script>window.x=1</script> **bold** <img src=x onerror="alert(1)">'
    html = render_document_html(text, [_span(0, 8, "c1")])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "**bold**" in html  # markdown is left as literal characters


def test_tooltip_text_is_attribute_escaped():
    span = Span(0, 4, "c1", "claim", "#0072B2", 'say "hi" <b>')
    html = render_document_html("abcd", [span])
    assert 'data-tip="say &quot;hi&quot; &lt;b&gt;"' in html


def test_selected_claim_is_outlined_and_flags_are_marked():
    html = render_document_html("abcdef", [_span(0, 3, "c1"), _span(2, 5, "q1", "flag")], "c1")
    assert html.count('class="sb-claim sb-selected') == 2  # both segments of c1
    assert 'class="sb-claim sb-selected sb-flag"' in html


def test_every_highlighted_piece_is_part_of_each_quote_it_claims():
    package, _ = validate(DEFAULT_DATA_DIR)
    claims = package["claims"]
    quotes = dict(zip(claims["claim_id"], claims["quote"], strict=True))
    for source_id in package["sources"]["source_id"]:
        spans = collect_document_spans(package, source_id, claims["claim_id"])
        html = render_document_html(package.seeds[source_id], spans)
        pieces = re.findall(r'<mark [^>]*data-keys="([^"]+)"[^>]*>(.*?)</mark>', html, re.S)
        covered = set()
        for keys, text in pieces:
            for key in keys.split():
                if key in quotes:
                    assert unescape(text) in quotes[key], (key, text)
                    covered.add(key)
        own = set(claims.loc[claims["source_id"] == source_id, "claim_id"])
        assert covered == own


def test_figures_read_as_their_bounds():
    def row(**cells):
        return pd.Series(cells)

    assert (
        format_figure(
            row(
                bound="approx",
                hedge="about",
                value=650.0,
                value_low=585.0,
                value_high=715.0,
                unit="people",
            )
        )
        == "about 650 (585–715) people"
    )
    assert (
        format_figure(
            row(
                bound="lower",
                hedge="more than",
                value=1000.0,
                value_low=1001.0,
                value_high=None,
                unit="people",
            )
        )
        == "more than 1,000 (≥ 1,001, no upper limit) people"
    )
    assert (
        format_figure(
            row(bound="exact", value=110e6, value_low=110e6, value_high=110e6, unit="USD")
        )
        == "$110,000,000"
    )
    assert (
        format_figure(
            row(
                bound="range",
                hedge="nearly",
                value=None,
                value_low=9.0,
                value_high=10.0,
                unit="years",
            )
        )
        == "nearly 9–10 years"
    )
    assert format_figure(row(bound=None)) == ""


def test_claims_table_filters_by_topic_and_search():
    package, _ = validate(DEFAULT_DATA_DIR)
    everything = build_claims_table(package, "cnn-000")
    troops = build_claims_table(package, "cnn-000", ("us_forces_count",))
    assert list(troops["claim_id"]) == ["c000-650"]
    wagner = build_claims_table(package, "cnn-000", search="WAGNER")
    assert list(wagner["claim_id"]) == ["c000-wagner"]
    assert len(everything) == (package["claims"]["source_id"] == "cnn-000").sum()
    assert list(everything["char_start"]) == sorted(everything["char_start"])


def test_linked_highlight_is_a_link_that_selects_its_claim():
    html = render_document_html("abcdef", [_span(0, 3, "c1")], href=lambda cid: f"?claim={cid}&x=1")
    assert (
        '<a class="sb-link" href="?claim=c1&amp;x=1" target="_self" '
        'aria-description="tip for c1"><mark class="sb-claim"' in html
    )
    assert 'tabindex="0"' not in html.split("<a ")[1]  # the link, not the mark, takes focus


def test_highlight_tip_describes_the_text_without_renaming_it():
    # axe: aria-label is prohibited on <mark>, and on a link it hid the quoted text.
    unlinked = render_document_html("abcdef", [_span(0, 3, "c1")])
    assert '<mark class="sb-claim"' in unlinked and 'aria-description="tip for c1"' in unlinked
    linked = render_document_html("abcdef", [_span(0, 3, "c1")], href=lambda cid: cid)
    assert "aria-label" not in unlinked + linked


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
def test_sources_link_parameters_are_checked(params, expected):
    package, _ = validate(DEFAULT_DATA_DIR)
    assert read_sources_params(params, package) == expected


def test_claim_link_round_trips_through_the_parser():
    package, _ = validate(DEFAULT_DATA_DIR)
    query = link_claim("cnn-000", "c000-650").lstrip("?")
    params = dict(pair.split("=") for pair in query.split("&"))
    assert read_sources_params(params, package) == ("cnn-000", "c000-650", [])


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


def test_topic_choices_are_in_the_order_readers_see_them():
    """Regression: options were sorted by internal id, so labels appeared in no order."""
    package, _ = validate(DEFAULT_DATA_DIR)
    labels, _ = index_topics(package)
    shown = [labels[t] for t in list_source_topics(package, "av1-004")]
    assert shown == sorted(shown, key=str.casefold)
    assert set(list_source_topics(package, "av1-004")) == set(
        package["claims"].loc[package["claims"]["source_id"] == "av1-004", "topic"]
    )
