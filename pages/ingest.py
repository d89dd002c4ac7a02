"""Add a document: a new article's proposed claims, reviewed, then merged into the package."""

import streamlit as st

from lib.app import cache, chrome, ingest

package, _ = cache.reuse_package()  # the whole package: new rows are related to all of it

st.title("Add a document")
st.caption(
    "Upload a wire story: its figures, dates, places and actors are proposed by explained rules, "
    "each highlighted in the text. Accept, edit or reject them; the accepted rows are added to "
    "the package only if the whole package still validates."
)
ingest.render_read_only_notice()
ingest.render_result()
ingest.render_article_form(package)
draft = st.session_state.get(ingest.DRAFT_KEY)
if draft is not None:
    draft = ingest.render_review(draft, package)
    ingest.render_add(draft)
chrome.render_footer(package)
