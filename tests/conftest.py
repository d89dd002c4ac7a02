"""Shared fixtures: a writable copy of the data package and a live streamlit server."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lib.data.rows import copy_package
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR
from scripts.live_server import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop_process


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
