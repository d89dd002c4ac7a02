"""The legacy-routing workaround is tied to the Streamlit release it was checked against."""

from __future__ import annotations

import streamlit
from streamlit.runtime.pages_manager import PagesManager

from lib.app.routing import CHECKED_STREAMLIT, is_legacy_routing


def test_the_pinned_streamlit_is_the_release_the_workaround_was_checked_on():
    """Fails when streamlit is upgraded: recheck lib/app/routing.py (and its browser test,
    test_first_request_deep_link_goes_through_app_py), then move CHECKED_STREAMLIT."""
    assert streamlit.__version__ == CHECKED_STREAMLIT


def test_the_workaround_reads_the_flag_streamlit_still_has(monkeypatch):
    assert hasattr(PagesManager, "uses_pages_directory")
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    assert is_legacy_routing()
    monkeypatch.setattr(PagesManager, "uses_pages_directory", False)
    assert not is_legacy_routing()
