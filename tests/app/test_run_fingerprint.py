"""app.py loads the package once per script run and the page reuses it: the files on disk are
fingerprinted once per rerun, not once by app.py and again by the page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import lib.app.cache as cache
from lib.app.pages import PAGE_SPECS
from lib.paths import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


@pytest.mark.parametrize("page", [spec.file for spec in PAGE_SPECS])
def test_each_rerun_fingerprints_the_package_once(monkeypatch, page):
    calls = []
    real = cache.compute_fingerprint

    def counting(data_dir):
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(cache, "compute_fingerprint", counting)
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(f"pages/{page}").run()
    assert not at.exception
    calls.clear()
    at.run()
    assert not at.exception
    assert len(calls) == 1, calls
