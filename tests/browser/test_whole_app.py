"""Browser tests of the product as a whole: deep links restore a view in a fresh browser, story
mode steps and links, presentation mode hides the chrome, and no page reaches past 127.0.0.1 (on
the shipped data/ too; the rest run on the curated snapshot)."""

from __future__ import annotations

import re
import zipfile
from urllib.parse import parse_qsl, urlparse

import pytest
from playwright.sync_api import expect

from lib import APP_TITLE
from lib.analysis.briefing import list_story_steps
from lib.analysis.events import build_timeline_events
from lib.analysis.filters import Filters, apply_filters
from lib.analysis.places import collect_claims_at, list_descendants
from lib.app.chrome import SHARE_LINK_KEY
from lib.app.pages import PAGE_SPECS
from lib.paths import CHROMIUM, CHROMIUM_ARGS, DEFAULT_DATA_DIR
from tests.helpers.browser import ARTIFACTS, FOLIUM, IDLE, Visit
from tests.helpers.packages import AV1

pytestmark = pytest.mark.browser
SIDEBAR = '[data-testid="stSidebar"]'
SHARE_LINK = f"{SIDEBAR} .st-key-{SHARE_LINK_KEY} input"
# The evidence panel under the map; the off-map expanders below repeat some of its cards.
MAP_PANEL = ".st-key-map_panel .sb-cards"
TIMEOUT = 30_000


@pytest.fixture
def fresh(browser):
    """Open URLs each in a new browser context (no cookies, storage or session); close them all."""
    opened: list[Visit] = []

    def open_url(url: str) -> Visit:
        opened.append(Visit(browser, url))
        return opened[-1]

    yield open_url
    for visit in opened:
        visit.close()


def _settle(visit: Visit, text: str) -> None:
    """Wait for the text, for the run to end, and for lazily loaded widgets to replace skeletons."""
    visit.settle(text)
    expect(visit.page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT)
    visit.page.wait_for_selector(IDLE, timeout=TIMEOUT)


def _params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlparse(url).query))


def _share_link(visit: Visit, contains: str) -> str:
    """The copyable link in the sidebar's field, once it carries ``contains``."""
    field = visit.page.locator(SHARE_LINK)
    expect(field).to_have_value(re.compile(re.escape(contains)), timeout=TIMEOUT)
    return field.input_value()


def _tags(visit: Visit, label: str) -> list[str]:
    """The values a sidebar multiselect shows as tags."""
    widget = visit.page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"]').filter(has_text=label)
    return widget.locator(".react-aria-ComboBox [data-tag]").evaluate_all(
        "tags => tags.map(t => t.getAttribute('aria-label'))"
    )


def _cards(visit: Visit, scope: str = "") -> list[str]:
    return visit.page.eval_on_selector_all(
        f"{scope} .sb-card".strip(), "cards => cards.map(c => c.dataset.claim)"
    )


def _assert_clean(visit: Visit) -> None:
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.external_requests() == []


def test_timeline_deep_link_restores_filters_and_event_in_a_fresh_browser(fresh, app_url, curated):
    view = apply_filters(curated, Filters(sources=(AV1,)))
    events = build_timeline_events(view).set_index("event_id")
    assert "e-revocation" in events.index  # the event survives the filter, with fewer quotes
    expected = sorted(events.at["e-revocation", "claim_ids"])
    assert expected == ["c004-15march", "c004-monthafter"]
    title = events.at["e-revocation", "title"]

    visit = fresh(f"{app_url}/timeline?sources={AV1}&event=e-revocation")
    _settle(visit, "Filtered: sources av1-004.")
    visit.page.get_by_role("heading", name=title).wait_for(timeout=TIMEOUT)
    assert _tags(visit, "Sources (all when empty)") == [AV1]
    assert _tags(visit, "Topics (all when empty)") == []
    expect(visit.page.get_by_role("combobox", name="Event", exact=True)).to_have_value(title)
    assert sorted(_cards(visit)) == expected
    link = _share_link(visit, "event=e-revocation")
    assert urlparse(link).path == "/timeline"
    assert _params(link) == {"sources": AV1, "event": "e-revocation"}
    assert _params(visit.page.url) == _params(link)
    _assert_clean(visit)

    # The copied link, opened by someone else, shows the same view.
    again = fresh(link)
    _settle(again, "Filtered: sources av1-004.")
    again.page.get_by_role("heading", name=title).wait_for(timeout=TIMEOUT)
    assert sorted(_cards(again)) == expected
    assert _tags(again, "Sources (all when empty)") == [AV1]
    _assert_clean(again)


