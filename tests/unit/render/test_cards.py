"""lib/render/cards.py: claim cards and relation lines escape the data, carry their source's
colour, say what the sources leave open, and cite as told: a reader link in the app, a footnote
in the exported file."""

from __future__ import annotations

import re

from lib.analysis.compare import check_relations
from lib.analysis.evidence import list_claim_notes, order_claims, select_claims
from lib.analysis.places import collect_claims_at, list_descendants
from lib.app.links import link_reader
from lib.data.read import list_records
from lib.render.cards import UNRESOLVED_NOTE, render_claim_cards_html, render_relation_line_html
from lib.render.cite import Footnotes, LinkCiter
from lib.render.style import assign_source_colours

READER = LinkCiter(link_reader)


def _colours(package) -> dict[str, str]:
    return assign_source_colours(package["sources"]["source_id"])


def _relation(package, claim_a: str, claim_b: str) -> dict:
    checked = list_records(check_relations(package))
    return next(r for r in checked if (r["claim_a"], r["claim_b"]) == (claim_a, claim_b))


def test_claim_cards_escape_data_and_name_the_source_by_its_colour(curated):
    claims = curated["claims"]
    row = claims[claims["claim_id"] == "c000-agadez-drone"].copy()
    row["quote"] = '</blockquote><script>alert("q")</script>'
    row["claimant"] = "<b onmouseover=alert(1)>Officials</b>"
    row["at"] = "<i>Agadez</i>"
    hostile = LinkCiter(lambda source, claim: f'{source}" onclick="alert(1)&x=<{claim}>')
    html = render_claim_cards_html(list_records(row), _colours(curated), hostile)
    assert "<script" not in html and "<b " not in html and "<i>" not in html
    assert "&lt;/blockquote&gt;&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=alert(1)&gt;Officials&lt;/b&gt;" in html
    assert 'href="cnn-000&quot; onclick=&quot;alert(1)&amp;x=&lt;c000-agadez-drone&gt;"' in html
    colour = _colours(curated)["cnn-000"]
    card = re.search(r'<div class="sb-card" data-claim="c000-agadez-drone" style="([^"]+)">', html)
    assert card and f"--sb-colour:{colour}" in card.group(1)
    assert '<span class="sb-source">cnn-000</span>' in html


def test_claim_cards_link_to_the_reader_on_that_claim(curated):
    within = list_descendants(curated["places"], "agadez")
    claims = order_claims(collect_claims_at(curated, within), curated)
    html = render_claim_cards_html(list_records(claims), _colours(curated), READER)
    for source_id, claim_id in zip(claims["source_id"], claims["claim_id"], strict=True):
        assert f'href="sources?source={source_id}&amp;claim={claim_id}"' in html
    assert re.findall(r'data-claim="([^"]+)"', html) == list(claims["claim_id"])
    assert "<sup" not in html  # the app cites by the link, not by a note


def test_claim_cards_in_a_file_footnote_each_quote_and_link_nowhere(curated):
    claims = list_records(select_claims(curated, ["c004-1000", "c000-650"]))
    notes = Footnotes(list_claim_notes(curated))
    html = render_claim_cards_html(claims, _colours(curated), notes)
    assert re.findall(r'href="([^"]*)"', html) and not re.findall(r'href="[^#]', html)
    assert "in the reader" not in html
    quoted = re.findall(r'”<sup class="sb-x-ref"><a id="ref-(\d+)-1" href="#note-\1"', html)
    assert quoted == ["1", "2"]
    assert notes.numbers == {"c000-650": 1, "c004-1000": 2}  # numbered in reading order


def test_no_claims_make_no_cards():
    assert render_claim_cards_html([], {}, READER) == ""


def test_an_unresolved_relation_says_the_sources_do_not_say_why_and_lists_candidates(curated):
    relation = _relation(curated, "c000-650", "c004-1000")
    assert relation["curated"] == "unresolved" and relation["hypotheses"]
    html = render_relation_line_html(relation, READER)
    assert UNRESOLVED_NOTE in html
    assert html.count("<li>") == len(relation["hypotheses"])
    assert re.findall(r'class="sb-side" data-claim="([^"]+)"', html) == ["c000-650", "c004-1000"]
    assert 'class="sb-mismatch"' not in html  # the curator agrees with the computed relation


def test_a_relation_the_computed_one_contradicts_says_so_with_the_curators_reason(curated):
    relation = _relation(curated, "c000-saturday", "c004-15march")
    overridden = {
        **relation,
        "curated": "agrees",
        "consistent": False,
        "override_reason": "read as one act",
    }
    html = render_relation_line_html(overridden, READER)
    mismatch = re.search(r'<div class="sb-mismatch">(.*?)</div>', html).group(1)
    assert "(agrees) differs from the computed one (conflicts)" in mismatch
    assert "The curator's reason: read as one act" in mismatch
    assert UNRESOLVED_NOTE not in html


def test_relation_lines_escape_the_data_and_stay_one_html_block(curated):
    relation = {
        **_relation(curated, "c000-650", "c004-1000"),
        "statement_a": "<img src=x onerror=alert(1)>",
        "source_b": "<b>b</b>",
        "explanation": "first\n\n*second* <script>",
    }
    html = render_relation_line_html(relation, READER)
    assert "<img" not in html and "<b>b" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;b&lt;/b&gt;" in html
    # A blank line would end the HTML block in st.markdown and let the rest be read as markdown.
    assert "\n" not in html and html.startswith("<div") and html.endswith("</div>")


def test_a_relation_line_in_a_file_footnotes_each_side(curated):
    notes = Footnotes(list_claim_notes(curated))
    html = render_relation_line_html(_relation(curated, "c000-650", "c004-1000"), notes)
    sides = re.findall(r'class="sb-side" data-claim="([^"]+)".*?<sup[^>]*>(.*?)</sup>', html)
    assert [(claim, re.findall(r">(\d+)</a>", sup)) for claim, sup in sides] == [
        ("c000-650", ["1"]),
        ("c004-1000", ["2"]),
    ]
