"""A draft: one article's proposed rows in package shape, for review before they join ``data/``.

``DRAFT_DIR/`` holds one CSV per table with the package's columns plus ``status`` (and, where a
rule proposed the row, ``extracted_by``), ``draft.json`` and ``seeds/<file>``: the text the
offsets index. A reviewer edits ``status`` (``proposed`` → ``accepted`` or ``rejected``) in the
app or in the CSV files; only accepted rows are merged.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lib.data.rows import read_rows, write_rows
from lib.data.schema import TABLES

DRAFT_META = "draft.json"
DRAFT_FORMAT = "sahel-brief-draft/1"
DRAFT_SEEDS = "seeds"

PROPOSED, ACCEPTED, REJECTED = "proposed", "accepted", "rejected"
# A topic, place or actor the package already has is "existing"; a new one starts as a "draft".
EXISTING, DRAFT = "existing", "draft"
REVIEW_STATUSES = (PROPOSED, ACCEPTED, REJECTED)
ENTITY_STATUSES = (EXISTING, DRAFT, ACCEPTED, REJECTED)

# Draft tables in merge order (a row may refer only to tables before it or to itself).
DRAFT_TABLES = (
    "sources",
    "topics",
    "places",
    "actors",
    "claims",
    "events",
    "mentions",
    "relations",
    "relation_hypotheses",
    "quality_flags",
)
# Review columns beyond the package's own; they never reach data/.
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("status", "outlet", "html_sha256"),
    "topics": ("status", "extracted_by"),
    "places": ("status", "extracted_by"),
    "actors": ("status", "extracted_by"),
    "claims": ("status", "extracted_by", "topic_status", "event_id"),
    "events": ("status", "extracted_by"),
    "mentions": ("status",),
    "relations": ("status", "extracted_by"),
    "relation_hypotheses": ("status", "extracted_by"),
    "quality_flags": ("status", "extracted_by"),
}


class DraftError(ValueError):
    """A draft that cannot be written or read, in one line naming the file."""


def list_draft_tables() -> tuple[str, ...]:
    """The draft tables this package schema declares (all of DRAFT_TABLES once mentions exist)."""
    return tuple(name for name in DRAFT_TABLES if name in TABLES)


def draft_columns(name: str) -> list[str]:
    """The package's columns of ``name``, then its review columns."""
    own = TABLES[name].columns
    return own + [c for c in EXTRA_COLUMNS.get(name, ()) if c not in own]


@dataclass
class Draft:
    """One article's proposals: rows (every cell a string, as in the CSV files) by table."""

    meta: dict
    seed_name: str
    seed_bytes: bytes
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.seed_bytes.decode("utf-8")

    @property
    def source_id(self) -> str:
        return str(self.meta["source_id"])

    def rows(self, name: str) -> list[dict[str, str]]:
        return self.tables.setdefault(name, [])


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def write_draft(draft: Draft, out_dir: Path, data_dir: Path) -> None:
    """Write ``draft`` to ``out_dir`` all at once (a sibling folder renamed into place).

    Refuses a folder inside the package, so ingest never writes to ``data/``, and a folder that
    already has files, so a reviewer's edits are never overwritten.
    """
    if _inside(out_dir, data_dir) or _inside(data_dir, out_dir):
        raise DraftError(f"{out_dir}: a draft must not be inside or around the package {data_dir}")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise DraftError(f"{out_dir}: already exists and is not empty; choose a new folder")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name in list_draft_tables():
            write_rows(staging / TABLES[name].path, draft_columns(name), draft.rows(name))
        (staging / DRAFT_SEEDS).mkdir()
        (staging / DRAFT_SEEDS / draft.seed_name).write_bytes(draft.seed_bytes)
        meta = {"format": DRAFT_FORMAT, **draft.meta, "seed_file": draft.seed_name}
        (staging / DRAFT_META).write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        staging.chmod(0o755)
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def read_draft(draft_dir: Path) -> Draft:
    """Read a draft folder back, refusing one that lacks its files or columns."""
    meta_path = draft_dir / DRAFT_META
    if not meta_path.is_file():
        raise DraftError(f"{meta_path}: missing; is {draft_dir} a draft written by ingest?")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DraftError(f"{meta_path}: not valid JSON ({err})") from None
    if not isinstance(meta, dict) or meta.get("format") != DRAFT_FORMAT:
        raise DraftError(f"{meta_path}: not a {DRAFT_FORMAT} draft")
    seed_name = str(meta.get("seed_file", ""))
    seed_path = draft_dir / DRAFT_SEEDS / seed_name
    if not seed_name or Path(seed_name).name != seed_name or not seed_path.is_file():
        raise DraftError(f"{draft_dir}: seed {seed_name!r} missing from {DRAFT_SEEDS}/")
    draft = Draft(meta=meta, seed_name=seed_name, seed_bytes=seed_path.read_bytes())
    for name in list_draft_tables():
        path = draft_dir / TABLES[name].path
        if not path.is_file():
            draft.tables[name] = []
            continue
        header, rows = read_rows(path)
        missing = [c for c in TABLES[name].columns if c not in header]
        if missing:
            raise DraftError(f"{path.name}:1:{missing[0]}: column missing from the draft")
        draft.tables[name] = [{k: v or "" for k, v in row.items() if k is not None} for row in rows]
    return draft
