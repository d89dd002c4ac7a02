"""scripts/backfill_mentions.py proposes what the committed rows came from and never touches
reviewed rows."""

from __future__ import annotations

import re

from lib.data.rows import read_rows
from lib.data.validate import load_and_validate
from scripts.backfill_mentions import backfill_mentions


def test_rerun_leaves_the_reviewed_mentions_unchanged(curated_copy):
    before = (curated_copy / "mentions.csv").read_bytes()
    assert backfill_mentions(curated_copy) == []
    assert (curated_copy / "mentions.csv").read_bytes() == before


def test_every_committed_row_the_curator_kept_as_proposed_is_reproduced(curated_copy):
    committed = read_rows(curated_copy / "mentions.csv")[1]
    (curated_copy / "mentions.csv").unlink()
    report = backfill_mentions(curated_copy)
    proposed = {row["mention_id"]: row for row in read_rows(curated_copy / "mentions.csv")[1]}
    kept = [row for row in committed if row["extracted_by"] and not row["note"]]
    assert kept
    assert [proposed.get(row["mention_id"]) for row in kept] == kept
    assert [line.split(":")[0] for line in report if "proposed" in line] == ["cnn-000", "av1-004"]


def test_proposals_are_a_valid_table_with_ids_from_the_seed_number(curated_copy):
    (curated_copy / "mentions.csv").unlink()
    backfill_mentions(curated_copy)
    ids = [row["mention_id"] for row in read_rows(curated_copy / "mentions.csv")[1]]
    assert ids and all(re.fullmatch(r"m(000|004)-\d{4}", i) for i in ids)
    assert [str(p) for p in load_and_validate(curated_copy)[1]] == []
