"""Benchmark the app against the Streamlit floor: ``python -m bench.run [--reps 5]`` (make bench).

In one run it starts the app and a one-line Streamlit page (the floor) on 127.0.0.1, drives
both with headless Chromium and reports medians of ``--reps`` repetitions:
- cold load (first load after a server start) and warm load (a new browser context) per page;
- a revisit per page (a reload in a browser that has the page's scripts cached), reported only;
- a page switch (sidebar link to settled page) and a filter change (click to settled);
- script runs of the Map page on load (the target is one: the component's first report must
  not rerun it) and script runs caused by panning and zooming the map (the target is none);
- the server's resident memory after every page has been visited;
- ten browser sessions walking every page at once: p95 page time and errors;
- warm loads on a synthetic package about 100× the real one (``bench.make_synthetic``).
It prints a table with each target met or missed and writes ``bench/results.json``. Nothing here
asserts: the figures are for reading, and ratios within one run cancel out a noisy machine.
``python -m bench.run --map-only`` measures only the two map counts, on a server of its own,
and prints their rows without writing the results file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from playwright.sync_api import Page, sync_playwright

from bench.make_synthetic import build
from lib.app.pages import PAGE_SPECS
from lib.paths import PROJECT_ROOT
from scripts.live_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_SELECTOR,
    start_streamlit,
    stop_process,
)
from scripts.sessions import walk_concurrently

PAGES = {spec.path: spec.title for spec in PAGE_SPECS}
SESSIONS = 10
FLOOR_SCRIPT = PROJECT_ROOT / "bench" / "floor_app.py"
RESULTS = PROJECT_ROOT / "bench" / "results.json"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT = 120_000
TARGETS = {
    "warm_vs_floor": 1.5,
    "filter_change_s": 0.5,
    "map_runs_on_load": 1,
    "map_reruns": 0,
    "memory_mb": 400,
    "scale_vs_1x": 2.0,
}
# Counts every start of a script run, from before the page's own scripts load.
RUN_COUNTER_JS = """
window.__sbRuns = 0;
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  if (state === 'running' && window.__sbLast !== 'running') window.__sbRuns += 1;
  window.__sbLast = state;
}).observe(document, {
  subtree: true, attributes: true, attributeFilter: ['data-test-script-state'],
});
"""


# With RUN_COUNTER_JS: notes the run count when the map component last sent a value, and when
# the map's frame says it has drawn (its messages arrive in order, so every value it sent while
# drawing has arrived by then).
LOAD_COUNTER_JS = """
window.__sbSentAt = -1;
window.__sbFlushed = false;
window.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "streamlit:setComponentValue") window.__sbSentAt = window.__sbRuns;
  if (type === "sb:flush") window.__sbFlushed = true;
});
"""
# Drawn, idle, and any value the component sent has had its script run.
LOAD_SETTLED_JS = """
(idle) => window.__sbFlushed && document.querySelector(idle) !== null
  && (window.__sbSentAt < 0 || window.__sbRuns > window.__sbSentAt)
"""


def settle(page: Page, path: str) -> None:
    """Wait until the page's own content is drawn and its script has finished."""
    if path == "floor":
        page.get_by_text("floor").first.wait_for(timeout=TIMEOUT)
    else:
        page.locator("h1").first.wait_for(timeout=TIMEOUT)
        if path == "/map":
            page.frame_locator(MAP_FRAME).locator(".leaflet-marker-icon").first.wait_for(
                timeout=TIMEOUT
            )
        if path in ("/timeline", "/troops"):
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT)
    page.wait_for_selector(IDLE_SELECTOR, timeout=TIMEOUT)


def open_settled(browser, url: str, path: str, init_script: str = ""):
    """A new browser context on ``url + path``, settled; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(url + ("/" if path == "floor" else path))
    settle(page, path)
    return context, page


def time_load(browser, url: str, path: str) -> float:
    """Seconds from navigation to a settled page, in a new browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url + ("/" if path == "floor" else path))
    settle(page, path)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def median_of(reps: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(reps))


