"""A draft: one article's proposed rows in package shape, for review before they join ``data/``.

``DRAFT_DIR/`` holds one CSV per table with the package's columns plus ``status`` (and, where a
rule proposed the row, ``extracted_by``), ``draft.json`` and ``seeds/<file>``: the text the
offsets index. A reviewer edits ``status`` (``proposed`` → ``accepted`` or ``rejected``) in the
app or in the CSV files; only accepted rows are merged.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lib.data.dates import DateRange, format_range
from lib.data.rows import blank_row, read_rows, write_rows
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
    # figure_span / date_span: "start-end" of the figure phrase and date expression in the seed.
    "claims": ("status", "extracted_by", "topic_status", "event_id", "figure_span", "date_span"),
    "events": ("status", "extracted_by"),
    "mentions": ("status",),
    "relations": ("status", "extracted_by"),
    "relation_hypotheses": ("status", "extracted_by"),
    "quality_flags": ("status", "extracted_by"),
}


class DraftError(ValueError):
    """A draft that cannot be written or read, in one line naming the file."""


def draft_columns(name: str) -> list[str]:
    """The package's columns of ``name``, then its review columns."""
    own = TABLES[name].columns
    return own + [c for c in EXTRA_COLUMNS.get(name, ()) if c not in own]


def mint_mention_id(source_id: str, number: int) -> str:
    """The id of a source's ``number``-th proposed mention ("av1-004-m0007"): the one rule, for
    ingest and for scripts.backfill_mentions."""
    return f"{source_id}-m{number:04d}"


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
        for name in DRAFT_TABLES:
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
    for name in DRAFT_TABLES:
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


def build_draft_zip(draft: Draft) -> bytes:
    """The draft folder as a zip, for a reviewer to take elsewhere (e.g. from a read-only host)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "draft"
        write_draft(draft, folder, Path(scratch) / "no-package")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, f"draft/{path.relative_to(folder)}")
        return buffer.getvalue()


def read_draft_zip(payload: bytes) -> Draft:
    """A draft from a zip made by :func:`build_draft_zip`, refusing paths outside the draft."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
    except zipfile.BadZipFile:
        raise DraftError("the upload is not a zip file") from None
    with archive, tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch).resolve()
        for member in archive.infolist():
            target = (root / member.filename).resolve()
            if root not in target.parents:
                raise DraftError(f"{member.filename}: a path outside the draft; refused")
        archive.extractall(root)
        folders = [p.parent for p in root.rglob(DRAFT_META)]
        if len(folders) != 1:
            raise DraftError(
                f"the zip must hold exactly one draft ({DRAFT_META}), not {len(folders)}"
            )
        return read_draft(folders[0])


# The claim's event_id that asks for a new timeline event made from the claim itself.
NEW_EVENT = "(new event)"


def make_event(claim: dict[str, str]) -> dict[str, str]:
    """A new timeline event from a dated claim: its dates, place, claimant and itself as evidence;
    the reviewer edits its title and category."""
    low, high = claim.get("date_low", ""), claim.get("date_high", "")
    shown = format_range(DateRange(date.fromisoformat(low), date.fromisoformat(high)))
    places = [p for p in claim.get("place_ids", "").split("|") if p]
    return blank_row(
        draft_columns("events"),
        event_id=f"e-{claim['claim_id']}",
        title=(claim.get("subject") or claim["statement"])[:90],
        date_low=low,
        date_high=high,
        date_precision=claim.get("date_precision", ""),
        display_date=shown,
        category="statement",
        actor_ids=claim.get("claimant_actor_id", ""),
        place_id=places[0] if places else "",
        claim_ids=claim["claim_id"],
        status=ACCEPTED,
        extracted_by="event.from_claim",
    )


# Cells whose edit invalidates what curate derived from them, and the cells to re-derive.
_FIGURE_INPUTS = ("value", "bound", "hedge")
_DATE_INPUTS = ("date_expr", "date_rule", "date_anchor")
_DATE_OUTPUTS = ("date_low", "date_high", "date_precision", "date_basis")


def apply_edits(draft: Draft, name: str, edited: list[dict[str, str]]) -> Draft:
    """A copy of ``draft`` with the reviewer's edits to ``name`` (rows matched by primary key).

    Editing a figure's value, bound or hedge clears its stored interval, and editing a date's
    expression or rule clears its resolved range, so the merge re-derives them (curate) instead
    of keeping numbers that no longer follow from the text.
    """
    key = TABLES[name].primary_key
    by_id = {str(row[key]): row for row in edited}
    rows = []
    for row in draft.rows(name):
        change = by_id.get(row[key])
        if change is None:
            rows.append(row)
            continue
        updated = {**row, **{c: "" if v is None else str(v) for c, v in change.items() if c in row}}
        if name == "claims":
            if any(updated[c] != row[c] for c in _FIGURE_INPUTS) and updated["bound"] != "range":
                updated["value_low"] = updated["value_high"] = ""
            if any(updated[c] != row[c] for c in _DATE_INPUTS):
                updated.update(dict.fromkeys(_DATE_OUTPUTS, ""))
        rows.append(updated)
    tables = {**draft.tables, name: rows}
    if name == "claims":
        tables["events"] = _make_new_events(rows, draft.rows("events"))
    return Draft(draft.meta, draft.seed_name, draft.seed_bytes, tables)


def _make_new_events(claims: list[dict[str, str]], events: list[dict[str, str]]) -> list[dict]:
    """Turn each claim marked NEW_EVENT (and dated) into an event; the claim then names it."""
    events = list(events)
    known = {event["event_id"] for event in events}
    for claim in claims:
        if claim.get("event_id") != NEW_EVENT:
            continue
        if not (claim.get("date_low") and claim.get("date_high")):
            claim["event_id"] = ""  # an undated claim cannot be placed on the timeline
            continue
        event = make_event(claim)
        claim["event_id"] = event["event_id"]
        if event["event_id"] not in known:
            events.append(event)
            known.add(event["event_id"])
    return events


def decide_all(draft: Draft, status: str) -> Draft:
    """A copy of ``draft`` with every claim and relation given ``status``, except, when
    accepting, a relation left untyped and the claims it relates: those wait for the reviewer to
    type them from the quotes. New places and actors are always left for the reviewer, who must
    give a new place its kind and coordinates."""
    waiting: set[str] = set()
    if status == ACCEPTED:
        for row in draft.rows("relations"):
            if not row.get("relation"):
                waiting.add(row["relation_id"])
                waiting.add(row["claim_a"])
    tables = dict(draft.tables)
    for name, key in (("claims", "claim_id"), ("relations", "relation_id")):
        tables[name] = [
            row
            if row[key] in waiting or (name == "relations" and row["claim_a"] in waiting)
            else {**row, "status": status}
            for row in draft.rows(name)
        ]
    return Draft(draft.meta, draft.seed_name, draft.seed_bytes, tables)
