"""Composite widgets the pages place: key figures, a judgment's evidence, evidence side by side,
a story stepper and step, a selected claim, a figure pair's differences and a topic's relations.
Each only arranges what lib/ computed, with the fragment builders the export uses too, told to
cite by links (lib.render.cite.LinkCiter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from lib.analysis.briefing import (
    HIDDEN_EVIDENCE,
    frame_step_dates,
    list_key_figures,
    select_disputes,
)
from lib.analysis.compare import check_relations
from lib.analysis.coverage import LABEL_COLUMNS, list_cell_claims
from lib.analysis.events import (
    build_date_marks,
    describe_disputed_pair,
    describe_event_dates,
    describe_period,
    find_disputed_pairs,
)
from lib.analysis.evidence import (
    describe_claim,
    describe_source,
    group_by_source,
    index_topics,
    list_source_topics,
    list_topic_claim_ids,
    select_claims,
)
from lib.analysis.quality import build_quality_summary, report_source_quality, summarise_flags
from lib.analysis.search import search_claims
from lib.app.cache import derive
from lib.app.chrome import render_columns, render_dataframe, render_html, render_lines
from lib.app.claim_picker import render_claim_picker, select_table_row
from lib.app.links import link_reader, make_item_link
from lib.app.state import (
    jump_to_item,
    move_step,
    name_stepper_buttons,
    offer_with_chosen,
    read_carried_params,
    set_value,
)
from lib.data.boundaries import read_boundaries
from lib.data.cells import is_present
from lib.data.read import Package, list_records
from lib.render.cards import (
    label_topic_panel,
    render_candidates_html,
    render_claim_cards_html,
    render_pair_heading_html,
    render_panel_summary_html,
    render_relation_lines_html,
)
from lib.render.cite import LinkCiter
from lib.render.minimap import render_date_strip_svg, render_minimap_svg
from lib.render.reader import render_colour_key_html, render_metadata_html
from lib.render.scroll import render_scroll_script
from lib.render.search import describe_search, render_search_results_html
from lib.render.style import assign_source_colours
from lib.render.tables import fit_column_width
from lib.render.text import escape_markdown
from lib.render.tiles import render_key_figures_html

# The coverage matrix's columns (px): a narrow topic label and compact counts, so a 390 px phone
# shows the topic and two sources' columns whole (a third scrolls into view); a desk spreads the
# spare width over every column.
MATRIX_TOPIC_WIDTH, MATRIX_REPORTED_WIDTH, MATRIX_CELL_WIDTH = 166, 56, 64
# The most topics the Discrepancies jump list offers at once (every one is sent on every run).
JUMP_MAX_TOPICS = 300


def _cards_html(records: list[dict], package: Package, href: Callable[[str, str], str]) -> str:
    # Cards in their sources' colours, each linking to the reader on its claim.
    colours = assign_source_colours(package["sources"]["source_id"])
    return render_claim_cards_html(records, colours, LinkCiter(href))


def render_claim_cards(
    claims: pd.DataFrame, package: Package, href: Callable[[str, str], str], empty: str = ""
) -> None:
    """Evidence cards for ``claims``, or the ``empty`` notice when there are none."""
    if claims.empty:
        if empty:
            st.info(escape_markdown(empty))
        return
    render_html(_cards_html(list_records(claims), package, href))


def render_by_source(
    claims: pd.DataFrame, package: Package, href: Callable[[str, str], str]
) -> None:
    """One column of evidence cards per source that has claims here, in source order."""
    parts = group_by_source(list_records(claims))
    render_columns([(s, _cards_html(rows, package, href)) for s, rows in parts])


def render_relation_lines(relations: list[dict], href: Callable[[str, str], str]) -> None:
    """Relation lines (records of ``check_relations``): each with its candidates and any
    disagreement with the computed relation; nothing for none."""
    if relations:
        render_html(render_relation_lines_html(relations, LinkCiter(href)))


def render_key_figures(
    package: Package, steps: pd.DataFrame, href: Callable[[str, str], str]
) -> None:
    """The key-figures strip of the view; each tile links to its page, keeping the view."""
    citer = LinkCiter(href, make_item_link(read_carried_params()))
    colours = assign_source_colours(package["sources"]["source_id"])
    render_html(render_key_figures_html(list_key_figures(package, steps), colours, citer))


def render_judgment(package: Package, judgment: pd.Series, href: Callable[[str, str], str]) -> None:
    """A judgment (a row of ``list_judgments``): its caveat, the disputes among its claims and
    the quotes behind it that the view keeps."""
    if is_present(judgment["caveat"]) and judgment["caveat"]:
        st.caption(f"Caveat: {escape_markdown(judgment['caveat'])}")
    checked = derive(check_relations, package)  # shared with every other page
    render_relation_lines(select_disputes(checked, judgment["kept_claims"]), href)
    backing = select_claims(package, judgment["kept_claims"])
    render_claim_cards(backing, package, href, HIDDEN_EVIDENCE)


def render_story_step(
    package: Package, steps: pd.DataFrame, step: int, href: Callable[[str, str], str]
) -> None:
    """Story step ``step`` (1-based) of ``steps``: its title, where on a minimap, when on a date
    strip with how each source dates it, and its quotes."""
    event = steps.iloc[step - 1]
    st.markdown(f"#### {step}. {escape_markdown(event['title'])}")
    where, when = st.columns([1, 2])
    with where:
        render_html(render_minimap_svg(package, read_boundaries(), event["place_id"]))
    with when:
        render_html(render_date_strip_svg(*frame_step_dates(steps, event)))
        render_lines(describe_event_dates(event, build_date_marks(package, steps)))
    render_claim_cards(select_claims(package, event["claim_ids"]), package, href)


def render_cell_claims(
    package: Package, cell: tuple[str, str], href: Callable[[str, str], str]
) -> None:
    """One coverage-matrix cell (topic id, source id): that source's quotes on that topic, or
    a line saying it is silent."""
    topic_id, source_id = cell
    labels, _ = index_topics(package)
    st.markdown(f"**{escape_markdown(source_id)} on {escape_markdown(labels[topic_id])}**")
    chosen = select_claims(package, list_cell_claims(package, topic_id, source_id))
    render_claim_cards(chosen, package, href, f"{source_id} says nothing about this topic.")


def render_period_buttons(
    key: str, busiest: tuple[date, date] | None, whole: tuple[date, date]
) -> None:
    """Two buttons that set the date range in widget ``key``: the busiest period, the whole
    story; nothing when there is no busier period to show."""
    if busiest is None:
        return
    current = tuple(st.session_state.get(key) or whole)
    with st.container(horizontal=True, key=f"{key}_periods"):
        for label, span, icon in (
            ("Busiest period", busiest, ":material/zoom_in:"),
            ("Whole story", whole, ":material/zoom_out:"),
        ):
            st.button(
                f"{label}: {describe_period(*span)}",
                key=f"{key}_{label.split()[0].lower()}",
                on_click=set_value,
                args=(key, span),
                disabled=current == tuple(span),
                icon=icon,
            )


def render_stepper(key: str, count: int, prefix: str) -> int:
    """Previous / Next buttons and a step number (1..count) kept in widget ``key``."""
    back, forward, jump = st.columns([1, 1, 2], vertical_alignment="bottom")
    step = int(st.session_state[key])
    previous_key, next_key = name_stepper_buttons(prefix)
    back.button(
        "◀ Previous",
        key=previous_key,
        disabled=step <= 1,
        on_click=move_step,
        args=(key, -1),
        width="stretch",
    )
    forward.button(
        "Next ▶",
        key=next_key,
        disabled=step >= count,
        on_click=move_step,
        args=(key, 1),
        width="stretch",
    )
    return jump.number_input(f"Step (1–{count})", min_value=1, max_value=count, step=1, key=key)


def render_selected_claim(package: Package, claim_id: str) -> None:
    """The reader's side panel for one claim: its summary and its quote with offsets."""
    claims = package["claims"]
    claim = claims[claims["claim_id"] == claim_id].iloc[0]
    labels, _ = index_topics(package)
    with st.container(border=True):
        st.markdown(f"**Selected claim `{claim_id}`**")
        st.text(describe_claim(claim, labels[claim["topic"]]))
        st.caption(
            f"Quote, chars {claim['char_start']}–{claim['char_end']} of {claim['source_id']}:"
        )
        st.code(claim["quote"], language=None, wrap_lines=True)


