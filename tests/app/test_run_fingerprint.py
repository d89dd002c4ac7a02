"""app.py loads the package on every script run, rerun included, and the page reuses it: the files
on disk are fingerprinted once per rerun, not skipped (a stale package) nor done again by the
page. The first run of every page is counted in test_pages_smoke."""

from __future__ import annotations

from tests.helpers.app import count_fingerprints, open_app


def test_each_rerun_fingerprints_the_package_once(monkeypatch):
    # The map page: its component reruns the script whenever the reader pans or clicks.
    at = open_app(monkeypatch, "pages/map.py")
    assert not at.exception
    calls = count_fingerprints(monkeypatch)
    at.run()
    assert not at.exception
    assert len(calls) == 1, calls
