"""Discrepancies: who reports what, each disagreement typed, and the words behind each side."""

import streamlit as st

from lib.analysis import coverage
from lib.app import chrome, panels, state
from lib.app.cache import derive
from lib.app.pages import CELL_PARAM, TOPIC_PARAM
from lib.data.schema import RELATION_TYPES
from lib.render.cards import label_relation

# A large package has thousands of shared topics and sources: cap the matrix (the panels are
# paged). A browser draws a few dozen columns; two thousand took seconds to send and draw.
MATRIX_MAX_TOPICS, MATRIX_MAX_SOURCES = 60, 30
MATRIX_KEY, PAGE_KEY = "discrepancies_matrix", "discrepancies_panel_page"
TOPIC_KEY, SCROLL_KEY = "discrepancies_topic", "discrepancies_scroll_to"

package = state.load_view()
href = state.make_reader_link()
topic_panels = derive(coverage.list_topic_panels, package)
known_topics = [p["topic_id"] for p in topic_panels]
notices = state.seed_jump_from_url(TOPIC_KEY, TOPIC_PARAM, known_topics, SCROLL_KEY)

st.title("Discrepancies")
st.caption(
    "Where the sources agree, differ and fall silent. Every relation is typed by a curator and "
    "checked against one computed from the figures and dates."
)
notice_box, jump_box = st.container(), st.container()

st.subheader("Coverage: who reports what")
sources = state.read_source_filter()
table = derive(
    coverage.build_coverage_table, package, MATRIX_MAX_TOPICS, sources, MATRIX_MAX_SOURCES
)
default, cell_notices = state.read_cell_link(CELL_PARAM, table)
picked = panels.render_coverage_matrix(table, MATRIX_KEY, default)
st.caption(coverage.describe_coverage(package, table, sources))
cell = state.read_matrix_cell(package, picked.selection.cells, table)
state.write_cell_link(CELL_PARAM, cell)
if cell:
    panels.render_cell_claims(package, cell, href)

st.subheader("Disputed and shared topics")
kinds = st.multiselect(
    "Show topics whose relations include (all when empty)",
    options=list(RELATION_TYPES),  # most serious first
    format_func=label_relation,
    key="discrepancies_relations",
)
shown = coverage.filter_panels(topic_panels, kinds)
on_page = coverage.index_panel_pages(shown, coverage.PANELS_PER_PAGE)
with jump_box:
    topic = panels.render_topic_jump(shown, TOPIC_KEY, PAGE_KEY, on_page, SCROLL_KEY)
state.write_param(TOPIC_PARAM, topic)
if topic is not None:
    state.seed_value(PAGE_KEY, on_page[topic])
label = "Panels page (1–{pages}, {per_page} topics each)"
page = chrome.render_pager(shown, coverage.PANELS_PER_PAGE, PAGE_KEY, label)
st.caption(
    f"{len(shown)} of {len(topic_panels)} topics reported by two or more sources, worst first. "
    "Open a topic for its relations and each source's quotes."
)
for panel in page:
    panels.render_topic_panel(panel, package, expanded=panel["topic_id"] == topic)
scroll_to = state.take_value(SCROLL_KEY)
if scroll_to is not None and scroll_to == topic:
    panels.render_scroll_to(f"discrepancies_topic_{topic}")

single = derive(coverage.list_single_source_topics, package)
with st.expander(f"Reported by one source only ({len(single)} topics)"):
    chrome.render_dataframe(single.drop(columns="topic_id"), "discrepancies_single")

with notice_box:
    chrome.render_notices(notices + cell_notices)
panels.render_source_quality(package)
chrome.render_footer(package)
