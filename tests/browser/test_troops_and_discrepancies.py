"""Browser tests of Troop counts and Discrepancies: drawn offline, a matrix cell opens quotes,
and a third source shows up in both pages of a live server."""

from __future__ import annotations

import pytest

from tests.helpers import THREE_SOURCES_DATA, Visit

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
        ticks = " ".join(page.locator(f"{PLOT} .ytick text").all_text_contents())
        assert "U.S. troops" in ticks and "U.S. military personnel" in ticks
        assert page.locator('.sb-card[data-claim="c000-650"]').count() == 1
        _assert_clean(visit)
    finally:
        visit.close()


def test_discrepancy_panels_render_offline(browser, app_url):
    visit = _open(browser, app_url + "/discrepancies", "Source quality")
    try:
        page = visit.page
        for topic in ("Start of the US presence", "The junta ends the agreement"):
            page.get_by_role("heading", name=topic).wait_for(timeout=30_000)
        assert page.locator(".sb-badge", has_text="conflicts").count() >= 4
        assert page.locator('.sb-card[data-claim="c004-12yr"]').count() >= 1
        _assert_clean(visit)
    finally:
        visit.close()


def test_third_source_appears_on_both_pages_of_a_live_server(browser, three_url):
    visit = _open(browser, three_url + "/troops", "Why these differ")
    try:
        page = visit.page
        page.wait_for_selector(f"{PLOT} .annotation", timeout=30_000)
        assert page.locator(f"{PLOT} .ytick text", has_text="fx3-900").count() == 1
        assert page.locator(f"{PLOT} .shapelayer path").count() == 2  # 650 band, 900–1,100 band
        _assert_clean(visit)
        page.goto(three_url + "/discrepancies")
        visit.settle("Source quality")
        page.locator('.sb-card[data-claim="c900-since2013"]').first.wait_for(timeout=30_000)
        _assert_clean(visit)
    finally:
        visit.close()
