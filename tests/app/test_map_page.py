"""AppTest on the Map page: it runs, the place picker and links drive the evidence panel."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from lib.paths import DATA_DIR_ENV
from lib.render.text import escape_markdown
from tests.helpers.app import APP
from tests.helpers.packages import CURATED_DATA, find_claims_naming, map_claims_to_sources

MAP_PAGE = "pages/map.py"


def _open_map(monkeypatch, place: str | None = None) -> AppTest:
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    if place is not None:
        at.query_params["place"] = place
    return at.switch_page(MAP_PAGE).run()


def _cards(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if 'class="sb-card"' in m.value)


def test_map_page_runs_without_exception(monkeypatch):
    at = _open_map(monkeypatch)
    assert not at.exception
    assert not at.error
    assert [t.value for t in at.title] == ["Map"]
    assert at.selectbox(key="map_place").value is None
    assert "Nothing selected yet. Try **Agadez** or **Niger**." in [m.value for m in at.markdown]
    assert "place" not in at.query_params
    assert any("8 country outlines" in c.value for c in at.caption)


def test_picking_a_place_shows_its_claims_and_sets_the_link(monkeypatch, curated):
    at = _open_map(monkeypatch)
    at.selectbox(key="map_place").set_value("agadez").run()
    assert not at.exception
    assert at.subheader[0].value == "Agadez"
    assert at.query_params["place"] == "agadez"
    expected = find_claims_naming(curated, {"agadez", "ab201"})
    panel = next(m.value for m in at.markdown if 'class="sb-card"' in m.value)
    for claim_id in expected:
        assert f'data-claim="{claim_id}"' in panel
    assert panel.count('class="sb-card"') == len(expected)
    assert any(
        c.value.startswith(f"{len(expected)} claim(s)")
        and escape_markdown("Air Base 201 (Agadez)") in c.value
        for c in at.caption
    )


def test_clearing_the_place_drops_it_from_the_link(monkeypatch):
    at = _open_map(monkeypatch, "agadez")
    at.selectbox(key="map_place").set_value(None).run()
    assert not at.exception
    assert "place" not in at.query_params
    assert [s.value for s in at.subheader] == ["Named, but not on this map"]


def test_place_link_preselects_that_place(monkeypatch):
    at = _open_map(monkeypatch, "agadez")
    assert not at.exception
    assert at.selectbox(key="map_place").value == "agadez"
    assert at.subheader[0].value == "Agadez"
    assert 'data-claim="c000-agadez-drone"' in _cards(at)
    assert not at.info


def test_unknown_place_link_gives_a_notice_not_an_exception(monkeypatch):
    at = _open_map(monkeypatch, "atlantis")
    assert not at.exception
    assert [i.value for i in at.info] == [
        escape_markdown("Ignored unknown place 'atlantis' in the link.")
    ]
    assert at.selectbox(key="map_place").value is None
    assert "place" not in at.query_params


def test_off_map_places_are_listed_with_their_claims(monkeypatch, curated):
    at = _open_map(monkeypatch)
    expanders = {e.label.split(" · ")[0]: e for e in at.expander}
    far = {"Washington, D.C.": "washington", "Moscow": "moscow", "Tehran": "tehran", "Libya": "lby"}
    for name, place_id in far.items():
        expander = expanders.get(escape_markdown(name))
        assert expander is not None, f"{name} is not listed off the map"
        n_claims = len(find_claims_naming(curated, {place_id}))
        assert expander.label.endswith(escape_markdown(f" · {n_claims} claim(s)"))
        cards = "\n".join(m.value for m in expander.markdown)
        assert n_claims > 0 and cards.count('class="sb-card"') == n_claims


def test_pinned_sahel_places_are_not_listed_off_map(monkeypatch):
    at = _open_map(monkeypatch)
    labels = "\n".join(e.label for e in at.expander)
    for name in ("Niamey", "Agadez", "Air Base", "Niger", "Mali", "Burkina Faso"):
        assert f"{name} ·" not in labels and f"{escape_markdown(name)} ·" not in labels


def test_online_basemap_toggle_keeps_the_selection_and_is_off_by_default(monkeypatch):
    at = _open_map(monkeypatch, place="ner")
    toggle = at.toggle(key="map_online_basemap")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert not at.exception
    assert at.selectbox(key="map_place").value == "ner"
    assert at.subheader[0].value == "Niger"


def test_off_map_list_follows_the_sidebar_filter_and_never_lists_zero_claims(monkeypatch, curated):
    at = _open_map(monkeypatch)
    at.multiselect(key="filter_sources").set_value(["cnn-000"]).run()
    assert not at.exception
    counted = escape_markdown(" claim(s)")
    listed = [e for e in at.expander if e.label.endswith(counted)]
    assert listed, "the off-map list is empty under the filter"
    source_of = map_claims_to_sources(curated)
    for expander in listed:
        count = int(expander.label.removesuffix(counted).rsplit(" · ", 1)[1])
        cards = "\n".join(m.value for m in expander.markdown)
        shown = set(re.findall(r'data-claim="([^"]+)"', cards))
        assert count > 0 and len(shown) == count, expander.label
        assert {source_of[c] for c in shown} == {"cnn-000"}
    # An event of the CNN document still names Washington; no claim of it does.
    names = [e.label.split(" · ")[0] for e in listed]
    assert escape_markdown("Washington, D.C.") not in names
