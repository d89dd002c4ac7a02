"""Browser tests for the Map page: Leaflet really draws, clicks open evidence, pans stay local,
the page runs once on load, and the map fits a desk, a projector and a phone."""

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
from tests.helpers.browser import FOLIUM, IDLE, Visit

pytestmark = pytest.mark.browser
OFF_MAP = "Named, but not on this map"
# The evidence panel under the map; the off-map expanders below repeat some of its cards.
PANEL = ".st-key-map_panel .sb-cards"
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


def _open(browser, url: str, width: int = 1400, height: int = 1000) -> Visit:
    visit = Visit(browser, "about:blank", width, height)
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
    # The first view can still be zooming in (Leaflet animates pins and labels by CSS
    # transition): what a reader sees is where the layers come to rest.
    frame.wait_for_function(MAP_AT_REST, polling=100, timeout=30_000)
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


def test_map_draws_outlines_markers_circles_and_labels(map_visit, curated):
    frame = _wait_for_map(map_visit)
    located = list_located_places(curated)
    places = curated["places"]
    counts = {
        "path.sahel-country": len(read_boundaries()),
        "path.sahel-russia": len(list_russian_force_countries(curated)),
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


def test_clicking_agadez_shows_both_sources_quotes(map_visit, curated):
    frame = _wait_for_map(map_visit)
    claims = _agadez_claims(curated)
    drone = claims[claims["quote"].str.contains("drone")]
    assert set(drone["source_id"]) == set(curated["sources"]["source_id"])
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


def test_panning_and_zooming_do_not_rerun_the_script(map_visit, curated):
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
    niamey = curated["places"].set_index("place_id").loc["niamey", ["lat", "lon"]].tolist()
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


def test_map_page_stays_offline_while_layers_toggle(map_visit, curated):
    frame = _wait_for_map(map_visit)
    online = map_visit.page.get_by_role("switch", name=re.compile("Online basemap"))
    assert not online.is_checked()
    reported = len(list_russian_force_countries(curated))
    # The switch starts folded; pointing at it opens it, as for a reader.
    frame.locator(".leaflet-control-layers").hover()
    frame.locator(".leaflet-control-layers-expanded").wait_for(timeout=30_000)
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


def test_card_link_opens_the_reader_on_that_claim(browser, app_url, curated):
    claims = _agadez_claims(curated)
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


# --- Issue 15: layout, callouts, tooltips, runs on load ---------------------------------------

DESK, PROJECTOR, PHONE = (1440, 900), (1920, 1080), (390, 844)
TOOLTIP = ".leaflet-tooltip:not(.sahel-label)"  # a hover tooltip, not a base's permanent label
# In the frame: the rectangles of the map, of each pin's drawn shape and of each permanent label,
# and which pin is on top at the middle of each shape (what a reader sees and clicks there).
# True once nothing on the map moves: no zoom or pan under way, and every pin and label has
# kept its place since the previous check (a tenth of a second apart).
MAP_AT_REST = """
() => {
  if (map._animatingZoom || map._panAnim && map._panAnim._inProgress) return false;
  const spots = [...document.querySelectorAll(".sahel-marker, .sahel-label")].map((el) => {
    const r = el.getBoundingClientRect();
    return `${Math.round(r.left)},${Math.round(r.top)}`;
  }).join(";");
  const still = spots !== "" && spots === window.__sbLastSpots;
  window.__sbLastSpots = spots;
  return still;
}
"""
LAYOUT_JS = """
() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const pins = {};
  for (const marker of document.querySelectorAll(".sahel-marker")) {
    const id = [...marker.classList].find((c) => c.startsWith("sahel-place--")).slice(13);
    const shape = box(marker.querySelector(".sahel-shape") || marker.querySelector("svg"));
    const hit = document.elementFromPoint(
      (shape.left + shape.right) / 2, (shape.top + shape.bottom) / 2);
    const top = hit && hit.closest(".sahel-marker");
    pins[id] = { shape, onTop: top === marker };
  }
  const labels = [...document.querySelectorAll(".sahel-label")].map(
    (l) => ({ text: l.innerText.trim(), box: box(l) }));
  return { map: box(document.querySelector(".leaflet-container")), pins, labels };
}
"""
# Elements of the page's main block reaching past the viewport, and the page's sideways scroll.
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('[data-testid="stMainBlockContainer"] *')]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && (r.right > width + 1 || r.left < -1);
    })
    .map((el) => `${el.tagName}.${el.className}`);
  return { wide, scroll: document.documentElement.scrollWidth - width };
}
"""
# Sent from the map's frame once it is drawn: the app page has then received every value the
# component sent while drawing (messages from one frame arrive in order).
FLUSH = "() => window.parent.postMessage({ type: 'sb:flush' }, '*')"
LISTEN = """
() => window.addEventListener("message", (event) => {
  if (event.data && event.data.type === "sb:flush") window.__sbFlushed = true;
})
"""
# Flushed, idle, and every value the component sent has had its script run end.
LOAD_SETTLED = """
(idle) => {
  if (!window.__sbFlushed || document.querySelector(idle) === null) return false;
  const events = window.__sbEvents;
  const sent = events.map((e) => e.startsWith("sent:")).lastIndexOf(true);
  return sent < 0 || events.slice(sent).some((e) => e.endsWith("->notRunning"));
}
"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"]
        and inner["right"] <= outer["right"]
        and inner["top"] >= outer["top"]
        and inner["bottom"] <= outer["bottom"]
    )


