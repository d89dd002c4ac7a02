"""The exported briefing in Chromium, from file://: no request but the file itself, both charts
and the map drawn, ←/→ between slides, no serious axe violation, hostile text inert; and its PDF
read back with poppler (pages, text, a first page that renders)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from lib.analysis.briefing import list_story_steps
from lib.data.intervals import read_interval
from tests.helpers.browser import Visit
from tests.helpers.commands import run_module
from tests.helpers.packages import HOSTILE_DATA

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
FAILING_IMPACTS = ("serious", "critical")
# Sections that start a printed page each (title page, seven sections, notes) besides the slides.
PRINTED_SECTIONS = 9
# Long sections (judgments, discrepancies, notes) run over several pages each.
MAX_PAGES_PER_PART = 3
SENTINEL = """
Object.defineProperty(window, "__sbPwned", {
  configurable: false, get: () => undefined,
  set: (value) => { (window.__sbHits = window.__sbHits || []).push(String(value)); },
});
"""
INJECTED = (
    'img[src="x"], [onerror], [onload], [onmouseover], a[href^="javascript:" i], '
    "iframe[srcdoc], i:not([class])"
)


def _export(out_dir: Path, *args: str) -> Path:
    html = out_dir / "brief.html"
    result = run_module("scripts.export_briefing", "--out", html, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return html


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    out_dir = tmp_path_factory.mktemp("export")
    pdf = out_dir / "brief.pdf"
    return _export(out_dir, "--pdf", str(pdf)), pdf


class Opened:
    """The file in a fresh context, with every request and dialog recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context.add_init_script(SENTINEL)
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("#sb-x-timeline-chart .main-svg", timeout=TIMEOUT)

    def _guard(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def focused_slide(self) -> str:
        return self.page.evaluate("document.activeElement.closest('.sb-x-slide')?.id || ''")


@pytest.fixture
def opened(browser, exported):
    visit = Opened(browser, exported[0])
    yield visit
    visit.context.close()


def test_export_loads_nothing_but_itself(opened):
    assert [u for u in opened.requests if not u.startswith("data:")] == [opened.url]


def test_export_draws_both_charts_and_the_map(opened):
    page = opened.page
    assert page.locator("#sb-x-troop-chart.js-plotly-plot .main-svg").count() >= 1
    assert page.locator("#sb-x-timeline-chart.js-plotly-plot .main-svg").count() >= 1
    places = page.eval_on_selector_all(
        "svg.sb-x-sahel circle.sb-x-place", "dots => dots.map(d => d.dataset.place)"
    )
    assert {"niamey", "agadez", "ab101", "ab201"} <= set(places)
    assert page.locator("svg.sb-x-sahel").bounding_box()["height"] > 200


# For each key-figure tile: its value and the visible text of every note its links lead to.
FIGURE_NOTES_JS = """
() => Array.from(document.querySelectorAll('#figures .sb-tile')).map(tile => ({
  value: tile.querySelector('.sb-tile-value')?.innerText || '',
  notes: Array.from(tile.querySelectorAll('a[href^="#note-"]'))
    .map(a => document.querySelector(a.getAttribute('href'))?.innerText || ''),
}))
"""


def test_each_key_figures_footnote_holds_its_quote(opened, curated):
    tiles = opened.page.evaluate(FIGURE_NOTES_JS)
    claims = curated["claims"]
    hashes = dict(zip(curated["sources"]["source_id"], curated["sources"]["sha256"], strict=True))
    troops = claims[claims["topic"] == "us_forces_count"]
    assert troops.shape[0] and tiles and all(tile["notes"] for tile in tiles)
    for _, claim in troops.iterrows():
        interval = read_interval(claim).describe()
        (tile,) = [t for t in tiles if t["value"].startswith(interval)]
        seed_hash = hashes[claim["source_id"]]
        assert any(claim["quote"] in note and seed_hash in note for note in tile["notes"]), tile


def test_arrow_keys_move_between_slides(opened, curated):
    page = opened.page
    page.keyboard.press("ArrowRight")
    assert opened.focused_slide() == "step-1"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert opened.focused_slide() == "step-3"
    page.keyboard.press("ArrowLeft")
    assert opened.focused_slide() == "step-2"
    for _ in range(len(list_story_steps(curated)) + 2):
        page.keyboard.press("ArrowRight")
    assert opened.focused_slide() == f"step-{len(list_story_steps(curated))}"
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert abs(top) < 50  # scrolled to it, not only focused


def test_export_has_no_serious_or_critical_axe_violation(opened):
    violations = (
        Axe().run(opened.page, options={"resultTypes": ["violations"]}).response["violations"]
    )
    failing = [
        f"{v['id']} [{v['impact']}] {v['help']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]
    assert failing == []


def test_pdf_has_a_page_per_part_and_the_key_text(exported, curated):
    _, pdf = exported
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.MULTILINE).group(1))
    parts = PRINTED_SECTIONS + len(list_story_steps(curated))
    assert parts <= pages <= parts * MAX_PAGES_PER_PART
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for wanted in ("585–715", "1,001", "Air Base 201", *curated["sources"]["source_id"]):
        assert wanted in text, wanted


