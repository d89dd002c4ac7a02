"""Accessibility in a browser: an axe-core audit of every page and of the states that add content
(no serious or critical violation). The colour checks are unit tests, in
tests/unit/render/test_colour_contrast.py."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lib import APP_TITLE
from lib.app.pages import PAGE_SPECS
from tests.helpers.browser import FOLIUM, IDLE, Visit

TIMEOUT = 30_000
FAILING_IMPACTS = ("serious", "critical")
FOOTER = f"{APP_TITLE} dataset v"  # the last thing every page draws
AXE = Axe()
# The map is a component iframe, audited on its own: axe cannot reach into a frame it was not
# injected into, and waiting for it to answer would only slow every page down.
PAGE_OPTIONS = {"resultTypes": ["violations"], "iframes": False}
FRAME_OPTIONS = {"resultTypes": ["violations"]}


class View(NamedTuple):
    """A URL to audit, its page title, what to click once it is drawn (a summary's text), and
    what the state adds (a selector to wait for)."""

    path: str
    title: str
    ready: str | None = None
    click: str | None = None


PAGE_VIEWS = [View(spec.path, spec.title) for spec in PAGE_SPECS]
STATE_VIEWS = [
    View("/?judgment=j2", "Briefing", '[data-testid="stRadio"] input:checked'),
    View("/map?place=agadez", "Map", "h3#agadez"),
    View("/timeline?event=e-revocation", "Timeline", ".sb-card"),
    View("/sources?claim=c004-1000", "Sources", "mark.sb-selected"),
    View("/?present=1", "Briefing", 'button:has-text("Exit presentation mode")'),
    View("/timeline?present=1", "Timeline", ".sb-event-key"),
    # Table twins are sent only when opened: audit one opened, grid and download included.
    View("/timeline", "Timeline", '[data-testid="stDataFrame"]', "Table: the events shown"),
]


def _settle(visit: Visit, view: View) -> None:
    """Wait for the page's title, its footer, the end of the run, and what draws after it."""
    page = visit.page
    page.locator("h1", has_text=view.title).first.wait_for(timeout=TIMEOUT)
    visit.settle(FOOTER)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT)
    if view.path.startswith("/map"):
        markers = page.frame_locator(FOLIUM).locator(".leaflet-marker-icon")
        markers.first.wait_for(timeout=TIMEOUT)
    if view.path.startswith(("/timeline", "/troops")):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
    if view.click:
        page.wait_for_selector(IDLE, timeout=TIMEOUT)
        page.locator("summary", has_text=view.click).click()
    if view.ready:
        page.wait_for_selector(view.ready, timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)


def _audit(scope, options: dict) -> list[dict]:
    """Run axe in a page or frame (anything with ``evaluate``); return its violations."""
    return AXE.run(scope, options=options).response["violations"]


def _describe(violations: list[dict], where: str) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(" >> ".join(n["target"]) for n in v["nodes"][:4])
        more = f" (+{len(v['nodes']) - 4} more)" if len(v["nodes"]) > 4 else ""
        lines.append(
            f"{where}: {v['id']} [{v['impact']}] {v['help']} — {len(v['nodes'])} node(s): "
            f"{targets}{more}"
        )
    return "\n".join(lines)


def _audit_view(browser, app_url: str, view: View) -> None:
    visit = Visit(browser, app_url + view.path)
    try:
        _settle(visit, view)
        found = {view.path: _audit(visit.page, PAGE_OPTIONS)}
        if view.path.startswith("/map"):
            frame = visit.page.locator(FOLIUM).element_handle().content_frame()
            found[f"{view.path} (map frame)"] = _audit(frame, FRAME_OPTIONS)
        assert visit.page.locator('[data-testid="stException"]').count() == 0
        assert visit.external_requests() == []
    finally:
        visit.close()
    for where, violations in found.items():
        minor = Counter(v["impact"] for v in violations if v["impact"] not in FAILING_IMPACTS)
        print(f"axe {where}: moderate {minor['moderate']}, minor {minor['minor']}")
        if minor:
            print(_describe([v for v in violations if v["impact"] not in FAILING_IMPACTS], where))
    failing = {
        where: [v for v in violations if v["impact"] in FAILING_IMPACTS]
        for where, violations in found.items()
    }
    report = "\n".join(_describe(v, where) for where, v in failing.items() if v)
    assert not report, f"serious or critical accessibility violations:\n{report}"


@pytest.mark.browser
@pytest.mark.parametrize("view", PAGE_VIEWS + STATE_VIEWS, ids=lambda v: v.path)
def test_page_has_no_serious_or_critical_axe_violation(browser, app_url, view):
    _audit_view(browser, app_url, view)
