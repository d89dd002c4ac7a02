"""lib/render/tiles.py and lib.analysis.briefing.list_key_figures: the briefing's key-figure
tiles, what backs them, their links and escaping."""

from __future__ import annotations

import pandas as pd

from lib.analysis.briefing import list_key_dates, list_key_figures
from lib.analysis.events import build_timeline_events
from lib.analysis.evidence import list_claim_notes
from lib.analysis.filters import Filters, apply_filters
from lib.analysis.troops import select_troop_claims
from lib.app.links import link_reader, make_item_link
from lib.render.cite import Footnotes, LinkCiter
from lib.render.style import assign_source_colours
from lib.render.tiles import render_key_figures_html
from tests.helpers.markup import HOSTILE_NAME, find_tiles
from tests.helpers.packages import AV1, with_table


def _tiles_html(package, carry: dict[str, str] | None = None) -> str:
    figures = list_key_figures(package, build_timeline_events(package))
    colours = assign_source_colours(package["sources"]["source_id"])
    citer = LinkCiter(link_reader, make_item_link(carry or {}))
    return render_key_figures_html(figures, colours, citer)


def test_key_figures_show_each_troop_figure_as_its_interval(curated):
    tiles = find_tiles(_tiles_html(curated))
    troops = {title: body for href, title, body in tiles if title.startswith("US personnel")}
    assert len(troops) == len(select_troop_claims(curated)) == 2
    cnn, av1 = troops["US personnel · cnn-000"], troops[f"US personnel · {AV1}"]
    assert '<span class="sb-tile-value">585–715</span>' in cnn
    # The CNN text states no date for its count: the date is when it was reported.
    assert "about 650 U.S. troops · reported 16–22 Mar 2024" in cnn
    assert "as of" not in cnn and "as of" not in av1
    assert '<span class="sb-tile-value">≥ 1,001</span>' in av1
    assert "more than 1,000 U.S. military personnel" in av1
    assert all(href == "troops" for href, title, _ in tiles if title.startswith("US personnel"))


def test_key_figures_link_bases_to_the_map_and_key_dates_to_the_timeline(curated):
    tiles = find_tiles(_tiles_html(curated))
    bases = [href for href, title, _ in tiles if title == "US air base"]
    assert bases == ["map?place=ab101", "map?place=ab201"]
    dates = [href for href, title, _ in tiles if title == "Key date"]
    assert dates == [
        f"timeline?event={e}" for e in list_key_dates(build_timeline_events(curated))["event_id"]
    ]
    assert dates == [
        "timeline?event=e-presence-start",
        "timeline?event=e-coup",
        "timeline?event=e-revocation",
        "timeline?event=e-withdrawal-decision",
    ]
    disputed = [body for _, title, body in tiles if title == "Key date" and "disagree" in body]
    assert len(disputed) == 2


def test_every_key_figure_link_keeps_the_carried_state(curated):
    """Regression: the troop tiles linked to a bare 'troops', dropping filters and presentation."""
    carry = {"present": "1", "sources": AV1}
    hrefs = [href for href, _, _ in find_tiles(_tiles_html(curated, carry))]
    assert len(hrefs) == 8
    assert all("present=1" in href and f"sources={AV1}" in href for href in hrefs), hrefs


def test_key_figures_follow_the_view(curated):
    view = apply_filters(curated, Filters(sources=(AV1,)))
    tiles = find_tiles(_tiles_html(view))
    assert [t for _, t, _ in tiles if t.startswith("US personnel")] == [f"US personnel · {AV1}"]


def test_an_air_base_no_claim_names_gets_no_tile(curated):
    # A tile with nothing behind it would break "every figure traces to a quote"; the app showed
    # every base while the export dropped the unbacked ones.
    places = curated["places"]
    unnamed = places[places["place_id"] == "ab201"].assign(place_id="ab999", name="Base 999")
    grown = with_table(curated, "places", pd.concat([places, unnamed], ignore_index=True))
    figures = list_key_figures(grown, build_timeline_events(grown))
    bases = [f.about for f in figures if f.kind == "place"]
    assert bases == ["ab101", "ab201"]
    for figure in figures:
        assert figure.claim_ids and set(figure.claim_ids) <= set(grown["claims"]["claim_id"])


def test_key_figures_in_a_file_footnote_each_value_instead_of_linking(curated):
    figures = list_key_figures(curated, build_timeline_events(curated))
    notes = Footnotes(list_claim_notes(curated))
    html = render_key_figures_html(figures, assign_source_colours(["cnn-000", AV1]), notes)
    assert "<a class" not in html and html.count('<div class="sb-tile"') == len(figures)
    for figure in figures:
        cited = {notes.numbers[c] for c in figure.claim_ids}
        assert all(f'href="#note-{n}"' in html for n in cited), figure


def test_key_figures_escape_names_and_titles(curated):
    places = curated["places"].copy()
    places.loc[places["place_id"] == "ab201", "name"] = HOSTILE_NAME
    events = curated["events"].copy()
    events.loc[events["event_id"] == "e-coup", "title"] = "<script>alert(1)</script>"
    hostile = with_table(with_table(curated, "places", places), "events", events)
    html = _tiles_html(hostile)
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
