"""Browser tests for the Map page: Leaflet really draws, clicks open evidence, pans stay local."""

from __future__ import annotations

import re

import pytest

from lib.analysis.evidence import order_claims
from lib.analysis.places import (
    collect_claims_at,
    list_descendants,
    list_located_places,
    list_russian_force_countries,
)
from lib.data.boundaries import read_boundaries
from tests.helpers import FOLIUM, IDLE, Visit

pytestmark = pytest.mark.browser
OFF_MAP = "Named, but not on this map"
# The evidence panel beside the map; the off-map expanders below repeat some of its cards.
PANEL = '[data-testid="stHorizontalBlock"] .sb-cards'
# Installed in every page before any of its scripts run. In the app page (not the component
# frame) it logs each value a component sends and each change of the script-run state, so a
# test can tell exactly which script runs an interaction caused.
PROBE = """
(() => {
  if (window.top !== window) return;
  const events = (window.__sbEvents = []);
  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:setComponentValue") {
      events.push(`sent:${JSON.stringify(event.data.value)}`);
    }
  });
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    new MutationObserver((records) => {
      const after = records.slice(1).map((r) => r.oldValue);
      after.push(app.getAttribute("data-test-script-state"));
      records.forEach((r, i) => events.push(`state:${r.oldValue}->${after[i]}`));
    }).observe(app, {
      attributes: true,
      attributeFilter: ["data-test-script-state"],
      attributeOldValue: true,
    });
    return true;
  };
  const waiter = new MutationObserver(() => watch() && waiter.disconnect());
  document.addEventListener("DOMContentLoaded", () => {
    if (!watch()) waiter.observe(document.body, { childList: true, subtree: true });
  });
})();
"""
# A value sent with a click count, then a script run that ended: the click has been handled.
CLICK_HANDLED = """
([since, idle]) => {
  const events = window.__sbEvents.slice(since);
  const sent = events.findIndex((e) => /"last_object_clicked_count":[1-9]/.test(e));
  return sent >= 0 && events.slice(sent).some((e) => e.endsWith("->notRunning"))
    && document.querySelector(idle) !== null;
}
"""
# The map moved since `n` moves, and streamlit-folium's update ran after its last move.
MAP_SETTLED = """
(n) => window.__sbMap.moves > n && window.__sbMap.updatedAfter === window.__sbMap.moves
"""


def _open(browser, url: str) -> Visit:
    visit = Visit(browser, "about:blank")
    visit.context.add_init_script(PROBE)
    visit.page.goto(url)
    return visit


@pytest.fixture
def map_visit(browser, app_url):
    opened = _open(browser, f"{app_url}/map")
    yield opened
    opened.close()


def _wait_for_map(visit: Visit):
    """Wait until the page is idle and Leaflet has drawn; return the component's frame."""
    visit.settle(OFF_MAP)
    frame_locator = visit.page.frame_locator(FOLIUM)
    # folium adds the layer switch after every layer, in the same script.
    frame_locator.locator(".leaflet-control-layers").wait_for(timeout=30_000)
    frame = visit.page.locator(FOLIUM).element_handle().content_frame()
    frame.wait_for_function("() => window.map !== undefined", timeout=30_000)
    return frame


def _agadez_claims(package):
    within = list_descendants(package["places"], "agadez")
    return order_claims(collect_claims_at(package, within), package)


def _wait_for_place(visit: Visit, name: str) -> None:
    visit.page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30_000)
    visit.page.wait_for_selector(IDLE, timeout=30_000)


def _events(visit: Visit, since: int = 0) -> list[str]:
    return visit.page.evaluate("(since) => window.__sbEvents.slice(since)", since)


def _nav_labels(visit: Visit) -> list[str]:
    links = '[data-testid="stSidebarNavLink"] [data-testid="stMarkdownContainer"]'
    return [label.strip() for label in visit.page.locator(links).all_inner_texts()]


