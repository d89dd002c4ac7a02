"""Session state: widgets seeded from the URL once, selections through Streamlit's callbacks,
and the filters and presentation mode as the widgets hold them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import pandas as pd
import streamlit as st

from lib.analysis.coverage import locate_cell
from lib.analysis.evidence import choose_document, list_documents
from lib.analysis.filters import Filters, find_date_bounds
from lib.app.cache import derive, reuse_package, view_package
from lib.app.claim_picker import keep_option
from lib.app.links import (
    URL_LIST_SEPARATOR,
    carry_params,
    link_reader,
    read_cell_param,
    read_filter_params,
    read_id_param,
    read_list_param,
    read_sources_params,
    write_cell_param,
)
from lib.app.pages import PRESENT_PARAM, SEARCH_PARAM
from lib.data.read import Package
from lib.render.scale import PROJECTOR_SCALE

FILTER_KEYS = {"sources": "filter_sources", "dates": "filter_dates", "topics": "filter_topics"}
FILTER_NOTICES_KEY = "filter_notices"
PRESENT_KEY = "present"
# The Briefing's story step and the prefix of its Previous / Next buttons: the page, the briefing
# download and presentation mode's keys all read them here.
STORY_STEP_KEY, STORY_PREFIX = "briefing_step", "briefing"


def name_stepper_buttons(prefix: str) -> tuple[str, str]:
    """Widget keys of a stepper's Previous and Next buttons."""
    return f"{prefix}_previous", f"{prefix}_next"


def seed_filters(package: Package) -> None:
    """Once per session: the link's filters become the widgets' starting values."""
    if FILTER_KEYS["sources"] in st.session_state:
        return
    filters, notices = read_filter_params(st.query_params.to_dict(), package)
    st.session_state[FILTER_KEYS["sources"]] = list(filters.sources)
    st.session_state[FILTER_KEYS["topics"]] = list(filters.topics)
    st.session_state[FILTER_KEYS["dates"]] = filters.window or derive(find_date_bounds, package)
    st.session_state[FILTER_NOTICES_KEY] = notices


def clear_filters(package: Package) -> None:
    """Callback of the sidebar's "Clear filters": every filter back to its widest."""
    st.session_state[FILTER_KEYS["sources"]] = []
    st.session_state[FILTER_KEYS["topics"]] = []
    st.session_state[FILTER_KEYS["dates"]] = derive(find_date_bounds, package)


def read_filters(package: Package) -> Filters:
    """The global filters as the sidebar widgets hold them (no narrowing before they exist)."""
    if FILTER_KEYS["sources"] not in st.session_state:
        return Filters()
    window = tuple(st.session_state[FILTER_KEYS["dates"]])
    return Filters(
        tuple(st.session_state[FILTER_KEYS["sources"]]),
        None if window == derive(find_date_bounds, package) else window,
        tuple(st.session_state[FILTER_KEYS["topics"]]),
    )


def read_source_filter() -> tuple[str, ...]:
    """The source ids the sidebar's Sources filter holds, in its order (empty: all sources)."""
    return tuple(st.session_state.get(FILTER_KEYS["sources"]) or ())


def load_view() -> Package:
    """The validated package narrowed by the global filters: what every page shows."""
    package, _ = reuse_package()
    return view_package(package, read_filters(package))


def seed_presenting() -> None:
    """Once per session: presentation mode from ``?present=1``."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(PRESENT_PARAM) == "1"


def is_presenting() -> bool:
    """Whether presentation mode is on for this session."""
    return bool(st.session_state.get(PRESENT_KEY))


def read_scale() -> float:
    """How much larger charts and maps are drawn: PROJECTOR_SCALE in presentation mode, else 1."""
    return PROJECTOR_SCALE if is_presenting() else 1.0


def set_presenting(on: bool) -> None:
    """Callback: turn presentation mode on or off."""
    st.session_state[PRESENT_KEY] = on


def read_carried_params(*own: str) -> dict[str, str]:
    """Query-string state that links between pages keep (global filters and presentation mode),
    and those of the page's own parameters ``own`` that the URL holds."""
    params = st.query_params.to_dict()
    return {**carry_params(params), **{name: params[name] for name in own if name in params}}


