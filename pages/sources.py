"""Sources: read each document with its claims and quality problems highlighted, and search
every claim's quote and statement."""

from functools import partial

import streamlit as st

from lib.analysis import evidence
from lib.app import chrome, claim_picker, links, panels, state
from lib.app.cache import derive
from lib.app.pages import CLAIM_PARAM, SEARCH_PARAM, SOURCE_PARAM
from lib.render import reader
from lib.render.style import SOURCES_LAYOUT_CSS
from lib.render.tables import build_claims_table

DOCUMENT_KEY, CLAIM_KEY, SEARCH_KEY = "sources_document", "sources_claim", "sources_q"

package = state.load_view()
topic_label, _ = derive(evidence.index_topics, package)
source_of = derive(evidence.index_claim_sources, package)
# The URL names a document, a claim and a search; they seed the widgets once, then follow them.
documents, notices = state.seed_reader(package, DOCUMENT_KEY, CLAIM_KEY, SEARCH_KEY)
pick = partial(claim_picker.select_claim, CLAIM_KEY, DOCUMENT_KEY, source_of)

st.title("Sources")
chrome.render_notices(notices)
st.caption(
    "Each document verbatim. Coloured passages are curated claims: hover or tab to one for its "
    "topic, figure and resolved date; click it to select it. A wavy red underline marks a "
    "quality problem."
)
search_col, pick_col, topic_col = st.columns(3)
query = search_col.text_input(
    "Search every claim (quotes and statements)",
    key=SEARCH_KEY,
    placeholder="e.g. Wagner, 1,000, drone base",
)
source_id = pick_col.selectbox(
    "Document",
    options=documents,
    format_func=derive(evidence.label_sources, package).get,
    key=DOCUMENT_KEY,
)
offered = derive(evidence.list_source_topics, package, source_id)
narrow = "Topics (narrows highlights and table)"
topic_ids = tuple(
    topic_col.multiselect(narrow, offered, format_func=topic_label.get, key="sources_topics")
)
shown = derive(build_claims_table, package, source_id, topic_ids)
table = derive(build_claims_table, package, source_id, topic_ids, query)
selected = state.read_chosen(CLAIM_KEY, shown["claim_id"])
state.write_param(SOURCE_PARAM, source_id)
state.write_param(CLAIM_PARAM, selected)
state.write_param(SEARCH_PARAM, query.strip() or None)
carry = state.read_carried_params(SEARCH_PARAM)  # the reader's links keep the search too

panels.render_search_results(package, query, selected, carry, pick)

st.html(SOURCES_LAYOUT_CSS)
reader_col, side_col = st.columns([3, 2], gap="large")
href = partial(links.link_reader, source_id, carry=carry)
with reader_col:  # the claims shown, highlighted; those the search leaves out, dimmed
    shown_ids, matched_ids = shown["claim_id"], table["claim_id"]
    markup = reader.render_source_html(package, source_id, shown_ids, matched_ids, selected, href)
    claim_picker.render_claim_picker(markup, "sources_reader", pick)
with side_col:
    panels.render_claim_side(package, source_id, selected, CLAIM_KEY)

st.subheader(f"Claims in {source_id} ({len(table)})")
st.caption(
    "Table twin of the highlights (a search narrows it). Select a row, or click a highlight, to "
    "outline its quote; the address bar then links to that claim."
)
view = f"{source_id}:{'|'.join(topic_ids)}:{query}"  # one table selection per view
panels.render_claims_picker_table(table, view, selected, CLAIM_KEY)
label, name = "Download these claims (CSV)", f"claims-{source_id}"
chrome.render_csv_download(table, label, name, "sources_download", icon=":material/download:")
panels.render_quality_flags(package, source_id)
chrome.render_footer(package)
