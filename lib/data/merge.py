"""Adding a reviewed draft to the package, all or nothing.

The accepted rows are written into a copy of ``data/``, curated and validated there, and only a
valid copy replaces ``data/``. A failed merge leaves ``data/`` byte for byte as it was, and lists
its problems as ``file:row:column``. Merges of one package are serialised by a lock file, and a
seed is only ever added, never overwritten.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from lib.data.cells import join_list, split_list
from lib.data.curate import curate
from lib.data.ingest.draft import (
    ACCEPTED,
    DRAFT_TABLES,
    EXISTING,
    REJECTED,
    Draft,
    read_draft,
)
from lib.data.read import read_seeds_dir
from lib.data.rows import read_rows, write_rows
from lib.data.schema import QUOTED_SPANS, TABLES
from lib.data.validate import load_and_validate
from lib.paths import DESCRIPTOR_NAME, is_read_only_deployment


class MergeError(ValueError):
    """Why a merge was refused; ``problems`` are ``file:row:column: message`` lines."""

    def __init__(self, summary: str, problems: list[str] | None = None) -> None:
        super().__init__(summary)
        self.summary = summary
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return "\n".join([self.summary, *self.problems])


@dataclass(frozen=True)
class MergeReport:
    """What a merge added: rows per table, the new version and the seed written."""

    source_id: str
    version: str
    added: dict[str, int]
    seed_file: str


def bump_version(version: str) -> str:
    """The next minor version ('0.3.0' → '0.4.0'): a new document adds data, changes none."""
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise MergeError(f"{DESCRIPTOR_NAME}: version {version!r} is not MAJOR.MINOR.PATCH")
    return f"{parts[0]}.{int(parts[1]) + 1}.0"


def is_writable(data_dir: Path) -> bool:
    """Whether a merge could write here: the package, its parent (for the swap) and its seeds,
    on a deployment that is not read-only by choice or by nature (lib.paths)."""
    if is_read_only_deployment():
        return False
    seeds = read_seeds_dir(data_dir)
    folders = (data_dir, data_dir.parent, seeds)
    return all(f.is_dir() and os.access(f, os.W_OK | os.X_OK) for f in folders)


@contextmanager
def lock_package(data_dir: Path) -> Iterator[None]:
    """Hold the package's merge lock (a file beside it) for the duration."""
    lock_path = data_dir.parent / f".{data_dir.name}.merge.lock"
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _line(rows: list[dict[str, str]], row: dict[str, str]) -> int:
    return rows.index(row) + 2  # the header is line 1


def _statuses(draft: Draft, name: str, key: str) -> dict[str, str]:
    return {row[key]: row.get("status", "") for row in draft.rows(name)}


def accepted_rows(draft: Draft, name: str) -> list[dict[str, str]]:
    """The rows of ``name`` that join the package.

    A reviewer decides claims, relations, events and new topics, places and actors (status
    ``accepted``). What hangs off them follows unless rejected: the source goes with any accepted
    claim, a new topic with an accepted claim on it, a mention with its place or actor (existing
    or accepted), a hypothesis with its relation, and a quality flag with its document.
    """
    rows = draft.rows(name)
    claims = [row for row in draft.rows("claims") if row.get("status") == ACCEPTED]
    if name == "sources":
        return rows if claims else []
    if name == "topics":
        used = {row["topic"] for row in claims}
        return [r for r in rows if r["topic_id"] in used and r.get("status") != REJECTED]
    if name == "mentions":
        entities = {
            "place": _statuses(draft, "places", "place_id"),
            "actor": _statuses(draft, "actors", "actor_id"),
        }
        return [
            r
            for r in rows
            if r.get("status") != REJECTED
            and entities.get(r["entity_kind"], {}).get(r["entity_id"]) in (EXISTING, ACCEPTED)
        ]
    if name == "relation_hypotheses":
        relations = _statuses(draft, "relations", "relation_id")
        return [
            r
            for r in rows
            if r.get("status") != REJECTED and relations.get(r["relation_id"]) == ACCEPTED
        ]
    if name == "quality_flags":
        return [r for r in rows if r.get("status") != REJECTED] if claims else []
    return [row for row in rows if row.get("status") == ACCEPTED]


