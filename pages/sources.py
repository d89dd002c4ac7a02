"""Sources: read each document with its claims and quality problems highlighted."""

from functools import partial

import streamlit as st

from lib.analysis import evidence
from lib.app import chrome, links, panels, state
from lib.app.cache import derive
from lib.render import reader
from lib.render.tables import build_claims_table

DOCUMENT_KEY = "sources_document"

package = state.load_view()
topic_label, _ = evidence.index_topics(package)
# The URL names a document and a claim; it seeds the widgets once, then follows them.
wanted_source, wanted_claim, notices = links.read_sources_params(st.query_params.to_dict(), package)
state.seed_value(DOCUMENT_KEY, wanted_source)

st.title("Sources")
chrome.render_notices(notices)
st.caption(
    "Each document verbatim. Coloured passages are curated claims: hover or tab to one for its "
    "topic, figure and resolved date; click it to select it. A wavy red underline marks a "
    "quality problem."
)
pick_col, topic_col, search_col = st.columns([2, 2, 1])
source_id = pick_col.selectbox(
    "Document",
    options=list(package["sources"]["source_id"]),
    format_func=derive(evidence.label_sources, package).get,
    key=DOCUMENT_KEY,
)
topic_ids = tuple(
    topic_col.multiselect(
        "Topics (narrows highlights and table)",
        options=evidence.list_source_topics(package, source_id),
        format_func=topic_label.get,
        key="sources_topics",
    )
)
search = search_col.text_input("Search quotes", key="sources_search")
table = build_claims_table(package, source_id, topic_ids, search)
claim_ids = list(table["claim_id"])
# One selection per view: row numbers from another document or filter must not carry over.
table_key = f"sources_claims_table:{source_id}:{'|'.join(topic_ids)}:{search}"
rows = state.read_table_rows(table_key)
selected, picked = state.pick_selected_claim(claim_ids, rows, wanted_claim)
state.write_param("source", source_id)
state.write_param("claim", selected)

reader_col, side_col = st.columns([3, 2], gap="large")
spans = reader.collect_document_spans(package, source_id, claim_ids)
link = partial(links.link_claim, source_id)
reader_col.html(reader.render_document_html(package.seeds[source_id], spans, selected, link))
with side_col:
    if selected:
        panels.render_selected_claim(package, selected)
    panels.render_source_metadata(package, source_id)

st.subheader(f"Claims in {source_id} ({len(table)})")
st.caption(
    "Table twin of the highlights. Select a row, or click a highlight, to outline its quote; "
    "the address bar then links to that claim."
)
default = {"selection": {"rows": picked}} if picked else None
st.dataframe(
    table,
    key=table_key,
    on_select="rerun",
    selection_mode="single-row",
    selection_default=default,
    hide_index=True,
)
label, name = "Download these claims (CSV)", f"claims-{source_id}"
chrome.render_csv_download(table, label, name, "sources_download", icon=":material/download:")
panels.render_quality_flags(package, source_id)
chrome.render_footer(package)
