"""Shared fixtures: the curated snapshot (tests/fixtures/curated, a frozen copy of the package) and
what more than one module computes from it, a writable copy of it, the app under AppTest, and a
live streamlit server driven by Chromium. Nothing here reads the shipped data/: curators change it,
so tests that need known facts read the snapshot, and tests on data/ name DEFAULT_DATA_DIR."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.events import build_date_marks, build_timeline_events
from lib.analysis.filters import find_date_bounds
from lib.data.boundaries import read_boundaries
from lib.data.record import RECORD_DIR_ENV
from lib.data.validate import load_and_validate
from lib.paths import DATA_DIR_ENV
from scripts.live_server import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop_process
from tests.helpers.app import APP
from tests.helpers.packages import CURATED_DATA, THREE_SOURCES_DATA, copy_curated


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest files first: those with slow browser tests, then browser tests, then other slow
    tests, then the rest, each group in its own order. On two workers the long files start early
    and the short ones even out the end, instead of one worker finishing a long file alone."""

    def weight(item: pytest.Item) -> int:
        slow, browser = item.get_closest_marker("slow"), item.get_closest_marker("browser")
        return 0 if slow and browser else 1 if browser else 2 if slow else 3

    lightest = 3
    heaviest: dict[Path, int] = {}
    for item in items:
        heaviest[item.path] = min(heaviest.get(item.path, lightest), weight(item))
    items.sort(key=lambda item: heaviest[item.path])


@pytest.fixture(scope="session", autouse=True)
def _records_outside_the_checkout(tmp_path_factory) -> None:
    """Validated records of the run's packages (and the servers it starts) go to a temporary
    folder, not the checkout's .cache/: a test run leaves nothing behind and starts cold."""
    os.environ[RECORD_DIR_ENV] = str(tmp_path_factory.mktemp("records") / "validated")


@pytest.fixture(scope="session", autouse=True)
def _default_data_dir_is_the_snapshot() -> Iterator[None]:
    """Whatever a test runs without naming a data folder (the app, a command, a server) reads the
    curated snapshot, never the shipped data/ a curator may have just changed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
        yield


@pytest.fixture(scope="session")
def year_of_reporting(tmp_path_factory) -> Path:
    """The bench's 100x synthetic package (about 200 sources, 10,000 claims, 2,000 events and
    5,000 shared topics) grown from the curated snapshot; returns its data directory."""
    from bench import make_synthetic

    out = tmp_path_factory.mktemp("x100")
    # The bench grows the shipped data/; the tests grow the snapshot, so a merge changes neither.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(make_synthetic, "copy_package", copy_curated)
        make_synthetic.build(out, 200, 50)
    return out / "data"


@pytest.fixture
def curated_copy(tmp_path: Path) -> Path:
    """A writable copy of the curated snapshot (data/ and seeds/ under tmp_path); returns the
    copied data directory."""
    copy_curated(tmp_path / "data", tmp_path / "seeds")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def curated():
    """The curated snapshot (tests/fixtures/curated), read and validated once: the package whose
    facts tests may assert. Not the shipped data/. Tests must not mutate it."""
    loaded, problems = load_and_validate(CURATED_DATA)
    assert [str(p) for p in problems] == []
    return loaded


# Computed from the snapshot, once per module as where each was defined before.


@pytest.fixture(scope="module")
def three_sources():
    """The three-source fixture package, read and validated once."""
    loaded, problems = load_and_validate(THREE_SOURCES_DATA)
    assert [str(p) for p in problems] == []
    return loaded


@pytest.fixture(scope="module")
def bounds(curated) -> tuple[date, date]:
    """The curated snapshot's first and last dates."""
    return find_date_bounds(curated)


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries()


@pytest.fixture(scope="module")
def events(curated):
    """The curated snapshot's timeline events."""
    return build_timeline_events(curated)


@pytest.fixture(scope="module")
def marks(curated, events):
    """The curated snapshot's date marks."""
    return build_date_marks(curated, events)


# The app under AppTest.


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The app on the curated snapshot, opened on the Sources reader (the Briefing is the default
    page)."""
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/sources.py")
    return at.run()


# A live server and a browser.


@contextmanager
def _serving(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """A starter of app servers on 127.0.0.1 and a free port (on the curated snapshot unless given
    another data folder), each returning its URL; every server it started stops on exit."""
    started: list[subprocess.Popen] = []

    def start(data_dir: Path = CURATED_DATA) -> str:
        log = tmp_path_factory.mktemp("server") / "streamlit.log"
        url, proc = start_streamlit(data_dir, log)
        started.append(proc)
        return url

    try:
        yield start
    finally:
        # All at once: each server takes about a second to stop, and the run waits for the last.
        for proc in started:
            proc.terminate()
        for proc in started:
            stop_process(proc)


@pytest.fixture(scope="module")
def start_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Factory for a test module's own servers, stopped when the module ends: one left running
    for the rest of the session still takes memory and a share of two cores."""
    with _serving(tmp_path_factory) as start:
        yield start


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app on the curated snapshot, shared by every browser test in this process that only
    reads it (a test that needs a fresh server, or other data, starts its own)."""
    with _serving(tmp_path_factory) as start:
        yield start(CURATED_DATA)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser build."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it (apt-get install -y chromium) or set "
            "SAHEL_BRIEF_CHROMIUM; browser tests never skip."
        )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
