"""Sources: read each document with its claims and quality problems highlighted, and search
every claim's quote and statement."""

from functools import partial

import streamlit as st

from lib.analysis import evidence, search
from lib.app import chrome, claim_picker, links, panels, state
from lib.app.cache import derive
from lib.render import reader
from lib.render.search import describe_search, render_search_results_html
from lib.render.style import SOURCES_LAYOUT_CSS, assign_source_colours
from lib.render.tables import build_claims_table
from lib.render.text import escape_markdown

DOCUMENT_KEY, CLAIM_KEY, SEARCH_KEY = "sources_document", "sources_claim", "sources_q"

package = state.load_view()
topic_label, _ = evidence.index_topics(package)
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
        options=evidence.list_source_topics(package, source_id),
        format_func=topic_label.get,
        key="sources_topics",
    )
)
shown = build_claims_table(package, source_id, topic_ids)
table = build_claims_table(package, source_id, topic_ids, query)
selected = st.session_state.get(CLAIM_KEY)
selected = selected if selected in set(shown["claim_id"]) else None
state.write_param("source", source_id)
state.write_param("claim", selected)
state.write_param("q", query.strip() or None)
carry = {**state.read_carried_params(), **({"q": query.strip()} if query.strip() else {})}

results = derive(search.search_claims, package, query)
if query.strip():
    st.caption(escape_markdown(describe_search(query, results)))
if results:
    colours = assign_source_colours(package["sources"]["source_id"])
    with st.container(height=min(90 + 62 * len(results), 320), key="sources_results_box"):
        href = partial(links.link_reader, carry=carry)
        markup = render_search_results_html(results, href, colours, selected)
        claim_picker.render_claim_picker(markup, "sources_results", pick)

st.html(SOURCES_LAYOUT_CSS)
reader_col, side_col = st.columns([3, 2], gap="large")
spans = reader.collect_document_spans(package, source_id, shown["claim_id"])
dimmed = set(shown["claim_id"]) - set(table["claim_id"])
href = partial(links.link_reader, source_id, carry=carry)
with reader_col:
    markup = reader.render_document_html(package.seeds[source_id], spans, selected, href, dimmed)
    claim_picker.render_claim_picker(markup, "sources_reader", pick)
with side_col.container(key="sources_side"):
    if selected:
        with st.container(key="sources_selected"):
            panels.render_selected_claim(package, selected)
            st.button(
                "Clear selection",
                key="sources_clear",
                on_click=state.set_value,
                args=(CLAIM_KEY, None),
                icon=":material/close:",
            )
    else:
        st.caption("Click a highlight, a search result or a table row to see its claim here.")
    panels.render_source_metadata(package, source_id)

st.subheader(f"Claims in {source_id} ({len(table)})")
st.caption(
    "Table twin of the highlights (a search narrows it). Select a row, or click a highlight, to "
    "outline its quote; the address bar then links to that claim."
)
claim_ids = list(table["claim_id"])
# The selection is part of the key, so a highlight clicked elsewhere shows as this table's row.
table_key = f"sources_claims_table:{source_id}:{'|'.join(topic_ids)}:{query}:{selected}"
picked = [claim_ids.index(selected)] if selected in claim_ids else []
st.dataframe(
    table,
    key=table_key,
    on_select=partial(claim_picker.select_table_row, table_key, CLAIM_KEY, claim_ids),
    selection_mode="single-row",
    selection_default={"selection": {"rows": picked}} if picked else None,
    hide_index=True,
)
label, name = "Download these claims (CSV)", f"claims-{source_id}"
chrome.render_csv_download(table, label, name, "sources_download", icon=":material/download:")
panels.render_quality_flags(package, source_id)
chrome.render_footer(package)
