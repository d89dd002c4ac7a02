"""Timeline: every event as a date range in its actor's lane, with the quotes behind each date."""

from functools import partial

import streamlit as st

from lib.cards import render_claim_cards_html
from lib.evidence import label_sources, read_id_param, select_claims
from lib.palette import CATEGORY_STYLES
from lib.timeline import (
    build_date_marks,
    build_events_table,
    build_timeline_events,
    describe_event_dates,
    describe_timeline,
    draw_timeline,
    filter_timeline,
    find_disputed_pairs,
    pick_selected_event,
)
from lib.ui import (
    derive,
    escape_markdown,
    link_reader,
    load_view,
    render_footer,
    render_table_twin,
)

EVENT_KEY = "timeline_event"
SEEN_KEY = "timeline_seen_selection"

package = load_view()
events = derive(build_timeline_events, package)
marks = build_date_marks(package, events)
source_ids = list(package["sources"]["source_id"])
titles = dict(zip(events["event_id"], events["title"], strict=True))

wanted, notices = read_id_param(st.query_params.to_dict(), "event", titles, "event")
if EVENT_KEY not in st.session_state and wanted:
    st.session_state[EVENT_KEY] = wanted

st.title("Timeline")
for notice in notices:
    st.info(escape_markdown(notice), icon=":material/link_off:")
st.caption(
    "When each event happened and how sure the documents let us be. Click a symbol, or pick an "
    "event below, for the quotes from each source."
)
first, last = events["date_low"].min(), events["date_high"].max()
range_col, category_col, source_col = st.columns([2, 2, 2])
if len(events) and first < last:
    window = range_col.slider(
        "Dates",
        min_value=first,
        max_value=last,
        value=(first, last),
        format="MMM YYYY",
        key="timeline_range",
    )
else:  # nothing or a single day to choose from: no slider to break
    window = None
categories = category_col.multiselect(
    "Categories (all when empty)",
    options=[c for c in CATEGORY_STYLES if c in set(events["category"])],
    format_func=lambda c: CATEGORY_STYLES[c].label,
    key="timeline_categories",
)
sources = source_col.multiselect(
    "Sources (all when empty)",
    options=source_ids,
    format_func=derive(label_sources, package).get,
    key="timeline_sources",
)
# Sorted: the same choice picked in another order is the same cached figure.
narrowing = (window, tuple(sorted(categories)), tuple(sorted(sources)))
visible = filter_timeline(events, *narrowing)
chart = st.plotly_chart(
    derive(draw_timeline, package, *narrowing),
    key="timeline_chart",
    on_select="rerun",
    selection_mode=("points",),
    width="stretch",
    config={"displaylogo": False, "scrollZoom": True},
)
st.caption(describe_timeline(visible, len(events)))

# A new selection on the chart drives the picker; otherwise the picker keeps its own value.
picked = pick_selected_event(chart.selection.points, set(visible["event_id"]))
if picked and picked != st.session_state.get(SEEN_KEY):
    st.session_state[EVENT_KEY] = picked
st.session_state[SEEN_KEY] = picked

event_id = st.selectbox(
    "Event",
    options=list(visible["event_id"]),
    index=None,
    format_func=lambda e: titles[e],
    placeholder="Click a symbol, or pick an event",
    key=EVENT_KEY,
)
if event_id is None:
    st.query_params.pop("event", None)
else:
    st.query_params["event"] = event_id
    event = events[events["event_id"] == event_id].iloc[0]
    st.subheader(escape_markdown(event["title"]))
    st.markdown("  \n".join(escape_markdown(line) for line in describe_event_dates(event, marks)))
    for relation in find_disputed_pairs(package, list(event["claim_ids"])):
        st.warning(
            escape_markdown(
                f"Sources disagree ({relation['claim_a']} vs {relation['claim_b']}): "
                f"{relation['explanation']}"
            ),
            icon=":material/compare_arrows:",
        )
    claims = select_claims(package, event["claim_ids"])
    backing = [s for s in source_ids if s in set(claims["source_id"])]
    for column, source_id in zip(st.columns(len(backing)), backing, strict=True):
        column.markdown(
            render_claim_cards_html(claims[claims["source_id"] == source_id], package, link_reader),
            unsafe_allow_html=True,
        )

render_table_twin(
    "Table: the events shown above",
    len(visible),
    partial(build_events_table, visible),
    "events",
    "events",
    "timeline",
)
render_footer(package)
