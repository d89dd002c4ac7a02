"""Hostile input in a real browser: bad packages show only their error, hostile text never runs,
and ten sessions at once walk every page without an error.
"""

from __future__ import annotations

import pytest

from lib.analysis.briefing import list_story_steps
from lib.app.pages import PAGE_SPECS
from lib.data.validate import load_and_validate
from scripts.sessions import walk_concurrently
from tests.fixtures.hostile import make_fixture as hostile
from tests.helpers.browser import FOLIUM, IDLE, Visit
from tests.helpers.corruptions import CORRUPTIONS
from tests.helpers.packages import HOSTILE_DATA

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
# Runs in every frame before its own scripts: any assignment to the sentinel is reported to the
# test through a binding, so even a frame that is gone by the end cannot hide a hit.
SENTINEL = """
(() => {
  const report = (value) => {
    try { window.__sbReport(String(value)); } catch (error) { /* binding not ready */ }
    (window.__sbHits = window.__sbHits || []).push(String(value));
  };
  Object.defineProperty(window, "__sbPwned", {
    configurable: false,
    get: () => undefined,
    set: report,
  });
})();
"""
# Elements a payload would have created had any markup from the data been parsed.
INJECTED = (
    'img[src="x"], img[src*="sahel-brief.invalid"], [onerror], [onload], [onmouseover], '
    'a[href^="javascript:" i], iframe[srcdoc], i:not([class]), svg[onload]'
)
COUNT_INJECTED = f"() => document.querySelectorAll('{INJECTED}').length"


PAGE_PATHS = [spec.url_path for spec in PAGE_SPECS]


class HostileVisit(Visit):
    """A Visit whose frames all carry the sentinel, and that records uncaught page errors."""

    def __init__(self, browser, url: str) -> None:
        super().__init__(browser, "about:blank")
        self.hits: list[str] = []
        self.errors: list[str] = []
        self.context.expose_binding("__sbReport", lambda _source, value: self.hits.append(value))
        self.context.add_init_script(SENTINEL)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.locator("h1").first.wait_for(timeout=TIMEOUT)
        self.page.wait_for_selector(IDLE, timeout=TIMEOUT)

    def body_text(self) -> str:
        return self.page.locator("body").inner_text()

    def assert_unharmed(self) -> None:
        """No payload ran or became markup, nothing broke, nothing left 127.0.0.1."""
        frame_hits = [
            hit for frame in self.page.frames for hit in frame.evaluate("window.__sbHits || []")
        ]
        assert self.hits == [] and frame_hits == [], (self.hits, frame_hits)
        for frame in self.page.frames:
            assert frame.evaluate(COUNT_INJECTED) == 0, frame.url
            assert frame.evaluate("getComputedStyle(document.body).display") != "none", frame.url
        assert self.page.locator('[data-testid="stMain"]').is_visible()
        assert self.page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in self.body_text()
        assert self.errors == []
        assert self.external_requests() == []


@pytest.fixture(scope="module")
def hostile_url(start_server) -> str:
    return start_server(HOSTILE_DATA)


@pytest.fixture
def hostile_visit(browser, hostile_url):
    opened = HostileVisit(browser, "about:blank")
    yield opened
    opened.close()


def test_sentinel_reports_an_assignment_in_the_page_and_in_frames(hostile_visit, hostile_url):
    """The check the hostile tests rely on: without it, 'never set' would prove nothing."""
    hostile_visit.open(f"{hostile_url}/map")
    hostile_visit.page.frame_locator(FOLIUM).locator(".sahel-marker").first.wait_for()
    folium = hostile_visit.page.locator(FOLIUM).element_handle().content_frame()
    hostile_visit.page.evaluate("window.__sbPwned = 'page'")
    folium.evaluate("window.__sbPwned = 'frame'")
    assert folium.evaluate("window.__sbPwned") is None
    assert hostile_visit.hits == ["page", "frame"]


def test_hostile_document_renders_as_text_on_every_page(hostile_visit, hostile_url):
    visit = hostile_visit
    package, problems = load_and_validate(HOSTILE_DATA)
    assert problems == []
    steps = list_story_steps(package)
    step = int(steps.index[steps["event_id"] == "e-hostile"][0]) + 1
    visits = {
        "": f"?judgment=j-hostile&step={step}",
        "map": "?place=hostile_place",
        "timeline": "?event=e-hostile",
        "sources": "?source=hx-666&claim=ch-script",
    }
    for path in PAGE_PATHS:
        visit.open(f"{hostile_url}/{path}{visits.get(path, '')}")
        if path == "map":
            frame = visit.page.frame_locator(FOLIUM)
            frame.locator(".sahel-place--hostile_place").wait_for(timeout=TIMEOUT)
            assert frame.locator(".leaflet-overlay-pane path").count() > 5
        if path == "timeline":
            visit.page.locator(".js-plotly-plot .scatterlayer").first.wait_for(timeout=TIMEOUT)
        visit.assert_unharmed()
    assert len(visit.requests) > 0


