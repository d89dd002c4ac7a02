"""The shipped data/: only what holds for any valid package. Curators change data/ (the app's "Add a
document" merges into it), so nothing here names a count, an id or a value; a test that needs a
fact reads the curated snapshot (tests/fixtures/curated) instead."""

from __future__ import annotations

import hashlib

from lib.data.read import read_seeds_dir
from lib.data.rows import read_rows
from lib.data.schema import QUOTED_SPANS
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR


def test_shipped_package_validates():
    _, problems = load_and_validate(DEFAULT_DATA_DIR)
    assert [str(p) for p in problems] == []


def _seed_bytes() -> dict[str, bytes]:
    seeds = read_seeds_dir(DEFAULT_DATA_DIR)
    return {
        row["source_id"]: (seeds / row["seed_file"]).read_bytes()
        for row in read_rows(DEFAULT_DATA_DIR / "sources.csv")[1]
    }


def test_every_quote_sits_at_its_offsets_in_its_seed():
    """Independent of the validator: slice each seed, decoded to code points, at each row's
    offsets, in every table that quotes a seed."""
    texts = {source: raw.decode("utf-8") for source, raw in _seed_bytes().items()}
    checked, wrong = 0, []
    for table, text_col, start_col, end_col in QUOTED_SPANS:
        for line, row in enumerate(read_rows(DEFAULT_DATA_DIR / f"{table}.csv")[1], start=2):
            if not row[text_col]:
                continue
            checked += 1
            found = texts[row["source_id"]][int(row[start_col]) : int(row[end_col])]
            if found != row[text_col]:
                wrong.append(f"{table}.csv:{line}: {row[text_col]!r} but the seed has {found!r}")
    assert wrong == []
    assert checked > 0  # a package quotes its sources; reading none would prove nothing


def test_every_seed_is_byte_identical_to_its_recorded_sha256():
    recorded = {r["source_id"]: r["sha256"] for r in read_rows(DEFAULT_DATA_DIR / "sources.csv")[1]}
    hashed = {source: hashlib.sha256(raw).hexdigest() for source, raw in _seed_bytes().items()}
    assert hashed == recorded
