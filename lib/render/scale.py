"""Charts for a projector: one transform that enlarges every text, mark and line of a figure.

A room reads a chart from metres away, so presentation mode scales a figure built for a desk
rather than each chart keeping a second set of sizes.
"""

from __future__ import annotations

import plotly.graph_objects as go

# How much larger everything is drawn in presentation mode.
PROJECTOR_SCALE = 1.5

# No text in presentation mode is smaller than this (px): legible from the back of a room on a
# 1080p projector.
PROJECTOR_MIN_FONT = 18

# The main chart of a page in presentation mode is at least this tall (px): over half of a
# 1080p projector's height once the title is above it.
PROJECTOR_CHART_HEIGHT = 560

# plotly.js's own default text size and figure height (px), used where a figure sets none.
PLOTLY_DEFAULT_FONT, PLOTLY_DEFAULT_HEIGHT = 12, 450


def _font_size(size: float | None, scale: float, floor: float) -> float:
    return max(floor, (size or PLOTLY_DEFAULT_FONT) * scale)


def _scale_sizes(value, scale: float):
    # A marker size may be one number or one per point.
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [v * scale for v in value]
    return value * scale


def enlarge_figure(
    fig: go.Figure,
    scale: float = PROJECTOR_SCALE,
    floor: float = PROJECTOR_MIN_FONT,
    min_height: int = PROJECTOR_CHART_HEIGHT,
    height_scale: float | None = None,
) -> go.Figure:
    """A copy of ``fig`` with every font at least ``floor`` px, marks, lines and margins scaled
    by ``scale``, its height by ``height_scale`` (``scale`` by default) to at least
    ``min_height`` px; ``fig`` itself is left as it was."""
    big = go.Figure(fig)
    layout = big.layout
    base = _font_size(layout.font.size, scale, floor)
    layout.font.size = base
    layout.legend.font.size = _font_size(layout.legend.font.size or base, 1, floor)
    layout.hoverlabel.font.size = _font_size(layout.hoverlabel.font.size or 13, scale, floor)
    big.for_each_xaxis(lambda axis: axis.update(tickfont_size=_tick_size(axis, scale, floor)))
    big.for_each_yaxis(lambda axis: axis.update(tickfont_size=_tick_size(axis, scale, floor)))
    for note in layout.annotations:
        note.font.size = _font_size(note.font.size, scale, floor)
        if note.arrowwidth is not None:
            note.arrowwidth *= scale
        # An arrow offset in pixels grows with its text.
        if note.ax is not None and note.axref in (None, "pixel"):
            note.ax *= scale
        if note.ay is not None and note.ayref in (None, "pixel"):
            note.ay *= scale
        if note.yshift is not None:
            note.yshift *= scale
    for shape in layout.shapes:
        if shape.line.width is not None:
            shape.line.width *= scale
    for trace in big.data:
        marker = getattr(trace, "marker", None)
        if marker is not None and marker.size is not None:
            marker.size = _scale_sizes(marker.size, scale)
        line = getattr(trace, "line", None)
        if line is not None and line.width is not None:
            line.width *= scale
        textfont = getattr(trace, "textfont", None)
        if textfont is not None:
            textfont.size = _font_size(textfont.size or base, 1, floor)
    grow = scale if height_scale is None else height_scale
    layout.height = max(round((layout.height or PLOTLY_DEFAULT_HEIGHT) * grow), min_height)
    margin = layout.margin
    for side in ("l", "r", "t", "b"):
        if getattr(margin, side) is not None:
            setattr(margin, side, round(getattr(margin, side) * scale))
    return big


def _tick_size(axis, scale: float, floor: float) -> float:
    return _font_size(axis.tickfont.size, scale, floor)