def test_hostile_source_reader_shows_every_payload_literally(hostile_visit, hostile_url):
    hostile_visit.open(f"{hostile_url}/sources?source=hx-666&claim=ch-script")
    reader = hostile_visit.page.locator(".sb-doc")
    reader.get_by_text("closes the document").wait_for(timeout=TIMEOUT)
    text = reader.inner_text()
    for literal in (
        hostile.SCRIPT,
        hostile.IMG,
        hostile.MD_LINK,
        hostile.A_LINK,
        hostile.TEMPLATE,
        hostile.STYLE,
        "**bold** claims, # not a heading",
        "$x$ with :red[red] text",
        hostile.BREAKOUT,
        hostile.EXTERNAL,
        hostile.ARABIC,
        hostile.HEBREW,
        hostile.EMOJI,
        hostile.SENTENCES["end"],
    ):
        assert literal in text, literal
    assert len(text) > 900_000
    selected = hostile_visit.page.locator(
        '[data-testid="stMain"] [data-testid="stCode"]'
    ).inner_text()
    assert hostile.SENTENCES["script"] in selected
    hostile_visit.assert_unharmed()


def test_hostile_labels_and_captions_stay_literal(hostile_visit, hostile_url):
    """Regression: the judgment labels, its caveat and the map's 'including those at' caption
    rendered data as markdown (a live ``javascript:`` link, bold, red text)."""
    hostile_visit.open(f"{hostile_url}/?judgment=j-hostile")
    caveat = hostile_visit.page.locator('[data-testid="stCaptionContainer"]', has_text="Caveat")
    caveat.first.wait_for(timeout=TIMEOUT)
    assert "Caveat: Caveat **bold** " + hostile.MD_LINK + " " + hostile.A_LINK in (
        caveat.first.inner_text()
    )
    label = hostile_visit.page.locator("label", has_text="Hostile judgment").first
    assert f"{hostile.SCRIPT} {hostile.IMG} {hostile.MD_LINK} :red[red] $x$" in label.inner_text()
    hostile_visit.assert_unharmed()
    hostile_visit.open(f"{hostile_url}/map?place=ner")
    caption = hostile_visit.page.locator(
        '[data-testid="stCaptionContainer"]', has_text="including those at"
    )
    assert f"Hostile {hostile.IMG}{hostile.SCRIPT} **town**" in caption.first.inner_text()
    hostile_visit.assert_unharmed()


BROWSER_CORRUPTIONS = ["missing file", "non-UTF-8 bytes", "latitude out of range"]


@pytest.mark.parametrize("name", BROWSER_CORRUPTIONS)
def test_corrupted_package_shows_only_its_error(browser, start_server, curated_copy, name):
    expected = CORRUPTIONS[name](curated_copy)
    broken = HostileVisit(browser, start_server(curated_copy))
    try:
        broken.settle("is invalid; nothing is shown")
        broken.page.get_by_text(expected, exact=False).first.wait_for(timeout=TIMEOUT)
        assert broken.page.locator('[data-testid="stAlertContentError"]').count() == 1
        assert broken.page.locator("h1").count() == 0
        assert broken.page.locator('[data-testid="stSidebarNav"]').count() == 0
        assert broken.page.locator('[data-testid="stException"]').count() == 0
        assert "Traceback" not in broken.body_text()
        assert broken.errors == []
        assert broken.external_requests() == []
    finally:
        broken.close()


# Five sessions open every page at once on one server: enough to run the shared cache and the
# reruns concurrently. Ten took 190 s of two busy cores, the suite's longest test; make bench
# still walks ten (bench/run.py) and reports their page times.
SESSIONS = 5


@pytest.mark.slow
def test_concurrent_sessions_walk_every_page(start_server):
    walk = walk_concurrently(start_server(), SESSIONS)
    assert walk.failures == []
    assert len(walk.times) == SESSIONS * len(PAGE_PATHS)
    print("\n" + walk.describe(SESSIONS, len(PAGE_PATHS)))
