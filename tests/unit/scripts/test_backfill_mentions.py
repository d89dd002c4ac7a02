"""scripts/backfill_mentions.py proposes what the committed rows came from and never touches
reviewed rows."""

from __future__ import annotations

from lib.data.ingest.draft import mint_mention_id
from lib.data.rows import read_rows
from lib.data.validate import load_and_validate
from scripts.backfill_mentions import backfill_mentions


def test_rerun_leaves_the_reviewed_mentions_unchanged(curated_copy):
    before = (curated_copy / "mentions.csv").read_bytes()
    assert backfill_mentions(curated_copy) == []
    assert (curated_copy / "mentions.csv").read_bytes() == before


def _without_id(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k != "mention_id"}


def test_every_committed_row_the_curator_kept_as_proposed_is_reproduced(curated_copy):
    committed = read_rows(curated_copy / "mentions.csv")[1]
    (curated_copy / "mentions.csv").unlink()
    report = backfill_mentions(curated_copy)
    # The committed ids were minted by an older rule; each row is found again at its span.
    at = {
        (r["source_id"], r["char_start"], r["char_end"]): r
        for r in read_rows(curated_copy / "mentions.csv")[1]
    }
    kept = [row for row in committed if row["extracted_by"] and not row["note"]]
    assert kept
    assert [
        _without_id(at.get((r["source_id"], r["char_start"], r["char_end"]))) for r in kept
    ] == [_without_id(r) for r in kept]
    assert [line.split(":")[0] for line in report if "proposed" in line] == ["cnn-000", "av1-004"]


def test_proposals_are_a_valid_table_with_ids_minted_as_ingest_mints_them(curated_copy):
    (curated_copy / "mentions.csv").unlink()
    backfill_mentions(curated_copy)
    rows = read_rows(curated_copy / "mentions.csv")[1]
    by_source: dict[str, list[str]] = {}
    for row in rows:
        by_source.setdefault(row["source_id"], []).append(row["mention_id"])
    assert by_source and all(
        ids == [mint_mention_id(source_id, n) for n in range(1, len(ids) + 1)]
        for source_id, ids in by_source.items()
    )
    assert [str(p) for p in load_and_validate(curated_copy)[1]] == []
