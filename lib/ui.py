"""The Streamlit edge: cached loading, the validation gate, the shared sidebar and footer.

The only module in lib/ besides pages that imports streamlit; everything it shows is computed by
plain functions elsewhere in lib/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lib.about import build_package_zip
from lib.evidence import name_outlet
from lib.filters import (
    FILTER_PARAMS,
    Filters,
    apply_filters,
    describe_filters,
    find_date_bounds,
    read_filter_params,
    write_filter_params,
)
from lib.navigation import build_share_link, link_page
from lib.package import Package, Problem, read_seeds_dir
from lib.paths import BOUNDARIES_PATH, resolve_data_dir
from lib.schema import TABLES
from lib.validate import load_and_validate

MAX_PROBLEMS_SHOWN = 200


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Backslash-escape markdown and HTML syntax so text from data or URLs shows literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and mtimes of the package files and the map outlines, so edits on disk
    invalidate every cached result (the off-map list depends on the outlines)."""
    files = [data_dir / t.path for t in TABLES.values()] + [data_dir / "datapackage.json"]
    files.append(BOUNDARIES_PATH)
    seeds = read_seeds_dir(data_dir)
    if seeds.is_dir():
        files.extend(sorted(seeds.iterdir()))
    return tuple(
        (f.name, f.stat().st_size, f.stat().st_mtime_ns) if f.exists() else (f.name, None, None)
        for f in files
    )


@st.cache_resource(show_spinner="Checking the data package…", max_entries=4)
def _load(data_dir: str, fingerprint: tuple) -> tuple[Package, list[Problem]]:
    # One shared copy per change on disk (fingerprint is part of the cache key). It is shared,
    # not copied per rerun, so nothing may modify it: pages and lib/ only read packages.
    package, problems = load_and_validate(Path(data_dir))
    return replace(package, key=(data_dir, fingerprint)), problems


# Bounded by count, least recently used out first. A filtered view copies the claims, events and
# relations it keeps, so views get a smaller cache than the (mostly small) results computed from
# them: every page of about a dozen views fits, and memory stays bounded on a 100x package.
VIEW_MAX_ENTRIES = 12
DERIVED_MAX_ENTRIES = 96


@st.cache_resource(show_spinner=False, max_entries=VIEW_MAX_ENTRIES)
def _view(key: str, filters: Filters, _package: Package) -> Package:
    del key  # hashed into the cache key with the filters; the package itself is not hashed
    return apply_filters(_package, filters)


@st.cache_resource(show_spinner=False, max_entries=DERIVED_MAX_ENTRIES)
def _derived(name: str, key: str, args: tuple, _compute: Callable, _package: Package):
    # name, key and args are hashed into the cache key; the function and package are not.
    del name, key
    return _compute(_package, *args)


def derive(compute: Callable, package: Package, *args):
    """``compute(package, *args)``, computed once per package content, filters and arguments.

    Shared by every rerun and session, so the result must only be read. A package without a key
    (built outside load_package) is computed every time. ``compute`` must be a module-level
    function: its qualified name tells the cache entries apart. Results live until the data on
    disk changes or the cache is cleared (the app menu's "Clear cache", or a restart), so after
    editing lib/ with the file watcher on, clear the cache to see the change.
    """
    name = f"{compute.__module__}.{compute.__qualname__}"
    if "<" in name:
        raise ValueError(f"derive needs a module-level function, not {name}")
    if not package.key:
        return compute(package, *args)
    return _derived(name, repr(package.key), args, compute, package)


def _route_through_app() -> None:
    # Streamlit 1.67 keeps its legacy pages/ discovery on until the first st.navigation call. If
    # the first request after a server start is a deep link (/map), it runs pages/map.py on its
    # own: no app.py, so no validation gate, page config or our navigation. Turn the legacy mode
    # off and rerun the same URL, which now goes through app.py.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def load_package() -> tuple[Package, list[Problem]]:
    """Read and validate the package once per change on disk; cached across reruns and users.

    Every page and app.py start here, so this is also where a run that bypassed app.py is
    redirected through it.
    """
    _route_through_app()
    data_dir = resolve_data_dir()
    return _load(str(data_dir), _fingerprint(data_dir))


