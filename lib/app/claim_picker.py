"""Claim links that select in place: a Streamlit components v2 element (our own script in
lib/app/assets, sent inline) that turns a plain click on a claim link into a callback, with no
page load, and keeps each link's href for a new tab."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import streamlit as st

from lib.paths import APP_ASSETS_DIR

PICKER_NAME = "sahel_brief_claim_picker"


@cache
def _picker() -> Callable:
    script = (APP_ASSETS_DIR / "claim_picker.js").read_text(encoding="utf-8")
    # Unisolated, so the markup sits in the page like st.html's and the app's styles reach it.
    return st.components.v2.component(PICKER_NAME, js=script, isolate_styles=False)


def read_picked(key: str) -> str | None:
    """The claim id the picker under ``key`` reported in this run, else None."""
    value = st.session_state.get(key)
    picked = value.get("picked") if hasattr(value, "get") else None
    return str(picked) if picked else None


def render_claim_picker(markup: str, key: str, on_pick: Callable[[str], None]) -> None:
    """Show ``markup`` (trusted, already escaped HTML); a click on one of its ``a[data-claim]``
    calls ``on_pick(claim_id)`` before the rerun."""

    def report() -> None:
        picked = read_picked(key)
        if picked:
            on_pick(picked)

    _picker()(key=key, data={"html": markup}, on_picked_change=report)


def select_claim(claim_key: str, document_key: str, source_of: dict[str, str], claim: str) -> None:
    """Callback: select ``claim`` and open its document (a pick from any document's link)."""
    if claim in source_of:
        st.session_state[claim_key] = claim
        st.session_state[document_key] = source_of[claim]


def select_table_row(table_key: str, claim_key: str, claim_ids: list[str]) -> None:
    """Callback of the claims table's ``on_select``: its row becomes the selected claim; a row
    unselected clears the selection."""
    state = st.session_state.get(table_key)
    rows = list(state.selection.rows) if state else []
    picked = rows[0] if rows and 0 <= rows[0] < len(claim_ids) else None
    st.session_state[claim_key] = claim_ids[picked] if picked is not None else None


def keep_option(key: str, options: list, fallback: object) -> None:
    """Put widget ``key`` back on ``fallback`` when its value is no longer among ``options``
    (the filter that made the options changed since it was chosen)."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = fallback
