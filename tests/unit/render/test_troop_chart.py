"""lib/render/troop_chart.py: each troop figure drawn as the kind of statement it is."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis.troops import select_troop_claims
from lib.data.dates import describe_claim_date
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.render.style import assign_source_colours
from lib.render.troop_chart import (
    BAND_HALF_HEIGHT,
    LABEL_WRAP,
    ROW_LABEL_NAME,
    build_troop_figure,
)


def _figure(package, claims: pd.DataFrame | None = None):
    claims = select_troop_claims(package) if claims is None else claims
    return build_troop_figure(claims, list(package["sources"]["source_id"]))


def _row_labels(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.name == ROW_LABEL_NAME]


def _arrows(fig) -> list:
    return [a for a in fig.layout.annotations if a.showarrow]


def _trace_of(fig, source_id: str):
    (trace,) = [t for t in fig.data if t.name == source_id]
    return trace


def test_figure_draws_about_650_as_one_band_from_585_to_715(curated):
    fig = _figure(curated)
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == 1
    assert (bands[0].x0, bands[0].x1) == pytest.approx((585, 715))
    # The band sits on cnn-000's row (row 0).
    assert bands[0].y0 < 0 < bands[0].y1
    assert bands[0].line.color == assign_source_colours(["cnn-000", "av1-004"])["cnn-000"]


def test_figure_draws_more_than_1000_as_ray_pointing_right(curated):
    fig = _figure(curated)
    (arrow,) = _arrows(fig)
    assert arrow.ax == 1001
    assert arrow.x > arrow.ax  # points right, past every finite figure
    assert arrow.x >= 1001 and arrow.x >= fig.layout.xaxis.range[1] - 1e-9
    assert arrow.arrowhead
    assert arrow.y == arrow.ay == 1  # av1-004's row
    assert arrow.arrowcolor == assign_source_colours(["cnn-000", "av1-004"])["av1-004"]
    texts = [a.text for a in fig.layout.annotations if not a.showarrow]
    assert "no upper limit" in texts


def test_figure_marks_non_exact_figures_with_a_tick_not_a_diamond(curated):
    fig = _figure(curated)
    assert [t.marker.symbol for t in fig.data] == ["line-ns", "line-ns"]
    assert [t.name for t in fig.data] == ["cnn-000", "av1-004"]


def test_figure_draws_exact_figure_as_a_diamond_without_band_or_arrow(curated):
    claims = select_troop_claims(curated).iloc[[0]].copy()
    claims["bound"], claims["hedge"] = "exact", None
    claims["value_low"] = claims["value_high"] = claims["value"]
    fig = _figure(curated, claims)
    assert [t.marker.symbol for t in fig.data] == ["diamond"]
    assert list(fig.data[0].x) == [650]
    assert fig.layout.shapes == ()
    assert _arrows(fig) == []
    assert "limit" not in " ".join(a.text for a in fig.layout.annotations)


def test_figure_draws_fixture_range_as_band_in_third_source_colour(three_sources):
    fig = _figure(three_sources)
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == 2
    third = bands[1]
    assert (third.x0, third.x1) == (900, 1100)
    assert third.y0 < 2 < third.y1
    assert assign_source_colours(three_sources["sources"]["source_id"])["fx3-900"] == "#009E73"
    assert third.line.color == "#009E73"


def test_range_figure_point_and_label_sit_inside_its_band(three_sources):
    fig = _figure(three_sources)
    (x,) = _trace_of(fig, "fx3-900").x
    assert not math.isnan(x) and 900 <= x <= 1100
    label = [a for a in fig.layout.annotations if a.text.startswith("Between")]
    assert not math.isnan(label[0].x)


def test_figure_row_labels_name_scope_date_and_claimant(curated):
    fig = _figure(curated)
    claims = select_troop_claims(curated)
    # Wrapped lines: compare with the line breaks read as spaces.
    ticks = [label.replace("<br>", " ") for label in _row_labels(fig)]
    assert len(ticks) == 2
    for tick, (_, row) in zip(ticks, claims.iterrows(), strict=True):
        assert row["source_id"] in tick
        assert row["unit_scope"] in tick
        assert describe_claim_date(row) in tick
        assert row["claimant"] in tick
    # Neither snapshot text says when its count was taken: both dates are publication estimates.
    assert "reported 16–22 Mar 2024" in ticks[0] and "reported 8–22 Apr 2024" in ticks[1]
    assert not any("as of" in tick for tick in ticks)


def test_figure_escapes_markup_in_claimant(curated_copy: Path):
    path = curated_copy / "claims.csv"
    header, rows = read_rows(path)
    (row,) = [r for r in rows if r["claim_id"] == "c000-650"]
    row["claimant"] = "<b>x</b>"
    write_rows(path, header, rows)
    loaded, problems = load_and_validate(curated_copy)
    assert [str(p) for p in problems] == []

    fig = _figure(loaded)
    tick, hover = _row_labels(fig)[0], _trace_of(fig, "cnn-000").hovertext[0]
    for text in (tick, hover):
        assert "&lt;b&gt;x&lt;/b&gt;" in text
        assert "<b>x</b>" not in text


def test_figure_hover_quotes_the_source(curated):
    fig = _figure(curated)
    for (_, row), trace in zip(select_troop_claims(curated).iterrows(), fig.data, strict=True):
        (hover,) = trace.hovertext
        assert row["quote"] in hover
        assert list(trace.customdata) == [row["claim_id"]]


def test_row_labels_sit_above_their_rows_not_beside_the_plot(curated):
    # Regression: the labels were y-axis ticks, which at 390 px took most of the width and were
    # clipped at the left; above each row, wrapped, they leave the plot the whole width.
    fig = _figure(curated)
    assert not fig.layout.yaxis.showticklabels and not fig.layout.yaxis.ticktext
    labels = [a for a in fig.layout.annotations if a.name == ROW_LABEL_NAME]
    assert [round(a.y + BAND_HALF_HEIGHT) for a in labels] == [0, 1]  # one per row, in order
    for label in labels:
        assert (label.xref, label.x, label.xanchor, label.yanchor) == ("paper", 0, "left", "bottom")
        assert label.yshift > 0  # above the band and the figure over it
        assert all(
            len(re.sub("<[^>]+>", "", line)) <= LABEL_WRAP for line in label.text.split("<br>")
        )
    # The top row's label fits inside the plot: the axis runs far enough above row 0.
    assert fig.layout.yaxis.range[1] < -BAND_HALF_HEIGHT
