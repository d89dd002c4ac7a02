"""Colours, defined once: per source (charts, quotes) and per topic theme (highlights).

Both come from the Okabe-Ito palette, which stays distinguishable under the common forms of
colour blindness. Colour is never the only cue: labels always accompany it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from lib.schema import TOPIC_THEMES

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
THEME_COLOURS = dict(
    zip(
        TOPIC_THEMES,
        ("#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#999999"),
        strict=True,
    )
)
# A second cue besides hue, so neighbouring tints (blue / sky blue) stay distinguishable.
THEME_UNDERLINES = dict(
    zip(
        TOPIC_THEMES,
        ("solid", "dashed", "solid", "dotted", "dashed", "double", "dotted", "solid"),
        strict=True,
    )
)
THEME_LABELS = {
    "us_forces": "US forces and bases",
    "agreement": "The agreement",
    "junta": "Coup and junta",
    "diplomacy": "Diplomacy",
    "russia": "Russia",
    "others": "Iran, France, Europe",
    "security": "Armed groups",
    "context": "Context",
}


def assign_source_colours(source_ids: Iterable[str]) -> dict[str, str]:
    """Give each source, in table order, its own colour; a new source gets the next one."""
    return {sid: OKABE_ITO[i % len(OKABE_ITO)] for i, sid in enumerate(source_ids)}


def tint(hex_colour: str, alpha: float) -> str:
    """Return the colour as an rgba() string with the given opacity."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def blend_colour(hex_colour: str, alpha: float, background: str = "#ffffff") -> str:
    """Return, as opaque hex, the colour at the given opacity painted over ``background``."""
    pairs = [(int(hex_colour[i : i + 2], 16), int(background[i : i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(alpha * fg + (1 - alpha) * bg):02x}" for fg, bg in pairs)


def measure_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB hex colour: 0 for black, 1 for white."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def measure_contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two opaque hex colours, from 1 to 21."""
    light, dark = sorted((measure_luminance(foreground), measure_luminance(background)))[::-1]
    return (light + 0.05) / (dark + 0.05)


# WCAG 2 AA for normal-size text.
TEXT_CONTRAST = 4.5


def darken_for_text(hex_colour: str, background: str = "#ffffff") -> str:
    """The colour with just enough black mixed in to meet AA as text on ``background``.

    Source colours stay as they are for swatches, borders and marks; text in a source's colour
    uses this, since several Okabe-Ito colours are too light to read on white.
    """
    for step in range(101):
        candidate = blend_colour("#000000", step / 100, hex_colour)
        if measure_contrast(candidate, background) >= TEXT_CONTRAST:
            return candidate
    return "#000000"


class PlaceStyle(NamedTuple):
    """How a place kind is drawn: a colour, a shape (the second cue), a label and its stacking."""

    colour: str
    shape: str
    label: str
    z_index: int


# Shapes differ as well as colours; capitals and cities sit above bases so both stay clickable.
PLACE_KIND_STYLES = {
    "air_base": PlaceStyle("#009E73", "triangle", "Air base", 0),
    "capital": PlaceStyle("#000000", "star", "Capital", 1000),
    "city": PlaceStyle("#444444", "circle", "City", 1000),
}
RUSSIA_LAYER_COLOUR = "#CC79A7"
EMPHASIS_COLOUR = "#E69F00"


def outline_country(emphasis: bool, focus: bool) -> dict:
    """Leaflet path style for a country: the story's country strongest, context countries faint."""
    if emphasis:
        return {
            "color": "#7a4b00",
            "weight": 3,
            "fillColor": EMPHASIS_COLOUR,
            "fillOpacity": 0.45,
            "className": "sahel-country sahel-country--emphasis",
        }
    return {
        "color": "#555555" if focus else "#8c8c8c",
        "weight": 1.5 if focus else 1,
        "dashArray": None if focus else "4 3",
        "fillColor": "#b3b3b3" if focus else "#d9d9d9",
        "fillOpacity": 0.35 if focus else 0.25,
        "className": "sahel-country" + (" sahel-country--focus" if focus else ""),
    }


class CategoryStyle(NamedTuple):
    """How an event category is drawn on the timeline: colour, plotly marker symbol, label."""

    colour: str
    symbol: str
    label: str


# Paul Tol's "muted" qualitative scheme (colour-blind safe), kept apart from the Okabe-Ito source
# colours so an event's colour never reads as a source; each category also has its own symbol.
CATEGORY_STYLES = {
    "us_presence": CategoryStyle("#332288", "square", "US presence"),
    "coup": CategoryStyle("#CC6677", "diamond", "Coup"),
    "diplomacy": CategoryStyle("#117733", "circle", "Diplomacy"),
    "russia": CategoryStyle("#882255", "triangle-up", "Russia"),
    "iran": CategoryStyle("#999933", "pentagon", "Iran"),
    "europe": CategoryStyle("#88CCEE", "hexagon", "Europe"),
    "aid": CategoryStyle("#44AA99", "star", "Aid"),
    "protest": CategoryStyle("#DDCC77", "hourglass", "Protest"),
    "strike": CategoryStyle("#AA4499", "x", "Strike"),
    "statement": CategoryStyle("#6E6E6E", "triangle-down", "Statement"),
    "withdrawal": CategoryStyle("#000000", "cross", "Withdrawal"),
}


# Relation badges: a word and a symbol carry the meaning; the colour only reinforces it.
RELATION_STYLES = {
    "conflicts": ("✕ conflicts", "#8B0000"),
    "different_scope": ("≠ different scope", "#5A4A00"),
    "different_time": ("⧗ different time", "#1F4E79"),
    "refines": ("⊂ refines", "#2F5F2F"),
    "agrees": ("= agrees", "#2F5F2F"),
    "only_one_source": ("◌ only one source", "#555555"),
}