def test_map_draws_outlines_markers_circles_and_labels(map_visit, package):
    frame = _wait_for_map(map_visit)
    located = list_located_places(package)
    places = package["places"]
    counts = {
        "path.sahel-country": len(read_boundaries()),
        "path.sahel-russia": len(list_russian_force_countries(package)),
        ".sahel-marker": len(located),
        "path.sahel-uncertainty": len(located),
    }
    assert {selector: frame.locator(selector).count() for selector in counts} == counts
    for place_id in located["place_id"]:
        assert frame.locator(f".sahel-place--{place_id}").count() == 1, place_id
    bases = places.loc[places["kind"] == "air_base", "name"]
    labels = frame.locator(".sahel-label")
    assert sorted(labels.all_inner_texts()) == sorted(bases)
    for i in range(labels.count()):
        assert labels.nth(i).is_visible()
    assert frame.locator("img.leaflet-tile").count() == 0  # no basemap unless asked for
    assert map_visit.external_requests() == []


def test_clicking_agadez_shows_both_sources_quotes(map_visit, package):
    frame = _wait_for_map(map_visit)
    claims = _agadez_claims(package)
    drone = claims[claims["quote"].str.contains("drone")]
    assert set(drone["source_id"]) == set(package["sources"]["source_id"])
    frame.locator(".sahel-place--agadez").click()
    _wait_for_place(map_visit, "Agadez")
    map_visit.page.wait_for_url(re.compile(r"[?&]place=agadez\b"), timeout=30_000)
    for claim_id, quote in zip(drone["claim_id"], drone["quote"], strict=True):
        card = map_visit.page.locator(f'{PANEL} .sb-card[data-claim="{claim_id}"] blockquote')
        card.wait_for(timeout=30_000)
        assert quote in card.inner_text()
    shown = map_visit.page.locator(f"{PANEL} .sb-card")
    assert shown.count() == len(claims)
    assert map_visit.page.locator('[data-testid="stException"]').count() == 0


def test_panning_and_zooming_do_not_rerun_the_script(map_visit, package):
    frame = _wait_for_map(map_visit)
    # Handle one click first: the component has then reported its initial value too, and the
    # run that caused has ended, so whatever is logged from here on is ours.
    frame.locator(".sahel-place--agadez").click()
    map_visit.page.wait_for_function(CLICK_HANDLED, arg=[0, IDLE], timeout=30_000)
    _wait_for_place(map_visit, "Agadez")
    # streamlit-folium calls map.getBounds() each time its debounced update runs (250 ms after
    # a moveend), whether or not it then sends a value. Noting which moveend each update
    # followed tells us the update for a gesture has run, so "no rerun" is checked after it
    # rather than after a guessed sleep.
    frame.evaluate(
        """() => {
          const probe = (window.__sbMap = { moves: 0, updatedAfter: -1 });
          window.map.on("moveend", () => { probe.moves += 1; });
          window.map.getBounds = function () {
            probe.updatedAfter = probe.moves;
            return L.Map.prototype.getBounds.call(this);
          };
        }"""
    )
    baseline = len(_events(map_visit))
    box = map_visit.page.locator(FOLIUM).bounding_box()
    view = frame.evaluate("() => [window.map.getZoom(), window.map.getCenter().lng]")
    mouse = map_visit.page.mouse

    def gesture(action) -> None:
        moves = frame.evaluate("() => window.__sbMap.moves")
        action()
        frame.wait_for_function(MAP_SETTLED, arg=moves, timeout=30_000)

    def drag() -> None:
        mouse.move(box["x"] + box["width"] * 0.35, box["y"] + box["height"] * 0.25)
        mouse.down()
        mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.35, steps=12)
        mouse.up()

    def wheel() -> None:
        mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.3)
        mouse.wheel(0, -300)

    gesture(drag)
    panned = frame.evaluate("() => window.map.getCenter().lng")
    assert panned < view[1] - 1  # dragged east, so the centre moved west
    gesture(frame.locator(".leaflet-control-zoom-in").click)
    gesture(wheel)
    assert frame.evaluate("() => window.map.getZoom()") > view[0] + 1
    assert _events(map_visit, baseline) == []
    assert "place=agadez" in map_visit.page.url

    # The same probe does see a click, so the empty log above is not an artefact.
    niamey = package["places"].set_index("place_id").loc["niamey", ["lat", "lon"]].tolist()
    gesture(lambda: frame.evaluate("(at) => window.map.setView(at, 7)", niamey))
    frame.locator(".sahel-place--niamey").click()
    map_visit.page.wait_for_function(CLICK_HANDLED, arg=[baseline, IDLE], timeout=30_000)
    after = _events(map_visit, baseline)
    assert any(e.endswith("->running") for e in after), after
    _wait_for_place(map_visit, "Niamey")
    map_visit.page.wait_for_url(re.compile(r"[?&]place=niamey\b"), timeout=30_000)


