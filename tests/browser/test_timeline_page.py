"""Browser tests of the Timeline: the plotly chart draws every event; a click opens its quotes."""

from __future__ import annotations

import pytest

from lib.analysis.events import build_date_marks, build_timeline_events
from tests.helpers.browser import Visit

pytestmark = pytest.mark.browser
PLOT = ".js-plotly-plot"

# Where a marker of the given event sits on screen, from plotly's own axes (so rangebreaks and
# panels are accounted for), or null when no marker trace carries it.
LOCATE_EVENT_JS = """
(eventId) => {
  const gd = document.querySelector('.js-plotly-plot');
  for (const trace of gd._fullData) {
    if (trace.mode !== 'markers+text' || !trace.customdata) continue;
    const i = Array.from(trace.customdata).indexOf(eventId);
    if (i < 0) continue;
    const xa = gd._fullLayout[trace.xaxis.replace('x', 'xaxis')];
    const ya = gd._fullLayout[trace.yaxis.replace('y', 'yaxis')];
    const box = gd.getBoundingClientRect();
    return [box.left + xa._offset + xa.d2p(trace.x[i]), box.top + ya._offset + ya.d2p(trace.y[i])];
  }
  return null;
}
"""
MARKED_EVENTS_JS = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  return gd._fullData.filter(t => t.mode === 'markers+text' && t.customdata)
    .flatMap(t => Array.from(t.customdata));
}
"""


@pytest.fixture(scope="module")
def expected(curated):
    events = build_timeline_events(curated)
    return curated, events, build_date_marks(curated, events)


@pytest.fixture
def timeline(browser, app_url):
    opened = Visit(browser, app_url + "/timeline")
    opened.settle("Timeline")
    opened.page.wait_for_selector(f"{PLOT} .scatterlayer path.point", timeout=30_000)
    yield opened
    opened.close()


def test_timeline_draws_every_event_and_each_disputed_date(timeline, expected):
    _, events, marks = expected
    page = timeline.page
    assert sorted(page.evaluate(MARKED_EVENTS_JS)) == sorted(events["event_id"])
    # One symbol per event, plus both ends of each source's own range where dates are disputed.
    points = page.locator(f"{PLOT} .scatterlayer path.point").count()
    assert points == len(events) + 2 * len(marks)
    notes = page.locator(f"{PLOT} .annotation-text").all_text_contents()
    assert notes.count("sources disagree") == int(events["disputed"].sum())
    assert page.locator('[data-testid="stException"]').count() == 0
    assert timeline.external_requests() == []


def test_clicking_an_event_shows_its_quotes_from_both_sources(timeline, expected):
    package, events, _ = expected
    page = timeline.page
    page.locator(PLOT).first.scroll_into_view_if_needed()
    x, y = page.evaluate(LOCATE_EVENT_JS, "e-revocation")
    page.mouse.click(x, y)
    title = events.set_index("event_id").at["e-revocation", "title"]
    page.get_by_role("heading", name=title).wait_for(timeout=30_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    claims = package["claims"].set_index("claim_id")
    for claim_id in ("c000-saturday", "c004-15march"):
        card = page.locator(f'.sb-card[data-claim="{claim_id}"]')
        card.wait_for(timeout=10_000)
        assert claims.at[claim_id, "quote"] in card.inner_text()
        assert claims.at[claim_id, "source_id"] in card.inner_text()
    assert "event=e-revocation" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    assert timeline.external_requests() == []


def test_event_link_reopens_the_evidence_in_a_fresh_browser(browser, app_url, expected):
    _, events, _ = expected
    visit = Visit(browser, app_url + "/timeline?event=e-presence-start")
    try:
        title = events.set_index("event_id").at["e-presence-start", "title"]
        visit.page.get_by_role("heading", name=title).wait_for(timeout=30_000)
        for claim_id in ("c004-12yr", "c000-since2014a"):
            visit.page.locator(f'.sb-card[data-claim="{claim_id}"]').wait_for(timeout=10_000)
        assert visit.external_requests() == []
    finally:
        visit.close()


# Every date tick label of the chart: its text and box; whether any two overlap or one leaves the
# screen.
DATE_TICKS_JS = """
() => {
  const ticks = Array.from(document.querySelectorAll('.js-plotly-plot .xaxislayer-above text'))
    .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, b]) => b.width > 0);
  const hits = [];
  ticks.forEach(([a, p], i) => ticks.slice(i + 1).forEach(([b, q]) => {
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) {
      hits.push(`${a} / ${b}`);
    }
  }));
  const off = ticks.filter(([, b]) => b.left < 0 || b.right > window.innerWidth).map(([t]) => t);
  return {count: ticks.length, hits, off};
}
"""


def test_timeline_ticks_are_readable_on_a_phone(browser, app_url):
    """Regression: at 390x844 the background panel's years overlapped ("2016 / 2018") and,
    turned on end, were cut to "201"."""
    visit = Visit(browser, app_url + "/timeline", 390, 844)
    try:
        visit.page.wait_for_selector(f"{PLOT} .scatterlayer path.point", timeout=30_000)
        visit.page.locator(PLOT).first.scroll_into_view_if_needed()
        ticks = visit.page.evaluate(DATE_TICKS_JS)
        assert ticks["count"] >= 3 and ticks["hits"] == [] and ticks["off"] == [], ticks
        angles = visit.page.eval_on_selector_all(
            f"{PLOT} .xaxislayer-above text", "ts => ts.map(t => t.getAttribute('transform') || '')"
        )
        assert not [a for a in angles if "rotate" in a], angles
    finally:
        visit.close()