def settle_references(draft: Draft) -> Draft:
    """A copy of ``draft`` whose accepted claims refer only to places and actors that join the
    package: an id of a new entity the reviewer did not accept is dropped from ``place_ids`` and
    ``claimant_actor_id`` (the quote still names it; the link waits for a reviewed entity)."""
    joining = {
        row["place_id"] for row in draft.rows("places") if row.get("status") in (EXISTING, ACCEPTED)
    } | {
        row["actor_id"] for row in draft.rows("actors") if row.get("status") in (EXISTING, ACCEPTED)
    }
    new_ids = {row["place_id"] for row in draft.rows("places")} | {
        row["actor_id"] for row in draft.rows("actors")
    }
    claims = []
    for row in draft.rows("claims"):
        row = dict(row)
        row["place_ids"] = join_list(
            p for p in split_list(row.get("place_ids", "")) if p in joining or p not in new_ids
        )
        if row.get("claimant_actor_id") in new_ids - joining:
            row["claimant_actor_id"] = ""
        claims.append(row)
    return replace(draft, tables={**draft.tables, "claims": claims})


def check_draft(draft: Draft) -> list[str]:
    """Problems that refuse a draft before anything is copied: a seed that is not the one its
    source row fingerprints, an accepted relation left untyped, and accepted quotes that are not
    at their offsets in the seed."""
    problems = []
    text = draft.text
    sources = draft.rows("sources")
    if len(sources) != 1:
        problems.append(f"sources.csv:-:-: a draft holds exactly one source, not {len(sources)}")
    elif (
        sources[0].get("sha256")
        and sources[0]["sha256"] != hashlib.sha256(draft.seed_bytes).hexdigest()
    ):
        problems.append("sources.csv:2:sha256: the draft's seed is not the file it fingerprints")
    relations = draft.rows("relations")
    for row in accepted_rows(draft, "relations"):
        if not row.get("relation"):
            problems.append(
                f"relations.csv:{_line(relations, row)}:relation: accepted but untyped; type it "
                "from the two quotes, or reject it"
            )
    for table, quote_col, start_col, end_col in QUOTED_SPANS:
        if table not in DRAFT_TABLES:
            continue
        rows = draft.rows(table)
        chosen = rows if table == "sources" else accepted_rows(draft, table)
        for row in chosen:
            quote = row.get(quote_col, "")
            if not quote or row.get("source_id", draft.source_id) != draft.source_id:
                continue
            where = f"{TABLES[table].path}:{_line(rows, row)}"
            try:
                start, end = int(row[start_col]), int(row[end_col])
            except (KeyError, ValueError):
                problems.append(f"{where}:{start_col}: offsets missing or not whole numbers")
                continue
            if text[start:end] != quote:
                problems.append(
                    f"{where}:{quote_col}: not the text at {start}–{end} of the seed "
                    f"(the seed has {text[start:end][:60]!r})"
                )
    return problems


# New rows of these tables may meet an identical row that another merge added meanwhile.
_SHARED_TABLES = ("topics", "places", "actors")


def _append_rows(folder: Path, name: str, rows: list[dict[str, str]]) -> int:
    path = folder / TABLES[name].path
    header, existing = read_rows(path)
    key = TABLES[name].primary_key
    present = {row[key]: row for row in existing}
    added = 0
    for row in rows:
        cells = {column: row.get(column, "") for column in header}
        if name in _SHARED_TABLES and cells[key] in present:
            if present[cells[key]] != cells:
                raise MergeError(
                    f"{path.name}: {key} {cells[key]!r} is already in the package with other "
                    "content; rename the new one in the draft"
                )
            continue
        existing.append(cells)
        added += 1
    write_rows(path, header, existing)
    return added


def _join_events(folder: Path, draft: Draft) -> int:
    """Add each accepted claim that joins an existing event to that event's claim_ids."""
    joins: dict[str, list[str]] = {}
    for row in accepted_rows(draft, "claims"):
        if row.get("event_id"):
            joins.setdefault(row["event_id"], []).append(row["claim_id"])
    path = folder / TABLES["events"].path
    header, events = read_rows(path)
    joined = 0
    for event in events:
        for claim_id in joins.get(event["event_id"], []):
            ids = split_list(event["claim_ids"])
            if claim_id not in ids:
                event["claim_ids"] = join_list([*ids, claim_id])
                joined += 1
    write_rows(path, header, events)
    return joined


