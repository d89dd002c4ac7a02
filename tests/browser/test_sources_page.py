"""Browser tests: a real `streamlit run` on 127.0.0.1, driven by Debian's Chromium, offline."""

from __future__ import annotations

import csv
import re
from urllib.parse import quote

import pytest

from lib.paths import DEFAULT_DATA_DIR
from tests.helpers import Visit

pytestmark = pytest.mark.browser


def _claim_ids(source_id: str) -> set[str]:
    with (DEFAULT_DATA_DIR / "claims.csv").open(encoding="utf-8", newline="") as handle:
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
    assert "16–22 Mar 2024" in shown and "as of publication" in shown


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


def test_broken_package_shows_only_the_error(browser, start_server, package_copy):
    claims = package_copy / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",4388,", ",4387,"), "utf-8")
    broken = Visit(browser, start_server(package_copy))
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
