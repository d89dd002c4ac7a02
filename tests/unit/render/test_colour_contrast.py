"""Colour without a browser: the contrast of every text on its background (WCAG AA), source
colours that stay apart for colour-blind readers, and "colour is never the only cue"."""

from __future__ import annotations

import itertools
import re
import tomllib

import pytest

from lib.analysis.briefing import list_key_figures
from lib.analysis.events import build_date_marks, build_timeline_events
from lib.analysis.troops import select_troop_claims
from lib.app.links import link_reader, make_item_link
from lib.data.read import list_records
from lib.paths import PROJECT_ROOT
from lib.render.cards import render_claim_cards_html, render_relation_badge_html
from lib.render.cite import LinkCiter
from lib.render.minimap import render_date_strip_svg
from lib.render.reader import Span, render_document_html
from lib.render.style import (
    CARDS_CSS,
    NEUTRAL_COLOUR,
    OKABE_ITO,
    READER_CSS,
    RELATION_CSS,
    RELATION_STYLES,
    TEXT_CONTRAST,
    THEME_COLOURS,
    TILES_CSS,
    assign_source_colours,
    blend_colour,
    darken_for_text,
    measure_contrast,
)
from lib.render.tiles import render_key_figures_html
from lib.render.timeline_chart import build_timeline_figure
from lib.render.troop_chart import BAND_TINT, ROW_LABEL_NAME, build_troop_figure

WHITE = "#ffffff"
# Streamlit 1.67's light theme: the sidebar background, and captions drawn in the text colour at
# 60% opacity (its fadedText60); see `streamlit config show`.
SIDEBAR_BACKGROUND = "#f8f8f7"
CAPTION_OPACITY = 0.6
RGBA = re.compile(r"rgba\((\d+), (\d+), (\d+), ([\d.]+)\)")
# CIE76 ΔE ≈ 2.3 is a just-noticeable difference between large adjacent patches. Source colours
# mark thin lines (4 px timeline bars, 6 px card borders) that sit apart, not side by side, so we
# ask for about nine times that. matplotlib's default red and green fall to ΔE ≈ 7 under
# deuteranopia; Okabe-Ito's first three colours stay above 37 under every simulation below.
MIN_DELTA_E = 20
# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD_MATRICES = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}


