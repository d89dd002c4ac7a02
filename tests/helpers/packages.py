"""The fixture packages: where they are, ids tests name in them, and writable copies and edits of
them. A test never changes a fixture in place; it copies one first."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path

from lib.data.rows import read_rows, write_rows
from lib.paths import DESCRIPTOR_NAME

TESTS_DIR = Path(__file__).resolve().parent.parent
FIXTURES_DIR = TESTS_DIR / "fixtures"
# The frozen copy of the curated package that tests needing known facts read (see its README).
CURATED_DATA = FIXTURES_DIR / "curated" / "data"
CURATED_SEEDS = FIXTURES_DIR / "curated" / "seeds"
HOSTILE_DATA = FIXTURES_DIR / "hostile" / "data"
THREE_SOURCES_DATA = FIXTURES_DIR / "three_sources" / "data"

AV1 = "av1-004"
THIRD = "fx3-900"  # the three-source fixture's synthetic document


def copy_curated(data_out: Path, seeds_out: Path) -> None:
    """Copy the curated snapshot's tables and descriptor to ``data_out`` and its seeds to
    ``seeds_out``, writable: the start of a package a test changes."""
    data_out.mkdir(parents=True, exist_ok=True)
    seeds_out.mkdir(parents=True, exist_ok=True)
    for path in [*CURATED_DATA.glob("*.csv"), CURATED_DATA / DESCRIPTOR_NAME]:
        shutil.copyfile(path, data_out / path.name)
    for seed in sorted(CURATED_SEEDS.glob("*.txt")):
        shutil.copyfile(seed, seeds_out / seed.name)
        (seeds_out / seed.name).chmod(0o644)


def edit_cell(data: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is ``key``; return that row's line number."""
    header, rows = read_rows(data / f"{table}.csv")
    index = next(i for i, row in enumerate(rows) if row[header[0]] == key)
    rows[index][column] = value
    write_rows(data / f"{table}.csv", header, rows)
    return index + 2  # header is line 1 and no curated cell spans lines


def set_descriptor(data: Path, **changes: object) -> None:
    """Update top-level keys of the package's datapackage.json."""
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor.update(changes)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def with_table(package, name: str, frame):
    """A copy of the package with one table replaced; the shared fixture is never mutated."""
    return replace(package, tables={**package.tables, name: frame})


def map_claims_to_sources(package) -> dict[str, str]:
    """Each claim id with the id of its source."""
    claims = package["claims"]
    return dict(zip(claims["claim_id"], claims["source_id"], strict=True))


def find_claims_naming(package, place_ids: set[str]) -> set[str]:
    """Ids of the claims whose place_ids name any of ``place_ids``."""
    claims = package["claims"]
    return {
        claim_id
        for claim_id, cell in zip(claims["claim_id"], claims["place_ids"], strict=True)
        if set(str(cell).split("|")) & place_ids
    }


def hash_tree(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under the folders, by path: to prove nothing changed."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
