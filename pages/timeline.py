"""Timeline: every event as a date range in its actor's lane, with the quotes behind each date."""

from functools import partial

import streamlit as st

from lib.analysis import events as timeline
from lib.app import chrome, panels, pickers, state
from lib.app.cache import derive, derive_held, reuse_package
from lib.app.pages import CATEGORIES_PARAM, EVENT_PARAM
from lib.render import tables
from lib.render.style import CATEGORY_STYLES
from lib.render.timeline_chart import describe_category_filter, draw_timeline, render_event_key_html

EVENT_KEY, CHART_KEY, ZOOM_KEY = "timeline_event", "timeline_chart", "timeline_range"
CATEGORIES_KEY = "timeline_categories"

package = state.load_view()  # the sidebar's filters are the only dates and sources
whole_package = reuse_package()[0]
# Lanes and category choices come from the whole package, so filters never reorder or drop them.
lanes = derive_held(timeline.list_event_lanes, whole_package)  # passed on: keyed, not hashed
events = derive(timeline.build_timeline_events, package, lanes)
titles = dict(zip(events["event_id"], events["title"], strict=True))
total = len(whole_package["events"])  # "3 of 22 events": of the whole story, not the view
choices = timeline.list_event_categories(whole_package)
labels = {c: CATEGORY_STYLES[c].label for c in choices}
notices = state.seed_from_url(EVENT_KEY, EVENT_PARAM, titles, "event")
notices += state.seed_list_from_url(CATEGORIES_KEY, CATEGORIES_PARAM, choices, "event categories")
href = state.make_reader_link()

st.title("Timeline")
chrome.render_notices(notices)
st.caption(
    "When each event happened and how sure the documents let us be. Click a symbol, or pick an "
    "event below, for the quotes from each source."
)
# In a room the page's own filter folds away: the chart is what the audience reads.
with st.expander("Categories", expanded=False) if state.is_presenting() else st.container():
    label = "Categories (all when empty)"
    categories = pickers.render_ids_picker(label, choices, labels, CATEGORIES_KEY, CATEGORIES_PARAM)
chrome.add_page_filter(describe_category_filter(categories))
visible = timeline.filter_timeline(events, None, categories)
busiest = timeline.find_busiest_period(visible)
# The period buttons zoom the chart, never the data: a room sees the crisis first, the reader
# can pan out of it, and no other page (or the sidebar) loses events to a click here.
state.seed_value(ZOOM_KEY, busiest if busiest and state.is_presenting() else None)
# Past a few hundred events (a year of reporting) the chart draws one window of them at a time.
view = timeline.fit_timeline_view(visible, st.session_state.get(ZOOM_KEY), total)
zoom, window, drawn = view.zoom, view.window, view.drawn
if visible.empty:
    st.info(view.captions[0], icon=":material/event_busy:")
else:
    panels.render_period_buttons(ZOOM_KEY, busiest, view.span)
    pick = partial(state.pick_selected_event, known=set(drawn["event_id"]))
    st.plotly_chart(
        derive(draw_timeline, package, window, categories, (), state.read_scale(), lanes, zoom),
        key=CHART_KEY,
        on_select=partial(state.select_from_chart, CHART_KEY, EVENT_KEY, pick),
        selection_mode=("points",),
        width="stretch",
        config={"displaylogo": False, "scrollZoom": True},
    )
    for caption in view.captions:
        st.caption(caption)
    chrome.render_html(render_event_key_html(view.in_view))

# The events drawn, and the one a link chose even when it lies outside the window.
offered = state.offer_with_chosen(EVENT_KEY, list(drawn["event_id"]), visible["event_id"])
hint = "Click a symbol, or pick an event"
event_id = pickers.render_id_picker("Event", titles, EVENT_KEY, EVENT_PARAM, hint, offered)
if event_id is not None:
    panels.render_event_evidence(package, events, event_id, href)

events_table = partial(tables.build_events_table, drawn)
twin = "Table: the events shown above"
chrome.render_table_twin(twin, len(drawn), events_table, "events", "events", "timeline")
chrome.render_footer(package)
