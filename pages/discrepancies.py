"""Discrepancies: who reports what, each disagreement typed, and the words behind each side."""

import streamlit as st

from lib.cards import render_claim_cards_html, render_relation_badge_html
from lib.discrepancy import (
    SEVERITY,
    build_coverage_table,
    list_single_source_topics,
    list_topic_panels,
    read_matrix_cell,
)
from lib.evidence import select_claims
from lib.palette import RELATION_STYLES
from lib.quality import build_quality_report, build_quality_summary
from lib.ui import derive, escape_markdown, link_reader, load_view, render_footer

# A page of panels at a time: a large package has thousands of shared topics.
PANELS_PER_PAGE = 20
MATRIX_MAX_TOPICS = 60

package = load_view()
claims = package["claims"]
labels = dict(zip(package["topics"]["topic_id"], package["topics"]["label"], strict=True))

st.title("Discrepancies")
st.caption(
    "Where the sources agree, differ and fall silent. Every relation is typed by a curator and "
    "checked against one computed from the figures and dates."
)

st.subheader("Coverage: who reports what")
table = derive(build_coverage_table, package, MATRIX_MAX_TOPICS)
picked = st.dataframe(
    table,
    hide_index=True,
    key="discrepancies_matrix",
    on_select="rerun",
    selection_mode="single-cell",
)
st.caption(
    f"{len(table)} of {len(package['topics'])} topics × {len(package['sources'])} sources"
    + (
        " (those most sources report; narrow with the Topics filter)"
        if len(table) < len(package["topics"])
        else ""
    )
    + "; “—” means the source is silent. "
    "Select a cell for that source's quotes on that topic."
)
cell = read_matrix_cell(package, picked.selection.cells, table)
if cell:
    topic_id, source_id = cell
    chosen = claims[(claims["topic"] == topic_id) & (claims["source_id"] == source_id)]
    st.markdown(f"**{escape_markdown(source_id)} on {escape_markdown(labels[topic_id])}**")
    if chosen.empty:
        st.info(escape_markdown(f"{source_id} says nothing about this topic."))
    else:
        st.markdown(
            render_claim_cards_html(
                select_claims(package, chosen["claim_id"]), package, link_reader
            ),
            unsafe_allow_html=True,
        )

st.subheader("Disputed and shared topics")
panels = derive(list_topic_panels, package)
kinds = st.multiselect(
    "Show topics whose relations include (all when empty)",
    options=list(SEVERITY),
    format_func=lambda r: RELATION_STYLES[r][0],
    key="discrepancies_relations",
)
shown = [p for p in panels if not kinds or {r["curated"] for r in p["relations"]} & set(kinds)]
pages = max(1, -(-len(shown) // PANELS_PER_PAGE))
page = 1
if pages > 1:
    page = st.number_input(
        f"Panels page (1–{pages}, {PANELS_PER_PAGE} topics each)",
        min_value=1,
        max_value=pages,
        step=1,
        key="discrepancies_panel_page",
    )
st.caption(f"{len(shown)} of {len(panels)} topics reported by two or more sources, worst first.")
for panel in shown[(page - 1) * PANELS_PER_PAGE : page * PANELS_PER_PAGE]:
    with st.container(border=True, key=f"discrepancies_panel_{panel['topic_id']}"):
        st.markdown(
            f"#### {escape_markdown(panel['label'])} "
            + render_relation_badge_html(panel["headline"]),
            unsafe_allow_html=True,
        )
        st.caption(escape_markdown(panel["question"]))
        for rel in panel["relations"]:
            check = "" if rel["consistent"] is not False else f" · computed: {rel['computed']}"
            st.markdown(
                render_relation_badge_html(rel["curated"])
                + f" <b>{escape_markdown(rel['claim_a'])}</b> vs "
                f"<b>{escape_markdown(rel['claim_b'])}</b>: "
                f"{escape_markdown(rel['explanation'])}{escape_markdown(check)}",
                unsafe_allow_html=True,
            )
            if rel["consistent"] is False:
                st.warning(
                    escape_markdown(
                        f"The curated relation ({rel['curated']}) differs from the computed one "
                        f"({rel['computed']}): {rel['basis']}. The curator's reading is kept."
                    ),
                    icon=":material/rule:",
                )
        topic_claims = select_claims(
            package, claims.loc[claims["topic"] == panel["topic_id"], "claim_id"]
        )
        for column, source_id in zip(
            st.columns(len(panel["sources"])), panel["sources"], strict=True
        ):
            column.markdown(
                render_claim_cards_html(
                    topic_claims[topic_claims["source_id"] == source_id], package, link_reader
                ),
                unsafe_allow_html=True,
            )

single = derive(list_single_source_topics, package)
with st.expander(f"Reported by one source only ({len(single)} topics)"):
    st.dataframe(single.drop(columns="topic_id"), hide_index=True, key="discrepancies_single")

st.subheader("Source quality")
st.caption(
    "Computed from each document's text: “Nigeria/Nigerian” where the story is about Niger, and "
    "scraping debris such as “[ad_1]” or “Source link”; beside them, the curators' notes on "
    "garbled sentences and other problems no rule detects."
)
flags = package["quality_flags"]
summary = derive(build_quality_summary, package)
st.dataframe(summary, hide_index=True, key="discrepancies_quality_summary")
quality_source = st.selectbox(
    "Findings for one source",
    options=list(package["sources"]["source_id"]),
    key="discrepancies_quality_source",
)
st.dataframe(
    build_quality_report(
        package.seeds[quality_source], flags[flags["source_id"] == quality_source]
    ),
    hide_index=True,
    key="discrepancies_quality_report",
)
render_footer(package)
