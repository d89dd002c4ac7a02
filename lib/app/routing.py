"""Workarounds for Streamlit's routing (legacy pages/ discovery, unknown page paths), kept alone
so they are easy to drop."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

# Checked against this release; a test fails when the pin moves, so the upgrade rechecks it.
CHECKED_STREAMLIT = "1.67.0"


def is_legacy_routing() -> bool:
    """Whether Streamlit would still run a file under pages/ on its own, without app.py."""
    # Read directly: a release without the flag fails every run here instead of quietly turning
    # the workaround off.
    return bool(PagesManager.uses_pages_directory)


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


# The path of a link to no page, kept across route_through_app's rerun, which forgets it.
MISSING_PAGE_KEY = "routing_missing_page"


def take_missing_page(pages: list) -> str | None:
    """The path a link asked for when none of ``pages`` (st.Page objects, before st.navigation
    gets them) lives there, else None; call first in app.py.

    For such a path Streamlit runs the default page behind a modal "Page not found" dialog that
    names no path and has to be dismissed. Dropping the run's page intent instead lets
    st.navigation open the default page quietly, so the app can say which path it was.

    On a server's very first request the legacy pages/ mode is still on: Streamlit shows its
    dialog before app.py runs (nothing here can stop that), and route_through_app reruns with
    the hash of an "app" page that is not ours in place of the path. The path is kept for that
    rerun, so the notice is still given.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    manager = ctx.pages_manager
    wanted = (manager.intended_page_name or "").strip("/")
    asked = manager.intended_page_script_hash
    if not asked and wanted and wanted not in {page.url_path for page in pages}:
        st.session_state[MISSING_PAGE_KEY] = wanted
    if MISSING_PAGE_KEY not in st.session_state:
        return None
    if asked and asked in {page._script_hash for page in pages}:
        st.session_state.pop(MISSING_PAGE_KEY)  # the reader has gone to a page since
        return None
    manager.set_script_intent("", "")
    if is_legacy_routing():
        return None  # this run is about to be rerun through app.py; say it then
    return st.session_state.pop(MISSING_PAGE_KEY)