def test_pdf_starts_every_section_and_slide_on_a_new_page(exported, curated):
    _, pdf = exported
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.MULTILINE).group(1))
    tops = []
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        tops.append(next((line.strip() for line in text.splitlines() if line.strip()), ""))
    steps = len(list_story_steps(curated))
    # Step 1 shares its page with the Story heading above it; every later step opens a page.
    for step in range(2, steps + 1):
        assert any(top.startswith(f"Step {step} of {steps}:") for top in tops), step
    for heading in ("Key figures", "Key judgments", "Troop counts", "Timeline", "Discrepancies"):
        assert heading in tops, heading
    assert tops.index("Story") < tops.index("Notes")


def test_pdf_first_page_renders(exported, tmp_path):
    _, pdf = exported
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 10_000


def test_hostile_export_runs_no_injected_script(browser, tmp_path):
    html = _export(tmp_path, "--data-dir", str(HOSTILE_DATA))
    visit = Opened(browser, html)
    try:
        page = visit.page
        assert page.evaluate("window.__sbHits || []") == []
        assert visit.dialogs == []
        assert page.evaluate(f"document.querySelectorAll('{INJECTED}').length") == 0
        assert page.evaluate("getComputedStyle(document.body).display") != "none"
        assert "<script>window.__sbPwned=1</script>" in page.locator("main").inner_text()
        assert [u for u in visit.requests if not u.startswith("data:")] == [visit.url]
    finally:
        visit.context.close()


def _download_briefing(browser, url: str, tmp_path: Path, next_steps: int = 0) -> Path:
    visit = Visit(browser, url)
    try:
        page = visit.page
        page.locator("h1", has_text="Briefing").first.wait_for(timeout=TIMEOUT)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        for _ in range(next_steps):
            shown = page.locator("h4").first.inner_text()
            page.get_by_role("button", name="Next ▶").click()
            page.wait_for_function(
                "(old) => document.querySelector('h4') && "
                "document.querySelector('h4').innerText !== old",
                arg=shown,
                timeout=TIMEOUT,
            )
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        with page.expect_download(timeout=TIMEOUT) as download:
            page.get_by_role("button", name="Download briefing").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        return path
    finally:
        visit.close()


@pytest.mark.parametrize(
    ("query", "next_steps", "step"),
    [
        ("?sources=cnn-000&step=3", 0, 3),
        # Regression: the file had the step the URL held one run before (3, not 4).
        ("?sources=cnn-000&step=3", 1, 4),
        # Regression: the page bar, built before the sidebar, exported the unfiltered package.
        ("?present=1&sources=cnn-000&step=3", 0, 3),
    ],
)
def test_app_download_is_the_current_view_as_a_file_that_opens_offline(
    browser, app_url, tmp_path, curated, query, next_steps, step
):
    """Briefing's button: the view's filters and step, saved, then opened from file://."""
    path = _download_briefing(browser, f"{app_url}/{query}", tmp_path, next_steps)
    assert path.name == f"sahel-brief-{curated.version}-briefing.html"
    claims = curated["claims"].set_index("claim_id")
    opened = Opened(browser, path)
    try:
        page = opened.page
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT)
        shown = page.eval_on_selector_all(
            ".sb-card[data-claim]", "cards => cards.map(c => c.dataset.claim)"
        )
        assert shown and {claims.at[c, "source_id"] for c in shown} == {"cnn-000"}
        assert "Filtered: sources cnn-000." in page.locator("main").inner_text()
        current = page.locator('.sb-x-slide[aria-current="step"]')
        assert current.count() == 1
        assert current.get_attribute("id") == f"step-{step}"
        assert [u for u in opened.requests if not u.startswith("data:")] == [opened.url]
    finally:
        opened.context.close()
