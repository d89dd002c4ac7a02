"""The Sahel map: a folium map built from the package and the Natural Earth outlines.

Offline by default: Leaflet comes from our own ``static/vendor`` (never a CDN) and there is no
tile layer unless the reader opts into OpenStreetMap. Every text from the data that reaches
Leaflet goes through :func:`escape_for_leaflet`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import NamedTuple

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement, Template

from lib.analysis.places import (
    EMPHASIS_ISO3,
    FOCUS_ISO3,
    Bounds,
    MapEvidence,
    compute_focus_bounds,
    list_country_places,
    list_located_places,
    summarise_map_evidence,
)
from lib.data.cells import is_present
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


# The map's height (px) at a desk and in presentation mode: with the picker above it, each
# leaves the layer switch at the map's foot in view (1440×900 at a desk, 1920×1080 presented).
MAP_HEIGHT, PRESENTED_MAP_HEIGHT = 560, 660


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
    fmap: folium.Map, package: Package, boundaries: gpd.GeoDataFrame, evidence: MapEvidence
) -> None:
    layer = folium.FeatureGroup(name=LAYER_NAMES["countries"], show=True)
    country_places = list_country_places(package)
    named, counts = evidence.named, evidence.direct
    for _, country in boundaries.iterrows():
        iso3 = country["iso3"]
        place_id = country_places.get(iso3)
        style = outline_country(iso3 == EMPHASIS_ISO3, iso3 in FOCUS_ISO3)
        n_claims, n_events = counts.get(place_id, (0, 0)) if place_id in named else (0, 0)
        if place_id not in named:
            detail = "Drawn for context: no claim in the documents names it"
        elif n_claims:
            detail = (
                f"{n_claims} country-level claim(s), {n_events} event(s) · click for the quotes"
            )
        else:  # only an event names it in this view
            detail = f"No country-level claim in the current view; {n_events} event(s)"
        folium.GeoJson(
            {"type": "Feature", "properties": {}, "geometry": country.geometry.__geo_interface__},
            style_function=lambda _feature, style=style: style,
            highlight_function=lambda _feature: {"weight": 4},
            tooltip=folium.Tooltip(_tooltip_text([country["name"], detail]), sticky=True),
            name=country["name"],
        ).add_to(layer)
    layer.add_to(fmap)


def _add_russian_forces(
    fmap: folium.Map, boundaries: gpd.GeoDataFrame, places: pd.DataFrame, evidence: MapEvidence
) -> None:
    layer = folium.FeatureGroup(name=LAYER_NAMES["russia"], show=True)
    iso_of = dict(zip(places["place_id"], places["iso3"], strict=True))
    for place_id, claim_ids in evidence.russia.items():
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


# Length (px at scale 1) of the leader line from a callout's true point to its drawn shape.
CALLOUT_PX = 26


class _Callout(NamedTuple):
    """How a place pinned inside a pinned place (a base beside its city) is drawn: its shape
    moved ``length`` px up ("top") or down ("bottom") on a leader line from its true point."""

    side: str
    length: int


def _place_callouts(located: pd.DataFrame, view: Bounds, scale: float) -> dict[str, _Callout]:
    # A base a few km from its city would sit under the city's marker at every zoom that shows
    # the Sahel. Its shape goes on a leader line, away from the middle of the pins in view, so
    # neighbouring callouts and their labels point apart.
    pinned = set(located["place_id"])
    in_view = [
        view.contains(lat, lon) for lat, lon in zip(located["lat"], located["lon"], strict=True)
    ]
    middle = located.loc[in_view, "lat"].mean() if any(in_view) else 0.0
    return {
        place["place_id"]: _Callout(
            "top" if place["lat"] >= middle else "bottom", round(CALLOUT_PX * scale)
        )
        for _, place in located.iterrows()
        if is_present(place["parent_id"]) and place["parent_id"] in pinned
    }


def _callout_svg(kind: str, size: int, callout: _Callout) -> tuple[str, tuple[int, int]]:
    """The shape on its leader line, and the icon anchor (the true point, a small dot)."""
    style = PLACE_KIND_STYLES[kind]
    dot = 3
    if callout.side == "bottom":
        anchor_y, shape_y = dot, callout.length
    else:
        anchor_y, shape_y = size + callout.length - dot, 0
    line_end = shape_y if callout.side == "bottom" else size
    height = size + callout.length
    svg = (
        f'<svg width="{size}" height="{height}" aria-hidden="true" style="overflow:visible">'
        f'<line x1="{size / 2:g}" y1="{anchor_y}" x2="{size / 2:g}" y2="{line_end}" '
        f'stroke="#333333" stroke-width="1.5"/>'
        f'<circle cx="{size / 2:g}" cy="{anchor_y}" r="{dot}" fill="{style.colour}" '
        'stroke="#ffffff" stroke-width="1"/>'
        f'<svg class="sahel-shape" x="0" y="{shape_y}" width="{size}" height="{size}" '
        f'viewBox="0 0 22 22"><path d="{_SHAPES[style.shape]}" fill="{style.colour}" '
        'stroke="#ffffff" stroke-width="1.5"/></svg></svg>'
    )
    return svg, (size // 2, anchor_y)


def _describe_pin_evidence(n_claims: int, n_events: int) -> str:
    if n_claims:
        return f"{n_claims} claim(s), {n_events} event(s) · click for the quotes"
    events = f"; {n_events} event(s)" if n_events else ""
    return f"No claim in the current view names it{events} (see the sidebar filters)"


def _add_markers(
    fmap: folium.Map,
    located: pd.DataFrame,
    counts: dict,
    view: Bounds,
    size: int,
    scale: float,
) -> None:
    # Leaflet's layer switch renders names as HTML: the shape doubles as the legend.
    layers = {
        kind: folium.FeatureGroup(
            name=f"{_shape_svg(kind, 14)} {html.escape(LAYER_NAMES[kind])}", show=True
        )
        for kind in PLACE_KIND_STYLES
    }
    callouts = _place_callouts(located, view, scale)
    for _, place in located.iterrows():
        kind = place["kind"]
        style = PLACE_KIND_STYLES[kind]
        n_claims, n_events = counts.get(place["place_id"], (0, 0))
        # A pin no claim in the view names stays for orientation, dimmed.
        dim = " sahel-dim" if n_claims == 0 else ""
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
            class_name=f"sahel-uncertainty{dim}",
        ).add_to(layer)
        tooltip = folium.Tooltip(
            _tooltip_text(
                [
                    place["name"],
                    f"{style.label} · {_describe_precision(place)}",
                    _describe_pin_evidence(n_claims, n_events),
                ]
            )
        )
        callout = callouts.get(place["place_id"])
        if callout is None:
            icon_html, icon_size, anchor = _shape_svg(kind, size), (size, size), (size // 2,) * 2
            shape_edge = size // 2
        else:
            icon_html, anchor = _callout_svg(kind, size, callout)
            icon_size = (size, size + callout.length)
            shape_edge = size + callout.length - 3
        marker = folium.Marker(
            location=(place["lat"], place["lon"]),
            icon=folium.DivIcon(
                html=icon_html,
                icon_size=icon_size,
                icon_anchor=anchor,
                class_name=f"sahel-marker sahel-marker--{kind}"
                f"{' sahel-callout' if callout else ''}{dim} "
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
            # Bases are the story's anchors: always labelled, not only on hover. A callout's
            # label sits past its shape, centred, so neither the city nor the frame covers it.
            if callout is None:
                side = _label_side(place["lon"], view)
                offset = (size // 2 * (-1 if side == "left" else 1), 0)
            else:
                side = callout.side
                offset = (0, (shape_edge + 1) * (1 if side == "bottom" else -1))
            folium.Marker(
                location=(place["lat"], place["lon"]),
                icon=folium.DivIcon(html="", icon_size=(0, 0), class_name="sahel-label-anchor"),
                tooltip=folium.Tooltip(
                    escape_for_leaflet(place["name"]),
                    permanent=True,
                    direction=side,
                    offset=offset,
                    class_name=f"sahel-label{dim}",
                ),
                interactive=False,
                keyboard=False,
            ).add_to(layer)
    for layer in layers.values():
        layer.add_to(fmap)


def _label_side(lon: float, view: Bounds) -> str:
    # Labels point inwards near the view's east edge, so they are not clipped by the frame.
    return "left" if lon > view.east - (view.east - view.west) / 3 else "right"


class _CloseTooltipOnClick(MacroElement):
    """A click selects what it hit; its hover tooltip then closes instead of staying over the map
    (it opens again when the pointer next comes over the object)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.eachLayer(function (layer) {
            var tip = layer.getTooltip && layer.getTooltip();
            if (tip && !tip.options.permanent) {
                layer.on("click", function () { layer.closeTooltip(); });
            }
        });
        {% endmacro %}
        """
    )


class _FocusWithoutScrolling(MacroElement):
    """Leaflet focuses the map on a press (for its arrow keys) with a plain focus(), which also
    scrolls the page until the whole map frame is in view. When the frame reaches past the
    window (a phone, or a desk with the filter line), the page then moves under the pointer
    between press and release, and a click on a pin lands on the empty map beside it. Focus it
    first, without scrolling: Leaflet sees it focused and leaves it alone."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (box) {
            box.addEventListener("mousedown", function () {
                if (document.activeElement !== box) box.focus({ preventScroll: true });
            }, true);
        })({{ this._parent.get_name() }}.getContainer());
        {% endmacro %}
        """
    )


class _QuietFirstReport(MacroElement):
    """streamlit-folium reports the map's value once it is drawn, and the script reruns for it.
    Its Python default says no click has happened with a count of None, while the frontend
    counts from 0, so that first report always differs and reruns the page. Before it is sent,
    record the frontend's own "no click yet" as already known: only a click then reports."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var data = window.__GLOBAL_DATA__;
            if (data && data.previous_data && "last_object_clicked_count" in data.previous_data) {
                data.previous_data.last_object_clicked_count = data.last_object_clicked_count;
            }
        })();
        {% endmacro %}
        """
    )


def build_sahel_map(
    package: Package,
    boundaries: gpd.GeoDataFrame,
    asset_base: str,
    online_basemap: bool = False,
    scale: float = 1.0,
    layers_collapsed: bool = True,
    evidence: MapEvidence | None = None,
) -> folium.Map:
    """Countries, the Russian-forces layer and one marker per located place, with a layer switch.

    ``asset_base`` is the URL folder holding ``leaflet/leaflet.js`` (our static vendor folder).
    ``scale`` enlarges markers and text (presentation mode); ``layers_collapsed`` folds the
    layer switch into its button, so it covers none of the map until it is opened.
    ``evidence`` is :func:`summarise_map_evidence` of the package, when the caller holds it.
    """
    evidence = summarise_map_evidence(package) if evidence is None else evidence
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
    _add_countries(fmap, package, boundaries, evidence)
    _add_russian_forces(fmap, boundaries, places, evidence)
    _add_markers(
        fmap,
        list_located_places(package),
        evidence.within,
        view,
        round(MARKER_SIZE * scale),
        scale,
    )
    folium.LayerControl(collapsed=layers_collapsed, position="bottomright").add_to(fmap)
    # After every layer, so each one's tooltip is found.
    _CloseTooltipOnClick().add_to(fmap)
    _FocusWithoutScrolling().add_to(fmap)
    _QuietFirstReport().add_to(fmap)
    fmap.fit_bounds([[view.south, view.west], [view.north, view.east]])
    return fmap


def describe_map(
    package: Package,
    boundaries: gpd.GeoDataFrame,
    off_map: pd.DataFrame,
    evidence: MapEvidence | None = None,
) -> str:
    """Caption under the map: what is drawn, what is not, and where the outlines come from."""
    located = list_located_places(package)
    kinds = located["kind"].value_counts()
    names = {
        k: PLACE_KIND_PLURALS[k] if kinds[k] != 1 else PLACE_KIND_STYLES[k].label.lower()
        for k in kinds.index
    }
    parts = ", ".join(f"{kinds[k]} {names[k]}" for k in PLACE_KIND_STYLES if k in kinds)
    russia = (summarise_map_evidence(package) if evidence is None else evidence).russia
    return (
        f"{len(boundaries)} country outlines (Natural Earth 1:110m, public domain); "
        f"{len(located)} pinned places ({parts}), each with a dashed circle for its location "
        f"uncertainty; {len(russia)} countries where the documents report Russian forces. "
        f"{len(off_map)} named places are not in this view (some have pins further out) and are "
        "listed below. "
        "Country-wide claims are shown on the country, never on a point."
    )
