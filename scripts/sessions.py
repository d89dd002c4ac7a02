"""Many browser sessions walking every page of a running app at once.

Shared by the concurrency test (which asserts no errors) and the benchmark (which reports the
p95 page time). Every session is its own browser context; requests that leave 127.0.0.1 are
blocked and reported as failures.
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from lib.app.pages import PAGE_SPECS
from scripts.live_server import CHROMIUM, CHROMIUM_ARGS, IDLE_SELECTOR

LOCAL_SCHEMES = ("data", "blob", "about", "chrome-extension")
SESSION_TIMEOUT_MS = 180_000


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (the test server, or an inline resource)."""
    parsed = urlparse(url)
    return parsed.scheme in LOCAL_SCHEMES or parsed.hostname == "127.0.0.1"


@dataclass
class Walk:
    """What the sessions saw: seconds per page view, and every failure in words."""

    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        if len(self.times) < 2:
            return self.times[0] if self.times else None
        return statistics.quantiles(self.times, n=20)[-1]

    def describe(self, sessions: int, pages: int) -> str:
        if not self.times:
            return (
                f"{sessions} concurrent sessions × {pages} pages: no page loaded; {self.failures}"
            )
        return (
            f"{sessions} concurrent sessions × {pages} pages: median {self.median:.2f} s, "
            f"p95 {self.p95:.2f} s, max {max(self.times):.2f} s, "
            f"{len(self.failures)} failure(s)"
        )


async def _walk_every_page(browser, url: str, paths: list[str], walk: Walk) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    async def guard(route) -> None:
        if is_local(route.request.url):
            await route.continue_()
        else:
            outside.append(route.request.url)
            await route.abort()

    await context.route("**/*", guard)
    page = await context.new_page()
    page.on("pageerror", lambda error: walk.failures.append(f"page error: {error}"))
    try:
        for path in paths:
            started = time.perf_counter()
            # Ready means the page's title is drawn and its script has finished, not that every
            # iframe has fired "load".
            await page.goto(url + path, wait_until="commit", timeout=SESSION_TIMEOUT_MS)
            await page.locator("h1").first.wait_for(timeout=SESSION_TIMEOUT_MS)
            await page.wait_for_selector(IDLE_SELECTOR, timeout=SESSION_TIMEOUT_MS)
            walk.times.append(time.perf_counter() - started)
            if await page.locator('[data-testid="stException"]').count():
                walk.failures.append(f"exception on {path}")
            if await page.locator('[data-testid="stAlertContentError"]').count():
                walk.failures.append(f"error on {path}")
    except Exception as error:  # a timeout fails this session; it is reported, not raised
        walk.failures.append(f"{type(error).__name__}: {error}")
    finally:
        await context.close()
    walk.failures.extend(f"external request {u}" for u in outside)


async def _run(url: str, sessions: int, paths: list[str], walk: Walk) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(
                *(_walk_every_page(browser, url, paths, walk) for _ in range(sessions))
            )
        finally:
            await browser.close()


def walk_concurrently(url: str, sessions: int) -> Walk:
    """``sessions`` browser contexts each open every declared page in turn, all at once."""
    walk = Walk()
    paths = [spec.path for spec in PAGE_SPECS]

    def work() -> None:
        try:
            asyncio.run(_run(url, sessions, paths, walk))
        except Exception as error:  # e.g. Chromium failed to start: a failure, not a lost run
            walk.failures.append(f"{type(error).__name__}: {error}")

    # A caller may already run sync Playwright, which owns this thread's event loop; the async
    # API gets a thread of its own.
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return walk
