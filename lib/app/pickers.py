"""Pickers that keep a page's choice in the URL: one id from a list, or several. The link seeds
them once (lib/app/state.py's seed_from_url and seed_list_from_url); each run writes their value
back, so the address bar and the share link name what is shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from lib.app.state import write_list_param, write_param


def render_id_picker(
    label: str,
    labels: Mapping[str, str],
    key: str,
    param: str,
    placeholder: str,
    options: Iterable[str] | None = None,
) -> str | None:
    """A selectbox of ids shown by their ``labels`` (offering ``options``, else every labelled
    id), empty at first; its id kept as ``?param=``."""
    chosen = st.selectbox(
        label,
        options=list(labels if options is None else options),
        index=None,
        format_func=labels.get,
        placeholder=placeholder,
        key=key,
    )
    write_param(param, chosen)
    return chosen


def render_ids_picker(
    label: str, options: Iterable[str], labels: Mapping[str, str], key: str, param: str
) -> tuple[str, ...]:
    """A multiselect of ids; its ids kept as ``?param=a,b`` and returned sorted, so the same
    choice made in another order is the same value (and the same cached figure)."""
    chosen = st.multiselect(label, options=list(options), format_func=labels.get, key=key)
    ordered = tuple(sorted(chosen))
    write_list_param(param, ordered)
    return ordered
