"""The troop-count figure, table, caption and pairwise differences (no server)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis.troops import (
    describe_troops,
    explain_differences,
    format_as_of,
    select_troop_claims,
)
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.render.style import assign_source_colours
from lib.render.tables import build_troop_table
from lib.render.troop_chart import build_troop_figure
from tests.helpers import THREE_SOURCES_DATA


@pytest.fixture(scope="module")
def three_sources():
    """The three-source fixture package, read and validated once."""
    loaded, problems = load_and_validate(THREE_SOURCES_DATA)
    assert [str(p) for p in problems] == []
    return loaded


def _figure(package, claims: pd.DataFrame | None = None):
    claims = select_troop_claims(package) if claims is None else claims
    return build_troop_figure(claims, list(package["sources"]["source_id"]))


def _arrows(fig) -> list:
    return [a for a in fig.layout.annotations if a.showarrow]


def _trace_of(fig, source_id: str):
    (trace,) = [t for t in fig.data if t.name == source_id]
    return trace


# --- select_troop_claims ----------------------------------------------------------------------


def test_select_troop_claims_returns_both_figures_in_source_order(package):
    claims = select_troop_claims(package)
    assert claims["claim_id"].tolist() == ["c000-650", "c004-1000"]
    assert claims["source_id"].tolist() == list(package["sources"]["source_id"])


def test_select_troop_claims_follows_sources_table_order_not_claims_order(package):
    reordered = dataclasses.replace(
        package,
        tables={**package.tables, "sources": package["sources"].iloc[::-1]},
    )
    assert select_troop_claims(reordered)["claim_id"].tolist() == ["c004-1000", "c000-650"]


def test_select_troop_claims_picks_up_third_source_range(three_sources):
    claims = select_troop_claims(three_sources)
    assert claims["claim_id"].tolist() == ["c000-650", "c004-1000", "c900-personnel"]
    third = claims.iloc[2]
    assert third["source_id"] == "fx3-900"
    assert third["bound"] == "range"
    assert (third["value_low"], third["value_high"]) == (900, 1100)


# --- build_troop_figure -----------------------------------------------------------------------


def test_figure_draws_about_650_as_one_band_from_585_to_715(package):
    fig = _figure(package)
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == 1
    assert (bands[0].x0, bands[0].x1) == pytest.approx((585, 715))
    # The band sits on cnn-000's row (row 0).
    assert bands[0].y0 < 0 < bands[0].y1
    assert bands[0].line.color == assign_source_colours(["cnn-000", "av1-004"])["cnn-000"]


def test_figure_draws_more_than_1000_as_ray_pointing_right(package):
    fig = _figure(package)
    (arrow,) = _arrows(fig)
    assert arrow.ax == 1001
    assert arrow.x > arrow.ax  # points right, past every finite figure
    assert arrow.x >= 1001 and arrow.x >= fig.layout.xaxis.range[1] - 1e-9
    assert arrow.arrowhead
    assert arrow.y == arrow.ay == 1  # av1-004's row
    assert arrow.arrowcolor == assign_source_colours(["cnn-000", "av1-004"])["av1-004"]
    texts = [a.text for a in fig.layout.annotations if not a.showarrow]
    assert "no upper limit" in texts


def test_figure_marks_non_exact_figures_with_a_tick_not_a_diamond(package):
    fig = _figure(package)
    assert [t.marker.symbol for t in fig.data] == ["line-ns", "line-ns"]
    assert [t.name for t in fig.data] == ["cnn-000", "av1-004"]


def test_figure_draws_exact_figure_as_a_diamond_without_band_or_arrow(package):
    claims = select_troop_claims(package).iloc[[0]].copy()
    claims["bound"], claims["hedge"] = "exact", None
    claims["value_low"] = claims["value_high"] = claims["value"]
    fig = _figure(package, claims)
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


def test_figure_row_labels_name_scope_date_and_claimant(package):
    fig = _figure(package)
    claims = select_troop_claims(package)
    ticks = fig.layout.yaxis.ticktext
    assert len(ticks) == 2
    for tick, (_, row) in zip(ticks, claims.iterrows(), strict=True):
        assert row["source_id"] in tick
        assert row["unit_scope"] in tick
        assert format_as_of(row) in tick
        assert row["claimant"] in tick
    assert "16–22 Mar 2024" in ticks[0] and "15–26 Apr 2024" in ticks[1]


def test_figure_escapes_markup_in_claimant(package_copy: Path):
    path = package_copy / "claims.csv"
    header, rows = read_rows(path)
    (row,) = [r for r in rows if r["claim_id"] == "c000-650"]
    row["claimant"] = "<b>x</b>"
    write_rows(path, header, rows)
    loaded, problems = load_and_validate(package_copy)
    assert [str(p) for p in problems] == []

    fig = _figure(loaded)
    tick, hover = fig.layout.yaxis.ticktext[0], _trace_of(fig, "cnn-000").hovertext[0]
    for text in (tick, hover):
        assert "&lt;b&gt;x&lt;/b&gt;" in text
        assert "<b>x</b>" not in text


def test_figure_hover_quotes_the_source(package):
    fig = _figure(package)
    for (_, row), trace in zip(select_troop_claims(package).iterrows(), fig.data, strict=True):
        (hover,) = trace.hovertext
        assert row["quote"] in hover
        assert list(trace.customdata) == [row["claim_id"]]


# --- build_troop_table and describe_troops ----------------------------------------------------


def test_troop_table_has_one_row_per_claim_with_interval_text(package):
    table = build_troop_table(select_troop_claims(package))
    assert table["claim_id"].tolist() == ["c000-650", "c004-1000"]
    assert table["interval"].tolist() == ["585–715", "≥ 1,001"]
    assert table["figure"].tolist()[0] == "about 650 (585–715) people"
    assert table["as_of"].tolist() == ["16–22 Mar 2024", "15–26 Apr 2024"]


def test_troop_table_grows_with_third_source(three_sources):
    table = build_troop_table(select_troop_claims(three_sources))
    assert len(table) == 3
    assert table["interval"].iloc[2] == "900–1,100"


def test_describe_troops_counts_figures_sources_and_shapes(package, three_sources):
    text = describe_troops(select_troop_claims(package))
    assert "2 figure(s) from 2 source(s)" in text
    assert "a band" in text and "a ray to the right" in text
    assert "a point" not in text
    assert "3 figure(s) from 3 source(s)" in describe_troops(select_troop_claims(three_sources))


# --- explain_differences ----------------------------------------------------------------------


def test_explain_differences_lists_every_way_the_real_pair_differs(package):
    (item,) = explain_differences(package, select_troop_claims(package))
    assert (item["claim_a"], item["claim_b"]) == ("c000-650", "c004-1000")
    assert item["curated"] == "different_scope"
    curated = package["relations"].set_index("relation_id").loc["r42", "explanation"]
    assert item["explanation"] == curated
    assert item["computed"] == "different_scope"
    text = " ".join(item["differences"])
    assert "U.S. troops" in text and "U.S. military personnel" in text
    assert "16–22 Mar 2024" in text and "15–26 Apr 2024" in text
    assert "about 30 days apart" in text
    assert "an approximate figure" in text and "a lower bound" in text
    assert "US officials" in text and "Reporting (original publisher not named)" in text
    assert "do not overlap" in text


def test_explain_differences_covers_all_three_pairs_of_fixture(three_sources):
    items = explain_differences(three_sources, select_troop_claims(three_sources))
    pairs = {(i["claim_a"], i["claim_b"]): i for i in items}
    assert set(pairs) == {
        ("c000-650", "c004-1000"),
        ("c000-650", "c900-personnel"),
        ("c004-1000", "c900-personnel"),
    }
    overlapping = pairs[("c004-1000", "c900-personnel")]
    # Curated as (c900-personnel, c004-1000): found in either order.
    assert overlapping["curated"] == "different_scope"
    assert overlapping["computed"] == "different_scope"
    assert any("intervals overlap" in d for d in overlapping["differences"])
    assert not any("do not overlap" in d for d in overlapping["differences"])
    assert any("do not overlap" in d for d in pairs[("c000-650", "c900-personnel")]["differences"])


def test_explain_differences_skips_pairs_from_one_source(package):
    claims = select_troop_claims(package)
    doubled = pd.concat([claims, claims.iloc[[1]].assign(claim_id="c004-1000-copy")])
    items = explain_differences(package, doubled.reset_index(drop=True))
    assert {(i["claim_a"], i["claim_b"]) for i in items} == {
        ("c000-650", "c004-1000"),
        ("c000-650", "c004-1000-copy"),
    }
