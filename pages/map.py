"""Map: where the documents put things, how precisely, and the quotes behind each place."""

from functools import partial

import streamlit as st
from streamlit_folium import st_folium

from lib.analysis import places
from lib.app import chrome, panels, pickers, state
from lib.app.cache import derive
from lib.app.pages import PLACE_PARAM
from lib.data.boundaries import read_boundaries
from lib.render import cards, leaflet, tables
from lib.render.text import describe_place_evidence, escape_markdown

PLACE_KEY, MAP_KEY, HIT_KEY = "map_place", "map_folium", "map_hit_message"

package = state.load_view()
boundaries = read_boundaries()
labels = derive(places.label_places, package)
notices = state.seed_from_url(PLACE_KEY, PLACE_PARAM, labels, "place")
href = state.make_reader_link()
resolve = partial(places.resolve_clicked_place, package, boundaries)

st.title("Map")
# One slot on every run, so the blocks below keep their places (and are not redrawn) when the
# notice goes.
with st.container():
    chrome.render_notices(notices)
st.caption(
    "Where the documents put things. Click a marker or a country for every claim and event "
    "there; toggle layers in the switch at the bottom right. Panning and zooming stay in the "
    "browser."
)
# The picker above the map shows what a click selected without scrolling; the map takes the
# whole width, and the selected place's evidence goes right below it.
pick_col, online_col = st.columns(2, vertical_alignment="bottom")
with pick_col:
    hint = "Click the map, or pick a place"
    place_id = pickers.render_id_picker("Place", labels, PLACE_KEY, PLACE_PARAM, hint)
with online_col:
    online = st.toggle(
        "Online basemap (OpenStreetMap)",
        key="map_online_basemap",
        help="Needs internet; leave it off in a briefing room.",
    )
assets, scale = chrome.locate_vendor_assets(), state.read_scale()
evidence = derive(places.summarise_map_evidence, package)  # once per view, not every run
st_folium(
    leaflet.build_sahel_map(package, boundaries, assets, online, scale, evidence=evidence),
    key=MAP_KEY,
    height=leaflet.PRESENTED_MAP_HEIGHT if state.is_presenting() else leaflet.MAP_HEIGHT,
    use_container_width=True,
    # Only clicks on objects come back: pan and zoom change nothing returned, so no rerun.
    returned_objects=["last_object_clicked", "last_object_clicked_count"],
    on_change=partial(state.select_from_map, MAP_KEY, PLACE_KEY, HIT_KEY, resolve),
)

with st.container(key="map_panel"):  # what the picker or a click selected
    if hit_message := state.take_value(HIT_KEY):  # said once, after the click that hit it
        st.info(escape_markdown(hit_message), icon=":material/info:")
    if place_id is None:
        st.markdown("Nothing selected yet. Try **Agadez** or **Niger**.")
    else:
        found = places.collect_place_evidence(package, place_id)
        st.subheader(escape_markdown(found.name))
        st.caption(describe_place_evidence(found))
        if len(found.events):
            chrome.render_html(cards.render_event_list_html(found.events))
        panels.render_claim_cards(found.claims, package, href)

off_map, off_map_claims = derive(places.list_off_map, package)
st.caption(leaflet.describe_map(package, boundaries, off_map, evidence))
panels.render_off_map(off_map, off_map_claims, package, href)

places_table = partial(tables.build_places_table, package)
twin = "Table: every place in the package"
chrome.render_table_twin(twin, len(package["places"]), places_table, "places", "places", "map")
chrome.render_footer(package)