def render_difference(item: dict) -> None:
    """One pair of figures: its relations, the curator's word, and every way the two differ."""
    with st.container(border=True):
        render_html(render_pair_heading_html(item))
        if item["explanation"]:
            st.markdown(f"Curator: {escape_markdown(item['explanation'])}")
        if item["curated"] and item["computed"] and item["curated"] != item["computed"]:
            reason = item.get("override_reason") or "none given"
            st.warning(
                escape_markdown(
                    f"The computed relation differs: {item['basis']}. The curator's reason: "
                    f"{reason}"
                ),
                icon=":material/rule:",
            )
        st.markdown("\n".join(f"- {escape_markdown(d)}" for d in item["differences"]))
        candidates = render_candidates_html(item)
        if candidates:
            render_html(candidates)


def list_topic_columns_html(package: Package, topic_id: str, carry: tuple) -> list[tuple]:
    """A topic's evidence cards, one column of HTML per source that has claims on it; the
    links keep the ``carry`` (key, value) pairs. Cached per package view by the page, so a
    page of panels costs one lookup each, not a pass over every claim."""
    href = partial(link_reader, carry=dict(carry))
    chosen = select_claims(package, list_topic_claim_ids(package, topic_id))
    return [
        (s, _cards_html(rows, package, href)) for s, rows in group_by_source(list_records(chosen))
    ]


