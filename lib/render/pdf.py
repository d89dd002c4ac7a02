"""The exported briefing printed to PDF by headless Chromium (Playwright), offline: any request
the document makes beyond its own inline content is refused."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lib.paths import CHROMIUM, CHROMIUM_ARGS

# Wide enough for two columns, narrow enough that a chart drawn at this width fits an A4
# landscape page (273 mm of content, about 1030 CSS px) without being cut.
PRINT_VIEWPORT = {"width": 1000, "height": 1400}
# Every chart's container holds plotly's SVG once plotly has drawn it.
CHARTS_DRAWN = (
    "() => Array.from(document.querySelectorAll('.sb-x-chart'))"
    ".every(chart => chart.querySelector('.main-svg'))"
)


class ChromiumMissing(RuntimeError):
    """No Chromium at the configured path, so no PDF can be printed here."""


def has_chromium(executable: str = CHROMIUM) -> bool:
    """Whether a Chromium binary exists where the PDF printer would launch it."""
    return Path(executable).is_file()


def print_pdf(
    document: str,
    executable: str = CHROMIUM,
    args: Sequence[str] = CHROMIUM_ARGS,
    timeout_ms: int = 60_000,
) -> bytes:
    """The HTML document printed by its own print stylesheet, once every chart is drawn.

    Raises ChromiumMissing where there is no Chromium. Uses Playwright's sync API, so call it
    from a thread with no running asyncio loop.
    """
    if not has_chromium(executable):
        raise ChromiumMissing(f"no Chromium at {executable}; set SAHEL_BRIEF_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(args))
        try:
            context = browser.new_context(viewport=PRINT_VIEWPORT)
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("data:", "about:"))
                    else route.abort()
                ),
            )
            page = context.new_page()
            page.set_content(document, wait_until="load", timeout=timeout_ms)
            page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms)
            return page.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
