"""Shared fixtures: the shipped package and what more than one module computes from it, a writable
copy of it, the app under AppTest, and a live streamlit server driven by Chromium."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.events import build_date_marks, build_timeline_events
from lib.analysis.filters import find_date_bounds
from lib.data.boundaries import read_boundaries
from lib.data.record import RECORD_DIR_ENV
from lib.data.rows import copy_package
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR
from scripts.live_server import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop_process
from tests.helpers import APP, THREE_SOURCES_DATA


@pytest.fixture(scope="session", autouse=True)
def _records_outside_the_checkout(tmp_path_factory) -> None:
    """Validated records of the run's packages (and the servers it starts) go to a temporary
    folder, not the checkout's .cache/: a test run leaves nothing behind and starts cold."""
    os.environ[RECORD_DIR_ENV] = str(tmp_path_factory.mktemp("records") / "validated")


@pytest.fixture(scope="session")
def year_of_reporting(tmp_path_factory) -> Path:
    """The bench's 100x synthetic package (about 200 sources, 10,000 claims, 2,000 events and
    5,000 shared topics); returns its data directory."""
    from bench.make_synthetic import build

    out = tmp_path_factory.mktemp("x100")
    build(out, 200, 50)
    return out / "data"


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of data/ and seeds/ under tmp_path; returns the copied data directory."""
    copy_package(tmp_path / "data", tmp_path / "seeds")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def package():
    """The shipped package, read and validated once; tests must not mutate it."""
    loaded, problems = load_and_validate(DEFAULT_DATA_DIR)
    assert [str(p) for p in problems] == []
    return loaded


# Computed from the package, once per module as where each was defined before.


@pytest.fixture(scope="module")
def three_sources():
    """The three-source fixture package, read and validated once."""
    loaded, problems = load_and_validate(THREE_SOURCES_DATA)
    assert [str(p) for p in problems] == []
    return loaded


@pytest.fixture(scope="module")
def bounds(package) -> tuple[date, date]:
    return find_date_bounds(package)


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries()


@pytest.fixture(scope="module")
def events(package):
    return build_timeline_events(package)


@pytest.fixture(scope="module")
def marks(package, events):
    return build_date_marks(package, events)


# The app under AppTest.


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The app opened on the Sources reader (the Briefing is the default page)."""
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/sources.py")
    return at.run()


# A live server and a browser.


@pytest.fixture(scope="session")
def start_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Factory: start the app on 127.0.0.1 and a free port; returns its URL; stops it after."""
    started: list[subprocess.Popen] = []

    def start(data_dir: Path | None = None) -> str:
        log = tmp_path_factory.mktemp("server") / "streamlit.log"
        url, proc = start_streamlit(data_dir, log)
        started.append(proc)
        return url

    yield start
    for proc in started:
        stop_process(proc)


@pytest.fixture(scope="module")
def app_url(start_server) -> str:
    """The app on the shipped package: one server per browser test module."""
    return start_server()


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
