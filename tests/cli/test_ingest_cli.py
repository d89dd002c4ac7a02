"""``python -m scripts.ingest``: an article becomes a draft (never touching data/), bad input is
refused with one line and nothing written, and ``--accept`` merges a draft edited as CSV."""

from __future__ import annotations

from pathlib import Path

from lib.data.ingest.draft import read_draft
from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from scripts.ingest import main
from tests.helpers.commands import run_main, run_module
from tests.helpers.packages import FIXTURES_DIR, hash_tree

ARTICLE = FIXTURES_DIR / "ingest" / "07_reuters_base201_handover.txt"


def _run(*args: str | Path):
    return run_module("scripts.ingest", *args)


def _args(curated_copy: Path, out: Path, article: Path = ARTICLE, *extra: str) -> tuple:
    return (
        article, "--published", "2024-08-05", "--outlet", "Reuters", "--out", out,
        "--data", curated_copy, *extra,
    )  # fmt: skip


def _ingest(curated_copy: Path, out: Path, article: Path = ARTICLE, *extra: str):
    """The command in a subprocess, as a curator runs it."""
    return _run(*_args(curated_copy, out, article, *extra))


def _ingest_here(capsys, curated_copy: Path, out: Path, article: Path = ARTICLE):
    """The command's main in this process: for the refusals, which need no new interpreter."""
    return run_main(main, capsys, *_args(curated_copy, out, article))


def test_an_article_becomes_a_draft_and_data_is_untouched(curated_copy, tmp_path):
    before = hash_tree(curated_copy, curated_copy.parent / "seeds")
    result = _ingest(curated_copy, tmp_path / "draft")
    assert result.returncode == 0, result.stderr
    assert hash_tree(curated_copy, curated_copy.parent / "seeds") == before
    draft = read_draft(tmp_path / "draft")
    assert draft.seed_bytes == ARTICLE.read_bytes()
    claims = draft.rows("claims")
    assert claims and all(c["status"] == "proposed" for c in claims)
    for row in claims + draft.rows("mentions"):
        assert draft.text[int(row["char_start"]) : int(row["char_end"])] == row["quote"]
    figures = {(c["hedge"], c["value"], c["bound"]) for c in claims if c["bound"]}
    assert ("More than", "1000", "lower") in figures
    assert any(r["relation"] == "unresolved" for r in draft.rows("relations"))
    assert "claims proposed" in result.stdout and "relations to other sources" in result.stdout


def test_a_source_id_can_be_chosen(curated_copy, tmp_path):
    result = _ingest(curated_copy, tmp_path / "draft", ARTICLE, "--source-id", "reuters-0805")
    assert result.returncode == 0, result.stderr
    assert read_draft(tmp_path / "draft").source_id == "reuters-0805"


def test_an_empty_article_is_refused_in_one_line_and_nothing_is_written(
    curated_copy, tmp_path, capsys
):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _ingest_here(capsys, curated_copy, tmp_path / "draft", empty)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "empty" in result.stderr
    assert not (tmp_path / "draft").exists()


def test_a_draft_folder_that_is_not_empty_is_refused(curated_copy, tmp_path, capsys):
    (tmp_path / "draft").mkdir()
    (tmp_path / "draft" / "notes.txt").write_text("mine", encoding="utf-8")
    result = _ingest_here(capsys, curated_copy, tmp_path / "draft")
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "draft" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_draft_is_never_written_inside_the_package(curated_copy, capsys):
    result = _ingest_here(capsys, curated_copy, curated_copy / "draft")
    assert result.returncode == 2 and "inside or around the package" in result.stderr


def _accept_first_figure(draft_dir: Path) -> str:
    """Accept the first claim with a figure on an existing topic, and its relations."""
    header, claims = read_rows(draft_dir / "claims.csv")
    chosen = next(c for c in claims if c["bound"] and c["topic_status"] == "existing")
    chosen["status"] = "accepted"
    write_rows(draft_dir / "claims.csv", header, claims)
    header, relations = read_rows(draft_dir / "relations.csv")
    for row in relations:
        if row["claim_a"] == chosen["claim_id"]:
            row["status"] = "accepted"
    write_rows(draft_dir / "relations.csv", header, relations)
    return chosen["claim_id"]


def test_accept_merges_a_draft_edited_as_csv(curated_copy, tmp_path):
    assert _ingest(curated_copy, tmp_path / "draft").returncode == 0
    claim_id = _accept_first_figure(tmp_path / "draft")
    result = _run("--accept", tmp_path / "draft", "--data", curated_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    package, problems = load_and_validate(curated_copy)
    assert [str(p) for p in problems] == []
    assert claim_id in set(package["claims"]["claim_id"])
    assert package.version == "0.5.0"


def test_accept_refuses_a_quote_moved_off_its_offsets_and_changes_nothing(
    curated_copy, tmp_path, capsys
):
    assert _ingest_here(capsys, curated_copy, tmp_path / "draft").returncode == 0
    claim_id = _accept_first_figure(tmp_path / "draft")
    header, claims = read_rows(tmp_path / "draft" / "claims.csv")
    row = next(c for c in claims if c["claim_id"] == claim_id)
    row["char_start"] = str(int(row["char_start"]) + 1)
    write_rows(tmp_path / "draft" / "claims.csv", header, claims)
    before = hash_tree(curated_copy, curated_copy.parent / "seeds")
    result = run_main(main, capsys, "--accept", tmp_path / "draft", "--data", curated_copy)
    assert result.returncode == 1
    line = 2 + claims.index(row)
    assert f"claims.csv:{line}:quote: not the text at" in result.stderr
    assert hash_tree(curated_copy, curated_copy.parent / "seeds") == before
