"""Screenshot the running app: ``python -m scripts.screenshot OUT.png [PATH] [--hover SEL]``,
or every page at once: ``python -m scripts.screenshot DIR --every-page [--query present=1]``.

Starts its own server on 127.0.0.1, waits for the script to settle, optionally waits for and
clicks an element (inside an iframe with ``--frame``, e.g. the map), optionally hovers one, and
writes a PNG. Used for the README and to look at every page a change touches.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from lib.app.pages import PAGE_SPECS, list_presented_pages
from scripts.live_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_SELECTOR,
    start_streamlit,
    stop_process,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("path", nargs="?", default="/", help="URL path, e.g. /sources")
    parser.add_argument("--hover", help="CSS selector to hover before the shot")
    parser.add_argument("--frame", help="iframe selector that --wait and --click look inside")
    parser.add_argument("--wait", help="CSS selector to wait for before anything else")
    parser.add_argument("--click", help="CSS selector to click, then let the app settle")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument(
        "--every-page", action="store_true", help="OUT is a folder: one <page>.png per page"
    )
    parser.add_argument("--query", default="", help="query string for --every-page, e.g. present=1")
    parser.add_argument(
        "--presented", action="store_true", help="with --every-page: only the presented pages"
    )
    args = parser.parse_args()
    if args.every_page:
        return _shoot_every_page(args)
    url, proc = start_streamlit(args.data_dir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(url + args.path)
            # A deep link's first run is rerouted through app.py: idle alone can be that first
            # run's end, before the page has drawn anything (a blank shot). Its title comes later.
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_selector(IDLE_SELECTOR, timeout=30_000)
            scope = page.frame_locator(args.frame) if args.frame else page
            if args.wait:
                scope.locator(args.wait).first.wait_for(timeout=30_000)
            if args.click:
                scope.locator(args.click).first.click()
                page.mouse.move(0, 0)  # let hover tooltips close
                page.wait_for_timeout(1500)
                page.wait_for_selector(IDLE_SELECTOR, timeout=30_000)
            page.wait_for_timeout(1000)
            if args.hover:
                page.locator(args.hover).first.hover()
                page.wait_for_timeout(300)
            page.screenshot(path=str(args.out))
            browser.close()
    finally:
        stop_process(proc)
    print(f"wrote {args.out}")
    return 0


def _shoot_every_page(args: argparse.Namespace) -> int:
    """One server, one browser, one full-viewport PNG per declared page, waiting for its charts."""
    args.out.mkdir(parents=True, exist_ok=True)
    url, proc = start_streamlit(args.data_dir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            for spec in list_presented_pages() if args.presented else PAGE_SPECS:
                query = f"?{args.query}" if args.query else ""
                page.goto(f"{url}{spec.path}{query}")
                page.wait_for_selector("h1", timeout=30_000)
                page.wait_for_selector(IDLE_SELECTOR, timeout=30_000)
                page.wait_for_timeout(2500)  # plotly and Leaflet draw after the script settles
                out = args.out / f"{spec.file.removesuffix('.py')}.png"
                page.screenshot(path=str(out))
                print(f"wrote {out}")
            browser.close()
    finally:
        stop_process(proc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