def measure_cold(browser, reps: int, paths: list[str], script: Path | None = None) -> dict:
    """First load after a fresh server start, per page."""
    results = {}
    for path in paths:
        samples = []
        for _ in range(reps):
            url, proc = start_streamlit(script=script or PROJECT_ROOT / "app.py")
            try:
                samples.append(time_load(browser, url, path))
            finally:
                stop_process(proc)
        results[path] = statistics.median(samples)
    return results


def measure_warm(
    browser, url: str, reps: int, paths: list[str], firsts: dict | None = None
) -> dict:
    """A new browser context on a server that has already served the page once.

    The first load of each page, which fills the server's caches, goes into ``firsts``.
    """
    results = {}
    for path in paths:
        first = time_load(browser, url, path)
        if firsts is not None:
            firsts[path] = first
        results[path] = median_of(reps, lambda path=path: time_load(browser, url, path))
    return results


def measure_revisit(browser, url: str, reps: int, paths: list[str]) -> dict:
    """Reloading a page in a browser that has shown it before: its scripts come from the cache.

    What a returning reader sees; reported beside the warm load, which starts from an empty
    browser cache every time.
    """
    results = {}
    for path in paths:
        context, page = open_settled(browser, url, path)
        samples = []
        for _ in range(reps):
            started = time.perf_counter()
            page.reload()
            settle(page, path)
            samples.append(time.perf_counter() - started)
        context.close()
        results[path] = statistics.median(samples)
    return results


def measure_switch(browser, url: str, reps: int) -> float:
    """Clicking a sidebar link from the Briefing to the Timeline, until settled."""
    samples = []
    for _ in range(reps):
        context, page = open_settled(browser, url, "/")
        started = time.perf_counter()
        page.locator('[data-testid="stSidebarNav"] a', has_text="Timeline").click()
        page.wait_for_url("**/timeline", timeout=TIMEOUT)
        settle(page, "/timeline")
        samples.append(time.perf_counter() - started)
        context.close()
    return statistics.median(samples)


def measure_filter(browser, url: str, reps: int) -> list[float]:
    """Choosing a source in the sidebar filter on the Timeline, until the page settles.

    Every repetition makes the same choice, so the first computes the filtered view and the
    rest find it in the server's shared cache; all samples are returned, first first.
    """
    samples = []
    for _ in range(reps):
        context, page = open_settled(browser, url, "/timeline")
        box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
        box.click()
        option = page.get_by_role("option").first
        option.wait_for(timeout=TIMEOUT)
        started = time.perf_counter()
        option.click()
        page.get_by_text("Filtered:").first.wait_for(timeout=TIMEOUT)
        page.wait_for_selector(IDLE_SELECTOR, timeout=TIMEOUT)
        samples.append(time.perf_counter() - started)
        context.close()
    return samples


def count_map_runs_on_load(browser, url: str) -> int:
    """Script runs from opening the Map page until it has drawn and every run it caused ended.

    Exact, not timed: the map's frame, once drawn, posts a message after any value it sent, and
    each value sent is waited for until a run has started after it and the page is idle again.
    """
    context, page = open_settled(browser, url, "/map", RUN_COUNTER_JS + LOAD_COUNTER_JS)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.wait_for_function("() => window.map !== undefined", timeout=TIMEOUT)
    frame.evaluate("() => window.parent.postMessage({ type: 'sb:flush' }, '*')")
    page.wait_for_function(LOAD_SETTLED_JS, arg=IDLE_SELECTOR, timeout=TIMEOUT)
    runs = page.evaluate("window.__sbRuns")
    context.close()
    return runs


