"""Sahel Brief: the router and frame. Pages live in pages/, logic in lib/.

The page icon is an emoji on purpose: a :material/…: favicon is fetched from a font CDN, which an
air-gapped briefing room cannot reach.
"""

import streamlit as st

from lib import APP_TITLE
from lib.app.cache import load_package
from lib.app.chrome import (
    render_active_filters,
    render_fragment_styles,
    render_package_download,
    render_presentation_switch,
    render_share_link,
    render_sidebar,
    start_page_visit,
    stop_on_problems,
)
from lib.app.pages import PAGE_SPECS
from lib.app.routing import take_missing_page
from lib.paths import PAGES_DIR

st.set_page_config(page_title=APP_TITLE, page_icon="🗺️", layout="wide")

# Each page is served at the path PAGE_SPECS gives it, which links, tests and the bench all use.
PAGES = [
    st.Page(
        PAGES_DIR / spec.file,
        title=spec.title,
        icon=spec.icon,
        default=spec.default,
        url_path=spec.url_path,
    )
    for spec in PAGE_SPECS
]

# A link to no page opens the default one with our notice, not Streamlit's modal dialog.
missing = take_missing_page(PAGES)
package, problems = load_package()
# Declared even for bad data, so Streamlit never auto-lists pages/; hidden, so the error is alone.
page = st.navigation(PAGES, position="hidden" if problems else "sidebar")
stop_on_problems(package, problems)
spec = start_page_visit(page.url_path, missing)
render_fragment_styles()
render_presentation_switch(page.url_path)
filters = render_sidebar(package)
share = st.sidebar.empty()
render_package_download(package)
top = st.container()
page.run()
# After the page: the notices and "Filtered: …" line include what the page found in the link
# and its own filters, and the link carries what the page wrote to the URL (its selected item).
render_active_filters(top, package, filters)
render_share_link(share, spec)
