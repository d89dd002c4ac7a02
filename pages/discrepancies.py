"""Discrepancies: who reports what, each disagreement typed, and the words behind each side."""

import streamlit as st

from lib.analysis import coverage
from lib.analysis.evidence import index_topics, select_claims
from lib.app import chrome, panels, state
from lib.app.cache import derive
from lib.render.style import RELATION_STYLES
from lib.render.text import escape_markdown

# A large package has thousands of shared topics: page the panels, cap the matrix.
PANELS_PER_PAGE = 20
MATRIX_MAX_TOPICS = 60

package = state.load_view()
labels, _ = index_topics(package)
href = state.make_reader_link()

st.title("Discrepancies")
st.caption(
    "Where the sources agree, differ and fall silent. Every relation is typed by a curator and "
    "checked against one computed from the figures and dates."
)

st.subheader("Coverage: who reports what")
table = derive(coverage.build_coverage_table, package, MATRIX_MAX_TOPICS)
picked = st.dataframe(
    table,
    hide_index=True,
    key="discrepancies_matrix",
    on_select="rerun",
    selection_mode="single-cell",
)
st.caption(coverage.describe_coverage(package, table))
cell = state.read_matrix_cell(package, picked.selection.cells, table)
if cell:
    topic_id, source_id = cell
    st.markdown(f"**{escape_markdown(source_id)} on {escape_markdown(labels[topic_id])}**")
    chosen = select_claims(package, coverage.list_cell_claims(package, topic_id, source_id))
    silent = f"{source_id} says nothing about this topic."
    panels.render_claim_cards(chosen, package, href, silent)

st.subheader("Disputed and shared topics")
topic_panels = derive(coverage.list_topic_panels, package)
kinds = st.multiselect(
    "Show topics whose relations include (all when empty)",
    options=list(coverage.SEVERITY),
    format_func=lambda r: RELATION_STYLES[r][0],
    key="discrepancies_relations",
)
shown = coverage.filter_panels(topic_panels, kinds)
label = "Panels page (1–{pages}, {per_page} topics each)"
page = chrome.render_pager(shown, PANELS_PER_PAGE, "discrepancies_panel_page", label)
st.caption(
    f"{len(shown)} of {len(topic_panels)} topics reported by two or more sources, worst first."
)
for panel in page:
    panels.render_topic_panel(panel, package, href)

single = derive(coverage.list_single_source_topics, package)
with st.expander(f"Reported by one source only ({len(single)} topics)"):
    chrome.render_dataframe(single.drop(columns="topic_id"), "discrepancies_single")

panels.render_source_quality(package)
chrome.render_footer(package)
