"""Shared fixtures: a writable copy of the data package and a live streamlit server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lib.paths import DEFAULT_DATA_DIR, PROJECT_ROOT

CHROMIUM = os.environ.get("SAHEL_BRIEF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of data/ and seeds/ under tmp_path; returns the copied data directory."""
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    shutil.copytree(PROJECT_ROOT / "seeds", tmp_path / "seeds")
    for seed in (tmp_path / "seeds").iterdir():
        seed.chmod(0o644)
    return data


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy at {url}")


@pytest.fixture(scope="session")
def start_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Factory: start `streamlit run app.py` on 127.0.0.1 and a free port; returns its URL."""
    started: list[subprocess.Popen] = []

    def start(data_dir: Path | None = None) -> str:
        port = _free_port()
        env = dict(os.environ)
        if data_dir is not None:
            env["SAHEL_BRIEF_DATA_DIR"] = str(data_dir)
        log = tmp_path_factory.mktemp("server") / "streamlit.log"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(PROJECT_ROOT / "app.py"),
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        started.append(proc)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc)
        return url

    yield start
    for proc in started:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


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
