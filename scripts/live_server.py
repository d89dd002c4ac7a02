"""Start the app on 127.0.0.1 and a free port, and the Chromium flags for this offline machine.

Shared by the browser tests and ``scripts/screenshot.py`` so both run the app the same way.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

# Re-exported: the tests, screenshots and benchmarks read the browser's location from here.
from lib.paths import CHROMIUM, CHROMIUM_ARGS, DATA_DIR_ENV, PROJECT_ROOT  # noqa: F401

IDLE_SELECTOR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Servers started at once (two test workers, a screenshot run) each ask the kernel for a free
# port, and until one has bound its port the kernel may hand the same port to another: starts
# take turns under this lock until their port listens.
PORT_LOCK = Path(tempfile.gettempdir()) / "sahel-brief-ports.lock"


def find_free_port() -> int:
    """Ask the kernel for an unused TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(
    ready: Callable[[], bool], proc: subprocess.Popen, timeout: float, pause: float, what: str
) -> None:
    """Poll ``ready`` (an OSError counts as not yet) until it holds; raise if the server exits
    first or ``timeout`` seconds pass, saying what it did not become."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {proc.returncode}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(pause)
    raise RuntimeError(f"streamlit did not {what}")


def _listens(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def _healthy(url: str) -> bool:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
        return response.status == 200


def start_streamlit(
    data_dir: Path | None = None,
    log_path: Path | None = None,
    timeout: float = 60,
    script: Path = PROJECT_ROOT / "app.py",
) -> tuple[str, subprocess.Popen]:
    """Run ``streamlit run <script>`` (app.py by default) on 127.0.0.1; return URL and process."""
    env = dict(os.environ)
    if data_dir is not None:
        env[DATA_DIR_ENV] = str(data_dir)
    log = log_path.open("w") if log_path else subprocess.DEVNULL
    with PORT_LOCK.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        port = find_free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until(partial(_listens, port), proc, timeout, 0.1, f"listen on port {port}")
        except RuntimeError:
            stop_process(proc)
            raise
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until(partial(_healthy, url), proc, timeout, 0.3, f"become healthy at {url}")
    except RuntimeError:
        stop_process(proc)
        raise
    return url, proc


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a process this module started, by its handle only."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
