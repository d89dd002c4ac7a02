"""lib/render/cards.py: claim cards escape the data, carry their source's colour and link to
the reader."""

from __future__ import annotations

import re

from lib.analysis.evidence import order_claims
from lib.analysis.places import collect_claims_at, list_descendants
from lib.app.links import link_reader
from lib.render.cards import render_claim_cards_html
from lib.render.style import assign_source_colours


def test_claim_cards_escape_data_and_name_the_source_by_its_colour(curated):
    claims = curated["claims"]
    row = claims[claims["claim_id"] == "c000-agadez-drone"].copy()
    row["quote"] = '</blockquote><script>alert("q")</script>'
    row["claimant"] = "<b onmouseover=alert(1)>Officials</b>"
    row["at"] = "<i>Agadez</i>"
    html = render_claim_cards_html(
        row, curated, lambda source, claim: f'{source}" onclick="alert(1)&x=<{claim}>'
    )
    assert "<script" not in html and "<b " not in html and "<i>" not in html
    assert "&lt;/blockquote&gt;&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in html
    assert "&lt;b onmouseover=alert(1)&gt;Officials&lt;/b&gt;" in html
    assert 'href="cnn-000&quot; onclick=&quot;alert(1)&amp;x=&lt;c000-agadez-drone&gt;"' in html
    colour = assign_source_colours(curated["sources"]["source_id"])["cnn-000"]
    card = re.search(r'<div class="sb-card" data-claim="c000-agadez-drone" style="([^"]+)">', html)
    assert card and f"--sb-colour:{colour}" in card.group(1)
    assert '<span class="sb-source">cnn-000</span>' in html


def test_claim_cards_link_to_the_reader_on_that_claim(curated):
    within = list_descendants(curated["places"], "agadez")
    claims = order_claims(collect_claims_at(curated, within), curated)
    html = render_claim_cards_html(claims, curated, link_reader)
    for source_id, claim_id in zip(claims["source_id"], claims["claim_id"], strict=True):
        assert f'href="sources?source={source_id}&amp;claim={claim_id}"' in html
    assert re.findall(r'data-claim="([^"]+)"', html) == list(claims["claim_id"])
