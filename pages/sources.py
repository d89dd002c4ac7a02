"""Sources: read each document with its claims and quality problems highlighted."""

import streamlit as st

from lib.evidence import (
    build_claims_table,
    describe_claim,
    describe_source,
    label_source,
    summarise_flags,
)
from lib.palette import THEME_LABELS
from lib.reader import (
    collect_spans,
    render_colour_key_html,
    render_document_html,
    render_metadata_html,
)
from lib.ui import load_package, render_footer

TABLE_KEY = "sources_claims_table"

package, _ = load_package()
sources, topics, claims = package["sources"], package["topics"], package["claims"]
topic_label = dict(zip(topics["topic_id"], topics["label"], strict=True))
topic_theme = dict(zip(topics["topic_id"], topics["theme"], strict=True))

st.title("Sources")
st.caption(
    "Each document verbatim. Coloured passages are curated claims: hover or tab to one for its "
    "topic, figure and resolved date. A wavy red underline marks a quality problem."
)
pick_col, topic_col, search_col = st.columns([2, 2, 1])
source_id = pick_col.selectbox(
    "Document",
    options=list(sources["source_id"]),
    format_func=lambda sid: label_source(package, sid),
    key="sources_document",
)
topic_ids = tuple(
    topic_col.multiselect(
        "Topics (narrows highlights and table)",
        options=sorted(set(claims.loc[claims["source_id"] == source_id, "topic"])),
        format_func=topic_label.get,
        key="sources_topics",
    )
)
search = search_col.text_input("Search quotes", key="sources_search")
table = build_claims_table(package, source_id, topic_ids, search)

state = st.session_state.get(TABLE_KEY)
picked = state.selection.rows if state else []
selected = table.iloc[picked[0]]["claim_id"] if picked and picked[0] < len(table) else None

reader_col, side_col = st.columns([3, 2], gap="large")
with reader_col:
    flags = package["quality_flags"]
    spans = collect_spans(
        claims[claims["claim_id"].isin(table["claim_id"])],
        flags[flags["source_id"] == source_id],
        topic_theme,
        topic_label,
    )
    st.html(render_document_html(package.seeds[source_id], spans, selected))
with side_col:
    if selected:
        claim = claims[claims["claim_id"] == selected].iloc[0]
        with st.container(border=True):
            st.markdown(f"**Selected claim `{selected}`**")
            st.text(describe_claim(claim, topic_label[claim["topic"]]))
            st.caption(f"Quote, chars {claim['char_start']}–{claim['char_end']} of {source_id}:")
            st.code(claim["quote"], language=None, wrap_lines=True)
    with st.expander("Document metadata", expanded=True, icon=":material/info:"):
        st.html(render_metadata_html(describe_source(package, source_id)))
    with st.expander("Colour key", expanded=True, icon=":material/palette:"):
        st.html(render_colour_key_html(topics, THEME_LABELS))

st.subheader(f"Claims in {source_id} ({len(table)})")
st.caption("Table twin of the highlights. Select a row to outline its quote in the document.")
st.dataframe(table, key=TABLE_KEY, on_select="rerun", selection_mode="single-row", hide_index=True)
st.download_button(
    "Download these claims (CSV)",
    table.to_csv(index=False).encode("utf-8"),
    file_name=f"sahel-brief-claims-{source_id}.csv",
    mime="text/csv",
    key="sources_download",
    icon=":material/download:",
)
st.subheader("Quality flags")
st.caption("Problems in the text as curated data: kind, exact span and what was meant.")
st.dataframe(summarise_flags(package, source_id), hide_index=True)
render_footer(package)
