"""Benchmark the app against two Streamlit floors: ``python -m bench.run [--reps 5]`` (make bench).

In one run it starts the app and two floors on 127.0.0.1 (a one-line page, and one line with a
small plotly chart), drives them with headless Chromium and reports medians of ``--reps``
repetitions:
- warm load per page (a new browser context on a server that has served the page), against each
  floor; a revisit per page (a reload with the page's scripts cached), reported only;
- cold load (first load after a server start) per page, a page switch and a filter change;
- script runs of the Map page on load (the target is one) and while panning (the target none);
- the server's resident memory after every page has been visited;
- ten browser sessions walking every page at once (p95 page time, errors), and fifty sessions
  without browsers speaking Streamlit's protocol (``bench.load``: p95 rerun, errors);
- at 100x and 1,000x the real package (``bench.make_synthetic``): full validation in this
  process, the first Briefing from server start without and with the validated record, warm
  loads of every page, the filter change and server memory; each against the 1x figure.
It prints a table with each target met or missed and writes ``bench/results.json``. Nothing here
asserts: the figures are for reading, and ratios within one run cancel out a noisy machine.
A page that does not settle within the timeout is reported as such, not waited for again.
``python -m bench.run --map-only`` measures only the two map counts, on a server of its own,
and prints their rows without writing the results file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import psutil
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from bench.load import run_load
from bench.make_synthetic import build
from lib.app.pages import PAGE_SPECS
from lib.data.read import read_package
from lib.data.record import RECORD_DIR_ENV
from lib.data.validate import validate_package
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
PROTOCOL_SESSIONS = 50
# Full validations per size (in this process, no record); the median is reported.
VALIDATION_REPS = 3
FLOOR_SCRIPT = PROJECT_ROOT / "bench" / "floor_app.py"
CHART_FLOOR_SCRIPT = PROJECT_ROOT / "bench" / "floor_chart_app.py"
# Synthetic packages: sources per scale (the real package has two documents, about 100 claims).
SCALES = {100: 200, 1000: 2000}
CLAIMS_PER_SOURCE = 50
FILTER_SOURCE = "av1-004"  # a real source, in every synthetic package too
RESULTS = PROJECT_ROOT / "bench" / "results.json"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT = 120_000
TARGETS = {
    "warm_vs_floor": 1.5,
    "filter_change_s": 0.5,
    "map_runs_on_load": 1,
    "map_reruns": 0,
    "memory_mb": 400,
    "scale_vs_1x": {100: 2.0, 1000: 3.0},
    "scale_memory_mb": {1000: 1500},
    "validation_s": {100: 1.5, 1000: 15.0},
    "first_with_record_vs_1x": {100: 2.0},
}
# The two pages that list the most reach a tighter bound against the floor.
TIGHT_PAGES = {"/discrepancies": 1.3, "/map": 1.3}
CHARTS_DRAWN_JS = """
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every((chart) => chart.querySelector('.main-svg') !== null)
"""
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


# The floors' paths: each is its own server's only page, at "/".
FLOOR_PATHS = ("floor", "chart_floor")
PLOTLY_SVG = ".js-plotly-plot .main-svg"
LEAFLET_MARKER = ".leaflet-marker-icon"  # inside the map's frame


def list_drawn_marks(path: str) -> list[str]:
    """What must be on the screen before ``path`` counts as drawn, beyond its text and idle.

    The chart floor waits for its chart: it used to settle on its text alone, before plotly's
    script had loaded, so it measured the bare floor again (1.03x) and hid what a chart costs.
    """
    if path in ("chart_floor", "/timeline", "/troops"):
        return [PLOTLY_SVG]
    if path == "/map":
        return [LEAFLET_MARKER]
    return []


def settle(page: Page, path: str) -> None:
    """Wait until the page's own content is drawn and its script has finished."""
    if path in FLOOR_PATHS:
        page.get_by_text("floor").first.wait_for(timeout=TIMEOUT)
        if PLOTLY_SVG in list_drawn_marks(path):
            page.locator(PLOTLY_SVG).first.wait_for(timeout=TIMEOUT)
    else:
        page.locator("h1").first.wait_for(timeout=TIMEOUT)
        if LEAFLET_MARKER in list_drawn_marks(path):
            page.frame_locator(MAP_FRAME).locator(LEAFLET_MARKER).first.wait_for(timeout=TIMEOUT)
        if PLOTLY_SVG in list_drawn_marks(path):
            page.locator(PLOTLY_SVG).first.wait_for(timeout=TIMEOUT)
    page.wait_for_selector(IDLE_SELECTOR, timeout=TIMEOUT)
    # Content drawn, not only sent: every plotly chart on the page has its SVG.
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=TIMEOUT)