def stop_on_problems(package: Package, problems: list[Problem]) -> None:
    """Show one error listing every problem and stop the script; do nothing when there are none."""
    if problems:
        # A fenced block shows cell values and seed text literally: no markdown, no links.
        listed = "\n".join(str(p) for p in problems[:MAX_PROBLEMS_SHOWN]).replace("```", "ˋˋˋ")
        more = len(problems) - MAX_PROBLEMS_SHOWN
        tail = f"\n\n…and {more} more." if more > 0 else ""
        st.error(
            f"**The data package in {escape_markdown(str(package.data_dir))} is invalid; "
            f"nothing is shown until it is fixed.** {len(problems)} problem(s), as "
            f"`file:row:column: message` (row = line in the file):\n\n```text\n{listed}\n```"
            f"{tail}\n\nRun `python -m lib.validate` for the same list.",
            icon=":material/error:",
        )
        st.stop()


FILTER_KEYS = {"sources": "filter_sources", "dates": "filter_dates", "topics": "filter_topics"}
FILTER_NOTICES_KEY = "filter_notices"


def _seed_filters(package: Package) -> None:
    # Once per session: the link's filters become the widgets' starting values.
    filters, notices = read_filter_params(st.query_params.to_dict(), package)
    st.session_state[FILTER_KEYS["sources"]] = list(filters.sources)
    st.session_state[FILTER_KEYS["topics"]] = list(filters.topics)
    st.session_state[FILTER_KEYS["dates"]] = filters.window or derive(find_date_bounds, package)
    st.session_state[FILTER_NOTICES_KEY] = notices


def _clear_filters(package: Package) -> None:
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


def render_sidebar(package: Package) -> Filters:
    """Dataset identity and the global filters, shared by every page; keeps them in the URL."""
    if FILTER_KEYS["sources"] not in st.session_state:
        _seed_filters(package)
    first, last = derive(find_date_bounds, package)
    labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))
    with st.sidebar:
        st.caption(f"Dataset **v{package.version}** · {len(package['claims'])} claims")
        st.markdown("**Filters** (every page)")
        st.multiselect(
            "Sources (all when empty)",
            options=list(package["sources"]["source_id"]),
            key=FILTER_KEYS["sources"],
        )
        st.slider(
            "Dates", min_value=first, max_value=last, format="MMM YYYY", key=FILTER_KEYS["dates"]
        )
        st.multiselect(
            "Topics (all when empty)",
            options=sorted(labels, key=lambda t: labels[t].casefold()),
            format_func=labels.get,
            key=FILTER_KEYS["topics"],
        )
        filters = read_filters(package)
        if filters.active:
            st.button("Clear filters", on_click=_clear_filters, args=(package,), key="filter_clear")
    for name in FILTER_PARAMS:
        st.query_params.pop(name, None)
    st.query_params.update(write_filter_params(filters))
    return filters


PRESENT_KEY = "present"
# Presentation mode: no sidebar or toolbar, larger type, content at full width.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
html { font-size: 21px; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem; }
</style>
"""


def is_presenting() -> bool:
    """Whether presentation mode is on for this session."""
    return bool(st.session_state.get(PRESENT_KEY))


def _set_presenting(on: bool) -> None:
    st.session_state[PRESENT_KEY] = on


def render_presentation_switch() -> bool:
    """Presentation mode from the sidebar or ``?present=1``; returns whether it is on."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(PRESENT_KEY) == "1"
    st.sidebar.toggle("Presentation mode", key=PRESENT_KEY, help="Large type, no sidebar.")
    presenting = bool(st.session_state[PRESENT_KEY])
    if presenting:
        st.query_params[PRESENT_KEY] = "1"
        st.html(PRESENTATION_CSS)
        st.button("Exit presentation mode", on_click=_set_presenting, args=(False,))
    else:
        st.query_params.pop(PRESENT_KEY, None)
    return presenting


