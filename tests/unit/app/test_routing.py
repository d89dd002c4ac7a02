"""The legacy-routing workaround is tied to the Streamlit release it was checked against."""

from __future__ import annotations

import streamlit

from lib.app.routing import CHECKED_STREAMLIT


def test_the_pinned_streamlit_is_the_release_the_workaround_was_checked_on():
    """Fails when streamlit is upgraded: recheck lib/app/routing.py (and its browser test,
    test_first_request_deep_link_goes_through_app_py), then move CHECKED_STREAMLIT."""
    assert streamlit.__version__ == CHECKED_STREAMLIT
