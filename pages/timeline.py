"""Timeline: every event as a date range in its actor's lane, with the quotes behind each date."""

from functools import partial

import streamlit as st

from lib.analysis import events as timeline
from lib.analysis.evidence import label_sources
from lib.app import chrome, panels, state
from lib.app.cache import derive, reuse_package
from lib.render import tables
from lib.render.style import CATEGORY_STYLES
from lib.render.timeline_chart import draw_timeline, render_event_key_html

EVENT_KEY, CHART_KEY, RANGE_KEY = "timeline_event", "timeline_chart", "timeline_range"

package = state.load_view()
# Lanes come from the whole package, so the sidebar's filters never reorder or merge them.
lanes = derive(timeline.list_event_lanes, reuse_package()[0])
events = derive(timeline.build_timeline_events, package, lanes)
titles = dict(zip(events["event_id"], events["title"], strict=True))
notices = state.seed_from_url(EVENT_KEY, "event", titles, "event")
href = state.make_reader_link()

st.title("Timeline")
chrome.render_notices(notices)
st.caption(
    "When each event happened and how sure the documents let us be. Click a symbol, or pick an "
    "event below, for the quotes from each source."
)
first, last = events["date_low"].min(), events["date_high"].max()
busiest = timeline.find_busiest_period(events)
# A room sees the crisis first; the whole story is one click away.
opening = busiest if busiest and state.is_presenting() else (first, last)
state.seed_value(RANGE_KEY, opening if len(events) and first < last else None)
panels.render_period_buttons(RANGE_KEY, busiest, (first, last))
# In a room the page's own filters fold away: the chart is what the audience reads.
with st.expander("Filters", expanded=False) if state.is_presenting() else st.container():
    range_col, category_col, source_col = st.columns([2, 2, 2])
    window = None  # nothing or a single day to choose from: no slider to break
    if len(events) and first < last:
        window = range_col.slider("Dates", first, last, format="MMM YYYY", key=RANGE_KEY)
    categories = category_col.multiselect(
        "Categories (all when empty)",
        options=timeline.list_timeline_categories(events),
        format_func=lambda c: CATEGORY_STYLES[c].label,
        key="timeline_categories",
    )
    sources = source_col.multiselect(
        "Sources (all when empty)",
        options=list(package["sources"]["source_id"]),
        format_func=derive(label_sources, package).get,
        key="timeline_sources",
    )
# Sorted: the same choice picked in another order is the same cached figure.
narrowing = (window, tuple(sorted(categories)), tuple(sorted(sources)))
visible = timeline.filter_timeline(events, *narrowing)
pick = partial(state.pick_selected_event, known=set(visible["event_id"]))
st.plotly_chart(
    derive(draw_timeline, package, *narrowing, state.read_scale(), lanes),
    key=CHART_KEY,
    on_select=partial(state.select_from_chart, CHART_KEY, EVENT_KEY, pick),
    selection_mode=("points",),
    width="stretch",
    config={"displaylogo": False, "scrollZoom": True},
)
st.caption(timeline.describe_timeline(visible, len(events)))
chrome.render_html(render_event_key_html(visible))

event_id = st.selectbox(
    "Event",
    options=list(visible["event_id"]),
    index=None,
    format_func=titles.get,
    placeholder="Click a symbol, or pick an event",
    key=EVENT_KEY,
)
state.write_param("event", event_id)
if event_id is not None:
    panels.render_event_evidence(package, events, event_id, href)

events_table = partial(tables.build_events_table, visible)
twin = "Table: the events shown above"
chrome.render_table_twin(twin, len(visible), events_table, "events", "events", "timeline")
chrome.render_footer(package)
