"""How things look, defined once: colours (Okabe–Ito, colour-blind safe), shapes, and every CSS
block the app injects. Fragments carry no CSS: the app places :data:`FRAGMENT_CSS` once per page
run and the exported file once in its head.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from lib.analysis.places import STACKING
from lib.data.schema import TOPIC_THEMES

# Neutral marks and text beside the source colours: a tile or badge no source owns, axis notes.
NEUTRAL_COLOUR = "#555555"


# A tile's whole face links in the app; in the file its value carries footnote links instead.
TILES_CSS = """
.sb-tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.6rem;
 margin:.4rem 0 1rem}
a.sb-tile,a.sb-tile *{text-decoration:none!important;color:inherit!important}
.sb-tile{display:block;border-left:6px solid var(--sb-colour);
 background:var(--sb-tint);padding:.5rem .7rem;border-radius:0 4px 4px 0}
a.sb-tile:hover,a.sb-tile:focus{outline:2px solid var(--sb-colour)}
.sb-tile-title{display:block;font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;
 opacity:.8}
.sb-tile-value{display:block;font-size:1.45rem;font-weight:700;line-height:1.2}
.sb-tile-note{display:block;font-size:.8rem}
"""


CARDS_CSS = """
.sb-cards{display:flex;flex-direction:column;gap:.6rem;margin:.3rem 0 .8rem}
.sb-card{border-left:6px solid var(--sb-colour);background:var(--sb-tint);padding:.5rem .7rem;
 border-radius:0 4px 4px 0}
.sb-card-head{font-size:.85rem;display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:center}
.sb-source{font-weight:700}
.sb-source::before{content:"";display:inline-block;width:.8em;height:.8em;margin-right:.35em;
 background:var(--sb-colour);vertical-align:baseline}
.sb-card blockquote{margin:.35rem 0;padding:0;border:0;font-size:1rem;color:inherit;
 overflow-wrap:anywhere;opacity:1}/* Streamlit fades blockquotes to 60%: 3.7:1 on a tint */
