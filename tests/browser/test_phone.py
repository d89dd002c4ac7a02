"""A reader on a phone (390×844): every page, and the states that add content, lay out within
the screen's width. Nothing in the main block is wider than the viewport and the page never
scrolls sideways; a data grid may scroll inside itself, but the grid itself must fit."""

from __future__ import annotations

import pytest

from lib import APP_TITLE
from lib.app.pages import PAGE_SPECS
from tests.helpers.browser import FOLIUM, IDLE, OVERFLOW_JS, Visit

pytestmark = pytest.mark.browser
PHONE = (390, 844)
TIMEOUT = 30_000
FOOTER = f"{APP_TITLE} dataset v"  # the last thing every page draws

# Every page as a link opens it, then the selections that add panels, cards and highlights.
VIEWS = [spec.path for spec in PAGE_SPECS] + [
    "/?judgment=j2",
    "/?step=15",
    "/map?place=agadez",
    "/timeline?event=e-revocation",
    "/sources?claim=c004-1000",
    "/?present=1",
]


def _settle(visit: Visit, path: str) -> None:
    page = visit.page
    visit.settle(FOOTER)
    if path.startswith("/map"):
        page.frame_locator(FOLIUM).locator(".leaflet-marker-icon").first.wait_for(timeout=TIMEOUT)
    if path.startswith(("/timeline", "/troops")):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    page.wait_for_timeout(600)  # charts and the map size themselves to the column once drawn
    page.wait_for_selector(IDLE, timeout=TIMEOUT)


def test_every_page_fits_a_phone_screen(browser, app_url):
    # One phone context walks every view, as a reader following links would.
    visit = Visit(browser, app_url + VIEWS[0], *PHONE, phone=True)
    wide = {}
    try:
        for path in VIEWS:
            visit.page.goto(app_url + path)
            _settle(visit, path)
            found = visit.page.evaluate(OVERFLOW_JS)
            if found["wide"] or found["scroll"] > 0:
                wide[path] = found
        assert visit.external_requests() == []
    finally:
        visit.close()
    assert wide == {}, f"wider than a {PHONE[0]} px phone: {wide}"