def make_reader_link() -> Callable[[str, str], str]:
    """``href(source, claim)`` for evidence cards: the reader on that claim, keeping the view."""
    return partial(link_reader, carry=read_carried_params())


def seed_from_url(key: str, param: str, known: Iterable[str], noun: str) -> list[str]:
    """Once per session, put the link's ``?param=`` into widget ``key`` if it names a known id.

    Returns the notices for an unknown id (to show once); later runs leave the widget alone.
    """
    wanted, notices = read_id_param(st.query_params.to_dict(), param, known, noun)
    seed_value(key, wanted)
    return notices


def seed_list_from_url(key: str, param: str, known: Iterable[str], noun: str) -> list[str]:
    """Once per session, put the link's ``?param=a,b`` (its known ids) into multiselect ``key``;
    returns the notices for unknown ids."""
    wanted, notices = read_list_param(st.query_params.to_dict(), param, known, noun)
    seed_value(key, list(wanted) if wanted else None)
    return notices


def seed_reader(
    package: Package, document_key: str, claim_key: str, search_key: str
) -> tuple[list[str], list[str]]:
    """The Sources reader's widgets: once per session, the link's document, claim and search;
    every run, the document kept among those the sources filter offers. Returns (the documents
    offered, notices about the link)."""
    params = st.query_params.to_dict()
    wanted_source, wanted_claim, notices = read_sources_params(params, package)
    filter_sources = read_source_filter()
    documents = list_documents(package, filter_sources)
    opened, outside = choose_document(documents, wanted_source, filter_sources)
    seed_value(document_key, opened)
    keep_option(document_key, documents, opened)
    seed_value(claim_key, wanted_claim)
    seed_value(search_key, params.get(SEARCH_PARAM))
    return documents, notices + outside


def read_chosen(key: str, options: Iterable[str]) -> str | None:
    """The value widget ``key`` holds if it is one of ``options`` (what the view shows), else
    None."""
    chosen = st.session_state.get(key)
    return chosen if chosen in set(options) else None


def write_list_param(param: str, values: Iterable[str]) -> None:
    """Keep a multiselect in the URL as ``?param=a,b``, or drop it when nothing is picked."""
    write_param(param, URL_LIST_SEPARATOR.join(values) or None)


def seed_value(key: str, value: object) -> None:
    """Once per session, start widget ``key`` at ``value`` (from the link); None leaves it."""
    if key not in st.session_state and value is not None:
        st.session_state[key] = value


def offer_with_chosen(key: str, offered: list[str], known: Iterable[str]) -> list[str]:
    """A capped option list for widget ``key``, with the value it holds put first when that is
    one of ``known`` left out by the cap: what a link chose stays chosen."""
    chosen = st.session_state.get(key)
    if chosen is None or chosen in offered or chosen not in set(known):
        return offered
    return [chosen, *offered]


def set_value(key: str, value: object) -> None:
    """Callback: put ``value`` in widget ``key`` (a button that sets another widget)."""
    st.session_state[key] = value


def write_param(param: str, value: object) -> None:
    """Keep the page's selection in the URL: set ``?param=value``, or drop it for None."""
    if value is None:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = str(value)


def seed_step(key: str, wanted: int | None, steps: int) -> None:
    """The story step widget: the link's step the first time, then clamped into 1..steps."""
    if key not in st.session_state:
        st.session_state[key] = wanted or 1
    st.session_state[key] = min(max(int(st.session_state[key]), 1), max(steps, 1))


def move_step(key: str, by: int) -> None:
    """Callback of Previous/Next: move the story step by ``by``."""
    st.session_state[key] = int(st.session_state[key]) + by


def select_from_chart(chart_key: str, target_key: str, pick: Callable[[list], str | None]) -> None:
    """Callback of a chart's ``on_select``: the point it picked becomes ``target_key``'s value."""
    state = st.session_state.get(chart_key)
    picked = pick(list(state.selection.points)) if state else None
    if picked is not None:
        st.session_state[target_key] = picked


