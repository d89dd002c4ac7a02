"""Each fragment built both ways from the same records: citing by links (the app's pages) and by
numbered footnotes (the exported file). Both must show the same figures, dates and words and
carry the same claim ids; only how they cite may differ. Built from the frozen three-source
fixture, so the check does not move with the curated data."""

from __future__ import annotations

import html
import re

import pytest

from lib.analysis.briefing import list_key_figures, list_story_steps
from lib.analysis.compare import check_relations
from lib.analysis.evidence import list_claim_notes, order_claims
from lib.app.links import link_reader, make_item_link
from lib.data.read import list_records
from lib.render.cards import render_claim_cards_html, render_relation_lines_html
from lib.render.cite import Footnotes, LinkCiter
from lib.render.style import assign_source_colours
from lib.render.tiles import render_key_figures_html


def _key_figures(package, citer) -> str:
    figures = list_key_figures(package, list_story_steps(package))
    return render_key_figures_html(figures, _colours(package), citer)


def _claim_cards(package, citer) -> str:
    claims = list_records(order_claims(package["claims"], package))
    return render_claim_cards_html(claims, _colours(package), citer)


def _relation_lines(package, citer) -> str:
    return render_relation_lines_html(list_records(check_relations(package)), citer)


FRAGMENTS = {"key figures": _key_figures, "claim cards": _claim_cards, "relations": _relation_lines}


def _colours(package) -> dict[str, str]:
    return assign_source_colours(package["sources"]["source_id"])


def _shown(markup: str) -> str:
    """What a reader sees, whichever way the fragment cites: no note numbers, no link words."""
    without_notes = re.sub(r'<sup class="sb-x-ref">.*?</sup>', "", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", without_notes))
    return text.replace(" in the reader", "")


def _claim_ids(markup: str) -> list[str]:
    return [c for found in re.findall(r'data-claims?="([^"]*)"', markup) for c in found.split()]


@pytest.fixture(scope="module", params=list(FRAGMENTS))
def both_ways(request, three_sources) -> tuple[str, str, Footnotes]:
    build = FRAGMENTS[request.param]
    notes = Footnotes(list_claim_notes(three_sources))
    return (
        build(three_sources, LinkCiter(link_reader, make_item_link({}))),
        build(three_sources, notes),
        notes,
    )


def test_both_ways_show_the_same_figures_dates_and_words(both_ways):
    linked, footnoted, _ = both_ways
    assert _shown(linked) == _shown(footnoted)
    assert re.search(r"\d", _shown(linked))  # the fragment shows figures or dates at all


def test_both_ways_carry_the_same_claim_ids(both_ways):
    linked, footnoted, _ = both_ways
    assert _claim_ids(linked) and _claim_ids(linked) == _claim_ids(footnoted)


def test_the_file_footnotes_every_claim_it_shows_and_links_nowhere_else(both_ways):
    _, footnoted, notes = both_ways
    assert set(notes.numbers) == set(_claim_ids(footnoted))
    assert not re.findall(r'href="[^#]', footnoted)  # a file has no pages or reader to open


def test_the_app_links_instead_of_numbering(both_ways):
    linked, _, _ = both_ways
    assert "<sup" not in linked
    for href in re.findall(r'href="([^"]*)"', linked):
        assert href.startswith(("troops", "map?", "timeline?", "sources?")), href
