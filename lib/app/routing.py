"""A workaround for Streamlit's legacy pages/ discovery, kept alone so it is easy to drop."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

# Checked against this release; a test fails when the pin moves, so the upgrade rechecks it.
CHECKED_STREAMLIT = "1.67.0"


def is_legacy_routing() -> bool:
    """Whether Streamlit would still run a file under pages/ on its own, without app.py."""
    return bool(getattr(PagesManager, "uses_pages_directory", False))


def route_through_app() -> None:
    """Send a run that bypassed app.py back through it.

    Streamlit keeps its legacy pages/ discovery on until the first st.navigation call. If the
    first request after a server start is a deep link (/map), it runs pages/map.py on its own: no
    app.py, so no validation gate, page config or navigation. Turn the legacy mode off and rerun
    the same URL, which now goes through app.py.
    """
    if is_legacy_routing():
        PagesManager.uses_pages_directory = False
        st.rerun()
