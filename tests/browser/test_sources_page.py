"""Browser tests: a real `streamlit run` on 127.0.0.1, driven by Debian's Chromium, offline."""

from __future__ import annotations

import csv
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.helpers.browser import IDLE, Visit
from tests.helpers.packages import CURATED_DATA

pytestmark = pytest.mark.browser


def _claim_ids(source_id: str) -> set[str]:
    with (CURATED_DATA / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return {r["claim_id"] for r in csv.DictReader(handle) if r["source_id"] == source_id}


@pytest.fixture
def visit(browser, app_url):
    opened = Visit(browser, app_url + "/sources")
    yield opened
    opened.close()


def test_sources_page_renders_every_claim_offline(visit):
    visit.settle("America’s key partner")
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.highlighted_claims() == _claim_ids("cnn-000")
    assert visit.page.locator("mark.sb-flag").count() >= 20
    assert visit.external_requests() == []


def test_hovering_a_highlight_shows_its_claim(visit):
    visit.settle("America’s key partner")
    mark = visit.page.locator('mark[data-keys~="c000-650"]').first
    mark.scroll_into_view_if_needed()
    mark.hover()
    shown = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert "about 650 (585–715) people — U.S. troops" in shown
    assert "16–22 Mar 2024" in shown and "the publication date (reported)" in shown


def test_picking_the_other_document_swaps_text_and_highlights(visit):
    visit.settle("America’s key partner")
    visit.page.locator('[data-testid="stSelectbox"]').first.click()
    visit.page.get_by_role("option", name=re.compile("av1-004")).click()
    visit.settle("the authorAV1 NEWS")
    visit.page.wait_for_selector('mark[data-keys~="c004-1000"]', timeout=30_000)
    assert visit.highlighted_claims() == _claim_ids("av1-004")
    assert "America’s key partner" not in visit.reader_text()
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.external_requests() == []


def test_broken_package_shows_only_the_error(browser, start_server, curated_copy):
    claims = curated_copy / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",4388,", ",4387,"), "utf-8")
    broken = Visit(browser, start_server(curated_copy))
    try:
        broken.settle("is invalid; nothing is shown")
        # The problem list is a code block, which renders a moment after the heading.
        problem = re.compile(r"data/claims\.csv:\d+:quote: quote is not at 4387-4480")
        broken.page.get_by_text(problem).first.wait_for(timeout=30_000)
        assert broken.page.locator("mark").count() == 0
        assert broken.page.locator('[data-testid="stException"]').count() == 0
        assert broken.page.locator('[data-testid="stSidebarNav"]').count() == 0
        assert broken.external_requests() == []
    finally:
        broken.close()


def test_clicking_a_highlight_selects_the_claim_and_links_to_it(visit):
    visit.settle("America’s key partner")
    visit.page.locator('a.sb-link:has(mark[data-keys="c000-650"])').first.click()
    visit.page.wait_for_url(re.compile(r"claim=c000-650"), timeout=30_000)
    visit.settle("Selected claim")
    visit.page.wait_for_selector('mark.sb-selected[data-keys~="c000-650"]', timeout=30_000)
    assert "source=cnn-000" in visit.page.url
    assert visit.external_requests() == []


def test_deep_link_reopens_the_claim_in_a_fresh_browser(browser, app_url):
    fresh = Visit(browser, f"{app_url}/sources?claim=c004-1000")
    try:
        fresh.settle("Selected claim")
        fresh.page.wait_for_selector('mark.sb-selected[data-keys~="c004-1000"]', timeout=30_000)
        assert "the authorAV1 NEWS" in fresh.reader_text()
        assert "America’s key partner" not in fresh.reader_text()
        assert fresh.page.locator('[data-testid="stException"]').count() == 0
    finally:
        fresh.close()


def test_markup_in_a_link_is_shown_as_text_and_fetches_nothing(browser, app_url):
    payload = "![x](http://sahel-brief.invalid/pixel.png)<img src=//sahel-brief.invalid/a.png>"
    hostile = Visit(browser, f"{app_url}/sources?source={quote(payload)}")
    try:
        hostile.settle("Ignored unknown document")
        alert = hostile.page.locator('[data-testid="stAlert"]').first.inner_text()
        assert payload in alert
        assert hostile.page.locator('[data-testid="stAlert"] img').count() == 0
        assert hostile.external_requests() == []
        assert hostile.page.locator('[data-testid="stException"]').count() == 0
    finally:
        hostile.close()


def test_claims_download_is_the_table_as_csv(visit):
    visit.settle("America’s key partner")
    with visit.page.expect_download() as download_info:
        visit.page.get_by_role("button", name=re.compile("Download these claims")).click()
    download = download_info.value
    assert download.suggested_filename == "sahel-brief-claims-cnn-000.csv"
    with open(download.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["claim_id"] for r in rows} == _claim_ids("cnn-000")
    assert next(r for r in rows if r["claim_id"] == "c000-650")["figure"] == (
        "about 650 (585–715) people"
    )


# --- Issue 15: selection without losing your place, one search, a phone layout -----------------

# Streamlit scrolls its main section, not the window; both are read so neither can jump unseen.
_SCROLL = (
    "() => ({window: window.scrollY, "
    "main: document.querySelector('[data-testid=\"stMain\"]').scrollTop})"
)


def _mark_page(visit) -> dict:
    """Set a marker a full page load would clear, and return the scroll positions."""
    visit.page.evaluate("window.__sbMarker = 1")
    return visit.page.evaluate(_SCROLL)


