"""Sources: read each document with its claims and quality problems highlighted, and search
every claim's quote and statement."""

from functools import partial

import streamlit as st

from lib.analysis import evidence
from lib.app import chrome, claim_picker, links, panels, state
from lib.app.cache import derive
from lib.render import reader
from lib.render.style import SOURCES_LAYOUT_CSS
from lib.render.tables import build_claims_table

DOCUMENT_KEY, CLAIM_KEY, SEARCH_KEY = "sources_document", "sources_claim", "sources_q"

package = state.load_view()
topic_label, _ = derive(evidence.index_topics, package)
source_of = derive(evidence.index_claim_sources, package)
# The URL names a document, a claim and a search; they seed the widgets once, then follow them.
params = st.query_params.to_dict()
wanted_source, wanted_claim, notices = links.read_sources_params(params, package)
filter_sources = state.read_source_filter()
documents = evidence.list_documents(package, filter_sources)
opened, outside = evidence.choose_document(documents, wanted_source, filter_sources)
state.seed_value(DOCUMENT_KEY, opened)
claim_picker.keep_option(DOCUMENT_KEY, documents, opened)
state.seed_value(CLAIM_KEY, wanted_claim)
state.seed_value(SEARCH_KEY, params.get("q"))
pick = partial(claim_picker.select_claim, CLAIM_KEY, DOCUMENT_KEY, source_of)

st.title("Sources")
chrome.render_notices(notices + outside)
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
topic_ids = tuple(
    topic_col.multiselect(
        "Topics (narrows highlights and table)",
        options=derive(evidence.list_source_topics, package, source_id),
        format_func=topic_label.get,
        key="sources_topics",
    )
)
shown = derive(build_claims_table, package, source_id, topic_ids)
table = derive(build_claims_table, package, source_id, topic_ids, query)
selected = st.session_state.get(CLAIM_KEY)
selected = selected if selected in set(shown["claim_id"]) else None
state.write_param("source", source_id)
state.write_param("claim", selected)
state.write_param("q", query.strip() or None)
carry = {**state.read_carried_params(), **({"q": query.strip()} if query.strip() else {})}

panels.render_search_results(package, query, selected, carry, pick)

st.html(SOURCES_LAYOUT_CSS)
reader_col, side_col = st.columns([3, 2], gap="large")
spans = reader.collect_document_spans(package, source_id, shown["claim_id"])
dimmed = set(shown["claim_id"]) - set(table["claim_id"])
href = partial(links.link_reader, source_id, carry=carry)
with reader_col:
    markup = reader.render_document_html(package.seeds[source_id], spans, selected, href, dimmed)
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
