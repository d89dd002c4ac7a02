"""The validator's relation rules: a curated type says only what its claims' texts and data
support, and an unresolved relation lists its candidate explanations with their basis."""

from __future__ import annotations

from pathlib import Path

from lib.data.rows import blank_row, read_rows, write_rows
from lib.data.validate import load_and_validate


def _relation(data: Path, relation_id: str, **cells) -> int:
    header, rows = read_rows(data / "relations.csv")
    index = next(i for i, r in enumerate(rows) if r["relation_id"] == relation_id)
    rows[index].update(cells)
    write_rows(data / "relations.csv", header, rows)
    return index + 2


def _messages(data: Path) -> list[str]:
    return [str(p) for p in load_and_validate(data)[1]]


def test_different_time_needs_both_claims_dated(curated_copy):
    """Regression: r07 was different_time although neither of its claims is dated."""
    line = _relation(curated_copy, "r07", relation="different_time", scope_basis="")
    assert _messages(curated_copy) == [
        f"data/relations.csv:{line}:relation: different_time needs both claims dated; "
        "c000-takeover, c004-victory has no date"
    ]


def test_agrees_between_figures_needs_overlapping_intervals(curated_copy):
    line = _relation(curated_copy, "r42", relation="agrees")
    messages = _messages(curated_copy)
    assert (
        f"data/relations.csv:{line}:relation: agrees needs overlapping figures, but 585–715 and "
        "≥ 1,001 are disjoint" in messages
    )


def test_different_scope_needs_the_quotes_that_establish_it(curated_copy):
    """Regression: r42 was different_scope on two curated unit_scope strings alone."""
    line = _relation(curated_copy, "r42", relation="different_scope", scope_basis="")
    messages = _messages(curated_copy)
    assert (
        f"data/relations.csv:{line}:scope_basis: different_scope needs the claims whose quotes "
        "establish the difference; if no text does, the relation is unresolved" in messages
    )


def test_a_type_the_data_contradict_needs_an_override_reason(curated_copy):
    line = _relation(curated_copy, "r04", override_reason="")
    assert _messages(curated_copy) == [
        f"data/relations.csv:{line}:override_reason: curated 'unresolved' but the figures and "
        "dates give 'different_time' (different happenings, dated apart: 'in January' "
        "(2024-01-01..2024-01-31) vs 'last December' (2023-12-01..2023-12-31)): say why in "
        "override_reason, or retype it"
    ]


def test_an_override_reason_on_a_matching_relation_is_stale(curated_copy):
    line = _relation(curated_copy, "r21", override_reason="No longer true.")
    assert _messages(curated_copy) == [
        f"data/relations.csv:{line}:override_reason: curated 'agrees' matches the computed "
        "relation; the override_reason is stale"
    ]


def test_an_unresolved_relation_needs_its_candidates(curated_copy):
    path = curated_copy / "relation_hypotheses.csv"
    header, rows = read_rows(path)
    write_rows(path, header, [r for r in rows if r["relation_id"] != "r46"])
    relations = read_rows(curated_copy / "relations.csv")[1]
    line = next(i for i, r in enumerate(relations) if r["relation_id"] == "r46") + 2
    assert _messages(curated_copy) == [
        f"data/relations.csv:{line}:relation: an unresolved relation needs its candidate "
        "explanations in relation_hypotheses.csv"
    ]


def test_each_candidate_has_its_basis_and_belongs_to_an_unresolved_relation(curated_copy):
    path = curated_copy / "relation_hypotheses.csv"
    header, rows = read_rows(path)
    rows += [
        blank_row(
            header,
            hypothesis_id="hx1",
            relation_id="r21",
            rank="1",
            hypothesis="x",
            basis="data",
            basis_note="y",
        ),
        blank_row(
            header, hypothesis_id="hx2", relation_id="r42", rank="4", hypothesis="x", basis="quote"
        ),
        blank_row(
            header,
            hypothesis_id="hx3",
            relation_id="r42",
            rank="5",
            hypothesis="x",
            basis="outside_documents",
        ),
        blank_row(
            header,
            hypothesis_id="hx4",
            relation_id="r42",
            rank="1",
            hypothesis="x",
            basis="data",
            basis_note="y",
        ),
    ]
    write_rows(path, header, rows)
    first = len(rows) - 2
    assert _messages(curated_copy) == [
        f"data/relation_hypotheses.csv:{first}:relation_id: r21 is 'agrees': only an "
        "unresolved relation has candidate explanations",
        f"data/relation_hypotheses.csv:{first + 1}:char_end: a quote basis needs char_end",
        f"data/relation_hypotheses.csv:{first + 1}:char_start: a quote basis needs char_start",
        f"data/relation_hypotheses.csv:{first + 1}:quote: a quote basis needs quote",
        f"data/relation_hypotheses.csv:{first + 1}:source_id: a quote basis needs source_id",
        f"data/relation_hypotheses.csv:{first + 2}:basis_note: basis 'outside_documents' needs "
        "a basis_note saying where it comes from",
        f"data/relation_hypotheses.csv:{first + 3}:rank: rank 1 is taken",
    ]


def test_a_candidate_quote_must_be_at_its_offsets(curated_copy):
    path = curated_copy / "relation_hypotheses.csv"
    header, rows = read_rows(path)
    quoted = next(i for i, r in enumerate(rows) if r["basis"] == "quote")
    rows[quoted]["char_start"] = str(int(rows[quoted]["char_start"]) + 1)
    write_rows(path, header, rows)
    (message,) = _messages(curated_copy)
    assert message.startswith(f"data/relation_hypotheses.csv:{quoted + 2}:quote: quote is not at")