def _assert_stayed(visit, before: dict) -> None:
    assert visit.page.evaluate("window.__sbMarker") == 1, "the page was reloaded"
    after = visit.page.evaluate(_SCROLL)
    assert abs(after["main"] - before["main"]) <= 2 and after["window"] == before["window"], (
        before,
        after,
    )


def test_clicking_a_highlight_selects_in_place_without_reload_or_jump(visit):
    """Regression: a highlight was a plain link, so a click loaded the page again and put the
    reader back at the top (scrollTop 1988 → 0 measured on cbf6ed9)."""
    visit.settle("America’s key partner")
    link = visit.page.locator('a.sb-link:has(mark[data-keys="c000-wagner"])').first
    link.scroll_into_view_if_needed()
    assert "claim=c000-wagner" in link.get_attribute("href")  # new tab / no-JS fallback
    before = _mark_page(visit)
    assert before["main"] > 500  # far enough down that a jump to the top would show
    link.click()
    visit.page.wait_for_url(re.compile(r"claim=c000-wagner"), timeout=30_000)
    visit.page.get_by_text("Selected claim").first.wait_for(timeout=30_000)
    visit.page.wait_for_selector(IDLE, timeout=30_000)
    visit.page.wait_for_selector('mark.sb-selected[data-keys~="c000-wagner"]', timeout=30_000)
    _assert_stayed(visit, before)
    assert "source=cnn-000" in visit.page.url
    # The panel sits beside the text, in view, at the reading position.
    panel = visit.page.locator(".st-key-sources_selected").bounding_box()
    assert panel is not None and 0 <= panel["y"] < 900 and panel["y"] + 40 < 900
    assert visit.external_requests() == []


def test_selecting_a_table_row_selects_in_place_without_reload_or_jump(visit):
    visit.settle("America’s key partner")
    grid = visit.page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    visit.page.wait_for_timeout(300)  # let the grid paint its rows before aiming at one
    before = _mark_page(visit)
    # In the full suite the grid sometimes paints late and a first click lands before its rows
    # take clicks (stop 19's dry run); aim again rather than fail on paint timing. Each try is
    # the same click on the same row, and no try may reload or scroll the page.
    for attempt in range(3):
        box = grid.bounding_box()
        visit.page.mouse.click(box["x"] + 12, box["y"] + 35 * 3 + 17)  # the third row's marker
        try:
            visit.page.wait_for_url(re.compile(r"claim=c000-"), timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    visit.page.wait_for_selector(IDLE, timeout=30_000)
    claim = re.search(r"claim=([^&]+)", visit.page.url).group(1)
    visit.page.wait_for_selector(f'mark.sb-selected[data-keys~="{claim}"]', timeout=30_000)
    _assert_stayed(visit, before)


def test_a_search_result_opens_its_document_and_claim_in_place(browser, app_url):
    searched = Visit(browser, f"{app_url}/sources?q=withdraw")
    try:
        searched.settle("America’s key partner")
        searched.page.wait_for_selector("a.sb-result", timeout=30_000)
        result = searched.page.locator('a.sb-result[href*="source=av1-004"]').first
        claim = result.get_attribute("data-claim")
        assert "<mark>" in result.inner_html().lower()
        before = _mark_page(searched)
        result.click()
        searched.page.wait_for_url(re.compile(f"claim={claim}"), timeout=30_000)
        searched.page.wait_for_selector(f'mark.sb-selected[data-keys~="{claim}"]', timeout=30_000)
        searched.page.wait_for_selector(IDLE, timeout=30_000)
        assert searched.page.evaluate("window.__sbMarker") == 1, "the page was reloaded"
        assert before["main"] == searched.page.evaluate(_SCROLL)["main"]
        assert "the authorAV1 NEWS" in searched.reader_text()
        assert "source=av1-004" in searched.page.url and "q=withdraw" in searched.page.url
        # Highlights the search leaves out are dimmed, not removed.
        assert searched.page.locator("mark.sb-claim.sb-dim").count() > 0
        assert searched.highlighted_claims() == _claim_ids("av1-004")
        assert searched.external_requests() == []
    finally:
        searched.close()


# Elements wider than the viewport, leaving out what sits inside a box that scrolls or clips
# its own overflow (the claims table's grid scrolls inside itself, as it should).
_TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const clipped = (e) => {
    for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  // Streamlit's element toolbar sits over a table, invisible until hovered or focused: what
  // cannot be seen is not wider than the screen (it failed the full suite once, on a hover).
  const unseen = (e) => {
    for (let p = e; p && p !== main; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.opacity === '0' || style.visibility === 'hidden') return true;
    }
    return false;
  };
  return [...main.querySelectorAll('*')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1) && !clipped(e) && !unseen(e);
  }).map((e) => (e.dataset.testid || e.tagName) + '.' + String(e.className).slice(0, 40));
}"""


def test_phone_layout_has_nothing_wider_than_the_screen(browser, app_url):
    phone = Visit(browser, f"{app_url}/sources?claim=c000-650&q=troops", width=390, height=844)
    try:
        phone.settle("Selected claim")
        phone.page.wait_for_selector("a.sb-result", timeout=30_000)
        assert phone.page.evaluate(_TOO_WIDE) == []
        reader = phone.page.locator(".sb-doc").bounding_box()
        assert reader is not None and reader["width"] <= 390
        # The columns stack: the side panel is below the text's start, not beside it.
        meta = phone.page.get_by_text("Document metadata").first.bounding_box()
        assert meta is not None and meta["x"] < 195
        # The selected claim stays on screen as a sheet at the foot of it.
        sheet = phone.page.locator(".st-key-sources_selected").bounding_box()
        assert sheet is not None and sheet["y"] + sheet["height"] <= 845 and sheet["y"] > 400
    finally:
        phone.close()