def open_settled(browser, url: str, path: str, init_script: str = ""):
    """A new browser context on ``url + path``, settled; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(url + ("/" if path in FLOOR_PATHS else path))
    settle(page, path)
    return context, page


def time_load(browser, url: str, path: str) -> float:
    """Seconds from navigation to a settled page, in a new browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url + ("/" if path in FLOOR_PATHS else path))
    settle(page, path)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def median_of(reps: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(reps))


def time_load_or_none(browser, url: str, path: str) -> float | None:
    """time_load, or None when the page does not settle within the timeout."""
    try:
        return time_load(browser, url, path)
    except PlaywrightError:
        return None


@contextmanager
def record_dir(folder: Path):
    """Servers started inside use ``folder`` for their validated records."""
    before = os.environ.get(RECORD_DIR_ENV)
    os.environ[RECORD_DIR_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(RECORD_DIR_ENV, None)
        else:
            os.environ[RECORD_DIR_ENV] = before


def time_start_to_briefing(browser, data_dir: Path | None) -> tuple[float, str, object]:
    """Seconds from launching a server to its Briefing drawn, in a new browser context; returns
    the figure with the server's URL and process, left running."""
    started = time.perf_counter()
    url, proc = start_streamlit(data_dir, timeout=900)
    time_load(browser, url, "/")
    return time.perf_counter() - started, url, proc


def time_validation(data_dir: Path) -> float:
    """Reading and validating the package in full, in this process (no record)."""
    started = time.perf_counter()
    package, problems = read_package(data_dir)
    problems += validate_package(package)
    elapsed = time.perf_counter() - started
    if problems:
        raise RuntimeError(f"{data_dir}: {len(problems)} problem(s), first {problems[0]}")
    return elapsed


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

    The first load of each page, which fills the server's caches, goes into ``firsts``. A page
    whose first load does not settle is None, and not tried again.
    """
    results = {}
    for path in paths:
        first = time_load_or_none(browser, url, path)
        if firsts is not None:
            firsts[path] = first
        samples = (
            [] if first is None else [time_load_or_none(browser, url, path) for _ in range(reps)]
        )
        settled = [t for t in samples if t is not None]
        # A page counts only if every sample settled; a page that never settled is None.
        results[path] = statistics.median(settled) if samples and settled == samples else None
    return results


def measure_against_floors(
    browser, url: str, floors: dict[str, str], reps: int, paths: list[str], firsts: dict
) -> dict:
    """Warm loads of each page interleaved with loads of each floor, so a slow spell of the
    machine falls on both sides of a ratio; returns per page the medians of the page and of
    each floor's samples taken beside it."""
    results = {}
    for path in paths:
        firsts[path] = time_load_or_none(browser, url, path)
        samples: dict[str, list] = {"page": [], **{name: [] for name in floors}}
        for _ in range(reps if firsts[path] is not None else 0):
            for name, floor_url in floors.items():
                samples[name].append(time_load(browser, floor_url, name))
            samples["page"].append(time_load_or_none(browser, url, path))
        settled = [t for t in samples["page"] if t is not None]
        results[path] = {
            name: statistics.median(values) if values else None for name, values in samples.items()
        }
        if len(settled) != len(samples["page"]) or not settled:
            results[path]["page"] = None
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
        try:
            context, page = open_settled(browser, url, "/timeline")
        except PlaywrightError:
            return samples  # the page never settled: there is no filter to change
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


class Progress:
    """Each phase's figures printed and saved to bench/results.json as soon as it ends, so a run
    stopped part way (a session's end, a crash at 1,000×) still leaves what it measured."""

    def __init__(self, results: dict) -> None:
        self.results, self.started = results, time.perf_counter()

    def record(self, name: str, value: object, into: dict | None = None) -> None:
        (self.results if into is None else into)[name] = value
        elapsed = time.perf_counter() - self.started
        shown = json.dumps(value, ensure_ascii=False, default=str)
        print(f"[{elapsed:7.0f} s] {name}: {shown[:600]}", flush=True)
        RESULTS.write_text(
            json.dumps(self.results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def run(reps: int, scales: list[int]) -> dict:
    """Every measurement in one run; returns the results written to bench/results.json."""
    paths = list(PAGES)
    results: dict = {"reps": reps, "pages": PAGES, "scales": {}, "complete": False}
    progress = Progress(results)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        progress.record("cold_s", measure_cold(browser, reps, paths))
        floor_cold = measure_cold(browser, reps, ["floor"], FLOOR_SCRIPT)["floor"]
        progress.record("floor_cold_s", floor_cold)
        floor_url, floor_proc = start_streamlit(script=FLOOR_SCRIPT)
        chart_url, chart_proc = start_streamlit(script=CHART_FLOOR_SCRIPT)
        floors = {"floor": floor_url, "chart_floor": chart_url}
        try:
            time_load(browser, floor_url, "floor")  # each server's first run, not measured
            time_load(browser, chart_url, "chart_floor")
            revisit = measure_revisit(browser, floor_url, reps, ["floor"])["floor"]
            progress.record("floor_revisit_s", revisit)
            one = measure_scale(browser, None, Path(folder) / "records-1", reps, paths, floors)
            progress.record(1, one, into=results["scales"])
        finally:
            stop_process(floor_proc)
            stop_process(chart_proc)
        one_x = measure_one_x(browser, reps, paths, Path(folder) / "records-1")
        for name, value in one_x.items():
            progress.record(name, value)
        for scale in scales:
            build(Path(folder) / f"x{scale}", SCALES[scale], CLAIMS_PER_SOURCE)
            data_dir = Path(folder) / f"x{scale}" / "data"
            try:
                found = measure_scale(
                    browser, data_dir, Path(folder) / f"records-{scale}", reps, paths
                )
            except Exception as error:  # reported in the table; the sizes measured stay
                found = {"error": f"{type(error).__name__}: {error}"[:300]}
            progress.record(scale, found, into=results["scales"])
        browser.close()
    results["complete"] = True
    return results


def measure_scale(
    browser, data_dir: Path | None, records: Path, reps: int, paths, floors: dict | None = None
) -> dict:
    """At one package size: validation, the first Briefing from server start without and then
    with the validated record, warm loads of every page (interleaved with the ``floors`` when
    given), the filter change and memory."""
    found: dict = {}
    if data_dir is not None:
        # A median: one sample on this shared machine ranged 0.6-1.65 s at 100x between runs.
        found["validation_s"] = median_of(VALIDATION_REPS, lambda: time_validation(data_dir))
    with record_dir(records):
        found["start_to_briefing_s"], _, proc = time_start_to_briefing(browser, data_dir)
        stop_process(proc)
        found["start_to_briefing_record_s"], url, proc = time_start_to_briefing(browser, data_dir)
        try:
            found["first_s"] = {}
            if floors:
                beside = measure_against_floors(browser, url, floors, reps, paths, found["first_s"])
                found["warm_s"] = {path: medians["page"] for path, medians in beside.items()}
                found["floors_s"] = {
                    path: {name: medians[name] for name in floors}
                    for path, medians in beside.items()
                }
            else:
                found["warm_s"] = measure_warm(browser, url, reps, paths, found["first_s"])
            found["memory_mb"] = read_memory_mb(proc)
            filter_samples = measure_filter(browser, url, reps)
            found["filter_change_s"] = statistics.median(filter_samples) if filter_samples else None
            found["filter_change_first_s"] = filter_samples[0] if filter_samples else None
        finally:
            stop_process(proc)
    return found


def measure_one_x(browser, reps: int, paths, records: Path) -> dict:
    """What is measured on the real package only: revisits, the page switch, the map's runs,
    the browser walk and the protocol load."""
    found: dict = {}
    with record_dir(records):
        url, proc = start_streamlit()
        try:
            time_load(browser, url, "/")  # the first request after a start runs twice
            found["revisit_s"] = measure_revisit(browser, url, reps, paths)
            found["switch_s"] = measure_switch(browser, url, reps)
            found["map_runs_on_load"] = count_map_runs_on_load(browser, url)
            found["map_reruns"] = count_map_reruns(browser, url)
            walk = walk_concurrently(url, SESSIONS)
            found["sessions"] = {
                "sessions": SESSIONS,
                "page_views": len(walk.times),
                "median_s": walk.median,
                "p95_s": walk.p95,
                "failures": walk.failures,
            }
            load = run_load(url, PROTOCOL_SESSIONS, FILTER_SOURCE)
            found["protocol_sessions"] = {
                "sessions": PROTOCOL_SESSIONS,
                "reruns": len(load.times),
                "median_s": load.median,
                "p95_s": load.p95,
                "errors": load.failures,
            }
            found["memory_after_sessions_mb"] = read_memory_mb(proc)
        finally:
            stop_process(proc)
    return found


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


def _seconds(value: float | None) -> str:
    return "did not settle" if value is None else f"{value:.2f} s"


def _row(measure: str, value: float | None, shown: str, target: float | None, label: str):
    """A table row; a missing value misses any target."""
    if target is None:
        return [measure, shown, label or "(reported)", ""]
    verdict = "MISSED" if value is None else _verdict(value, target)
    return [measure, shown, label, verdict]


def summarise(results: dict) -> list[list[str]]:
    """Rows of the printed table: measure, value, target, verdict."""
    one = results["scales"][1]
    rows = []
    for path, value in one["warm_s"].items():
        beside = one["floors_s"][path]
        floor, chart_floor = beside["floor"], beside["chart_floor"]
        target = TIGHT_PAGES.get(path, TARGETS["warm_vs_floor"])
        ratio = None if value is None else value / floor
        shown = (
            "did not settle"
            if value is None
            else f"{value:.2f} s ({ratio:.2f}× floor {floor:.2f} s, "
            f"{value / chart_floor:.2f}× chart floor {chart_floor:.2f} s)"
        )
        rows.append(_row(f"warm load {path}", ratio, shown, target, f"≤ {target}× floor"))
    floor_revisit = results["floor_revisit_s"]
    rows.append(["floor revisit (browser cache)", f"{floor_revisit:.2f} s", "(reported)", ""])
    for path, value in results["revisit_s"].items():
        shown = f"{value:.2f} s ({value / floor_revisit:.2f}× floor)"
        rows.append([f"revisit {path} (browser cache)", shown, "(reported)", ""])
    for path, value in results["cold_s"].items():
        rows.append([f"cold load {path}", f"{value:.2f} s", "(reported)", ""])
    rows.append(["floor cold load", f"{results['floor_cold_s']:.2f} s", "(reported)", ""])
    rows.append(["page switch Briefing→Timeline", f"{results['switch_s']:.2f} s", "(reported)", ""])
    for label, key in (
        ("filter change", "filter_change_s"),
        ("filter change, first (not cached)", "filter_change_first_s"),
    ):
        rows.append(_row(label, one[key], _seconds(one[key]), 0.5, "≤ 0.5 s"))
    rows.extend(summarise_map(results))
    memory = one["memory_mb"]
    rows.append(["server memory", f"{memory:.0f} MB", "≤ 400 MB", _verdict(memory, 400)])
    rows.extend(_summarise_sessions(results))
    rows.extend(_summarise_scales(results))
    return rows


def _summarise_sessions(results: dict) -> list[list[str]]:
    walk, load = results["sessions"], results["protocol_sessions"]
    p95 = walk["p95_s"]
    shown = "no page loaded" if p95 is None else f"{p95:.2f} s (median {walk['median_s']:.2f} s)"
    rows = [[f"{walk['sessions']} browser sessions, p95 page", shown, "(reported)", ""]]
    errors = len(walk["failures"])
    rows.append(
        [f"{walk['sessions']} browser sessions, errors", str(errors), "0", _verdict(errors, 0)]
    )
    p95 = load["p95_s"]
    shown = "no run" if p95 is None else f"{p95:.2f} s (median {load['median_s']:.2f} s)"
    rows.append(
        [
            f"{load['sessions']} protocol sessions, p95 rerun ({load['reruns']} runs)",
            shown,
            "(reported)",
            "",
        ]
    )
    errors = len(load["errors"])
    rows.append(
        [f"{load['sessions']} protocol sessions, errors", str(errors), "0", _verdict(errors, 0)]
    )
    rows.append(
        [
            "server memory after the sessions",
            f"{results['memory_after_sessions_mb']:.0f} MB",
            "(reported)",
            "",
        ]
    )
    return rows


def _summarise_scales(results: dict) -> list[list[str]]:
    one = results["scales"][1]
    rows = [
        [
            "1× first Briefing from server start, no record",
            _seconds(one["start_to_briefing_s"]),
            "(reported)",
            "",
        ],
        [
            "1× first Briefing from server start, with record",
            _seconds(one["start_to_briefing_record_s"]),
            "(reported)",
            "",
        ],
    ]
    for scale, found in results["scales"].items():
        if scale == 1:
            continue
        if "error" in found:
            rows.append([f"{scale}× measurements", f"failed: {found['error']}", "", "MISSED"])
            continue
        target = TARGETS["validation_s"].get(scale)
        rows.append(
            _row(
                f"{scale}× full validation (read + check)",
                found["validation_s"],
                _seconds(found["validation_s"]),
                target,
                f"≤ {target} s",
            )
        )
        rows.append(
            [
                f"{scale}× first Briefing from server start, no record",
                _seconds(found["start_to_briefing_s"]),
                "(reported)",
                "",
            ]
        )
        base = one["start_to_briefing_record_s"]
        value = found["start_to_briefing_record_s"]
        target = TARGETS["first_with_record_vs_1x"].get(scale)
        rows.append(
            _row(
                f"{scale}× first Briefing from server start, with record",
                value / base,
                f"{value:.2f} s ({value / base:.2f}× 1×)",
                target,
                f"≤ {target}× 1×" if target else "",
            )
        )
        limit = TARGETS["scale_vs_1x"][scale]
        for path, value in found["warm_s"].items():
            base = one["warm_s"][path]
            ratio = None if value is None or base is None else value / base
            shown = _seconds(value) if ratio is None else f"{value:.2f} s ({ratio:.2f}× 1×)"
            rows.append(
                _row(f"{scale}× warm load {path}", ratio, shown, limit, f"≤ {limit}× its 1× time")
            )
        for path, value in found["first_s"].items():
            rows.append(
                [f"{scale}× first load {path} (fills the cache)", _seconds(value), "(reported)", ""]
            )
        change = found["filter_change_s"]
        base = one["filter_change_s"]
        ratio = None if change is None or not base else change / base
        shown = _seconds(change) if ratio is None else f"{change:.2f} s ({ratio:.2f}× 1×)"
        rows.append(_row(f"{scale}× filter change", ratio, shown, limit, f"≤ {limit}× its 1× time"))
        memory = found["memory_mb"]
        target = TARGETS["scale_memory_mb"].get(scale)
        rows.append(
            _row(
                f"{scale}× server memory",
                memory,
                f"{memory:.0f} MB",
                target,
                f"≤ {target} MB" if target else "",
            )
        )
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
    parser.add_argument(
        "--scales", default="100,1000", help="synthetic sizes, comma-separated (100, 1000)"
    )
    parser.add_argument(
        "--map-only", action="store_true", help="only the map's script-run counts; no file"
    )
    args = parser.parse_args()
    if args.map_only:
        print_table(summarise_map(run_map_counts()))
        return 0
    scales = [int(scale) for scale in args.scales.split(",") if scale]
    results = run(args.reps, scales)
    rows = summarise(results)
    results["table"] = rows
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(rows)
    print(f"\nwrote {RESULTS.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