def render_topic_panel(panel: dict, package: Package, expanded: bool = False) -> None:
    """A shared topic, collapsed to its summary line: its worst relation, each relation with its
    check, the quotes per source. Keyed ``discrepancies_topic_<id>`` for links to scroll to."""
    carried = read_carried_params()
    carry = tuple(sorted(carried.items()))
    with (
        st.container(key=f"discrepancies_topic_{panel['topic_id']}"),
        st.expander(escape_markdown(label_topic_panel(panel)), expanded=expanded),
        st.container(key=f"discrepancies_panel_{panel['topic_id']}"),
    ):
        render_html(render_panel_summary_html(panel))
        render_relation_lines(panel["relations"], partial(link_reader, carry=carried))
        render_columns(derive(list_topic_columns_html, package, panel["topic_id"], carry))


def render_coverage_matrix(table: pd.DataFrame, key: str, default: dict | None):
    """The coverage matrix as a one-cell picker, tall enough for every row, with narrow columns
    so two or three sources fit a phone; returns the dataframe's selection state."""
    topic, reported = LABEL_COLUMNS
    config = {
        topic: st.column_config.TextColumn(width=MATRIX_TOPIC_WIDTH),
        reported: st.column_config.TextColumn(
            "by",
            width=fit_column_width(table[reported], MATRIX_REPORTED_WIDTH),
            help="How many of the sources shown report the topic",
            alignment="center",
        ),
        **{
            c: st.column_config.TextColumn(width=MATRIX_CELL_WIDTH, alignment="center")
            for c in table.columns
            if c not in LABEL_COLUMNS
        },
    }
    return st.dataframe(
        table,
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-cell",
        selection_default=default,
        height="content",  # every topic shown, no scroll inside the matrix
        column_config=config,
    )


def render_topic_jump(
    panels: list[dict], key: str, page_key: str, pages: dict[str, int], scroll_key: str
) -> str | None:
    """A jump list over the topic panels, each named by its summary line; choosing one moves the
    pager to it and scrolls there. Returns the chosen topic id."""
    if st.session_state.get(key) is not None and st.session_state[key] not in pages:
        st.session_state[key] = None  # a filter now hides it
    if not panels:
        return None  # nothing to jump to (a view of one source has no shared topic)
    # A year of reporting shares thousands of topics, and every option is sent on every run:
    # the list offers the worst few hundred (and the one a link chose); the pager reaches all.
    by_id = {p["topic_id"]: p for p in panels}
    offered = offer_with_chosen(key, list(by_id)[:JUMP_MAX_TOPICS], pages)
    names = {topic_id: label_topic_panel(by_id[topic_id]) for topic_id in offered}
    placeholder = (
        f"Choose one of {len(panels)} topics, worst first"
        if len(panels) <= JUMP_MAX_TOPICS
        else f"Choose one of the {JUMP_MAX_TOPICS} worst of {len(panels)} topics (the pager "
        "below reaches every one)"
    )
    return st.selectbox(
        "Jump to a topic's panel",
        options=list(names),
        index=None,
        format_func=names.get,
        placeholder=placeholder,
        key=key,
        on_change=jump_to_item,
        args=(key, page_key, pages, scroll_key),
    )


def render_scroll_to(key: str) -> None:
    """Scroll the page to the element keyed ``key`` once it is drawn (a link to one item)."""
    st.html(render_scroll_script(key), unsafe_allow_javascript=True)  # our script; key is JSON


def render_off_map(
    off_map: pd.DataFrame,
    claims: list[pd.DataFrame],
    package: Package,
    href: Callable[[str, str], str],
) -> None:
    """Places named but not pinned on the map, each in an expander with its claims."""
    st.subheader("Named, but not on this map")
    st.caption(
        "Places the documents name that have no pin in the view above: far away, country-wide, "
        "or regions with no agreed outline. Each keeps its claims."
    )
    for (_, row), rows in zip(off_map.iterrows(), claims, strict=True):
        label = f"{row['name']} · {row['kind']} · {len(rows)} claim(s)"
        with st.expander(escape_markdown(label)):
            st.caption(row["reason"])
            render_claim_cards(rows, package, href)


