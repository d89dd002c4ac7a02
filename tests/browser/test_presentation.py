"""Presentation mode in a real browser at projector sizes: a page bar that keeps the mode, chart
text a room can read, a label on every timeline event, and nothing wider than the screen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from lib.analysis.events import build_timeline_events, find_busiest_period, select_in_view
from lib.app.pages import list_presented_pages
from lib.render.scale import PROJECTOR_MIN_FONT
from tests.helpers.browser import FOLIUM, IDLE, OVERFLOW_JS, Visit

pytestmark = pytest.mark.browser
PLOT = ".js-plotly-plot"
DATE_TICKS = f"{PLOT} .xaxislayer-above text"  # every panel's x axis (xtick, x2tick, …)

# The computed size (px) of every axis tick label of every chart on the page.
TICK_SIZES_JS = """
() => Array.from(document.querySelectorAll(
    '.js-plotly-plot .xaxislayer-above text, .js-plotly-plot .yaxislayer-above text'))
  .map(t => parseFloat(getComputedStyle(t).fontSize))
"""

# Each event number drawn on the timeline: its text and whether it is on screen inside the plot.
EVENT_LABELS_JS = """
() => {
  const plot = document.querySelector('.js-plotly-plot').getBoundingClientRect();
  return Array.from(document.querySelectorAll('.js-plotly-plot .textpoint text')).map(t => {
    const box = t.getBoundingClientRect();
    const style = getComputedStyle(t);
    return {text: t.textContent, size: parseFloat(style.fontSize),
            shown: box.width > 0 && style.visibility !== 'hidden' && style.opacity !== '0'
                   && box.left >= plot.left && box.right <= plot.right};
  });
}
"""


# Pairs of labels matching a selector (date ticks on any panel, event numbers) whose boxes overlap.
COLLISIONS_JS = """
(selector) => {
  const boxes = Array.from(document.querySelectorAll(selector))
    .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, b]) => b.width > 0);
  const hits = [];
  boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) {
      hits.push(`${a} / ${b}`);
    }
  }));
  return {count: boxes.length, hits};
}
"""


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _wait_title(visit: Visit, title: str) -> None:
    visit.page.locator("h1", has_text=title).first.wait_for(timeout=30_000)
    visit.page.wait_for_selector(IDLE)


def _wait_keys(visit: Visit) -> None:
    """Until the key listener and the page bar it presses are there, as a presenter sees them."""
    visit.page.wait_for_function("window.__sbPresentKeys === true", timeout=30_000)
    visit.page.wait_for_selector(".st-key-present_bar a", timeout=30_000)


def _open(browser, app_url, path: str, width: int = 1920, height: int = 1080) -> Visit:
    visit = Visit(browser, f"{app_url}{path}", width, height)
    visit.page.wait_for_selector("h1", timeout=30_000)
    visit.page.wait_for_selector(IDLE)
    return visit


def test_page_bar_moves_between_pages_and_keeps_presentation_mode(browser, app_url):
    visit = _open(browser, app_url, "/?present=1&sources=cnn-000")
    page = visit.page
    try:
        page.get_by_role("link", name="Next page: Map").click()
        page.wait_for_url("**/map?**", timeout=30_000)
        _wait_title(visit, "Map")
        assert _params(page.url)["present"] == ["1"]
        assert _params(page.url)["sources"] == ["cnn-000"]  # the filters travel too
        page.get_by_role("link", name="Next page: Timeline").click()
        page.wait_for_url("**/timeline?**", timeout=30_000)
        _wait_title(visit, "Timeline")
        page.get_by_role("link", name="Previous page: Map").click()
        page.wait_for_url("**/map?**", timeout=30_000)
        _wait_title(visit, "Map")
        page.locator('[data-testid="stPageLink"]').get_by_text("Troop counts", exact=True).click()
        page.wait_for_url("**/troops?**", timeout=30_000)
        _wait_title(visit, "Troop counts")
        assert _params(page.url)["present"] == ["1"]
        assert page.locator('[data-testid="stException"]').count() == 0
        assert visit.external_requests() == []
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["/troops?present=1", "/timeline?present=1"])
def test_chart_ticks_are_projector_sized_in_presentation_mode(browser, app_url, path):
    visit = _open(browser, app_url, path)
    try:
        visit.page.wait_for_selector(f"{PLOT} .xtick text", timeout=30_000)
        sizes = visit.page.evaluate(TICK_SIZES_JS)
        assert sizes and min(sizes) >= PROJECTOR_MIN_FONT, sizes
    finally:
        visit.close()


def test_chart_ticks_stay_desk_sized_outside_presentation_mode(browser, app_url):
    # The check above can fail: without the mode the same ticks are plotly's 12 px.
    visit = _open(browser, app_url, "/troops")
    try:
        visit.page.wait_for_selector(f"{PLOT} .xtick text", timeout=30_000)
        assert max(visit.page.evaluate(TICK_SIZES_JS)) < PROJECTOR_MIN_FONT
    finally:
        visit.close()


def test_troop_chart_fills_almost_half_the_projector(browser, app_url):
    visit = _open(browser, app_url, "/troops?present=1")
    try:
        box = visit.page.locator(PLOT).first.bounding_box()
        assert box["height"] >= 0.45 * 1080
    finally:
        visit.close()


def test_timeline_opens_on_the_busiest_period_with_a_readable_label_per_event(
    browser, app_url, curated
):
    events = build_timeline_events(curated)
    shown = select_in_view(events, find_busiest_period(events))
    assert 0 < len(shown) < len(events)
    visit = _open(browser, app_url, "/timeline?present=1")
    page = visit.page
    try:
        page.wait_for_selector(f"{PLOT} .textpoint text", timeout=30_000)
        # The period buttons zoom the chart: every event is drawn, the busiest period's in view.
        labels = page.evaluate(EVENT_LABELS_JS)
        assert len(labels) == len(events)
        in_view = [label for label in labels if label["shown"]]
        assert sorted(label["text"] for label in in_view) == sorted(str(n) for n in shown["number"])
        assert all(label["size"] >= PROJECTOR_MIN_FONT for label in in_view)
        # The key beside the chart names every numbered event in view.
        assert page.locator(".sb-event-key li").count() == len(shown)
        ticks = page.evaluate(COLLISIONS_JS, DATE_TICKS)
        assert ticks["count"] >= 3 and ticks["hits"] == [], ticks
        numbers = page.evaluate(COLLISIONS_JS, f"{PLOT} .textpoint text")
        assert numbers["hits"] == [], numbers
        # Zooming is not filtering: the sidebar's dates (and the link) are untouched.
        assert "from" not in _params(page.url) and "to" not in _params(page.url)
        page.get_by_role("button", name="Whole story").click()
        page.wait_for_function(
            f"document.querySelectorAll('.sb-event-key li').length === {len(events)}",
            timeout=30_000,
        )
        page.wait_for_selector(IDLE, timeout=30_000)
        assert page.get_by_role("button", name="Busiest period").is_enabled()
        labels = page.evaluate(EVENT_LABELS_JS)
        assert len(labels) == len(events)
        assert all(label["shown"] and label["size"] >= PROJECTOR_MIN_FONT for label in labels)
        # The whole story has two panels and cut years: their ticks must not collide either.
        ticks = page.evaluate(COLLISIONS_JS, DATE_TICKS)
        assert ticks["count"] >= 8 and ticks["hits"] == [], ticks
        numbers = page.evaluate(COLLISIONS_JS, f"{PLOT} .textpoint text")
        assert numbers["count"] == len(events) and numbers["hits"] == [], numbers
        # Nor does a "sources disagree" note hide a number (it once sat over event 5's).
        labels = page.evaluate(COLLISIONS_JS, f"{PLOT} .textpoint text, {PLOT} .annotation-text")
        assert labels["hits"] == [], labels
    finally:
        visit.close()


def test_map_fills_the_width_with_its_layer_switch_folded(browser, app_url):
    visit = _open(browser, app_url, "/map?present=1")
    page = visit.page
    try:
        frame = page.frame_locator(FOLIUM)
        frame.locator(".sahel-marker").first.wait_for(timeout=30_000)
        main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
        folium = page.locator(FOLIUM).bounding_box()
        assert folium["width"] >= 0.9 * (main["width"] - 2 * 48)
        assert frame.locator(".leaflet-control-layers-expanded").count() == 0
        assert frame.locator(".leaflet-control-layers").count() == 1
        assert frame.locator(".sahel-label").count() == 2  # both air bases, labelled
    finally:
        visit.close()


PROJECTOR_SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]


def test_no_presented_page_is_wider_than_the_screen(browser, app_url):
    # Each page is loaded once and laid out again at every size, as a window resized would be.
    visit = _open(browser, app_url, "/?present=1", *PROJECTOR_SIZES[0])
    try:
        for spec in list_presented_pages():
            visit.page.goto(f"{app_url}{spec.path}?present=1")
            visit.page.wait_for_selector("h1", timeout=30_000)
            visit.page.wait_for_selector(IDLE)
            for width, height in PROJECTOR_SIZES:
                visit.page.set_viewport_size({"width": width, "height": height})
                visit.page.wait_for_timeout(900)  # charts redraw after the resize settles
                found = visit.page.evaluate(OVERFLOW_JS)
                assert found["wide"] == [] and found["scroll"] <= 0, (spec.file, width, found)
    finally:
        visit.close()


def test_arrow_keys_step_the_story_then_move_between_pages(browser, app_url):
    visit = _open(browser, app_url, "/?present=1&step=21")
    page = visit.page
    try:
        _wait_title(visit, "Briefing")
        page.locator("h4", has_text="21.").first.wait_for(timeout=30_000)
        _wait_keys(visit)
        page.wait_for_selector(".st-key-briefing_next button", timeout=30_000)
        page.keyboard.press("ArrowRight")
        page.locator("h4", has_text="22.").first.wait_for(timeout=30_000)
        page.wait_for_function("location.search.includes('step=22')", timeout=30_000)
        page.keyboard.press("ArrowLeft")
        page.locator("h4", has_text="21.").first.wait_for(timeout=30_000)
        page.keyboard.press("PageDown")  # a presenter's clicker sends Page Down
        page.locator("h4", has_text="22.").first.wait_for(timeout=30_000)
        page.wait_for_selector(".st-key-briefing_next button:disabled", timeout=30_000)
        page.keyboard.press("ArrowRight")  # the story's end: on to the next page
        page.wait_for_url("**/map?**", timeout=30_000)
        _wait_title(visit, "Map")
        assert _params(page.url)["present"] == ["1"]
        _wait_keys(visit)
        page.keyboard.press("ArrowRight")
        page.wait_for_url("**/timeline?**", timeout=30_000)
        _wait_title(visit, "Timeline")
        _wait_keys(visit)
        page.keyboard.press("ArrowLeft")
        page.wait_for_url("**/map?**", timeout=30_000)
        _wait_title(visit, "Map")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        visit.close()


def test_page_down_scrolls_a_long_page_instead_of_leaving_it(browser, app_url):
    visit = _open(browser, app_url, "/sources?present=1")
    page = visit.page
    try:
        _wait_title(visit, "Sources")
        _wait_keys(visit)
        page.locator("h1").first.click()  # focus the page itself, as a presenter's click would
        page.keyboard.press("PageDown")
        page.wait_for_timeout(1500)
        assert urlsplit(page.url).path == "/sources"
        scrolled = page.evaluate(
            "Math.max(window.scrollY, document.querySelector('[data-testid=\"stMain\"]')"
            ".scrollTop, document.querySelector('[data-testid=\"stAppViewContainer\"]')"
            "?.scrollTop || 0)"
        )
        assert scrolled > 0
    finally:
        visit.close()


def test_arrow_keys_do_nothing_outside_presentation_mode(browser, app_url):
    visit = _open(browser, app_url, "/troops")
    page = visit.page
    try:
        _wait_title(visit, "Troop counts")
        page.wait_for_timeout(1500)  # time for a listener to be installed, if one were
        assert page.evaluate("window.__sbPresentKeys") is None
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(1500)
        assert urlsplit(page.url).path == "/troops"
    finally:
        visit.close()
