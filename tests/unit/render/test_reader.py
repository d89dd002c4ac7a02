"""lib/render/reader.py: overlapping spans, escaping, and what a highlight carries."""

import re
from html import unescape

from lib.render.reader import (
    Span,
    collect_document_spans,
    render_document_html,
    render_source_html,
    segment_spans,
)


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


def test_every_highlighted_piece_is_part_of_each_quote_it_claims(curated):
    claims = curated["claims"]
    quotes = dict(zip(claims["claim_id"], claims["quote"], strict=True))
    for source_id in curated["sources"]["source_id"]:
        spans = collect_document_spans(curated, source_id, claims["claim_id"])
        html = render_document_html(curated.seeds[source_id], spans)
        pieces = re.findall(r'<mark [^>]*data-keys="([^"]+)"[^>]*>(.*?)</mark>', html, re.S)
        covered = set()
        for keys, text in pieces:
            for key in keys.split():
                if key in quotes:
                    assert unescape(text) in quotes[key], (key, text)
                    covered.add(key)
        own = set(claims.loc[claims["source_id"] == source_id, "claim_id"])
        assert covered == own


def test_linked_highlight_is_a_link_that_selects_its_claim():
    html = render_document_html("abcdef", [_span(0, 3, "c1")], href=lambda cid: f"?claim={cid}&x=1")
    assert (
        '<a class="sb-link" href="?claim=c1&amp;x=1" target="_self" data-claim="c1" '
        'aria-description="tip for c1"><mark class="sb-claim"' in html
    )
    assert 'tabindex="0"' not in html.split("<a ")[1]  # the link, not the mark, takes focus


def test_highlight_tip_describes_the_text_without_renaming_it():
    # axe: aria-label is prohibited on <mark>, and on a link it hid the quoted text.
    unlinked = render_document_html("abcdef", [_span(0, 3, "c1")])
    assert '<mark class="sb-claim"' in unlinked and 'aria-description="tip for c1"' in unlinked
    linked = render_document_html("abcdef", [_span(0, 3, "c1")], href=lambda cid: cid)
    assert "aria-label" not in unlinked + linked


def test_search_dims_the_highlights_it_excludes_and_keeps_them_in_place():
    """Regression (issue 15): a search left non-matching highlights untouched or removed them;
    now they stay, marked sb-dim, and only the kept claims keep their colour."""
    spans = [_span(0, 3, "keep"), _span(4, 6, "drop")]
    html = render_document_html("abcdefg", spans, href=lambda cid: cid, dimmed={"drop"})
    marks = dict(re.findall(r'<mark class="([^"]*)"[^>]*data-keys="([^"]*)"', html))
    by_key = {key: classes.split() for classes, key in marks.items()}
    assert "sb-dim" in by_key["drop"] and "sb-dim" not in by_key["keep"]
    assert 'data-claim="drop"' in html  # still a link: a dimmed claim can still be selected


def test_a_dimmed_inner_claim_leaves_the_kept_outer_claim_coloured_and_clickable():
    outer = Span(0, 6, "outer", "claim", "#0072B2", "tip outer")
    inner = Span(2, 4, "inner", "claim", "#D55E00", "tip inner")
    html = render_document_html("abcdef", [outer, inner], href=lambda cid: cid, dimmed={"inner"})
    piece = re.search(
        r'<a [^>]*data-claim="([^"]+)"[^>]*><mark class="([^"]*)" style="([^"]*)"'
        r'[^>]*data-keys="outer inner"',
        html,
    )
    assert piece is not None
    claim, classes, style = piece.groups()
    assert claim == "outer" and "sb-dim" not in classes.split()
    assert "#0072B2" in style and "#D55E00" not in style


def test_the_reader_dims_shown_claims_a_search_leaves_out_and_hides_the_rest(three_sources):
    claims = three_sources["claims"]
    ids = list(claims.loc[claims["source_id"] == "fx3-900", "claim_id"])
    html = render_source_html(three_sources, "fx3-900", ids[:4], ids[:2], ids[0], lambda c: c)
    marks = re.findall(r'<mark class="([^"]*)"[^>]*data-keys="([^"]+)"', html)
    classes = {key: cls for cls, key in marks}
    assert set(classes) == {*ids[:4], "q900-nigeria"}  # the claims shown, and the flag
    assert classes[ids[0]] == "sb-claim sb-selected" and classes[ids[1]] == "sb-claim"
    assert all(classes[key] == "sb-claim sb-dim" for key in ids[2:4])
    assert f'data-claim="{ids[1]}"' in html  # each highlight selects its claim