def count_map_reruns(browser, url: str) -> int:
    """Script runs started while dragging, zooming and wheeling the map (after it settled)."""
    context, page = open_settled(browser, url, "/map", RUN_COUNTER_JS)
    page.wait_for_timeout(2000)  # streamlit-folium reports its first value once after load
    page.wait_for_selector(IDLE_SELECTOR, timeout=TIMEOUT)
    before = page.evaluate("window.__sbRuns")
    frame = page.frame_locator(MAP_FRAME)
    box = page.locator(MAP_FRAME).bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for dx, dy in ((120, 40), (-80, -60), (30, 90)):
        page.mouse.move(*centre)
        page.mouse.down()
        page.mouse.move(centre[0] + dx, centre[1] + dy, steps=8)
        page.mouse.up()
        page.wait_for_timeout(400)
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)
    page.mouse.move(*centre)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(1500)  # longer than streamlit-folium's 250 ms debounce
    runs = page.evaluate("window.__sbRuns") - before
    context.close()
    return runs


def read_memory_mb(proc) -> float:
    """Resident memory of the server process and its children, in MB."""
    process = psutil.Process(proc.pid)
    rss = process.memory_info().rss + sum(
        child.memory_info().rss for child in process.children(recursive=True)
    )
    return rss / 1e6


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def run(reps: int, scale_sources: int) -> dict:
    """Every measurement in one run; returns the results written to bench/results.json."""
    paths = list(PAGES)
    results: dict = {"reps": reps, "pages": PAGES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results["cold_s"] = measure_cold(browser, reps, paths)
        results["floor_cold_s"] = measure_cold(browser, reps, ["floor"], FLOOR_SCRIPT)["floor"]
        floor_url, floor_proc = start_streamlit(script=FLOOR_SCRIPT)
        url, proc = start_streamlit()
        try:
            results["floor_warm_s"] = measure_warm(browser, floor_url, reps, ["floor"])["floor"]
            results["warm_s"] = measure_warm(browser, url, reps, paths)
            results["floor_revisit_s"] = measure_revisit(browser, floor_url, reps, ["floor"])[
                "floor"
            ]
            results["revisit_s"] = measure_revisit(browser, url, reps, paths)
            results["memory_mb"] = read_memory_mb(proc)
            results["switch_s"] = measure_switch(browser, url, reps)
            filter_samples = measure_filter(browser, url, reps)
            results["filter_change_s"] = statistics.median(filter_samples)
            results["filter_change_first_s"] = filter_samples[0]
            results["map_runs_on_load"] = count_map_runs_on_load(browser, url)
            results["map_reruns"] = count_map_reruns(browser, url)
            walk = walk_concurrently(url, SESSIONS)
            results["sessions"] = {
                "sessions": SESSIONS,
                "page_views": len(walk.times),
                "median_s": walk.median,
                "p95_s": walk.p95,
                "failures": walk.failures,
            }
            results["memory_after_sessions_mb"] = read_memory_mb(proc)
        finally:
            stop_process(proc)
            stop_process(floor_proc)
        with tempfile.TemporaryDirectory() as folder:
            synthetic = Path(folder) / "synthetic"
            build(synthetic, scale_sources, 50)
            scale_url, scale_proc = start_streamlit(synthetic / "data", timeout=300)
            try:
                results["scale_first_s"] = {}
                results["scale_warm_s"] = measure_warm(
                    browser, scale_url, reps, paths, results["scale_first_s"]
                )
                results["scale_memory_mb"] = read_memory_mb(scale_proc)
            finally:
                stop_process(scale_proc)
        browser.close()
    return results


def run_map_counts() -> dict:
    """Only the Map page's script runs on load and while panning, on a server of its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        url, proc = start_streamlit()
        try:
            # The first request after a server start runs twice (lib/app/routing.py sends it
            # through app.py); the full run measures on a server that has served every page.
            time_load(browser, url, "/map")
            results = {
                "map_runs_on_load": count_map_runs_on_load(browser, url),
                "map_reruns": count_map_reruns(browser, url),
            }
        finally:
            stop_process(proc)
        browser.close()
    return results


def summarise_map(results: dict) -> list[list[str]]:
    """The map's rows: script runs on load, and runs caused by panning and zooming."""
    on_load, target = results["map_runs_on_load"], TARGETS["map_runs_on_load"]
    reruns = results["map_reruns"]
    return [
        ["Map script runs on load", str(on_load), str(target), _verdict(on_load, target)],
        ["map pan/zoom reruns", str(reruns), "0", _verdict(reruns, 0)],
    ]


def summarise(results: dict) -> list[list[str]]:
    """Rows of the printed table: measure, value, target, verdict."""
    floor = results["floor_warm_s"]
    rows = [["floor warm load", f"{floor:.2f} s", "", ""]]
    for path, value in results["warm_s"].items():
        ratio = value / floor
        target = TARGETS["warm_vs_floor"]
        rows.append(
            [
                f"warm load {path}",
                f"{value:.2f} s ({ratio:.2f}× floor)",
                f"≤ {target}× floor",
                _verdict(ratio, target),
            ]
        )
    floor_revisit = results["floor_revisit_s"]
    rows.append(["floor revisit (browser cache)", f"{floor_revisit:.2f} s", "(reported)", ""])
    for path, value in results["revisit_s"].items():
        rows.append(
            [
                f"revisit {path} (browser cache)",
                f"{value:.2f} s ({value / floor_revisit:.2f}× floor)",
                "(reported)",
                "",
            ]
        )
    for path, value in results["cold_s"].items():
        rows.append([f"cold load {path}", f"{value:.2f} s", "(reported)", ""])
    rows.append(["floor cold load", f"{results['floor_cold_s']:.2f} s", "(reported)", ""])
    rows.append(["page switch Briefing→Timeline", f"{results['switch_s']:.2f} s", "(reported)", ""])
    change = results["filter_change_s"]
    rows.append(["filter change", f"{change:.2f} s", "≤ 0.5 s", _verdict(change, 0.5)])
    first = results["filter_change_first_s"]
    rows.append(
        ["filter change, first (not cached)", f"{first:.2f} s", "≤ 0.5 s", _verdict(first, 0.5)]
    )
    rows.extend(summarise_map(results))
    memory = results["memory_mb"]
    rows.append(["server memory", f"{memory:.0f} MB", "≤ 400 MB", _verdict(memory, 400)])
    walk = results["sessions"]
    rows.append(
        [
            f"{walk['sessions']} concurrent sessions, p95 page",
            "no page loaded"
            if walk["p95_s"] is None
            else f"{walk['p95_s']:.2f} s (median {walk['median_s']:.2f} s)",
            "(reported)",
            "",
        ]
    )
    errors = len(walk["failures"])
    rows.append(
        [f"{walk['sessions']} concurrent sessions, errors", str(errors), "0", _verdict(errors, 0)]
    )
    rows.append(
        [
            "server memory after the sessions",
            f"{results['memory_after_sessions_mb']:.0f} MB",
            "(reported)",
            "",
        ]
    )
    for path, value in results["scale_warm_s"].items():
        ratio = value / results["warm_s"][path]
        rows.append(
            [
                f"100× warm load {path}",
                f"{value:.2f} s ({ratio:.2f}× 1×)",
                "≤ 2× its 1× time",
                _verdict(ratio, 2.0),
            ]
        )
    for path, value in results["scale_first_s"].items():
        rows.append(
            [f"100× first load {path} (fills the cache)", f"{value:.2f} s", "(reported)", ""]
        )
    rows.append(["100× server memory", f"{results['scale_memory_mb']:.0f} MB", "(reported)", ""])
    return rows


def print_table(rows: list[list[str]]) -> None:
    header = ["measure", "value", "target", "verdict"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--scale-sources", type=int, default=200)
    parser.add_argument(
        "--map-only", action="store_true", help="only the map's script-run counts; no file"
    )
    args = parser.parse_args()
    if args.map_only:
        print_table(summarise_map(run_map_counts()))
        return 0
    results = run(args.reps, args.scale_sources)
    rows = summarise(results)
    results["table"] = rows
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(rows)
    print(f"\nwrote {RESULTS.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