SHARE_LINK_KEY = "share_link"


def render_share_link(slot) -> None:
    """Fill ``slot`` (made before the page ran) with a copyable link to the current view."""
    link = build_share_link(st.context.url or "", st.query_params.to_dict())
    if not link:  # no browser behind this run (a test): nothing to link to
        return
    # A plain link, not st.code: the code block's highlighter is 1.5 MB of script on every page.
    with slot.container(key=SHARE_LINK_KEY):
        st.caption("Link to this view (right-click to copy it)")
        st.markdown(f"[{escape_markdown(link)}](<{link}>)")


def render_package_download(package: Package) -> None:
    """The whole package (tables, descriptor, seeds) as one zip, from the sidebar."""
    st.sidebar.download_button(
        "Download the data package (zip)",
        # Built only when clicked: reading every table and seed on each rerun is wasted work.
        partial(build_package_zip, package),
        file_name=f"sahel-brief-{package.version}.zip",
        mime="application/zip",
        key="sidebar_package_zip",
    )


def render_active_filters(package: Package, filters: Filters) -> None:
    """Say at the top of the page which filters narrow it, and any link parts that were ignored."""
    for notice in st.session_state.pop(FILTER_NOTICES_KEY, []):
        st.info(escape_markdown(notice), icon=":material/link_off:")
    if filters.active:
        st.info(
            escape_markdown(describe_filters(filters, package)) + " Clear them in the sidebar.",
            icon=":material/filter_alt:",
        )


def load_view() -> Package:
    """The validated package narrowed by the global filters: what every page shows."""
    package, _ = load_package()
    filters = read_filters(package)
    if not filters.active or not package.key:
        return apply_filters(package, filters)
    return _view(repr(package.key), filters, package)


def render_footer(package: Package) -> None:
    """Sources and dataset version, at the bottom of every page."""
    st.divider()
    st.caption(derive(_describe_footer, package))


def _describe_footer(package: Package) -> str:
    names = "; ".join(
        escape_markdown(f"{row['source_id']}: {name_outlet(row)}")
        for _, row in package["sources"].iterrows()
    )
    return f"Sources — {names}. Sahel Brief dataset v{package.version}."


def locate_vendor_assets() -> str:
    """URL folder of the vendored web assets, honouring a server.baseUrlPath."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{'/' + base if base else ''}/app/static/vendor"


def read_carried_params() -> dict[str, str]:
    """Query-string state that links between pages keep: global filters and presentation mode."""
    return {k: st.query_params[k] for k in (*FILTER_PARAMS, PRESENT_KEY) if k in st.query_params}


def link_reader(source_id: str, claim_id: str) -> str:
    """Link from any page to the Sources reader, opened on one claim, keeping the filters."""
    return link_page("sources.py", source=source_id, claim=claim_id, **read_carried_params())


def render_csv_download(table, label: str, name: str, key: str, **options) -> None:
    """A button that downloads ``table`` as ``sahel-brief-<name>.csv``."""
    st.download_button(
        label,
        table.to_csv(index=False).encode("utf-8"),
        file_name=f"sahel-brief-{name}.csv",
        mime="text/csv",
        key=key,
        **options,
    )


def render_table_twin(
    title: str, rows: int, make_table: Callable[[], object], noun: str, name: str, key_prefix: str
) -> None:
    """A chart's table twin of ``rows`` rows in an expander, with its CSV download (keys
    ``<prefix>_twin`` for the expander, ``<prefix>_table`` and ``<prefix>_download``).

    The table is built and sent only once the expander is opened: a data grid costs the browser
    about a megabyte of script, which a page whose table stays closed should not pay for.
    """
    with st.expander(title, key=f"{key_prefix}_twin", on_change="rerun") as twin:
        if twin.open:
            table = make_table()
            st.dataframe(table, hide_index=True, key=f"{key_prefix}_table")
            render_csv_download(table, f"Download {noun} (CSV)", name, f"{key_prefix}_download")
        else:
            st.caption(f"{rows} row(s); open to show them.")