def select_from_map(
    map_key: str, target_key: str, message_key: str, resolve: Callable[[dict], tuple]
) -> None:
    """Callback of st_folium's ``on_change``: a clicked place becomes ``target_key``'s value.

    ``resolve(clicked)`` gives (place id or None, name hit); a hit on context only (no claim
    names it) leaves a message under ``message_key`` instead.
    """
    result = st.session_state.get(map_key) or {}
    st.session_state[message_key] = ""
    clicked = result.get("last_object_clicked")
    if not clicked:
        return
    place_id, hit_name = resolve(clicked)
    if place_id:
        st.session_state[target_key] = place_id
    elif hit_name:
        st.session_state[message_key] = (
            f"{hit_name} is drawn for context: no claim in the documents names it."
        )


def pick_selected_claim(
    claim_ids: list[str], picked_rows: list[int] | None, wanted: str | None
) -> tuple[str | None, list[int]]:
    """Return the selected claim and its row: the table's pick, else the claim the URL asked for.

    ``picked_rows`` is None before the table has reported any selection for this view.
    """
    rows = list(picked_rows or [])
    if picked_rows is None and wanted in claim_ids:
        rows = [claim_ids.index(wanted)]
    if rows and 0 <= rows[0] < len(claim_ids):
        return claim_ids[rows[0]], rows[:1]
    return None, []


def read_table_rows(key: str) -> list[int] | None:
    """The rows a dataframe with ``on_select`` reports, or None before it reported any."""
    state = st.session_state.get(key)
    return list(state.selection.rows) if state else None


def read_matrix_cell(package: Package, cells: list, table: pd.DataFrame) -> tuple[str, str] | None:
    """(topic id, source id) of the selected coverage cell, or None for a label column or none."""
    if not cells:
        return None
    row, column = cells[0]
    shown = set(package["sources"]["source_id"]) & set(table.columns)
    if column not in shown or not 0 <= int(row) < len(table):
        return None
    return str(table.index[int(row)]), str(column)


def read_cell_link(param: str, table: pd.DataFrame) -> tuple[dict | None, list[str]]:
    """The coverage matrix's starting selection from ``?param=topic_id:source_id`` (a dataframe
    ``selection_default``), or None; a cell the matrix lacks is dropped from the URL with a
    notice."""
    raw = st.query_params.get(param)
    if raw is None:
        return None, []
    cell = read_cell_param(raw)
    found = locate_cell(table, *cell) if cell else None
    if found is None:
        st.query_params.pop(param, None)
        return None, [f"Ignored matrix cell {raw!r} in the link: the matrix has no such cell."]
    return {"selection": {"cells": [list(found)]}}, []


def write_cell_link(param: str, cell: tuple[str, str] | None) -> None:
    """Keep the selected coverage cell (topic id, source id) in the URL, or drop it for None."""
    write_param(param, write_cell_param(*cell) if cell else None)


def seed_jump_from_url(key: str, param: str, known: Iterable[str], scroll_key: str) -> list[str]:
    """Once per session, start the jump list ``key`` at the link's ``?param=`` (like
    :func:`seed_from_url`) and leave its item under ``scroll_key`` for the page to scroll to."""
    first = key not in st.session_state
    notices = seed_from_url(key, param, known, param)
    if first and st.session_state.get(key) is not None:
        st.session_state[scroll_key] = st.session_state[key]
    return notices


def jump_to_item(key: str, page_key: str, pages: dict[str, int], scroll_key: str) -> None:
    """Callback of a jump list: its pager moves to the page holding the chosen item (``pages``:
    item -> page), and the item is left under ``scroll_key`` for the page to scroll to."""
    chosen = st.session_state.get(key)
    if chosen in pages:
        st.session_state[page_key] = pages[chosen]
    st.session_state[scroll_key] = chosen


def take_value(key: str) -> object:
    """A one-off value some callback left for this run (None when there is none), removed."""
    return st.session_state.pop(key, None)


def pick_selected_event(points: list[dict], known: set[str]) -> str | None:
    """The event id a plotly selection points at (the first point that carries one)."""
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list):
            data = data[0] if data else None
        if isinstance(data, str) and data in known:
            return data
    return None
