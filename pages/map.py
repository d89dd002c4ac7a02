"""Map: where the documents put things, how precisely, and the quotes behind each place."""

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from lib.cards import render_claim_cards_html, render_event_list_html
from lib.evidence import collect_claims_at, collect_events_at, order_claims, read_id_param
from lib.geo import list_descendants, list_named_places, read_boundaries
from lib.maps import (
    build_places_table,
    build_sahel_map,
    describe_map,
    list_off_map,
    resolve_clicked_place,
)
from lib.ui import (
    derive,
    escape_markdown,
    link_reader,
    load_view,
    locate_vendor_assets,
    render_footer,
    render_table_twin,
)

PLACE_KEY = "map_place"
SEEN_CLICKS_KEY = "map_seen_clicks"

package = load_view()
boundaries = read_boundaries()
places = package["places"].set_index("place_id")
named = sorted(derive(list_named_places, package), key=lambda p: places.at[p, "name"].casefold())

wanted, notices = read_id_param(st.query_params.to_dict(), "place", named, "place")
if PLACE_KEY not in st.session_state and wanted:
    st.session_state[PLACE_KEY] = wanted

st.title("Map")
for notice in notices:
    st.info(escape_markdown(notice), icon=":material/link_off:")
st.caption(
    "Where the documents put things. Click a marker or a country for every claim and event "
    "there; toggle layers in the switch at the bottom right. Panning and zooming stay in the "
    "browser."
)
online = st.toggle(
    "Online basemap (OpenStreetMap): needs internet; off for briefing rooms",
    key="map_online_basemap",
)
map_col, panel_col = st.columns([3, 2], gap="medium")
off_map, off_map_claims = derive(list_off_map, package)
with map_col:
    result = st_folium(
        build_sahel_map(package, boundaries, locate_vendor_assets(), online_basemap=online),
        key="map_folium",
        height=560,
        use_container_width=True,
        # Only clicks on objects come back: pan and zoom change nothing returned, so no rerun.
        returned_objects=["last_object_clicked", "last_object_clicked_count"],
    )
    st.caption(describe_map(package, boundaries, off_map))

clicks = (result or {}).get("last_object_clicked_count")
hit_message = ""
if clicks and clicks != st.session_state.get(SEEN_CLICKS_KEY):
    st.session_state[SEEN_CLICKS_KEY] = clicks
    clicked, hit_name = resolve_clicked_place(package, boundaries, result["last_object_clicked"])
    if clicked:
        st.session_state[PLACE_KEY] = clicked
    elif hit_name:
        hit_message = f"{hit_name} is drawn for context: no claim in the documents names it."

with panel_col:
    place_id = st.selectbox(
        "Place",
        options=named,
        index=None,
        format_func=lambda p: f"{places.at[p, 'name']} ({places.at[p, 'kind'].replace('_', ' ')})",
        placeholder="Click the map, or pick a place",
        key=PLACE_KEY,
    )
    if hit_message:
        st.info(escape_markdown(hit_message), icon=":material/info:")
    if place_id is None:
        st.query_params.pop("place", None)
        st.markdown("Nothing selected yet. Try **Agadez** or **Niger**.")
    else:
        st.query_params["place"] = place_id
        within = list_descendants(package["places"], place_id)
        claims = order_claims(collect_claims_at(package, within), package)
        events = collect_events_at(package, within)
        inside = [places.at[p, "name"] for p in within[1:]]
        st.subheader(escape_markdown(places.at[place_id, "name"]))
        st.caption(
            f"{len(claims)} claim(s) and {len(events)} event(s)"
            + (f", including those at {escape_markdown(', '.join(inside))}" if inside else "")
            + "."
        )
        if len(events):
            st.markdown(render_event_list_html(events), unsafe_allow_html=True)
        st.markdown(render_claim_cards_html(claims, package, link_reader), unsafe_allow_html=True)

st.subheader("Named, but not on this map")
st.caption(
    "Places the documents name that have no pin in the view above: far away, country-wide, or "
    "regions with no agreed outline. Each keeps its claims."
)
for (_, row), claims in zip(off_map.iterrows(), off_map_claims, strict=True):
    label = f"{row['name']} · {row['kind']} · {len(claims)} claim(s)"
    with st.expander(escape_markdown(label)):
        st.caption(row["reason"])
        st.markdown(render_claim_cards_html(claims, package, link_reader), unsafe_allow_html=True)

render_table_twin(
    "Table: every place in the package",
    len(package["places"]),
    partial(build_places_table, package),
    "places",
    "places",
    "map",
)
render_footer(package)