def test_map_deep_link_restores_topic_filter_and_place_in_a_fresh_browser(fresh, app_url, curated):
    view = apply_filters(curated, Filters(topics=("us_air_bases",)))
    expected = sorted(
        collect_claims_at(view, list_descendants(view["places"], "agadez"))["claim_id"]
    )
    assert expected == ["c000-agadez-drone", "c004-base201", "c004-maindrone"]

    visit = fresh(f"{app_url}/map?place=agadez&topics=us_air_bases")
    _settle(visit, "Filtered: topics US air bases.")
    visit.page.get_by_role("heading", name="Agadez", exact=True).wait_for(timeout=TIMEOUT)
    visit.page.frame_locator(FOLIUM).locator(".leaflet-control-layers").wait_for(timeout=TIMEOUT)
    assert _tags(visit, "Topics (all when empty)") == ["US air bases"]
    assert _tags(visit, "Sources (all when empty)") == []
    assert sorted(_cards(visit, MAP_PANEL)) == expected
    link = _share_link(visit, "place=agadez")
    assert urlparse(link).path == "/map"
    assert _params(link) == {"place": "agadez", "topics": "us_air_bases"}
    _assert_clean(visit)


def test_story_mode_steps_forward_and_the_step_link_reopens_it(fresh, app_url, curated):
    steps = list_story_steps(curated)
    heading = {n: f"{n}. {steps.iloc[n - 1]['title']}" for n in (1, 2, 3)}
    visit = fresh(f"{app_url}/")
    _settle(visit, heading[1])
    page = visit.page
    assert page.get_by_role("button", name="◀ Previous").is_disabled()
    for n in (2, 3):
        page.get_by_role("button", name="Next ▶").click()
        page.locator("h4", has_text=heading[n]).wait_for(timeout=TIMEOUT)
        page.wait_for_selector(IDLE, timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"[?&]step=3\b"), timeout=TIMEOUT)
    assert _params(_share_link(visit, "step=3"))["step"] == "3"
    step_input = page.locator('[data-testid="stNumberInput"] input')
    expect(step_input).to_have_value("3")
    # The step shows where (mini-map), when (date strip) and its quotes.
    assert page.locator('svg[role="img"]').count() >= 2
    assert sorted(_cards(visit)) == sorted(steps.iloc[2]["claim_ids"])
    _assert_clean(visit)

    reopened = fresh(f"{app_url}/?step=3")
    _settle(reopened, heading[3])
    assert reopened.page.locator("h4", has_text=heading[3]).count() == 1
    expect(reopened.page.locator('[data-testid="stNumberInput"] input')).to_have_value("3")
    assert not reopened.page.get_by_role("button", name="◀ Previous").is_disabled()
    _assert_clean(reopened)


ROOT_FONT_SIZE_JS = "() => getComputedStyle(document.documentElement).fontSize"


def _wait_for_briefing(visit: Visit) -> None:
    _settle(visit, "Key judgments")
    visit.page.locator("a.sb-tile").first.wait_for(timeout=TIMEOUT)
    visit.page.locator("h4", has_text="1. ").wait_for(timeout=TIMEOUT)