def _pinned_pairs(package) -> list[tuple[str, str]]:
    """(place, its pinned parent): a base and its city, which once drew on top of each other."""
    located = list_located_places(package)
    pinned = set(located["place_id"])
    return [
        (place, parent)
        for place, parent in zip(located["place_id"], located["parent_id"], strict=True)
        if parent in pinned
    ]


def _warm_up(browser, url: str) -> None:
    # The first request after a server start runs twice: lib/app/routing.py sends it back
    # through app.py. A reader's load on a running server is what the tests count.
    visit = Visit(browser, url)
    visit.settle("Briefing")
    visit.close()


@pytest.mark.parametrize("size", [DESK, PROJECTOR])
def test_map_takes_the_content_width_with_its_layer_switch_folded(browser, app_url, size):
    visit = _open(browser, f"{app_url}/map", *size)
    try:
        frame = _wait_for_map(visit)
        content = visit.page.evaluate(
            """() => {
              const main = document.querySelector('[data-testid="stMainBlockContainer"]');
              const style = getComputedStyle(main);
              return main.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            }"""
        )
        folium = visit.page.locator(FOLIUM).bounding_box()
        assert folium["width"] >= content - 2, (folium, content)
        leaflet = frame.locator(".leaflet-container").bounding_box()
        assert leaflet["width"] >= folium["width"] - 2
        assert frame.locator(".leaflet-control-layers").count() == 1
        assert frame.locator(".leaflet-control-layers-expanded").count() == 0
        # The picker that shows a click's selection sits above the map, in view.
        picker = visit.page.locator(".stSelectbox").first.bounding_box()
        assert picker["y"] + picker["height"] <= folium["y"]
        assert folium["y"] + 0.5 * folium["height"] <= size[1]
    finally:
        visit.close()


@pytest.mark.parametrize(("size", "query"), [(DESK, ""), (PROJECTOR, "?present=1"), (PHONE, "")])
def test_bases_stay_visible_beside_their_cities_and_their_labels_readable(
    browser, app_url, curated, size, query
):
    visit = _open(browser, f"{app_url}/map{query}", *size)
    try:
        frame = _wait_for_map(visit)
        frame.locator(".sahel-label").first.wait_for(timeout=30_000)
        layout = frame.evaluate(LAYOUT_JS)
        pins, labels = layout["pins"], layout["labels"]
        pairs = _pinned_pairs(curated)
        assert sorted(pairs) == [("ab101", "niamey"), ("ab201", "agadez")]
        for base, city in pairs:
            assert not _overlap(pins[base]["shape"], pins[city]["shape"]), (base, city, pins)
            assert pins[base]["onTop"] and pins[city]["onTop"], (base, city, pins)
        assert len(labels) == 2
        for i, label in enumerate(labels):
            assert _inside(label["box"], layout["map"]), label  # not clipped by the frame
            for place, pin in pins.items():
                assert not _overlap(label["box"], pin["shape"]), (label, place)
            for other in labels[i + 1 :]:
                assert not _overlap(label["box"], other["box"]), (label, other)
    finally:
        visit.close()


