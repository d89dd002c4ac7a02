"""The Sahel map: a folium map built from the package and the Natural Earth outlines.

Offline by default: Leaflet comes from our own ``static/vendor`` (never a CDN) and there is no
tile layer unless the reader opts into OpenStreetMap. Every text from the data that reaches
Leaflet goes through :func:`escape_for_leaflet`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element

from lib.analysis.places import (
    EMPHASIS_ISO3,
    FOCUS_ISO3,
    Bounds,
    compute_focus_bounds,
    count_place_evidence,
    list_country_places,
    list_located_places,
    list_named_places,
    list_russian_force_countries,
)
from lib.data.read import Package
from lib.render.style import (
    MAP_CSS,
    MAP_FONT_REM,
    PLACE_KIND_STYLES,
    RUSSIA_LAYER_COLOUR,
    outline_country,
    scale_map_text_css,
)

LAYER_NAMES = {
    "countries": "Countries (Natural Earth)",
    "russia": "Russian forces reported (per the documents)",
    "air_base": "Air bases",
    "capital": "Capitals",
    "city": "Cities",
}


OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


OSM_ATTRIBUTION = "© OpenStreetMap contributors"


MARKER_SIZE = 22


# The map's height (px) at a desk and in presentation mode, where it also takes the whole width.
MAP_HEIGHT, PRESENTED_MAP_HEIGHT = 560, 720


PLACE_KIND_PLURALS = {"air_base": "air bases", "capital": "capitals", "city": "cities"}


# Shape per place kind: a second cue besides colour, drawn as inline SVG (no icon font to fetch).
_SHAPES = {
    "star": "M11 1.5l2.7 6.2 6.8.6-5.2 4.5 1.6 6.6L11 15.9 5.1 19.4l1.6-6.6L1.5 8.3l6.8-.6z",
    "triangle": "M11 2L20.5 19H1.5z",
    "circle": "M11 4a7 7 0 1 0 0.001 0z",
}


def escape_for_leaflet(text: object) -> str:
    """HTML-escape text for a Leaflet tooltip; also neutralise JS template-literal syntax.

    folium pastes tooltip text into a JavaScript backtick string, where ` and ${ would run code.
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def _describe_precision(place: pd.Series) -> str:
    radius = place["radius_km"]
    if place["geo_precision"] == "facility_approx":
        return f"approximate location, ± {radius:g} km"
    if place["geo_precision"] == "facility":
        return f"facility, ± {radius:g} km"
    return f"{place['geo_precision']} point, ± {radius:g} km"


def _shape_svg(kind: str, size: int = MARKER_SIZE) -> str:
    style = PLACE_KIND_STYLES[kind]
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 22 22" aria-hidden="true" '
        f'style="vertical-align:middle"><path d="{_SHAPES[style.shape]}" fill="{style.colour}" '
        'stroke="#ffffff" stroke-width="1.5"/></svg>'
    )


def _tooltip_text(lines: Iterable[str]) -> str:
    return "<br>".join(escape_for_leaflet(line) for line in lines)


def _add_countries(
    fmap: folium.Map, package: Package, boundaries: gpd.GeoDataFrame, counts: dict
) -> None:
    layer = folium.FeatureGroup(name=LAYER_NAMES["countries"], show=True)
    country_places = list_country_places(package)
    named = list_named_places(package)
    for _, country in boundaries.iterrows():
        iso3 = country["iso3"]
        place_id = country_places.get(iso3)
        style = outline_country(iso3 == EMPHASIS_ISO3, iso3 in FOCUS_ISO3)
        n_claims, n_events = counts.get(place_id, (0, 0)) if place_id in named else (0, 0)
        detail = (
            f"{n_claims} country-level claim(s), {n_events} event(s) · click for the quotes"
            if place_id in named
            else "Drawn for context: no claim in the documents names it"
        )
        folium.GeoJson(
            {"type": "Feature", "properties": {}, "geometry": country.geometry.__geo_interface__},
            style_function=lambda _feature, style=style: style,
            highlight_function=lambda _feature: {"weight": 4},
            tooltip=folium.Tooltip(_tooltip_text([country["name"], detail]), sticky=True),
            name=country["name"],
        ).add_to(layer)
    layer.add_to(fmap)


def _add_russian_forces(
    fmap: folium.Map, package: Package, boundaries: gpd.GeoDataFrame, places: pd.DataFrame
) -> None:
    layer = folium.FeatureGroup(name=LAYER_NAMES["russia"], show=True)
    iso_of = dict(zip(places["place_id"], places["iso3"], strict=True))
    for place_id, claim_ids in list_russian_force_countries(package).items():
        outline = boundaries[boundaries["iso3"] == iso_of.get(place_id)]
        if outline.empty:
            continue
        folium.GeoJson(
            {
                "type": "Feature",
                "properties": {},
                "geometry": outline.geometry.iloc[0].__geo_interface__,
            },
            style_function=lambda _feature: {
                "color": RUSSIA_LAYER_COLOUR,
                "weight": 3,
                "dashArray": "8 5",
                "fillColor": RUSSIA_LAYER_COLOUR,
                "fillOpacity": 0.12,
                "className": "sahel-russia",
            },
            tooltip=folium.Tooltip(
                _tooltip_text(
                    [
                        f"{outline['name'].iloc[0]}: Russian forces reported",
                        f"Claims: {', '.join(claim_ids)} · click for the quotes",
                    ]
                ),
                sticky=True,
            ),
        ).add_to(layer)
    layer.add_to(fmap)


def _label_side(lon: float, view: Bounds) -> str:
    # Labels point inwards near the view's east edge, so they are not clipped by the frame.
    return "left" if lon > view.east - (view.east - view.west) / 3 else "right"


def _add_markers(
    fmap: folium.Map, located: pd.DataFrame, counts: dict, view: Bounds, size: int
) -> None:
    # Leaflet's layer switch renders names as HTML: the shape doubles as the legend.
    layers = {
        kind: folium.FeatureGroup(
            name=f"{_shape_svg(kind, 14)} {html.escape(LAYER_NAMES[kind])}", show=True
        )
        for kind in PLACE_KIND_STYLES
    }
    for _, place in located.iterrows():
        kind = place["kind"]
        style = PLACE_KIND_STYLES[kind]
        n_claims, n_events = counts.get(place["place_id"], (0, 0))
        layer = layers[kind]
        # The uncertainty circle is the honest extent of "here"; it must not swallow clicks.
        folium.Circle(
            location=(place["lat"], place["lon"]),
            radius=float(place["radius_km"]) * 1000,
            color=style.colour,
            weight=1,
            dash_array="3 3",
            fill=True,
            fill_opacity=0.08,
            interactive=False,
            class_name="sahel-uncertainty",
        ).add_to(layer)
        tooltip = folium.Tooltip(
            _tooltip_text(
                [
                    place["name"],
                    f"{style.label} · {_describe_precision(place)}",
                    f"Named directly by {n_claims} claim(s), {n_events} event(s)",
                    "Click for the quotes",
                ]
            )
        )
        marker = folium.Marker(
            location=(place["lat"], place["lon"]),
            icon=folium.DivIcon(
                html=_shape_svg(kind, size),
                icon_size=(size, size),
                icon_anchor=(size // 2, size // 2),
                class_name=f"sahel-marker sahel-marker--{kind} "
                f"sahel-place--{html.escape(place['place_id'], quote=True)}",
            ),
            tooltip=tooltip,
            # Cities above bases, so a city and the base beside it can both be clicked.
            z_index_offset=style.z_index,
            alt=place["name"],
            title=place["name"],
        )
        marker.add_to(layer)
        if kind == "air_base":
            # Bases are the story's anchors: always labelled, not only on hover.
            folium.Marker(
                location=(place["lat"], place["lon"]),
                icon=folium.DivIcon(html="", icon_size=(0, 0), class_name="sahel-label-anchor"),
                tooltip=folium.Tooltip(
                    escape_for_leaflet(place["name"]),
                    permanent=True,
                    direction=_label_side(place["lon"], view),
                    offset=(
                        size // 2 * (-1 if _label_side(place["lon"], view) == "left" else 1),
                        0,
                    ),
                    class_name="sahel-label",
                ),
                interactive=False,
                keyboard=False,
            ).add_to(layer)
    for layer in layers.values():
        layer.add_to(fmap)


def build_sahel_map(
    package: Package,
    boundaries: gpd.GeoDataFrame,
    asset_base: str,
    online_basemap: bool = False,
    scale: float = 1.0,
    layers_collapsed: bool = False,
) -> folium.Map:
    """Countries, the Russian-forces layer and one marker per located place, with a layer switch.

    ``asset_base`` is the URL folder holding ``leaflet/leaflet.js`` (our static vendor folder).
    ``scale`` enlarges markers and text (presentation mode); ``layers_collapsed`` folds the
    layer switch into its button, so it covers none of the map until it is opened.
    """
    view = compute_focus_bounds(boundaries)
    fmap = folium.Map(
        location=((view.south + view.north) / 2, (view.west + view.east) / 2),
        zoom_start=5,
        tiles=None,
        min_zoom=2,
        max_zoom=12,
        control_scale=True,
        prefer_canvas=False,
        font_size=f"{MAP_FONT_REM * scale:g}rem",
        # Fractional zoom, so the Sahel fills the frame at any width instead of snapping out.
        zoom_snap=0.25,
    )
    # Only Leaflet itself: folium's defaults (jQuery, Bootstrap, icon fonts) come from CDNs.
    fmap.default_js = [("leaflet", f"{asset_base}/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{asset_base}/leaflet/leaflet.css")]
    fmap.get_root().header.add_child(Element(MAP_CSS))
    if scale != 1:
        fmap.get_root().header.add_child(Element(scale_map_text_css(scale)))
    if online_basemap:
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)", overlay=False
        ).add_to(fmap)
    places = package["places"]
    counts = count_place_evidence(package)
    _add_countries(fmap, package, boundaries, counts)
    _add_russian_forces(fmap, package, boundaries, places)
    _add_markers(fmap, list_located_places(package), counts, view, round(MARKER_SIZE * scale))
    folium.LayerControl(collapsed=layers_collapsed, position="bottomright").add_to(fmap)
    fmap.fit_bounds([[view.south, view.west], [view.north, view.east]])
    return fmap


def describe_map(package: Package, boundaries: gpd.GeoDataFrame, off_map: pd.DataFrame) -> str:
    """Caption under the map: what is drawn, what is not, and where the outlines come from."""
    located = list_located_places(package)
    kinds = located["kind"].value_counts()
    names = {
        k: PLACE_KIND_PLURALS[k] if kinds[k] != 1 else PLACE_KIND_STYLES[k].label.lower()
        for k in kinds.index
    }
    parts = ", ".join(f"{kinds[k]} {names[k]}" for k in PLACE_KIND_STYLES if k in kinds)
    russia = list_russian_force_countries(package)
    return (
        f"{len(boundaries)} country outlines (Natural Earth 1:110m, public domain); "
        f"{len(located)} pinned places ({parts}), each with a dashed circle for its location "
        f"uncertainty; {len(russia)} countries where the documents report Russian forces. "
        f"{len(off_map)} named places are not in this view (some have pins further out) and are "
        "listed below. "
        "Country-wide claims are shown on the country, never on a point."
    )
