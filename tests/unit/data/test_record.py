"""The validated record: unchanged content loads without checking it again, and nothing but a
record that matches the files on disk, untouched, is ever trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from lib.data import record
from lib.data.record import MANIFEST, hash_content, load_validated
from lib.data.validate import load_and_validate
from tests.helpers.corruptions import CORRUPTIONS
from tests.helpers.packages import edit_cell


@pytest.fixture
def record_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "validated"


def _assert_same_package(a, b) -> None:
    assert set(a.tables) == set(b.tables)
    for name in a.tables:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)
        assert list(a[name].dtypes) == list(b[name].dtypes), name
        assert list(a.lines[name]) == list(b.lines[name]), name
    assert dict(a.seeds) == dict(b.seeds)
    assert dict(a.seed_sha256) == dict(b.seed_sha256)
    assert a.descriptor == b.descriptor


def _only_record(record_dir: Path) -> Path:
    (folder,) = [p for p in record_dir.iterdir() if p.is_dir()]
    return folder


def test_unchanged_content_loads_from_the_record_as_validated(curated_copy, record_dir):
    first = load_validated(curated_copy, record_dir)
    assert (first.how, first.problems) == ("validated", [])
    second = load_validated(curated_copy, record_dir)
    assert (second.how, second.problems) == ("record", [])
    assert second.content_hash == first.content_hash
    full, problems = load_and_validate(curated_copy)
    assert problems == []
    _assert_same_package(second.package, full)


def test_a_touched_but_unchanged_file_still_loads_from_the_record(curated_copy, record_dir):
    load_validated(curated_copy, record_dir)
    claims = curated_copy / "claims.csv"
    claims.write_bytes(claims.read_bytes())  # a new mtime, the same content
    assert load_validated(curated_copy, record_dir).how == "record"


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_every_corruption_is_caught_after_the_clean_package_was_recorded(
    curated_copy, record_dir, name
):
    assert load_validated(curated_copy, record_dir).how == "validated"
    expected = CORRUPTIONS[name](curated_copy)
    loaded = load_validated(curated_copy, record_dir)
    assert loaded.how == "validated"
    assert expected in [str(p) for p in loaded.problems]
    # A package with problems is never recorded: the clean one's record is all there is.
    assert len([p for p in record_dir.iterdir() if p.is_dir()]) == 1


def test_an_edited_cell_is_validated_again_and_recorded_under_its_own_hash(
    curated_copy, record_dir
):
    first = load_validated(curated_copy, record_dir)
    edit_cell(curated_copy, "sources", "av1-004", "quality_summary", "Another summary")
    changed = load_validated(curated_copy, record_dir)
    assert changed.how == "validated" and changed.problems == []
    assert changed.content_hash != first.content_hash
    assert "Another summary" in set(changed.package["sources"]["quality_summary"])
    assert load_validated(curated_copy, record_dir).how == "record"


def _tamper_table(folder: Path) -> None:
    # A hand edit that keeps the file valid Parquet: one quote changed.
    path = folder / "claims.parquet"
    frame = pd.read_parquet(path)
    frame.loc[0, "quote"] = "words no document ever printed"
    frame.to_parquet(path, index=False)


def _tamper_table_and_manifest(folder: Path) -> None:
    # The same edit, with the manifest's digest brought in line: only the signature is left.
    _tamper_table(folder)
    held = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    held["manifest"]["tables"]["claims"]["sha256"] = record._file_sha256(folder / "claims.parquet")
    (folder / MANIFEST).write_text(json.dumps(held), encoding="utf-8")


def _truncate_table(folder: Path) -> None:
    path = folder / "claims.parquet"
    path.write_bytes(path.read_bytes()[:100])


def _garble_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_text("{not json", encoding="utf-8")


def _drop_a_table(folder: Path) -> None:
    (folder / "events.parquet").unlink()


def _rename_a_column(folder: Path) -> None:
    path = folder / "claims.parquet"
    table = pq.read_table(path)
    table = table.rename_columns(["claim" if c == "claim_id" else c for c in table.column_names])
    pq.write_table(table, path)
    _resign(folder)


def _retype_a_column(folder: Path) -> None:
    # Offsets stored as text: the same values, and a quote check that would compare as strings.
    path = folder / "claims.parquet"
    frame = pd.read_parquet(path)
    frame["char_start"] = frame["char_start"].astype("str")
    frame.to_parquet(path, index=False)
    _resign(folder)


def _resign(folder: Path) -> None:
    # What only someone holding the key could do: a consistent, signed record whose table no
    # longer fits the schema. It is refused all the same.
    held = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest = held["manifest"]
    manifest["tables"]["claims"]["sha256"] = record._file_sha256(folder / "claims.parquet")
    key = record._read_key(folder.parent, create=False)
    held["signature"] = record._sign(key, manifest)
    (folder / MANIFEST).write_text(json.dumps(held), encoding="utf-8")


TAMPERINGS = {
    "a table edited": _tamper_table,
    "a table edited and the manifest's digest updated": _tamper_table_and_manifest,
    "a table cut short": _truncate_table,
    "the manifest not JSON": _garble_manifest,
    "a table missing": _drop_a_table,
    "a column renamed and re-signed": _rename_a_column,
    "a column's type changed and re-signed": _retype_a_column,
}


@pytest.mark.parametrize("name", list(TAMPERINGS))
def test_a_tampered_record_is_never_trusted(curated_copy, record_dir, name):
    load_validated(curated_copy, record_dir)
    TAMPERINGS[name](_only_record(record_dir))
    loaded = load_validated(curated_copy, record_dir)
    assert loaded.how == "validated"
    assert loaded.problems == []
    full, _ = load_and_validate(curated_copy)
    _assert_same_package(loaded.package, full)
    assert "words no document ever printed" not in set(loaded.package["claims"]["quote"])


def test_a_record_signed_with_another_key_is_refused(curated_copy, record_dir, tmp_path):
    load_validated(curated_copy, record_dir)
    key = record._key_path(record_dir)
    key.write_bytes(b"k" * 32)  # as if the record had been copied in from another machine
    assert load_validated(curated_copy, record_dir).how == "validated"


def test_a_record_for_other_content_is_not_used(curated_copy, record_dir):
    load_validated(curated_copy, record_dir)
    folder = _only_record(record_dir)
    edit_cell(curated_copy, "sources", "av1-004", "quality_summary", "Another summary")
    # The old record moved under the new content's name: its manifest still says the old hash.
    folder.rename(record_dir / hash_content(curated_copy))
    loaded = load_validated(curated_copy, record_dir)
    assert loaded.how == "validated"
    assert "Another summary" in set(loaded.package["sources"]["quality_summary"])


def test_an_edited_seed_changes_the_hash_and_is_reported(curated_copy, record_dir):
    before = load_validated(curated_copy, record_dir).content_hash
    seed = next((curated_copy.parent / "seeds").iterdir())
    seed.write_bytes(seed.read_bytes() + b" ")
    loaded = load_validated(curated_copy, record_dir)
    assert loaded.content_hash != before and loaded.how == "validated"
    assert any("seeds are immutable" in p.message for p in loaded.problems)


def test_a_change_to_the_validating_code_changes_the_hash(curated_copy, tmp_path, monkeypatch):
    code = tmp_path / "code"
    code.mkdir()
    (code / "validate.py").write_text("RULES = 1\n", encoding="utf-8")
    monkeypatch.setattr(record, "_CODE_DIR", code)
    before = hash_content(curated_copy)
    (code / "validate.py").write_text("RULES = 2\n", encoding="utf-8")
    assert hash_content(curated_copy) != before


def test_an_unwritable_record_folder_still_loads_in_full(curated_copy, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    loaded = load_validated(curated_copy, blocked / "validated")
    assert (loaded.how, loaded.problems) == ("validated", [])
    assert load_validated(curated_copy, blocked / "validated").how == "validated"


def test_old_records_are_pruned_to_the_newest_few(curated_copy, record_dir):
    for n in range(record.KEEP_RECORDS + 2):
        edit_cell(curated_copy, "sources", "av1-004", "quality_summary", f"Summary {n}")
        load_validated(curated_copy, record_dir)
    kept = [p for p in record_dir.iterdir() if p.is_dir()]
    assert len(kept) == record.KEEP_RECORDS
    assert hash_content(curated_copy) in {p.name for p in kept}
