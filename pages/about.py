"""About: the method, the data dictionary from datapackage.json, the version and the licences."""

import streamlit as st

from lib import APP_TITLE
from lib.analysis import about
from lib.app import chrome, state
from lib.data.schema import TABLES

package = state.load_view()

st.title(f"About {APP_TITLE}")
st.caption(
    f"Dataset version {package.version}. An evidence-linked briefing on the 2024 US military "
    "withdrawal from Niger, built from news documents claim by claim."
)

st.subheader("Method")
st.markdown(about.METHOD_MARKDOWN)
st.markdown(about.describe_intervals_markdown())
st.markdown(about.DATES_MARKDOWN)
rules = about.list_date_rules()
with st.expander(f"The {len(rules)} date rules"):
    chrome.render_dataframe(rules, "about_rules")

st.subheader("Data dictionary")
st.caption("Generated from datapackage.json, which is itself generated from the schema in lib/.")
dictionary = about.build_data_dictionary(package.descriptor or {})
table = st.selectbox("Table", options=list(TABLES), key="about_table")
chrome.render_dataframe(dictionary[dictionary["table"] == table], "about_dictionary")
label = f"Download {table}.csv (as filtered)"
chrome.render_csv_download(package[table], label, table, "about_download_table")

st.subheader("Changes")
st.caption("What changed in each version of the dataset, and why.")
chrome.render_dataframe(about.list_changes(package.descriptor or {}), "about_changes")

st.subheader("Licences")
chrome.render_dataframe(about.list_licences(package), "about_licences")

st.subheader("Adding a document")
st.markdown(about.ADDING_MARKDOWN)
chrome.render_footer(package)
