"""A browser visit: one fresh Chromium context on the live app that records every request and
refuses any beyond 127.0.0.1, and the selectors and scripts browser tests share."""

from __future__ import annotations

from scripts.live_server import IDLE_SELECTOR
from scripts.sessions import is_local
from tests.helpers.packages import TESTS_DIR

# Screenshots the browser tests leave for a reader to look at (ignored by git).
ARTIFACTS = TESTS_DIR / "artifacts"
IDLE = IDLE_SELECTOR
FOLIUM = 'iframe[title="streamlit_folium.st_folium"]'


# Elements of the main block whose right edge passes the viewport's (hidden ones aside). A data
# grid's inner canvas is wider than the grid by design and scrolls inside it; the grid is checked.
# An SVG clips its own shapes (a minimap's countries run past its edge), so the <svg> is checked.
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [];
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (el.closest('[data-testid="stDataFrame"]') !== el
        && el.closest('[data-testid="stDataFrame"]')) continue;
    if (el.ownerSVGElement) continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''}`;
      wide.push(`${name} ${Math.round(box.left)}-${Math.round(box.right)}`);
    }
  }
  return {wide: wide.slice(0, 5), scroll: document.documentElement.scrollWidth - width};
}
"""


class Visit:
    """One fresh browser context on the app, recording every request it makes."""

    def __init__(
        self, browser, url: str, width: int = 1400, height: int = 1000, phone: bool = False
    ) -> None:
        # A phone: touch, a dense screen and the mobile viewport rules, as on a 390 px handset.
        handset = {"is_mobile": True, "has_touch": True, "device_scale_factor": 3} if phone else {}
        self.context = browser.new_context(viewport={"width": width, "height": height}, **handset)
        self.requests: list[str] = []
        # Every request is recorded; any that would leave 127.0.0.1 is aborted before it is
        # sent, so a failing test never puts traffic on a real network.
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.goto(url)

    def _guard(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if is_local(url):
            route.continue_()
        else:
            route.abort()

    def settle(self, text: str) -> None:
        self.page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
        self.page.wait_for_selector(IDLE, timeout=30_000)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def wait_for_reader(self) -> None:
        """Wait for the document reader: a component that draws its markup after the script run
        has ended, so an idle app and the document's title on screen do not mean it is there."""
        self.page.locator(".sb-doc").first.wait_for(timeout=30_000)

    def reader_text(self) -> str:
        """Text of the document reader only; tables repeat some of it in hidden a11y markup."""
        self.wait_for_reader()
        readers = self.page.locator(".sb-doc")
        assert readers.count() == 1
        return readers.inner_text()

    def highlighted_claims(self) -> set[str]:
        self.wait_for_reader()
        cells = self.page.eval_on_selector_all(
            "mark.sb-claim", "marks => marks.map(m => m.dataset.keys)"
        )
        return {key for cell in cells for key in cell.split() if not key.startswith("q")}

    def close(self) -> None:
        self.context.close()
