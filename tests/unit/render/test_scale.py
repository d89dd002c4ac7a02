"""lib/render/scale.py: presentation mode enlarges a figure's every text and mark, on a copy."""

from __future__ import annotations

import plotly.graph_objects as go

from lib.render.scale import PROJECTOR_CHART_HEIGHT, PROJECTOR_MIN_FONT, enlarge_figure
from lib.render.troop_chart import draw_troops


def _small_figure() -> go.Figure:
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], mode="markers+text", text=["a", "b"]))
    fig.data[0].marker.size = 10
    fig.data[0].line.width = 2
    fig.add_annotation(x=1, y=1, text="note", font={"size": 11}, ay=-20)
    fig.add_shape(type="rect", x0=0, x1=1, y0=0, y1=1, line={"width": 2})
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 20, "b": 40})
    return fig


def test_enlarge_figure_lifts_every_font_to_the_floor_and_scales_marks():
    fig = _small_figure()
    big = enlarge_figure(fig, scale=1.5, floor=18, min_height=0)
    assert big.layout.font.size == 18  # 12 × 1.5 is under the floor
    assert big.layout.xaxis.tickfont.size >= 18 and big.layout.yaxis.tickfont.size >= 18
    assert big.layout.legend.font.size >= 18
    assert big.layout.annotations[0].font.size == 18
    assert big.layout.annotations[0].ay == -30
    assert big.data[0].marker.size == 15 and big.data[0].line.width == 3
    assert big.data[0].textfont.size >= 18
    assert big.layout.shapes[0].line.width == 3
    assert big.layout.height == 450
    assert (big.layout.margin.l, big.layout.margin.b) == (15, 60)


def test_enlarge_figure_leaves_the_original_as_it_was():
    fig = _small_figure()
    before = fig.to_plotly_json()
    enlarge_figure(fig)
    assert fig.to_plotly_json() == before


def test_enlarge_figure_scales_fonts_above_the_floor_by_the_factor():
    fig = _small_figure()
    fig.layout.annotations[0].font.size = 20
    assert enlarge_figure(fig, scale=2, floor=18).layout.annotations[0].font.size == 40


def test_enlarge_figure_scales_a_marker_size_per_point():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], marker={"size": [4, 8]}))
    assert list(enlarge_figure(fig, scale=2).data[0].marker.size) == [8, 16]


def test_troop_chart_in_presentation_mode_is_projector_sized(curated):
    desk, room = draw_troops(curated), draw_troops(curated, scale=1.5)
    assert room.layout.height >= max(PROJECTOR_CHART_HEIGHT, desk.layout.height)
    assert room.layout.xaxis.tickfont.size >= PROJECTOR_MIN_FONT
    assert all(note.font.size >= PROJECTOR_MIN_FONT for note in room.layout.annotations)


def test_enlarge_figure_gives_a_figure_without_a_height_at_least_the_minimum():
    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    assert fig.layout.height is None
    assert enlarge_figure(fig, scale=1.5, min_height=800).layout.height == 800
    assert enlarge_figure(fig, scale=1.5, min_height=0).layout.height == 675  # 450 × 1.5