def _linear_rgb(hex_colour: str) -> tuple[float, ...]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _simulate(rgb: tuple[float, ...], deficiency: str | None) -> tuple[float, ...]:
    if deficiency is None:
        return rgb
    rows = CVD_MATRICES[deficiency]
    mixed = (sum(m * c for m, c in zip(row, rgb, strict=True)) for row in rows)
    return tuple(min(1.0, max(0.0, v)) for v in mixed)


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear sRGB triple."""
    x = (0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]) / 0.95047
    y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2]
    z = (0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta_e(a: str, b: str, deficiency: str | None) -> float:
    lab_a, lab_b = (_lab(_simulate(_linear_rgb(c), deficiency)) for c in (a, b))
    return sum((p - q) ** 2 for p, q in zip(lab_a, lab_b, strict=True)) ** 0.5


def _opaque(match: re.Match, background: str) -> str:
    colour = "#" + "".join(f"{int(match.group(i)):02x}" for i in (1, 2, 3))
    return blend_colour(colour, float(match.group(4)), background)


def _theme_text() -> str:
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    return config["theme"]["light"]["textColor"]


def _full_hex(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def _assert_readable(pairs: list[tuple[str, str, str]]) -> None:
    """Each (what, text colour, background) meets WCAG AA; the message lists every failure."""
    pairs = [(what, _full_hex(fg), _full_hex(bg)) for what, fg, bg in pairs]
    low = [
        f"{what}: {fg} on {bg} is {measure_contrast(fg, bg):.2f}:1"
        for what, fg, bg in pairs
        if measure_contrast(fg, bg) < TEXT_CONTRAST
    ]
    assert not low, "text below 4.5:1:\n" + "\n".join(low)


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_matches_wcag_reference_values(foreground, background, ratio):
    assert measure_contrast(foreground, background) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("colour", OKABE_ITO)
def test_darkened_source_colour_reads_as_text_and_stays_close(colour):
    background = blend_colour(colour, BAND_TINT)
    darker = darken_for_text(colour, background)
    assert measure_contrast(darker, background) >= TEXT_CONTRAST
    # The least darkening that works: one step less would not.
    lighter = blend_colour(colour, 0.99, darker)
    assert darker == colour or measure_contrast(lighter, background) < TEXT_CONTRAST + 0.05


@pytest.mark.parametrize(
    ("pair", "deficiency"),
    [(("#D62728", "#2CA02C"), "deuteranopia"), (("#FF0000", "#808000"), "protanopia")],
)
def test_simulation_merges_classic_red_green_pairs(pair, deficiency):
    # Regression guard for the simulator itself: these pairs are far apart for normal vision.
    assert _delta_e(*pair, None) > 90
    assert _delta_e(*pair, deficiency) < MIN_DELTA_E


def test_first_three_source_colours_stay_apart_for_colour_blind_readers():
    colours = list(assign_source_colours(["first", "second", "third"]).values())
    assert colours == list(OKABE_ITO[:3])
    close = [
        f"{a} vs {b} ({deficiency or 'normal vision'}): ΔE {_delta_e(a, b, deficiency):.1f}"
        for a, b in itertools.combinations(colours, 2)
        for deficiency in (None, *CVD_MATRICES)
        if _delta_e(a, b, deficiency) < MIN_DELTA_E
    ]
    assert not close, "\n".join(close)


def test_theme_text_and_captions_meet_aa_on_page_and_sidebar():
    text = _theme_text()
    _assert_readable(
        [
            (f"{what} on {where}", blend_colour(text, alpha, bg), bg)
            for what, alpha in (("text", 1.0), ("caption", CAPTION_OPACITY))
            for where, bg in (("page", WHITE), ("sidebar", SIDEBAR_BACKGROUND))
        ]
    )


def _cards_and_tiles(package) -> tuple[str, str]:
    # Every claim's card and the key-figure tiles, as the app draws them.
    colours = assign_source_colours(package["sources"]["source_id"])
    citer = LinkCiter(link_reader, make_item_link({}))
    cards = render_claim_cards_html(list_records(package["claims"]), colours, citer)
    figures = list_key_figures(package, build_timeline_events(package))
    return cards, render_key_figures_html(figures, colours, citer)


def test_card_and_tile_text_meets_aa_on_every_source_tint(curated):
    html = "".join(_cards_and_tiles(curated))
    alphas = {float(a) for a in re.findall(r"--sb-tint:rgba\([^)]*, ([\d.]+)\)", html)}
    assert alphas, "no tinted card or tile rendered"
    # Faded parts (card foot, tile title) are the weakest text on a card or tile.
    faded = min(float(o) for o in re.findall(r"opacity:([\d.]+)", CARDS_CSS + TILES_CSS))
    text = _theme_text()
    _assert_readable(
        [
            (f"text at {faded:.0%} on {colour} at {alpha}", blend_colour(text, faded, tint), tint)
            for colour in (*OKABE_ITO, NEUTRAL_COLOUR)
            for alpha in alphas
            for tint in [blend_colour(colour, alpha)]
        ]
    )


def test_reader_text_meets_aa_on_paper_and_every_highlight():
    paper, ink = re.search(r"\.sb-doc\{[^}]*background:(#\w+);color:(#\w+)", READER_CSS).groups()
    tip_background, tip_ink = re.search(r"background:(#\w+);color:(#\w+);font", READER_CSS).groups()
    spans = [
        Span(i, i + 1, f"c{i}", "claim", colour, "tip")
        for i, colour in enumerate(THEME_COLOURS.values())
    ]
    document = render_document_html("x" * len(spans), spans)
    highlights = [_opaque(m, paper) for m in RGBA.finditer(document)]
    assert len(highlights) == len(THEME_COLOURS)
    _assert_readable(
        [("reader text on paper", ink, paper), ("tooltip", tip_ink, tip_background)]
        + [(f"reader text on highlight {bg}", ink, bg) for bg in highlights]
    )


def test_relation_badge_text_meets_aa():
    badges = {r: render_relation_badge_html(r) for r in (*RELATION_STYLES, None)}
    _assert_readable(
        [
            (f"badge {r}", re.search(r";color:(#\w+);", badge).group(1), WHITE)
            for r, badge in badges.items()
        ]
    )


def test_relation_mismatch_note_meets_aa():
    background, ink = re.search(
        r"\.sb-mismatch\{[^}]*background:(#\w+);\s*color:(#\w+)", RELATION_CSS
    ).groups()
    _assert_readable([("mismatch note", ink, background)])


def test_chart_and_strip_text_meets_aa(curated):
    source_ids = list(curated["sources"]["source_id"])
    colours = assign_source_colours(source_ids)
    claims = select_troop_claims(curated)
    troops = build_troop_figure(claims, source_ids)
    events = build_timeline_events(curated)
    timeline = build_timeline_figure(events, build_date_marks(curated, events), source_ids)
    first, last = events["date_low"].min(), events["date_high"].max()
    strip = render_date_strip_svg(first, last, first, last)
    # A troop label sits on white or on its own row's band (rows are numbered from 0).
    pairs = [
        (f"troop label {a.text!r}", a.font.color, bg)
        for a in troops.layout.annotations
        if a.text and a.font.color
        for bg in (WHITE, blend_colour(colours[claims.iloc[round(a.y)]["source_id"]], BAND_TINT))
    ]
    pairs += [
        (f"timeline note {a.text!r}", a.font.color, WHITE)
        for a in timeline.layout.annotations
        if a.text and a.font.color
    ]
    pairs += [
        ("date strip year", fill, WHITE) for fill in re.findall(r'<text[^>]*fill="(#\w+)"', strip)
    ]
    assert len(pairs) > 5
    _assert_readable(pairs)


# --- Colour is never the only cue ---------------------------------------------------------------


def test_every_card_and_tile_in_a_source_colour_names_its_source(curated):
    colours = assign_source_colours(curated["sources"]["source_id"])
    cards_html, tiles_html = _cards_and_tiles(curated)
    cards = cards_html.split('<div class="sb-card" ')[1:]
    assert len(cards) == len(curated["claims"])
    for card in cards:
        colour = re.search(r"--sb-colour:(#\w+)", card).group(1)
        source = re.search(r'<span class="sb-source">([^<]+)</span>', card).group(1)
        assert colours[source] == colour
    tiles = tiles_html.split('<a class="sb-tile" ')[1:]
    named = {}
    for tile in tiles:
        colour = re.search(r"--sb-colour:(#\w+)", tile).group(1)
        title = re.search(r'<span class="sb-tile-title">([^<]+)</span>', tile).group(1)
        if colour in colours.values():
            named[colour] = title
    assert named, "no tile in a source's colour"
    assert all(sid in named[colours[sid]] for sid in colours if colours[sid] in named)


def test_troop_chart_rows_and_timeline_legend_name_the_source(curated):
    source_ids = list(curated["sources"]["source_id"])
    colours = assign_source_colours(source_ids)
    claims = select_troop_claims(curated)
    troops = build_troop_figure(claims, source_ids)
    points = [t for t in troops.data if t.marker.color in colours.values()]
    assert [t.name for t in points] == list(claims["source_id"])
    assert all(colours[t.name] == t.marker.color for t in points)
    labels = [a.text for a in troops.layout.annotations if a.name == ROW_LABEL_NAME]
    rows = zip(claims["source_id"], labels, strict=True)
    assert all(f"<b>{sid}</b>" in label for sid, label in rows)

    events = build_timeline_events(curated)
    timeline = build_timeline_figure(events, build_date_marks(curated, events), source_ids)
    coloured = [t for t in timeline.data if t.line.color in colours.values()]
    assert coloured, "no source-coloured mark on the timeline"
    legend = {t.line.color: t.name for t in coloured if t.showlegend}
    for trace in coloured:
        source = next(s for s, c in colours.items() if c == trace.line.color)
        assert legend[trace.line.color].startswith(source)