def test_presentation_mode_hides_the_chrome_and_screenshots_both_modes(fresh, app_url):
    ARTIFACTS.mkdir(exist_ok=True)
    normal = fresh(f"{app_url}/")
    _wait_for_briefing(normal)
    expect(normal.page.locator(SIDEBAR)).to_be_visible()
    normal_size = normal.page.evaluate(ROOT_FONT_SIZE_JS)
    normal.page.screenshot(path=str(ARTIFACTS / "briefing.png"), full_page=True)
    _assert_clean(normal)

    visit = fresh(f"{app_url}/?present=1")
    _wait_for_briefing(visit)
    page = visit.page
    exit_button = page.get_by_role("button", name="Exit presentation mode")
    expect(exit_button).to_be_visible()
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator('[data-testid="stHeader"]')).to_be_hidden()
    present_size = page.evaluate(ROOT_FONT_SIZE_JS)
    assert float(present_size.removesuffix("px")) > float(normal_size.removesuffix("px"))
    page.screenshot(path=str(ARTIFACTS / "briefing-present.png"), full_page=True)

    exit_button.click()
    expect(page.locator(SIDEBAR)).to_be_visible(timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    expect(exit_button).to_have_count(0)
    assert page.evaluate(ROOT_FONT_SIZE_JS) == normal_size
    assert "present" not in _params(page.url)
    _assert_clean(visit)
    for name in ("briefing.png", "briefing-present.png"):
        assert (ARTIFACTS / name).stat().st_size > 10_000


def test_sidebar_zip_download_is_built_on_click_and_holds_the_package(fresh, app_url, tmp_path):
    """The zip is built by a deferred callable only when clicked; the file must still be whole."""
    visit = fresh(f"{app_url}/")
    _wait_for_briefing(visit)
    with visit.page.expect_download(timeout=TIMEOUT) as download:
        visit.page.get_by_role("button", name="Download the data package (zip)").click()
    path = tmp_path / "package.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    assert {"data/datapackage.json", "data/claims.csv", "data/judgments.csv"} <= names
    assert sum(n.startswith("seeds/") for n in names) == 2
    _assert_clean(visit)


def test_a_key_figure_links_to_its_evidence(fresh, app_url):
    visit = fresh(f"{app_url}/")
    _wait_for_briefing(visit)
    visit.page.locator('a.sb-tile[href="map?place=ab201"]').click()
    visit.page.wait_for_url(re.compile(r"/map\?place=ab201$"), timeout=TIMEOUT)
    _settle(visit, "Named, but not on this map")
    name = "Air Base 201 (Agadez)"
    visit.page.get_by_role("heading", name=name, exact=True).wait_for(timeout=TIMEOUT)
    assert "c004-base201" in _cards(visit, MAP_PANEL)
    _assert_clean(visit)


def test_a_key_figure_link_keeps_the_filters_and_presentation_mode(fresh, app_url):
    visit = fresh(f"{app_url}/?present=1&sources={AV1}")
    _wait_for_briefing(visit)
    # Carried parameters come first in the href (map?sources=…&present=1&place=ab201), so the
    # tile is found by its place wherever it sits in the query.
    visit.page.locator('a.sb-tile[href^="map?"][href*="place=ab201"]').click()
    visit.page.wait_for_url(re.compile(r"/map\?"), timeout=TIMEOUT)
    _settle(visit, "Named, but not on this map")
    wanted = {"place": "ab201", "present": "1", "sources": AV1}
    assert wanted.items() <= _params(visit.page.url).items()


def test_every_page_renders_offline_without_an_exception_on_the_shipped_data(fresh, start_server):
    """On data/ as a curator left it: what holds for any valid package, nothing it holds."""
    app_url = start_server(DEFAULT_DATA_DIR)
    pages = [(spec.path, spec.title) for spec in PAGE_SPECS]
    visit = fresh("about:blank")
    seen = []
    for path, title in pages:
        visit.page.goto(app_url + path)
        visit.page.locator("h1", has_text=title).first.wait_for(timeout=TIMEOUT)
        _settle(visit, f"{APP_TITLE} dataset v")  # the footer, last thing on every page
        if path == "/map":
            frame = visit.page.frame_locator(FOLIUM)
            frame.locator(".leaflet-control-layers").wait_for(timeout=TIMEOUT)
        if path == "/timeline":
            visit.page.wait_for_selector(".js-plotly-plot .scatterlayer path.point")
        assert visit.page.locator('[data-testid="stException"]').count() == 0, path
        assert visit.page.locator('[data-testid="stAlert"]').filter(has_text="invalid").count() == 0
        seen.append(path)
    assert seen == [path for path, _ in pages]
    assert any(url.startswith(app_url) for url in visit.requests)
    assert visit.external_requests() == []


COPY_VIEW = f"/timeline?sources={AV1}&categories=diplomacy&event=e-revocation"


def _open_share(page, url: str):
    """Open ``url`` and wait for its share link; return the link field."""
    page.goto(url)
    page.get_by_role("heading", name="Timeline").wait_for(timeout=TIMEOUT)
    field = page.locator(SHARE_LINK)
    expect(field).to_have_value(re.compile("event=e-revocation"), timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    return field


def test_copy_button_puts_the_whole_view_on_the_clipboard_by_mouse_and_keyboard(browser, app_url):
    """Regression: the README promised a copy button; there was only a link to right-click. From
    the keyboard too: Streamlit's st.code copy button is hidden until hovered, so Tab skips it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page = context.new_page()
    try:
        field = _open_share(page, app_url + COPY_VIEW)
        page.get_by_role("button", name="Copy link").click()
        expect(page.locator(f"{SIDEBAR} [role=status]")).to_have_text("Copied", timeout=TIMEOUT)
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == field.input_value()
        assert urlparse(copied).path == "/timeline"
        assert _params(copied) == {
            "sources": AV1,
            "categories": "diplomacy",
            "event": "e-revocation",
        }
        page.evaluate("() => navigator.clipboard.writeText('')")
        field.focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Copy link")).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
        assert page.evaluate("() => navigator.clipboard.readText()") == copied
    finally:
        context.close()


def test_copy_button_copies_on_a_plain_http_address_too(browser, app_url):
    """A briefing room serves the app on its own network at http://host:8501, which is no secure
    context: the clipboard API is missing there, and Streamlit's st.code button copies nothing
    (measured). This one falls back to copying the selected field."""
    port = urlparse(app_url).port
    lan = f"http://briefing.test:{port}"  # any name but localhost: not a secure context
    rules = "--host-resolver-rules=MAP briefing.test 127.0.0.1"
    other = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, rules])

    def stay_here(route) -> None:
        if urlparse(route.request.url).hostname in ("briefing.test", "127.0.0.1"):
            route.continue_()
        else:
            route.abort()

    try:
        room = other.new_context(viewport={"width": 1400, "height": 1000})
        room.route("**/*", stay_here)
        page = room.new_page()
        field = _open_share(page, lan + COPY_VIEW)
        assert page.evaluate("() => window.isSecureContext") is False
        page.get_by_role("button", name="Copy link").click()
        expect(page.locator(f"{SIDEBAR} [role=status]")).to_have_text("Copied", timeout=TIMEOUT)
        # The clipboard is the browser's: read it back from a secure page in the same browser.
        reader = other.new_context()
        reader.grant_permissions(["clipboard-read"], origin=app_url)
        check = reader.new_page()
        check.goto(f"{app_url}/_stcore/health")
        assert check.evaluate("() => navigator.clipboard.readText()") == field.input_value()
    finally:
        other.close()


def test_an_unknown_page_says_so_and_opens_the_briefing(fresh, app_url):
    """Regression: /nosuchpage opened the Briefing behind Streamlit's "Page not found" dialog,
    which names no path and must be dismissed."""
    # The server's very first request runs in Streamlit's legacy mode, whose dialog comes before
    # app.py runs (lib/app/routing.py): this test is about every request after it.
    warm = fresh(f"{app_url}/about")
    warm.page.locator("h1", has_text="About").first.wait_for(timeout=TIMEOUT)
    visit = fresh(f"{app_url}/nosuchpage?sources={AV1}&bogus=1")
    _settle(visit, "No such page: /nosuchpage.")
    visit.page.locator("h1", has_text="Briefing").first.wait_for(timeout=TIMEOUT)
    assert visit.page.get_by_role("dialog").count() == 0
    assert _params(visit.page.url).get("sources") == AV1
    assert "bogus" not in _params(visit.page.url)
    link = _share_link(visit, f"sources={AV1}")
    assert urlparse(link).path == "/" and _params(link) == {"sources": AV1, "step": "1"}
    _assert_clean(visit)