def test_a_click_closes_its_tooltip_and_a_base_on_its_callout_is_clickable(map_visit, curated):
    frame = _wait_for_map(map_visit)
    names = curated["places"].set_index("place_id")["name"]
    for place_id, selector in (
        ("agadez", ".sahel-place--agadez"),
        ("ab101", ".sahel-place--ab101 .sahel-shape"),
    ):
        since = len(_events(map_visit))
        target = frame.locator(selector)
        target.hover()
        frame.locator(TOOLTIP).wait_for(timeout=30_000)  # pointing at a pin opens its tooltip
        target.click()
        map_visit.page.wait_for_function(CLICK_HANDLED, arg=[since, IDLE], timeout=30_000)
        _wait_for_place(map_visit, names[place_id])
        # The pointer is still on the pin, yet the tooltip is gone: the panel shows the place.
        assert frame.locator(TOOLTIP).count() == 0, place_id
        assert map_visit.page.locator(f"{PANEL} .sb-card").count() > 0


@pytest.mark.parametrize("query", ["", "?place=nope", "?place=agadez"])
def test_map_page_runs_its_script_once_on_load(browser, app_url, query):
    _warm_up(browser, app_url)
    visit = _open(browser, f"{app_url}/map{query}")
    try:
        frame = _wait_for_map(visit)
        visit.page.evaluate(LISTEN)
        frame.evaluate(FLUSH)
        visit.page.wait_for_function(LOAD_SETTLED, arg=IDLE, timeout=30_000)
        events = _events(visit)
        assert [e for e in events if e.startswith("sent:")] == []
        assert sum(e.endswith("->running") for e in events) == 1, events
        if query == "?place=nope":
            notice = visit.page.get_by_text("Ignored unknown place 'nope' in the link.")
            assert notice.is_visible()
            # The map keeps its frame through the click's run, which no longer shows the notice
            # (inside a block keyed by position, as in st.columns, it was drawn anew).
            frame.evaluate("() => { window.__sbSameFrame = true; }")
            frame.locator(".sahel-place--agadez").click()
            visit.page.wait_for_function(CLICK_HANDLED, arg=[len(events), IDLE], timeout=30_000)
            _wait_for_place(visit, "Agadez")
            now = visit.page.locator(FOLIUM).element_handle().content_frame()
            assert now.evaluate("() => window.__sbSameFrame === true")
    finally:
        visit.close()


def test_phone_map_fits_the_screen_and_its_layer_switch_stays_small(browser, app_url):
    visit = _open(browser, f"{app_url}/map", *PHONE)
    try:
        frame = _wait_for_map(visit)
        assert frame.locator(".leaflet-control-layers-expanded").count() == 0
        control = frame.locator(".leaflet-control-layers").bounding_box()
        leaflet = frame.locator(".leaflet-container").bounding_box()
        assert control["width"] * control["height"] <= 0.02 * leaflet["width"] * leaflet["height"]
        folium = visit.page.locator(FOLIUM).bounding_box()
        assert folium["x"] >= 0 and folium["x"] + folium["width"] <= PHONE[0]
        assert leaflet["width"] <= folium["width"] + 1
        found = visit.page.evaluate(OVERFLOW_JS)
        assert found["wide"] == [] and found["scroll"] <= 0, found
    finally:
        visit.close()


def test_phone_click_on_a_pin_selects_it_while_the_map_reaches_past_the_screen(browser, app_url):
    # Leaflet focused the map on a press, which scrolled the page to show the whole frame; the
    # release then landed beside the pin, on the empty map, and nothing was selected.
    visit = _open(browser, f"{app_url}/map", *PHONE)
    try:
        frame = _wait_for_map(visit)
        folium = visit.page.locator(FOLIUM).bounding_box()
        assert folium["y"] + folium["height"] > PHONE[1]  # the case: the frame runs off-screen
        frame.locator(".sahel-place--agadez").click()
        visit.page.wait_for_function(CLICK_HANDLED, arg=[0, IDLE], timeout=30_000)
        _wait_for_place(visit, "Agadez")
        assert "place=agadez" in visit.page.url
    finally:
        visit.close()
