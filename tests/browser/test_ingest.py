"""Adding a document end to end in a real browser: upload a synthetic article, accept its
proposals, add it, and see it on every page; a hostile article is shown without running."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from lib.data.validate import load_and_validate
from tests.helpers.browser import ARTIFACTS, IDLE, Visit
from tests.helpers.packages import FIXTURES_DIR, copy_curated

pytestmark = pytest.mark.browser
TIMEOUT = 120_000
ARTICLES = FIXTURES_DIR / "ingest"
# Any assignment to window.__pwned (the hostile article's payloads) is recorded, in every frame.
SENTINEL = """
Object.defineProperty(window, "__pwned", {
  configurable: false,
  get: () => undefined,
  set: (value) => { (window.__hits = window.__hits || []).push(String(value)); },
});
"""


@pytest.fixture
def writable_app(start_server, tmp_path) -> tuple[str, Path]:
    """The app on a writable copy of the curated snapshot: its URL and data folder."""
    copy_curated(tmp_path / "data", tmp_path / "seeds")
    return start_server(tmp_path / "data"), tmp_path / "data"


def _propose(visit: Visit, article: Path, published: str, outlet: str) -> None:
    page = visit.page
    page.get_by_role("heading", name="Add a document").wait_for(timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    # The server has the file once the page says what it will propose. A cold server's first
    # runs can re-render the uploader under the test's hand, dropping the file: offer it again.
    ready = page.get_by_text(f"Ready to propose: {article.name}")
    for _ in range(3):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(article)
        try:
            ready.wait_for(timeout=TIMEOUT // 4)
            break
        except PlaywrightTimeout:
            page.wait_for_selector(IDLE, timeout=TIMEOUT)
    expect(ready).to_be_visible(timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    page.get_by_role("textbox", name="Published (YYYY-MM-DD)").fill(published)
    page.get_by_label("Outlet").fill(outlet)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    page.get_by_role("button", name="Propose claims").click()
    # The review, or the one-line refusal that says why there is none.
    review = page.get_by_text("Review:").first
    expect(review.or_(page.locator('[data-testid="stAlert"]').first)).to_be_visible(timeout=TIMEOUT)
    assert review.is_visible(), page.locator('[data-testid="stAlert"]').all_inner_texts()
    page.locator("mark.sb-proposal").first.wait_for(timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)


def _accept_every_proposal(page) -> None:
    """Accept, then wait for the line above the Add button to count accepted claims: an idle
    app alone can be the run before the click's, and an Add clicked then merges nothing."""
    page.get_by_role("button", name="Accept every claim and relation").click()
    expect(page.get_by_text(re.compile(r"To add: [1-9]\d* of \d+ claims"))).to_be_visible(
        timeout=TIMEOUT
    )
    page.wait_for_selector(IDLE, timeout=TIMEOUT)


def test_an_article_added_through_the_ingest_page_appears_on_every_page(browser, writable_app):
    url, data_dir = writable_app
    visit = Visit(browser, f"{url}/ingest")
    try:
        _propose(visit, ARTICLES / "07_reuters_base201_handover.txt", "2024-08-05", "Reuters")
        page = visit.page
        marks = page.locator("mark.sb-proposal")
        kinds = set(
            page.eval_on_selector_all("mark.sb-proposal", "m => m.map(x => x.dataset.kind)")
        )
        assert {"figure", "date", "place", "actor"} <= kinds and marks.count() > 10
        page.screenshot(path=str(ARTIFACTS / "ingest-review.png"), full_page=True)
        _accept_every_proposal(page)
        page.get_by_role("button", name="Add to the package").click()
        expect(page.get_by_text("as version 0.5.0")).to_be_visible(timeout=TIMEOUT)
        package, problems = load_and_validate(data_dir)
        assert [str(p) for p in problems] == []
        source_id = next(s for s in package["sources"]["source_id"] if s.startswith("reuters-"))

        page.goto(f"{url}/troops")
        page.get_by_role("heading", name="Troop counts").wait_for(timeout=TIMEOUT)
        page.wait_for_selector(IDLE, timeout=TIMEOUT)
        expect(page.get_by_text(source_id).first).to_be_visible(timeout=TIMEOUT)
        page.screenshot(path=str(ARTIFACTS / "ingest-troops.png"), full_page=True)

        page.goto(f"{url}/discrepancies")
        page.get_by_role("heading", name="Discrepancies").first.wait_for(timeout=TIMEOUT)
        page.wait_for_selector(IDLE, timeout=TIMEOUT)
        header = page.locator(".sb-matrix th, [data-testid='stTable'] th, table th")
        expect(header.filter(has_text=source_id).first).to_be_attached(timeout=TIMEOUT)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert visit.external_requests() == []
    finally:
        visit.close()


def test_a_hostile_article_is_shown_without_running_and_its_draft_validates(browser, writable_app):
    url, data_dir = writable_app
    visit = Visit(browser, "about:blank")
    try:
        visit.context.add_init_script(SENTINEL)
        visit.page.goto(f"{url}/ingest")
        _propose(visit, ARTICLES / "hostile.txt", "2024-04-18", "Hostile Wire")
        page = visit.page
        assert "<script>window.__pwned=1</script>" in page.locator(".sb-doc").inner_text()
        assert page.evaluate("window.__hits || []") == []
        assert (
            page.locator('.sb-doc img, .sb-doc script, .sb-doc a[href^="javascript:"]').count() == 0
        )
        _accept_every_proposal(page)
        page.get_by_role("button", name="Add to the package").click()
        expect(page.get_by_text("as version 0.5.0")).to_be_visible(timeout=TIMEOUT)
        assert [str(p) for p in load_and_validate(data_dir)[1]] == []
        assert page.evaluate("window.__hits || []") == []
        assert visit.external_requests() == []
    finally:
        visit.close()