def test_first_request_deep_link_goes_through_app_py(browser, start_server):
    """Regression: Streamlit's legacy pages/ discovery ran pages/map.py alone on a fresh server."""
    url = start_server()
    fresh = _open(browser, f"{url}/map?place=agadez")
    try:
        _wait_for_map(fresh)
        _wait_for_place(fresh, "Agadez")
        labels = _nav_labels(fresh)
        assert {"Sources", "Map"} <= set(labels), labels
        assert "app" not in labels and "map" not in labels
        sidebar = fresh.page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Dataset v0.4.0" in sidebar  # app.py's frame ran
        assert fresh.page.locator('[data-testid="stException"]').count() == 0
        assert fresh.external_requests() == []
    finally:
        fresh.close()


def test_map_page_stays_offline_while_layers_toggle(map_visit, package):
    frame = _wait_for_map(map_visit)
    online = map_visit.page.get_by_role("switch", name=re.compile("Online basemap"))
    assert not online.is_checked()
    reported = len(list_russian_force_countries(package))
    russia = frame.locator(".leaflet-control-layers-overlays label", has_text="Russian forces")
    russia.locator("input").uncheck()
    frame.locator("path.sahel-russia").first.wait_for(state="detached", timeout=30_000)
    russia.locator("input").check()
    frame.locator("path.sahel-russia").nth(reported - 1).wait_for(timeout=30_000)
    assert frame.locator("path.sahel-russia").count() == reported
    frame.locator(".sahel-place--niamey").click()
    _wait_for_place(map_visit, "Niamey")
    assert not online.is_checked()
    assert frame.locator("img.leaflet-tile").count() == 0
    assert map_visit.page.locator('[data-testid="stException"]').count() == 0
    assert map_visit.external_requests() == []


def test_card_link_opens_the_reader_on_that_claim(browser, app_url, package):
    claims = _agadez_claims(package)
    # A claim from the second document, so following the link must also switch documents.
    claim_id = claims.loc[claims["source_id"] == "av1-004", "claim_id"].iloc[0]
    visit = _open(browser, f"{app_url}/map?place=agadez")
    try:
        _wait_for_place(visit, "Agadez")
        link = visit.page.locator(f'{PANEL} .sb-card[data-claim="{claim_id}"] a')
        assert link.inner_text() == f"{claim_id} in the reader"
        link.click()
        visit.page.wait_for_url(re.compile(rf"[?&]claim={claim_id}\b"), timeout=30_000)
        visit.settle("Selected claim")
        visit.page.wait_for_selector(f'mark.sb-selected[data-keys~="{claim_id}"]', timeout=30_000)
        selected = visit.page.eval_on_selector_all(
            "mark.sb-selected", "marks => marks.map(m => m.dataset.keys.split(' '))"
        )
        assert all(claim_id in keys for keys in selected)
        assert "the authorAV1 NEWS" in visit.reader_text()
        assert "source=av1-004" in visit.page.url
        assert visit.external_requests() == []
    finally:
        visit.close()
