"""About: the method, the data dictionary from datapackage.json, the version and the licences."""

import streamlit as st

from lib.about import build_data_dictionary, describe_interval_rules, list_date_rules, list_licences
from lib.schema import TABLES
from lib.ui import load_view, render_csv_download, render_footer

package = load_view()

st.title("About Sahel Brief")
st.caption(
    f"Dataset version {package.version}. An evidence-linked briefing on the 2024 US military "
    "withdrawal from Niger, built from news documents claim by claim."
)

st.subheader("Method")
st.markdown(
    "- **Curation.** Each claim is one checkable statement with its verbatim quote and the "
    "character offsets of that quote in the document (Unicode code points). The documents are "
    "kept byte for byte; their SHA-256 is recorded and checked.\n"
    "- **Provenance.** Every number, date and place on screen is a claim: select it for the "
    "quote, the source, the claimant and the offsets, and open it in the Sources reader.\n"
    "- **Disagreement.** Pairs of claims on one topic from different sources are typed "
    "(agrees, refines, different scope, different time, conflicts) with a one-line "
    "explanation, and checked against a relation computed from their figures and dates.\n"
    "- **Validation.** The app checks the whole package at start-up (`python -m lib.validate` "
    "runs the same checks) and shows nothing but the problems if any is found."
)
st.markdown(
    "**Figures become intervals:**\n" + "\n".join(f"- {r}" for r in describe_interval_rules())
)
st.markdown(
    "**Dates are resolved, not guessed.** A relative expression (“on Saturday”, “last July”) "
    "is kept verbatim with a named rule and counted from the document's estimated publication "
    "range (or from another claim's date); the resolved range and its basis are stored with the "
    "claim and recomputed by the validator."
)
with st.expander(f"The {len(list_date_rules())} date rules"):
    st.dataframe(list_date_rules(), hide_index=True, key="about_rules")

st.subheader("Data dictionary")
st.caption("Generated from datapackage.json, which is itself generated from the schema in lib/.")
dictionary = build_data_dictionary(package.descriptor or {})
table = st.selectbox("Table", options=list(TABLES), key="about_table")
st.dataframe(dictionary[dictionary["table"] == table], hide_index=True, key="about_dictionary")
render_csv_download(
    package[table], f"Download {table}.csv (as filtered)", table, "about_download_table"
)

st.subheader("Licences")
st.dataframe(list_licences(package), hide_index=True, key="about_licences")

st.subheader("Adding a document")
st.markdown(
    "1. Copy the file into `seeds/` unchanged and add its row to `sources.csv`, with the "
    "estimated publication range and its basis.\n"
    "2. Add its claims, places, actors, events and quality flags; leave offsets and resolved "
    "dates empty.\n"
    "3. Run `python -m scripts.curate`, then `python -m lib.validate`, and type every new "
    "cross-source pair it lists in `relations.csv`. Bump the version in `datapackage.json`.\n\n"
    "The new source then gets its own colour, column and panels on every page with no code "
    "change."
)
render_footer(package)