.sb-card-foot{font-size:.78rem;opacity:.85;overflow-wrap:anywhere}
.sb-events{margin:.2rem 0 .8rem;padding-left:1.2rem}
"""


# Leaflet's own stylesheet sets the look of empty map; ours keeps it readable without tiles.
MAP_CSS = """
<style>
.leaflet-container { background: #eef3f6; font-family: system-ui, sans-serif; }
.sahel-marker svg { display: block; filter: drop-shadow(0 0 1px #fff); }
.sahel-label { font-weight: 600; }
/* A callout's box spans its leader line: only its shape takes clicks, the rest lets them by. */
.leaflet-marker-icon.leaflet-interactive.sahel-callout { pointer-events: none; }
.sahel-callout .sahel-shape { pointer-events: visiblePainted; cursor: pointer; }
/* A pin that no claim in the current view names: kept for orientation, faint. */
.sahel-dim { opacity: 0.35; }
.leaflet-tooltip.sahel-label.sahel-dim { opacity: 0.6 !important; }
</style>
"""


# The map's text size (rem) at a desk; presentation mode multiplies it.
MAP_FONT_REM = 0.8125


def scale_map_text_css(scale: float) -> str:
    """CSS that enlarges the map's labels, tooltips and layer switch by ``scale``."""
    size = MAP_FONT_REM * scale
    return (
        "<style>.leaflet-container .leaflet-tooltip, .leaflet-control-layers, "
        f".leaflet-control-scale-line {{ font-size: {size:g}rem; }}</style>"
    )


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


# Okabe-Ito again (blue, orange, vermillion, green, purple, sky blue, yellow), grey for context.
THEME_COLOURS = dict(
    zip(
        TOPIC_THEMES,
        (*(OKABE_ITO[i] for i in (0, 4, 1, 2, 3, 5, 6)), "#999999"),
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
    "air_base": PlaceStyle("#009E73", "triangle", "Air base", STACKING["air_base"]),
    "capital": PlaceStyle("#000000", "star", "Capital", STACKING["capital"]),
    "city": PlaceStyle("#444444", "circle", "City", STACKING["city"]),
}


RUSSIA_LAYER_COLOUR = "#CC79A7"


# The story's country and the current step: Okabe-Ito orange, with a dark brown edge that reads
# on white where the orange alone does not.
EMPHASIS_COLOUR = OKABE_ITO[4]
EMPHASIS_OUTLINE = "#7a4b00"


def outline_country(emphasis: bool, focus: bool) -> dict:
    """Leaflet path style for a country: the story's country strongest, context countries faint."""
    if emphasis:
        return {
            "color": EMPHASIS_OUTLINE,
            "weight": 3,
            "fillColor": EMPHASIS_COLOUR,
            "fillOpacity": 0.45,
            "className": "sahel-country sahel-country--emphasis",
        }
    return {
        "color": NEUTRAL_COLOUR if focus else "#8c8c8c",
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
# One per lib.data.schema.EVENT_CATEGORIES (a test ties them).
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


# A troop comparison with one figure: shown with a relation's badge, though no pair is related.
ONLY_ONE_SOURCE = "only_one_source"


# Relation badges, one per lib.data.schema.RELATION_TYPES (a test ties them): a word and a
# symbol carry the meaning; the colour only reinforces it. Each symbol is in DejaVu Sans, the
# fallback of a bare Debian machine: "⧗" drew as a missing-glyph box there.
RELATION_STYLES = {
    "conflicts": ("✕ conflicts", "#8B0000"),
    "unresolved": ("? unresolved", "#5B2C83"),
    "different_scope": ("≠ different scope", "#5A4A00"),
    "different_time": ("◷ different time", "#1F4E79"),
    "refines": ("⊂ refines", "#2F5F2F"),
    "agrees": ("= agrees", "#2F5F2F"),
    ONLY_ONE_SOURCE: ("◌ only one source", NEUTRAL_COLOUR),
}


# A relation line: the unresolved note in bold, a curated type the computed one contradicts as a
# warning, and an unresolved relation's candidate explanations with their basis in smaller type.
RELATION_CSS = """
.sb-relation{margin:.3rem 0 .7rem}
.sb-why{font-weight:600}
.sb-mismatch{margin:.35rem 0;padding:.4rem .6rem;border-radius:4px;background:#fff6d6;
 color:#5c4400;font-size:.92rem}
.sb-candidates{margin:.2rem 0 .6rem;font-size:.92rem}
.sb-candidates ol{margin:.2rem 0 0 1.2rem}
.sb-basis{display:block;font-size:.8rem;opacity:.85;overflow-wrap:anywhere}
"""


READER_CSS = """
<style>
.sb-doc{white-space:pre-wrap;font-family:Georgia,'Times New Roman',serif;font-size:1.05rem;
 line-height:1.75;background:#fffdf7;color:#1b1b1b;padding:1.2rem 1.4rem;border:1px solid #ddd;
 border-radius:6px}
.sb-doc mark{color:inherit;background:transparent;position:relative;padding:0 1px;cursor:help}
.sb-doc mark.sb-flag{text-decoration:underline wavy #b00020;text-underline-offset:3px}
.sb-doc mark.sb-selected{outline:3px solid #111;outline-offset:1px}
.sb-doc a.sb-link{color:inherit;text-decoration:none}
.sb-doc{overflow-wrap:anywhere}
.sb-doc mark.sb-claim.sb-dim{background:transparent!important;
 border-bottom:1px dotted #8a8a8a!important}
.sb-doc mark[data-tip]:hover::after,.sb-doc mark[data-tip]:focus::after,
.sb-doc a.sb-link:focus>mark[data-tip]::after{content:attr(data-tip);
 position:absolute;left:0;top:1.6em;z-index:10;width:24rem;max-width:80vw;white-space:pre-wrap;
 background:#1b1b1b;color:#fff;font:0.85rem/1.4 system-ui,sans-serif;padding:.6rem .7rem;
 border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.3)}
</style>
"""


# Search results over every claim: one line each, the match marked, the selected one outlined.
SEARCH_CSS = """
<style>
.sb-results{list-style:none;margin:0;padding:0}
.sb-results li{margin:0;border-bottom:1px solid #e4e4e4}
.sb-results a.sb-result{display:block;padding:.35rem .3rem;color:inherit;text-decoration:none;
 overflow-wrap:anywhere}
.sb-results a.sb-result:hover,.sb-results a.sb-result:focus{background:#f3f3f3}
.sb-results .sb-result-meta{font-size:.8rem;opacity:.85}
.sb-results .sb-result-swatch{display:inline-block;width:.7em;height:.7em;border-radius:2px;
 margin-right:.35em;vertical-align:baseline}
.sb-results mark{background:#ffe08a;color:inherit;padding:0 1px}
.sb-results .sb-result-selected{outline:2px solid #111;outline-offset:-2px}
</style>
"""


# The Sources page's side column stays in view beside the text on a desk; on a phone the
# columns stack, and the selected claim sits at the foot of the screen instead.
SOURCES_LAYOUT_CSS = """
<style>
@media (min-width: 640px){
 [data-testid="stColumn"]:has(.st-key-sources_side){position:sticky;top:3.75rem;
  align-self:flex-start;max-height:calc(100vh - 4.5rem);overflow-y:auto}
}
@media (max-width: 639.98px){
 .st-key-sources_selected{position:fixed;left:0;right:0;bottom:0;z-index:50;max-height:35vh;
  overflow-y:auto;background:#fff;padding:.5rem .75rem;box-shadow:0 -2px 10px rgba(0,0,0,.25)}
}
</style>
"""


# Presentation mode: no sidebar or toolbar, larger type, content at full width.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important;
}
html { font-size: 21px; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem; }
</style>
"""


# The timeline's key: its numbers in the marks' own bold, in columns that fill the width. A date
# stays on one line, except on a phone, where a long range kept whole ran past the screen.
EVENT_KEY_CSS = """
.sb-event-key{columns:22rem auto;column-gap:2rem;margin:.2rem 0 1rem;padding-left:0;
 list-style:none;font-size:.9rem}
.sb-event-key li{break-inside:avoid;margin:0 0 .2rem;padding-left:2.2rem;text-indent:-2.2rem}
.sb-key-number{display:inline-block;min-width:1.8rem;margin-right:.4rem;text-align:right;
 font-weight:700;text-indent:0}
.sb-key-date{opacity:.8;white-space:nowrap}
@media (max-width:640px){.sb-key-date{white-space:normal}}
"""


# Every fragment's look, one stylesheet: the app places it once per page run, the exported
# file once in its head.
FRAGMENT_CSS = f"<style>{TILES_CSS}{CARDS_CSS}{RELATION_CSS}{EVENT_KEY_CSS}</style>"


# Proposal kinds on the ingest page: a colour and a distinct underline, so kind is not colour alone.
PROPOSAL_STYLES = {
    "figure": ("#0072B2", "solid", "Figure"),
    "date": ("#009E73", "dashed", "Date"),
    "place": ("#D55E00", "dotted", "Place"),
    "actor": ("#CC79A7", "double", "Actor"),
}


# The exported briefing (one offline HTML file): its page, then what printing changes.
EXPORT_CSS = (
    """
<style>
:root{--sb-ink:#1b1b1b;--sb-muted:#4d4d4d;--sb-rule:#d0d0d0}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
 color:var(--sb-ink);background:#fff}
main{max-width:68rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.9rem;margin:.4rem 0}
h2{font-size:1.45rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--sb-rule)}
h3{font-size:1.15rem;margin:1rem 0 .4rem}
a{color:#0b5394}
.sb-x-meta{color:var(--sb-muted);margin:.2rem 0}
.sb-x-toc ol{columns:2;margin:.3rem 0}
.sb-x-table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.4rem 0 .8rem}
.sb-x-table th,.sb-x-table td{border:1px solid var(--sb-rule);padding:.25rem .45rem;
 text-align:left;vertical-align:top}
.sb-x-table td.sb-x-hash{font-family:ui-monospace,monospace;font-size:.75rem;
 overflow-wrap:anywhere}
.sb-x-judgment{border:1px solid var(--sb-rule);border-radius:4px;padding:.4rem .9rem;
 margin:.8rem 0}
.sb-x-confidence{font-weight:600}
.sb-x-chart{margin:.5rem 0;break-inside:avoid}
.sb-x-caption{font-size:.9rem;color:var(--sb-muted)}
.sb-x-map{max-width:56rem}
.sb-x-panel{border:1px solid var(--sb-rule);border-radius:4px;padding:.4rem .9rem;margin:.8rem 0}
.sb-x-slide{border-top:3px solid var(--sb-rule);padding:.6rem 0 1rem;scroll-margin-top:.5rem}
.sb-x-slide:focus{outline:3px solid #0b5394;outline-offset:4px}
.sb-x-slide[aria-current="step"]{border-top-color:"""
    + EMPHASIS_COLOUR
    + """}
.sb-x-slide-body{display:grid;grid-template-columns:minmax(12rem,22rem) 1fr;gap:1rem}
.sb-x-slide-nav{display:flex;gap:1rem;font-size:.9rem;margin:.3rem 0}
.sb-x-keys{font-size:.9rem;color:var(--sb-muted)}
sup.sb-x-ref{font-size:.72em;line-height:0;white-space:nowrap}
sup.sb-x-ref a{text-decoration:none;padding:0 .08em}
.sb-x-notes{font-size:.85rem}
.sb-x-notes li{margin:.35rem 0;overflow-wrap:anywhere}
.sb-x-notes q{font-style:italic}
.sb-x-notes .sb-x-hash{font-family:ui-monospace,monospace;font-size:.75rem}
.sb-x-back{padding:0 .15em}
</style>
"""
)


# One section or story slide per printed page, no chart split across two, no interactive
# chrome; footnote numbers stay since they are plain text as well as links.
EXPORT_PRINT_CSS = """
<style>
@page{size:A4 landscape;margin:12mm}
@media print{
 body{font-size:11pt}
 main{max-width:none;padding:0}
 section.sb-x-section,.sb-x-slide{break-before:page}
 .sb-x-slide:first-of-type{break-before:auto}
 .sb-x-chart{zoom:var(--sb-print-zoom,1)}
 .sb-x-chart,.sb-x-map,.sb-tile,.sb-card,figure,svg,table{break-inside:avoid}
 h2,h3{break-after:avoid}
 .modebar,.modebar-container,.sb-x-slide-nav,.sb-x-toc,.sb-x-keys,button,nav{display:none!important}
 .sb-x-slide{border-top:0}
 a{color:inherit}
 .sb-x-notes li{break-inside:avoid}
}
</style>
"""