def render_event_evidence(
    package: Package, events: pd.DataFrame, event_id: str, href: Callable[[str, str], str]
) -> None:
    """One timeline event: its dates and their basis, any dispute, and each source's quotes."""
    event = events[events["event_id"] == event_id].iloc[0]
    st.subheader(escape_markdown(event["title"]))
    render_lines(describe_event_dates(event, build_date_marks(package, events)))
    for relation in find_disputed_pairs(package, list(event["claim_ids"])):
        disputed = escape_markdown(describe_disputed_pair(relation, package))
        st.warning(disputed, icon=":material/compare_arrows:")
    render_by_source(select_claims(package, event["claim_ids"]), package, href)


def render_source_metadata(package: Package, source_id: str) -> None:
    """The reader's metadata panel and colour key, open by default."""
    with st.expander("Document metadata", expanded=True, icon=":material/info:"):
        st.html(render_metadata_html(describe_source(package, source_id)))
    # The key names the topics this document's highlights carry, not every topic in the
    # package (a year of reporting has tens of thousands).
    topics = package["topics"]
    own = derive(list_source_topics, package, source_id)
    with st.expander("Colour key", expanded=True, icon=":material/palette:"):
        st.html(render_colour_key_html(topics[topics["topic_id"].isin(own)]))


def render_source_quality(package: Package) -> None:
    """Computed quality findings per source beside the curators' flags, one source at a time."""
    st.subheader("Source quality")
    st.caption(
        "Computed from each document's text: “Nigeria/Nigerian” where the story is about Niger, "
        "and scraping debris such as “[ad_1]” or “Source link”; beside them, the curators' notes "
        "on garbled sentences and other problems no rule detects."
    )
    render_dataframe(derive(build_quality_summary, package), "discrepancies_quality_summary")
    source_id = st.selectbox(
        "Findings for one source",
        options=list(package["sources"]["source_id"]),
        key="discrepancies_quality_source",
    )
    report = report_source_quality(package, source_id)
    render_dataframe(report, "discrepancies_quality_report")


def render_quality_flags(package: Package, source_id: str) -> None:
    """The curated quality flags of one document, as data."""
    st.subheader("Quality flags")
    st.caption("Problems in the text as curated data: kind, exact span and what was meant.")
    st.dataframe(summarise_flags(package, source_id), hide_index=True)


# The search results' box grows with its results up to a cap (px), then scrolls inside itself.
SEARCH_BOX_BASE, SEARCH_BOX_ROW, SEARCH_BOX_MAX = 90, 62, 320


def render_search_results(
    package: Package, query: str, selected: str | None, carry: dict, pick: Callable
) -> None:
    """The search's one-line summary and its results, each selecting its claim in the reader."""
    results = derive(search_claims, package, query)
    if query.strip():
        st.caption(escape_markdown(describe_search(query, results)))
    if not results:
        return
    colours = assign_source_colours(package["sources"]["source_id"])
    height = min(SEARCH_BOX_BASE + SEARCH_BOX_ROW * len(results), SEARCH_BOX_MAX)
    with st.container(height=height, key="sources_results_box"):
        href = partial(link_reader, carry=carry)
        markup = render_search_results_html(results, href, colours, selected)
        render_claim_picker(markup, "sources_results", pick)


def render_claim_side(package: Package, source_id: str, selected: str | None, key: str) -> None:
    """Beside the reader: the selected claim (``key`` holds it) with a way to clear it, then the
    document's metadata."""
    with st.container(key="sources_side"):
        if selected:
            with st.container(key="sources_selected"):
                render_selected_claim(package, selected)
                st.button(
                    "Clear selection",
                    key="sources_clear",
                    on_click=set_value,
                    args=(key, None),
                    icon=":material/close:",
                )
        else:
            st.caption("Click a highlight, a search result or a table row to see its claim here.")
        render_source_metadata(package, source_id)


def render_claims_picker_table(table: pd.DataFrame, view: str, selected: str | None, key: str):
    """The reader's table twin as a one-row picker whose row is the selected claim (``key``)."""
    claim_ids = list(table["claim_id"])
    # The selection is part of the key, so a highlight clicked elsewhere shows as this table's row.
    table_key = f"sources_claims_table:{view}:{selected}"
    picked = [claim_ids.index(selected)] if selected in claim_ids else []
    st.dataframe(
        table,
        key=table_key,
        on_select=partial(select_table_row, table_key, key, claim_ids),
        selection_mode="single-row",
        selection_default={"selection": {"rows": picked}} if picked else None,
        hide_index=True,
    )
