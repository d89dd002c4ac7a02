"""The app under AppTest: where it is, its page files, opening it from a link and reading back
what it shows."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import lib.app.cache as cache
from lib.paths import DATA_DIR_ENV, PAGES_DIR, PROJECT_ROOT
from tests.helpers.packages import CURATED_DATA

APP = str(PROJECT_ROOT / "app.py")
# Every file in pages/, whether declared or not: a test over these finds an undeclared page.
PAGE_FILES = sorted(p.name for p in PAGES_DIR.glob("*.py"))


def open_app(monkeypatch, page: str | None = None, **params: str) -> AppTest:
    """The app on the curated snapshot, on a page (the Briefing by default), opened from a link
    with these params."""
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    if page:
        at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def read_param(at: AppTest, name: str):
    """The URL parameter's value after the run (its last value if repeated), else None."""
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def list_infos(at: AppTest) -> list[str]:
    """The text of every st.info on the page."""
    return [i.value for i in at.info]


def count_fingerprints(monkeypatch) -> list:
    """From now on, every data folder the app fingerprints (each load of the package's files)."""
    calls = []
    real = cache.compute_fingerprint

    def counting(data_dir):
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(cache, "compute_fingerprint", counting)
    return calls
