"""The frame every page shares: the validation gate, sidebar, presentation mode, share link,
footer, downloads and table twins.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from lib import APP_SLUG
from lib.analysis.filters import (
    Filters,
    describe_filters,
    describe_topic_offer,
    find_date_bounds,
    list_topic_choices,
    list_topic_offer,
)
from lib.app.cache import derive, reuse_package, view_package
from lib.app.links import (
    FILTER_PARAMS,
    build_share_link,
    carry_params,
    describe_missing_page,
    describe_unknown_params,
    find_unknown_params,
    keep_page_params,
    read_step_param,
    write_filter_params,
)
from lib.app.pages import (
    PAGE_SPECS,
    PRESENT_PARAM,
    PageSpec,
    find_neighbours,
    find_page_at,
    list_presented_pages,
)
from lib.app.state import (
    FILTER_KEYS,
    FILTER_NOTICES_KEY,
    PRESENT_KEY,
    STORY_PREFIX,
    STORY_STEP_KEY,
    clear_filters,
    name_stepper_buttons,
    read_filters,
    seed_filters,
    seed_presenting,
    set_presenting,
)
from lib.data.boundaries import read_boundaries
from lib.data.read import Package, Problem
from lib.data.rows import build_package_zip
from lib.paths import PAGES_DIR
from lib.render.export import render_briefing_view
from lib.render.keys import render_page_keys_script
from lib.render.share import render_share_html
from lib.render.style import FRAGMENT_CSS, PRESENTATION_CSS
from lib.render.text import describe_footer, escape_markdown

MAX_PROBLEMS_SHOWN = 200
# The sidebar's Topics filter lists every topic up to this many; past it, a search chooses.
TOPIC_OFFER_MAX, TOPIC_SEARCH_KEY = 400, "filter_topic_search"


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


def render_sidebar(package: Package) -> Filters:
    """Dataset identity and the global filters, shared by every page; keeps them in the URL."""
    seed_filters(package)
    first, last = derive(find_date_bounds, package)
    # Computed once per package: a year of reporting has tens of thousands of topics.
    topic_order, labels = derive(list_topic_choices, package)
    with st.sidebar:
        identity = st.empty()  # the claim count follows the filters, read below
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
            options=_offer_topics(package, topic_order),
            format_func=labels.get,
            key=FILTER_KEYS["topics"],
        )
        filters = read_filters(package)
        if filters.active:
            st.button("Clear filters", on_click=clear_filters, args=(package,), key="filter_clear")
        shown = len(view_package(package, filters)["claims"]) if filters.active else None
        identity.caption(describe_dataset(package.version, len(package["claims"]), shown))
    for name in FILTER_PARAMS:
        st.query_params.pop(name, None)
    st.query_params.update(write_filter_params(filters))
    return filters


def _offer_topics(package: Package, topic_order: list[str]) -> list[str]:
    # Every topic while the list is short; past TOPIC_OFFER_MAX a search box picks which are
    # offered (every option is sent on every run), and the chosen ones always stay.
    if len(topic_order) <= TOPIC_OFFER_MAX:
        return topic_order
    query = st.text_input(
        "Find topics",
        key=TOPIC_SEARCH_KEY,
        placeholder=f"Search {len(topic_order)} topics by words",
    ).strip()
    offered, qualified = derive(list_topic_offer, package, query, TOPIC_OFFER_MAX)
    line = describe_topic_offer(len(offered), qualified, len(topic_order), query)
    st.caption(escape_markdown(line))  # it quotes what the reader typed
    chosen = list(st.session_state.get(FILTER_KEYS["topics"]) or ())
    held = set(chosen)
    return chosen + [t for t in offered if t not in held]


def render_presentation_switch(url_path: str) -> bool:
    """Presentation mode from the sidebar or ``?present=1``; returns whether it is on.

    In the mode, a page bar at the top (``url_path`` is the current page's) moves between pages
    without leaving it: the sidebar is hidden there, so the bar is the only way round.
    """
    seed_presenting()
    st.sidebar.toggle("Presentation mode", key=PRESENT_KEY, help="Large type, no sidebar.")
    presenting = bool(st.session_state[PRESENT_KEY])
    if presenting:
        st.query_params[PRESENT_PARAM] = "1"
        st.html(PRESENTATION_CSS)
        _render_page_bar(url_path)
    else:
        st.query_params.pop(PRESENT_PARAM, None)
    return presenting


PAGE_BAR_KEY = "present_bar"
PAGE_LINK_LABELS = ("Previous page", "Next page")


def _render_page_bar(url_path: str) -> None:
    # Page links keep the filters and present=1 in their own URLs, so each is a shareable view.
    carry = {**carry_params(st.query_params.to_dict()), PRESENT_PARAM: "1"}
    before, after = find_neighbours(url_path)
    story_buttons = name_stepper_buttons(STORY_PREFIX)
    keys = render_page_keys_script(PAGE_BAR_KEY, *story_buttons, *PAGE_LINK_LABELS)
    st.html(keys, unsafe_allow_javascript=True)  # our own fixed script, no data in it
    with st.container(key=PAGE_BAR_KEY, horizontal=True, vertical_alignment="center"):
        for spec, label in zip((before, after), PAGE_LINK_LABELS, strict=True):
            if spec is not None:
                arrow = ":material/arrow_back:" if spec is before else ":material/arrow_forward:"
                st.page_link(
                    f"{PAGES_DIR.name}/{spec.file}",
                    label=f"{label}: {spec.title}",
                    icon=arrow,
                    query_params=carry,
                )
        for spec in list_presented_pages():
            st.page_link(f"{PAGES_DIR.name}/{spec.file}", label=spec.title, query_params=carry)
        render_briefing_download("present_briefing_download", on_briefing=url_path == "")
        st.button(
            "Exit presentation mode",
            on_click=set_presenting,
            args=(False,),
            key="present_exit",
            icon=":material/close_fullscreen:",
        )


def describe_dataset(version: str, total: int, shown: int | None) -> str:
    """The sidebar's dataset line: version and claims, "41 of 95 claims" when filtered."""
    claims = f"{total} claims" if shown is None else f"{shown} of {total} claims"
    return f"Dataset **v{version}** · {claims}"


SHARE_LINK_KEY = "share_link"


def render_share_link(slot, spec: PageSpec) -> None:
    """Fill ``slot`` (made before the page ran) with the link to the current view and a button
    that copies it: every parameter the page (``spec``) and the global filters read."""
    params = keep_page_params(st.query_params.to_dict(), spec.params)
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    # The page's own path: a link to no page (/nosuchpage) shows, and shares, the default one.
    path = f"{'/' + base if base else ''}{spec.path}"
    link = build_share_link(st.context.url or "", params, path)
    if not link:  # no browser behind this run (a test): nothing to link to
        return
    with slot.container(key=SHARE_LINK_KEY):
        # Our own markup and fixed script; the link is escaped into an attribute.
        st.html(render_share_html(link), unsafe_allow_javascript=True)


def render_package_download(package: Package) -> None:
    """The whole package (tables, descriptor, seeds) as one zip, from the sidebar."""
    render_download(
        "Download the data package (zip)",
        # Built only when clicked: reading every table and seed on each rerun is wasted work.
        partial(build_package_zip, package),
        f"{APP_SLUG}-{package.version}.zip",
        "application/zip",
        key="sidebar_package_zip",
        where=st.sidebar,
    )


def render_briefing_download(key: str, on_briefing: bool) -> None:
    """A button that downloads the current view's briefing as one offline HTML file.

    Built only when clicked (about a second): the filters, and on the Briefing page its story
    step. The file prints to PDF from any browser, which Community Cloud (no Chromium) relies on.
    """
    package, _ = reuse_package()
    seed_filters(package)  # the page bar runs before the sidebar on a session's first run
    filters = read_filters(package)  # read now: the click's request has no script run behind it
    step = None
    if on_briefing:
        # The story has one step per event of the view; no need to build it here.
        count = len(view_package(package, filters)["events"])
        # The widget's value, which a Next click has already moved; the URL lags one run behind.
        held = st.session_state.get(STORY_STEP_KEY)
        if held is None:
            held, _ = read_step_param(st.query_params.to_dict(), count)
        step = min(max(int(held), 1), count) if held and count else None

    def build() -> bytes:
        return render_briefing_view(package, filters, step, read_boundaries()).encode("utf-8")

    render_download(
        "Download briefing",
        build,
        f"{APP_SLUG}-{package.version}-briefing.html",
        "text/html",
        key=key,
        icon=":material/download:",
        help="One HTML file with every figure's evidence; opens with no network, prints to PDF.",
    )


# The page visit's notices: {"path": url path, "notices": [...]}. A notice about the link stays
# until the reader leaves the page: a component's own rerun (the map's) must not wipe it.
VISIT_KEY = "page_visit"
# This run's page-level filters, as parts of the "Filtered: …" line.
PAGE_FILTERS_KEY = "page_filters"


def _keep_notices(notices: list[str]) -> None:
    held = st.session_state[VISIT_KEY]["notices"]
    held += [notice for notice in notices if notice not in held]


def start_page_visit(url_path: str, missing: str | None = None) -> PageSpec:
    """Begin a run of the page at ``url_path``: a new page starts a new visit (no notices), and
    link parts the page does not read are dropped from the URL with a notice. ``missing`` is
    the path a link asked for when no page lives there (``routing.take_missing_page``)."""
    spec = find_page_at(url_path) or next(s for s in PAGE_SPECS if s.default)
    visit = st.session_state.get(VISIT_KEY)
    if visit is None or visit["path"] != url_path:
        st.session_state[VISIT_KEY] = {"path": url_path, "notices": []}
    st.session_state[PAGE_FILTERS_KEY] = []
    if missing is not None:
        _keep_notices([describe_missing_page(missing, spec.title)])
    params = st.query_params.to_dict()
    unknown = find_unknown_params(params, spec.params)
    if unknown:
        _keep_notices([describe_unknown_params(params, unknown, spec.title)])
        for name in unknown:
            st.query_params.pop(name, None)
    return spec


def add_page_filter(part: str) -> None:
    """Name one of the page's own filters (e.g. "categories Withdrawal") in the "Filtered: …"
    line; '' adds nothing."""
    if part:
        st.session_state.setdefault(PAGE_FILTERS_KEY, []).append(part)


def render_active_filters(slot, package: Package, filters: Filters) -> None:
    """Fill ``slot`` (at the top of the page, made before it ran) with the visit's notices about
    the link and the line naming the filters that narrow the page, global and its own."""
    if VISIT_KEY not in st.session_state:  # a page run without start_page_visit
        st.session_state[VISIT_KEY] = {"path": None, "notices": []}
    _keep_notices(st.session_state.pop(FILTER_NOTICES_KEY, []))
    page_parts = tuple(st.session_state.get(PAGE_FILTERS_KEY, []))
    with slot:
        for notice in st.session_state[VISIT_KEY]["notices"]:
            st.info(escape_markdown(notice), icon=":material/link_off:")
        line = describe_filters(filters, package, page_parts)
        if line:
            clear = " Clear them in the sidebar." if filters.active else ""
            st.info(escape_markdown(line) + clear, icon=":material/filter_alt:")


def render_fragment_styles() -> None:
    """The stylesheet of every fragment (cards, tiles, relation lines), once per page run: the
    fragments carry none, so a page of many cards sends it once."""
    st.html(FRAGMENT_CSS)  # only a <style>: Streamlit keeps it out of the page's layout


def render_footer(package: Package) -> None:
    """Sources and dataset version, at the bottom of every page."""
    st.divider()
    st.caption(derive(describe_footer, package))


def locate_vendor_assets() -> str:
    """URL folder of the vendored web assets, honouring a server.baseUrlPath."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{'/' + base if base else ''}/app/static/vendor"


def render_download(
    label: str,
    data: bytes | Callable[[], bytes],
    file_name: str,
    mime: str,
    *,
    key: str,
    where=st,
    **options,
) -> None:
    """A download button (in ``where``: the page or ``st.sidebar``); ``data`` may be a function,
    called only when the button is clicked."""
    where.download_button(
        label,
        data,
        file_name=file_name,
        mime=mime,
        key=key,
        # No rerun on click: a download changes nothing on the page, and a rerun registers a new
        # deferred file and drops the one the click is fetching, so it could never start.
        on_click="ignore",
        **options,
    )


def render_csv_download(table, label: str, name: str, key: str, **options) -> None:
    """A button that downloads ``table`` as ``<APP_SLUG>-<name>.csv``."""
    render_download(
        label,
        table.to_csv(index=False).encode("utf-8"),
        f"{APP_SLUG}-{name}.csv",
        "text/csv",
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


def render_notices(notices: list[str]) -> None:
    """Say which parts of the link were ignored: kept for the page visit and shown at the top of
    the page with every other link notice, in the same words and look."""
    if VISIT_KEY not in st.session_state:
        st.session_state[VISIT_KEY] = {"path": None, "notices": []}
    _keep_notices(notices)


def render_pager(items: list, per_page: int, key: str, label: str) -> list:
    """The items on the page a number input picks (shown only when there is more than one).

    ``label`` may name ``{pages}`` and ``{per_page}``.
    """
    pages = max(1, -(-len(items) // per_page))
    page = 1
    if pages > 1:
        page = st.number_input(
            label.format(pages=pages, per_page=per_page),
            min_value=1,
            max_value=pages,
            step=1,
            key=key,
        )
    return items[(page - 1) * per_page : page * per_page]


def render_html(markup: str) -> None:
    """Place HTML built (and escaped) by lib.render."""
    st.markdown(markup, unsafe_allow_html=True)


def render_columns(parts: list[tuple[str, str]]) -> None:
    """One column per (key, HTML) part, side by side; nothing for an empty list."""
    if parts:
        for column, (_, markup) in zip(st.columns(len(parts)), parts, strict=True):
            column.markdown(markup, unsafe_allow_html=True)


def render_lines(lines: list[str]) -> None:
    """Lines of text from data, escaped, one per line."""
    st.markdown("  \n".join(escape_markdown(line) for line in lines))


def render_dataframe(table: pd.DataFrame, key: str) -> None:
    """A table without its index."""
    st.dataframe(table, hide_index=True, key=key)
