"""The validated record: a package that passed every check, kept by content hash, so a server
start on unchanged files loads it without checking it again.

The record lives outside ``data/`` (``.cache/validated/`` unless $SAHEL_BRIEF_RECORD_DIR says
otherwise): one folder per content hash with a Parquet file per table and a manifest. It is
trusted only when all of these hold, and otherwise the package is read and validated in full:
- the content hash of the files on disk now (every table, the descriptor, every seed, and the
  code that reads and validates them) names the record's folder and its manifest;
- the manifest's signature, an HMAC under a key kept outside the record folder, is right, so a
  hand-edited manifest is refused;
- every Parquet file has the SHA-256 the manifest gives, so an edited or truncated table is
  refused;
- the tables read back have the columns and types the schema gives.
Only a package with no problem is recorded, and only when its files did not change while it
was being validated.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.data.read import (
    Package,
    Problem,
    pandas_dtype,
    read_descriptor,
    read_seeds,
    resolve_seeds_dir,
)
from lib.data.schema import TABLES
from lib.data.validate import load_and_validate
from lib.paths import DESCRIPTOR_NAME, PROJECT_ROOT

RECORD_DIR_ENV = "SAHEL_BRIEF_RECORD_DIR"
RECORD_KEY_ENV = "SAHEL_BRIEF_RECORD_KEY"
DEFAULT_RECORD_DIR = PROJECT_ROOT / ".cache" / "validated"
MANIFEST = "manifest.json"
FORMAT = 1
# Records kept: the newest few, so switching between two packages does not validate each time.
KEEP_RECORDS = 4
# The code whose behaviour decides what a valid package is and how it is typed.
_CODE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Loaded:
    """A loaded package, its problems, and how it was obtained: "record" (read back from a
    validated record) or "validated" (read and checked in full)."""

    package: Package
    problems: list[Problem]
    how: str
    content_hash: str


def resolve_record_dir() -> Path:
    return Path(os.environ.get(RECORD_DIR_ENV) or DEFAULT_RECORD_DIR)


def _key_path(record_dir: Path) -> Path:
    # Beside the records, not among them: deleting or replacing a record leaves the key.
    chosen = os.environ.get(RECORD_KEY_ENV)
    return Path(chosen) if chosen else record_dir.parent / "record.key"


def _read_key(record_dir: Path, create: bool) -> bytes | None:
    path = _key_path(record_dir)
    try:
        key = path.read_bytes()
        return key if len(key) >= 32 else None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(secrets.token_bytes(32))
        return path.read_bytes()
    except FileExistsError:  # another server made it first
        return _read_key(record_dir, create=False)
    except OSError:
        return None


def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CODE_DIR.rglob("*.py")):
        digest.update(path.relative_to(_CODE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def hash_content(data_dir: Path) -> str:
    """SHA-256 over every file the package is read from, and the code that reads and checks it.

    A missing file hashes as missing, so adding it later changes the hash too.
    """
    digest = hashlib.sha256(f"format {FORMAT}\0code {_code_version()}\0".encode())
    files = [DESCRIPTOR_NAME] + [table.path for table in TABLES.values()]
    for name in files:
        _add_file(digest, name, data_dir / name)
    descriptor, _ = read_descriptor(data_dir)
    seeds_dir = resolve_seeds_dir(data_dir, descriptor)
    if seeds_dir.is_dir():
        for path in sorted(p for p in seeds_dir.iterdir() if p.is_file()):
            _add_file(digest, f"seeds/{path.name}", path)
    return digest.hexdigest()


def _add_file(digest, name: str, path: Path) -> None:
    try:
        body = _file_sha256(path)
    except OSError:
        body = "missing"
    digest.update(f"{name}\0{body}\0".encode())


def _sign(key: bytes, manifest: dict) -> str:
    body = json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_record(loaded_package: Package, content_hash: str, record_dir: Path) -> Path | None:
    """Record a package that passed validation under ``content_hash``; None if it cannot be
    written here (a read-only disk, no key). Written in a temporary folder and renamed, so a
    reader never sees half a record."""
    key = _read_key(record_dir, create=True)
    if key is None:
        return None
    target = record_dir / content_hash
    if target.is_dir():
        return target
    try:
        record_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=record_dir))
    except OSError:
        return None
    try:
        tables = {}
        for name, frame in loaded_package.tables.items():
            path = staging / f"{name}.parquet"
            frame.to_parquet(path, index=False)
            tables[name] = {
                "sha256": _file_sha256(path),
                "lines": list(loaded_package.lines[name]),
            }
        manifest = {
            "format": FORMAT,
            "content_hash": content_hash,
            "descriptor": loaded_package.descriptor,
            "tables": tables,
        }
        (staging / MANIFEST).write_text(
            json.dumps({"manifest": manifest, "signature": _sign(key, manifest)}),
            encoding="utf-8",
        )
        staging.rename(target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return target if target.is_dir() else None
    _prune(record_dir, keep=target)
    return target


def _prune(record_dir: Path, keep: Path) -> None:
    records = sorted(
        (p for p in record_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in [p for p in records if p != keep][KEEP_RECORDS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def read_record(data_dir: Path, content_hash: str, record_dir: Path) -> Package | None:
    """The recorded package for ``content_hash``, or None when there is none to trust."""
    folder = record_dir / content_hash
    key = _read_key(record_dir, create=False)
    if key is None or not folder.is_dir():
        return None
    try:
        held = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        manifest, signature = held["manifest"], held["signature"]
        if not (
            isinstance(signature, str) and hmac.compare_digest(signature, _sign(key, manifest))
        ):
            return None
        if manifest["format"] != FORMAT or manifest["content_hash"] != content_hash:
            return None
        if set(manifest["tables"]) != set(TABLES):
            return None
        tables, lines = {}, {}
        for name, entry in manifest["tables"].items():
            # The bytes checked are the bytes read: nothing can change between the two.
            body = (folder / f"{name}.parquet").read_bytes()
            if hashlib.sha256(body).hexdigest() != entry["sha256"]:
                return None
            frame = pd.read_parquet(io.BytesIO(body))
            if not _fits_schema(name, frame) or len(frame) != len(entry["lines"]):
                return None
            tables[name] = frame
            lines[name] = entry["lines"]
        descriptor = manifest["descriptor"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    unseeded = Package(data_dir, descriptor, tables, lines)
    seeds, hashes, problems = read_seeds(unseeded)
    if problems:  # a seed gone or unreadable since: validate in full, which reports it
        return None
    return Package(data_dir, descriptor, tables, lines, seeds=seeds, seed_sha256=hashes)


def _fits_schema(name: str, frame: pd.DataFrame) -> bool:
    """The frame has the table's columns in order, each of the type reading the CSV gives."""
    table = TABLES[name]
    if list(frame.columns) != list(table.columns):
        return False
    return all(
        str(frame[column].dtype) == pandas_dtype(table.column_type(column))
        for column in table.columns
    )


def load_validated(data_dir: Path, record_dir: Path | None = None) -> Loaded:
    """The package at ``data_dir`` with its problems: from its validated record when one can be
    trusted, else read and validated in full (and recorded, when it has no problem)."""
    record_dir = resolve_record_dir() if record_dir is None else record_dir
    before = hash_content(data_dir)
    recorded = read_record(data_dir, before, record_dir)
    # The seeds were read again after hashing: trust the record only if nothing moved since.
    if recorded is not None and hash_content(data_dir) == before:
        return Loaded(recorded, [], "record", before)
    package, problems = load_and_validate(data_dir)
    if not problems and hash_content(data_dir) == before:
        write_record(package, before, record_dir)
    return Loaded(package, problems, "validated", before)