def _describe_addition(draft: Draft, added: dict[str, int]) -> str:
    source = draft.rows("sources")[0]
    counted = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in added.items() if n)
    outlet = source.get("outlet") or source.get("outlet_printed") or "unnamed outlet"
    return f"Added {draft.source_id} ({outlet}, published {source['pub_date_best']}): {counted}."


def _update_descriptor(folder: Path, draft: Draft, added: dict[str, int], now: datetime) -> str:
    path = folder / DESCRIPTOR_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    version = bump_version(str(descriptor.get("version", "")))
    source = draft.rows("sources")[0]
    descriptor["version"] = version
    descriptor["created"] = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    descriptor.setdefault("sources", []).append(
        {
            "title": f"{draft.source_id}: {source['title']} ({source.get('outlet', '')}, "
            f"{source['pub_date_best']}); text remains its publisher's",
            "path": f"seeds/{draft.seed_name}",
        }
    )
    entry = {"version": version, "date": now.date().isoformat()}
    entry["changes"] = [_describe_addition(draft, added)]
    descriptor["sahel:changelog"] = [entry, *descriptor.get("sahel:changelog", [])]
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return version


def _swap(staging: Path, data_dir: Path) -> None:
    retired = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.old.", dir=data_dir.parent))
    retired.rmdir()
    os.rename(data_dir, retired)
    try:
        os.rename(staging, data_dir)
    except BaseException:
        os.rename(retired, data_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _merge_locked(draft: Draft, data_dir: Path, now: datetime) -> MergeReport:
    sources_header, existing_sources = read_rows(data_dir / TABLES["sources"].path)
    del sources_header
    if any(row["source_id"] == draft.source_id for row in existing_sources):
        raise MergeError(f"sources.csv: source id {draft.source_id!r} is already in the package")
    seeds_dir = read_seeds_dir(data_dir)
    seed_path = seeds_dir / draft.seed_name
    if seed_path.exists() and seed_path.read_bytes() != draft.seed_bytes:
        raise MergeError(f"seeds/{draft.seed_name}: already exists with other content; refused")
    staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.merge.", dir=data_dir.parent))
    staging.rmdir()
    shutil.copytree(data_dir, staging)
    wrote_seed = False
    try:
        if not seed_path.exists():
            with seed_path.open("xb") as handle:
                handle.write(draft.seed_bytes)
            wrote_seed = True
        added = {}
        for name in DRAFT_TABLES:
            added[name] = _append_rows(staging, name, accepted_rows(draft, name))
        added["event links"] = _join_events(staging, draft)
        report = curate(staging)
        version = _update_descriptor(staging, draft, added, now)
        _, problems = load_and_validate(staging)
        lines = [*(f"curate: {line}" for line in report)]
        lines += [str(p).replace(f"{staging.name}/", f"{data_dir.name}/", 1) for p in problems]
        if lines:
            raise MergeError(f"the merged package is not valid; {data_dir} is unchanged", lines)
        _swap(staging, data_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if wrote_seed:
            seed_path.unlink(missing_ok=True)
        raise
    return MergeReport(draft.source_id, version, added, draft.seed_name)


def merge_draft(draft: Draft | Path, data_dir: Path, now: datetime | None = None) -> MergeReport:
    """Add the accepted rows of ``draft`` to the package at ``data_dir``, or raise MergeError
    with every problem and leave the package unchanged."""
    if isinstance(draft, Path):
        draft = read_draft(draft)
    if not is_writable(data_dir):
        raise MergeError(
            f"{data_dir} is read-only here, so nothing can be added; download the draft and "
            "merge it where the package is writable"
        )
    draft = settle_references(draft)
    problems = check_draft(draft)
    if problems:
        raise MergeError("the draft was refused; nothing was merged", problems)
    if not accepted_rows(draft, "claims"):
        raise MergeError("the draft has no accepted claims; nothing was merged")
    with lock_package(data_dir):
        return _merge_locked(draft, data_dir, now or datetime.now(UTC))
