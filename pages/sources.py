"""Sources: read each document with its claims and quality problems highlighted."""

import streamlit as st

from lib.evidence import (
    build_claims_table,
    describe_claim,
    describe_source,
    index_topics,
    label_sources,
    link_claim,
    list_source_topics,
    pick_selected_claim,
    read_sources_params,
    summarise_flags,
)
from lib.reader import (
    collect_document_spans,
    render_colour_key_html,
    render_document_html,
    render_metadata_html,
)
from lib.ui import derive, escape_markdown, load_view, render_csv_download, render_footer

DOCUMENT_KEY = "sources_document"

package = load_view()
topic_label, _ = index_topics(package)

# The URL names a document and a claim; it seeds the widgets once, then follows them.
wanted_source, wanted_claim, notices = read_sources_params(st.query_params.to_dict(), package)
if DOCUMENT_KEY not in st.session_state and wanted_source:
    st.session_state[DOCUMENT_KEY] = wanted_source

st.title("Sources")
for notice in notices:
    st.info(escape_markdown(notice), icon=":material/link_off:")
st.caption(
    "Each document verbatim. Coloured passages are curated claims: hover or tab to one for its "
    "topic, figure and resolved date; click it to select it. A wavy red underline marks a "
    "quality problem."
)
pick_col, topic_col, search_col = st.columns([2, 2, 1])
source_id = pick_col.selectbox(
    "Document",
    options=list(package["sources"]["source_id"]),
    format_func=derive(label_sources, package).get,
    key=DOCUMENT_KEY,
)
topic_ids = tuple(
    topic_col.multiselect(
        "Topics (narrows highlights and table)",
        options=list_source_topics(package, source_id),
        format_func=topic_label.get,
        key="sources_topics",
    )
)
search = search_col.text_input("Search quotes", key="sources_search")
table = build_claims_table(package, source_id, topic_ids, search)
claim_ids = list(table["claim_id"])

# One selection per view: row numbers from another document or filter must not carry over.
table_key = f"sources_claims_table:{source_id}:{'|'.join(topic_ids)}:{search}"
state = st.session_state.get(table_key)
selected, picked = pick_selected_claim(
    claim_ids, list(state.selection.rows) if state else None, wanted_claim
)
# Only this page's own keys: the global filters and presentation mode stay in the URL.
st.query_params["source"] = source_id
if selected:
    st.query_params["claim"] = selected
else:
    st.query_params.pop("claim", None)

reader_col, side_col = st.columns([3, 2], gap="large")
with reader_col:
    spans = collect_document_spans(package, source_id, claim_ids)
    st.html(
        render_document_html(
            package.seeds[source_id], spans, selected, lambda cid: link_claim(source_id, cid)
        )
    )
with side_col:
    if selected:
        claims = package["claims"]
        claim = claims[claims["claim_id"] == selected].iloc[0]
        with st.container(border=True):
            st.markdown(f"**Selected claim `{selected}`**")
            st.text(describe_claim(claim, topic_label[claim["topic"]]))
            st.caption(f"Quote, chars {claim['char_start']}–{claim['char_end']} of {source_id}:")
            st.code(claim["quote"], language=None, wrap_lines=True)
    with st.expander("Document metadata", expanded=True, icon=":material/info:"):
        st.html(render_metadata_html(describe_source(package, source_id)))
    with st.expander("Colour key", expanded=True, icon=":material/palette:"):
        st.html(render_colour_key_html(package["topics"]))

st.subheader(f"Claims in {source_id} ({len(table)})")
st.caption(
    "Table twin of the highlights. Select a row, or click a highlight, to outline its quote; "
    "the address bar then links to that claim."
)
st.dataframe(
    table,
    key=table_key,
    on_select="rerun",
    selection_mode="single-row",
    selection_default={"selection": {"rows": picked}} if picked else None,
    hide_index=True,
)
render_csv_download(
    table,
    "Download these claims (CSV)",
    f"claims-{source_id}",
    "sources_download",
    icon=":material/download:",
)
st.subheader("Quality flags")
st.caption("Problems in the text as curated data: kind, exact span and what was meant.")
st.dataframe(summarise_flags(package, source_id), hide_index=True)
render_footer(package)
