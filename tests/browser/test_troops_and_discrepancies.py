"""Browser tests of Troop counts and Discrepancies: drawn offline, a matrix cell opens quotes,
and a third source shows up in both pages of a live server."""

from __future__ import annotations

import pytest

from tests.helpers.browser import Visit
from tests.helpers.packages import THREE_SOURCES_DATA

pytestmark = pytest.mark.browser
PLOT = ".js-plotly-plot"


@pytest.fixture(scope="module")
def three_url(start_server) -> str:
    return start_server(THREE_SOURCES_DATA)


def _open(browser, url: str, title: str) -> Visit:
    visit = Visit(browser, url)
    visit.settle(title)
    return visit


def _assert_clean(visit: Visit) -> None:
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.external_requests() == []


def test_troop_chart_draws_a_band_and_a_ray(browser, app_url):
    visit = _open(browser, app_url + "/troops", "Why these differ")
    try:
        page = visit.page
        page.wait_for_selector(f"{PLOT} .annotation", timeout=30_000)
        # The band for "about 650" is a shape; the ray for "more than 1,000" is an arrow.
        assert page.locator(f"{PLOT} .shapelayer path").count() == 1
        notes = page.locator(f"{PLOT} .annotation-text").all_text_contents()
        assert {"about 650", "more than 1,000", "no upper limit"} <= set(notes)
        assert page.locator(f"{PLOT} .annotation-arrow-g").count() == 1
        labels = " ".join(page.locator(f"{PLOT} .annotation-text").all_text_contents())
        # Wrapped into lines, so read the words across line ends.
        assert "U.S. troops" in labels and "U.S. military" in labels and "personnel" in labels
        assert page.locator('.sb-card[data-claim="c000-650"]').count() == 1
        _assert_clean(visit)
    finally:
        visit.close()


def test_discrepancy_panels_render_offline(browser, app_url):
    visit = _open(browser, app_url + "/discrepancies", "Source quality")
    try:
        page = visit.page
        for topic in ("Start of the US presence", "The junta ends the agreement"):
            page.locator("summary", has_text=topic).wait_for(timeout=30_000)
        page.locator("summary", has_text="Start of the US presence").click()
        page.locator('.sb-card[data-claim="c004-12yr"]').first.wait_for(timeout=30_000)
        assert page.locator(".sb-badge", has_text="conflicts").count() >= 2
        _assert_clean(visit)
    finally:
        visit.close()


def test_third_source_appears_on_both_pages_of_a_live_server(browser, three_url):
    visit = _open(browser, three_url + "/troops", "Why these differ")
    try:
        page = visit.page
        page.wait_for_selector(f"{PLOT} .annotation", timeout=30_000)
        assert page.locator(f"{PLOT} .annotation-text", has_text="fx3-900").count() == 1
        assert page.locator(f"{PLOT} .shapelayer path").count() == 2  # 650 band, 900–1,100 band
        _assert_clean(visit)
        page.goto(three_url + "/discrepancies?topic=agreement_start")  # opens that panel
        visit.settle("Source quality")
        page.locator('.sb-card[data-claim="c900-since2013"]').first.wait_for(timeout=30_000)
        _assert_clean(visit)
    finally:
        visit.close()


PHONE = (390, 844)
MATRIX = ".st-key-discrepancies_matrix"

# Elements of the main block that reach past the viewport's right edge, unless an ancestor that
# scrolls or clips (a table's own scroller) holds them inside the viewport.
OVERFLOWING_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const width = window.innerWidth;
  const held = (el) => {
    for (let up = el.parentElement; up && up !== main; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") {
        return up.getBoundingClientRect().right <= width + 1;
      }
    }
    return false;
  };
  return Array.from(main.querySelectorAll("*"))
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > width + 1 && !held(el);
    })
    .map((el) => `${el.tagName}.${el.className} right=${el.getBoundingClientRect().right}`);
}"""

# The matrix's own scroller: how much it holds beyond what it shows, across and down.
MATRIX_SCROLL_JS = """(selector) => {
  const scroller = document.querySelector(`${selector} .dvn-scroller`);
  return {
    across: scroller.scrollWidth - scroller.clientWidth,
    down: scroller.scrollHeight - scroller.clientHeight,
    headers: Array.from(document.querySelectorAll(`${selector} [role="columnheader"]`))
      .map((th) => th.textContent.trim()),
  };
}"""


@pytest.mark.parametrize("size", [PHONE, (1440, 900)], ids=["phone", "desk"])
def test_matrix_shows_every_topic_and_source_without_scrolling_inside(browser, app_url, size):
    # Regression: the matrix showed ten topics and scrolled for the rest; on a phone its source
    # columns ran off the right edge, drawn wider than the screen.
    visit = Visit(browser, app_url + "/discrepancies", *size)
    try:
        visit.settle("Source quality")
        visit.page.locator(f"{MATRIX} .dvn-scroller").wait_for(timeout=30_000)
        visit.page.wait_for_timeout(500)  # the grid sizes its columns after it is attached
        scroll = visit.page.evaluate(MATRIX_SCROLL_JS, MATRIX)
        assert scroll["across"] <= 1 and scroll["down"] <= 1, scroll
        assert {"cnn-000", "av1-004"} <= set(scroll["headers"])
        _assert_clean(visit)
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["/discrepancies", "/troops"])
def test_nothing_in_the_main_block_is_wider_than_a_phone(browser, app_url, path):
    visit = Visit(browser, app_url + path, *PHONE)
    try:
        visit.settle("What each source says" if path == "/troops" else "Source quality")
        visit.page.wait_for_timeout(1000)  # charts and grids lay out after the script settles
        assert visit.page.evaluate(OVERFLOWING_JS) == []
    finally:
        visit.close()


def test_troop_labels_sit_above_their_rows_on_a_phone(browser, app_url):
    # Regression: the row labels were y-axis ticks, clipped at the left edge, and they left the
    # figures a sliver of the chart's width.
    visit = Visit(browser, app_url + "/troops", *PHONE)
    try:
        page = visit.page
        page.wait_for_selector(f"{PLOT} .annotation", timeout=30_000)
        chart = page.locator(PLOT).first.bounding_box()
        plot = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()
        assert plot["width"] >= 0.8 * chart["width"]
        for source in ("cnn-000", "av1-004"):
            label = page.locator(f"{PLOT} .annotation-text", has_text=source).first
            box = label.bounding_box()
            assert chart["x"] <= box["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"]
            assert box["y"] >= chart["y"]
        assert page.locator(f"{PLOT} .ytick text").all_text_contents() == []
    finally:
        visit.close()


def test_topic_link_opens_and_scrolls_to_its_panel(browser, app_url):
    visit = Visit(browser, app_url + "/discrepancies?topic=wagner", *PHONE)
    try:
        visit.settle("Source quality")
        panel = visit.page.locator(".st-key-discrepancies_topic_wagner details")
        panel.wait_for(timeout=30_000)
        visit.page.wait_for_function(
            "() => { const box = document.querySelector('.st-key-discrepancies_topic_wagner')"
            ".getBoundingClientRect(); return box.top >= -2 && box.top < innerHeight / 2; }",
            timeout=10_000,
        )
        assert panel.evaluate("d => d.open")
        opened = visit.page.eval_on_selector_all("details[open]", "ds => ds.length")
        assert opened == 1
        _assert_clean(visit)
    finally:
        visit.close()
