"""The corrupted packages: each case breaks a fresh copy of the curated snapshot and returns the
exact problem line the validator prints and the app shows for it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lib.data.rows import read_rows, write_rows
from tests.helpers.packages import edit_cell, set_descriptor

CNN_SEED = "000_f0b5820989b4961e.txt"
AV1_SEED = "004_e7fac145f5ba5ac6.txt"

# Each corruption breaks a fresh copy of the package and returns the exact problem line that
# `python -m lib.validate` prints and the app shows for it.
CORRUPTIONS: dict[str, Callable[[Path], str]] = {}


def _corruption(name: str):
    def register(corrupt: Callable[[Path], str]) -> Callable[[Path], str]:
        CORRUPTIONS[name] = corrupt
        return corrupt

    return register


def _replace_bytes(path: Path, old: bytes, new: bytes) -> int:
    """Replace the one occurrence of ``old``; return the byte offset where it was."""
    raw = path.read_bytes()
    assert raw.count(old) == 1, old
    path.write_bytes(raw.replace(old, new))
    return raw.index(old)


def _keep_header_only(data: Path, table: str) -> None:
    header, _ = read_rows(data / f"{table}.csv")
    write_rows(data / f"{table}.csv", header, [])


@_corruption("missing file")
def _missing_file(data: Path) -> str:
    (data / "events.csv").unlink()
    return "data/events.csv:-:-: file is missing"


@_corruption("missing column")
def _missing_column(data: Path) -> str:
    header, rows = read_rows(data / "topics.csv")
    header.remove("label")
    write_rows(data / "topics.csv", header, [{k: r[k] for k in header} for r in rows])
    return "data/topics.csv:1:label: missing column"


@_corruption("wrong type")
def _wrong_type(data: Path) -> str:
    line = edit_cell(data, "places", "agadez", "lat", "north")
    return (
        f"data/places.csv:{line}:lat: expected a number (digits, no thousands separators), "
        "got 'north'"
    )


@_corruption("duplicate id")
def _duplicate_id(data: Path) -> str:
    line = edit_cell(data, "events", "e-coup", "event_id", "e-presence-start")
    return f"data/events.csv:{line}:event_id: duplicate value 'e-presence-start'"


@_corruption("dangling foreign key")
def _dangling_foreign_key(data: Path) -> str:
    _, rows = read_rows(data / "judgments.csv")
    claims = next(r["claim_ids"] for r in rows if r["judgment_id"] == "j3")
    line = edit_cell(data, "judgments", "j3", "claim_ids", f"{claims}|c999-nowhere")
    return f"data/judgments.csv:{line}:claim_ids: 'c999-nowhere' is not a claims id"


@_corruption("quote not at its offsets")
def _quote_not_at_offsets(data: Path) -> str:
    line = edit_cell(data, "quality_flags", "q000-nigeria-1", "char_start", "1602")
    edit_cell(data, "quality_flags", "q000-nigeria-1", "char_end", "1611")
    return (
        f"data/quality_flags.csv:{line}:quote: quote is not at 1602-1611: the seed has "
        "'igerians.' there; the quote occurs at 1601-1610"
    )


@_corruption("modified seed (one byte)")
def _modified_seed(data: Path) -> str:
    seed = data.parent / "seeds" / CNN_SEED
    # 'amid' lies between two claims, so only the fingerprint can notice the change.
    _replace_bytes(seed, b" amid warnings", b" Amid warnings")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    return (
        f"data/sources.csv:2:sha256: seed {CNN_SEED} has sha256 {digest[:12]}…, expected "
        "228749ae7789… (the seed was modified; seeds are immutable)"
    )


@_corruption("non-UTF-8 bytes")
def _non_utf8(data: Path) -> str:
    offset = _replace_bytes(data / "actors.csv", b"Raisi", b"Ra\xffsi") + 2
    line = (data / "actors.csv").read_bytes()[:offset].count(b"\n") + 1
    return f"data/actors.csv:{line}:-: not valid UTF-8 (byte 0xff at {offset})"


@_corruption("empty CSV (0 bytes)")
def _empty_csv(data: Path) -> str:
    (data / "topics.csv").write_bytes(b"")
    return "data/topics.csv:-:-: file is empty (no header row)"


@_corruption("latitude out of range")
def _latitude_out_of_range(data: Path) -> str:
    line = edit_cell(data, "places", "niamey", "lat", "-90.5")
    return f"data/places.csv:{line}:lat: -90.5 is out of range (-90, 90)"


@_corruption("header-only CSV")
def _header_only(data: Path) -> str:
    _keep_header_only(data, "judgments")
    return "data/judgments.csv:-:-: has a header but no rows"


@_corruption("malformed datapackage.json")
def _malformed_descriptor(data: Path) -> str:
    path = data / "datapackage.json"
    text = path.read_text(encoding="utf-8").replace('"version": "0.2.0",', '"version": "0.2.0"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as err:
        json.loads(text)
    return f"data/datapackage.json:{err.value.lineno}:-: is not valid JSON: {err.value}"


@_corruption("seed file missing")
def _seed_missing(data: Path) -> str:
    seeds = data.parent / "seeds"
    (seeds / AV1_SEED).unlink()
    return f"data/sources.csv:3:seed_file: seed file {AV1_SEED} not found in {seeds.resolve()}"


@_corruption("row with an extra field")
def _ragged_row(data: Path) -> str:
    _replace_bytes(data / "relations.csv", b"turning to Russia.,,\n", b"turning to Russia.,,,x\n")
    return "data/relations.csv:2:-: has 8 fields, the header has 7"


@_corruption("number that is not finite")
def _not_finite(data: Path) -> str:
    line = edit_cell(data, "places", "agadez", "lon", "nan")
    return f"data/places.csv:{line}:lon: expected a finite number, got 'nan'"


@_corruption("UTF-16 CSV")
def _utf16(data: Path) -> str:
    path = data / "topics.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return "data/topics.csv:1:-: not valid UTF-8 (byte 0xff at 0)"


# Regression rows: each of these once escaped the validator as an exception, or passed it and
# then crashed a page.
@_corruption("descriptor nested too deeply")
def _deep_descriptor(data: Path) -> str:
    (data / "datapackage.json").write_text("[" * 100_000, encoding="utf-8")
    return "data/datapackage.json:-:-: is not valid JSON: nested too deeply"


@_corruption("descriptor integer too long")
def _long_integer(data: Path) -> str:
    (data / "datapackage.json").write_text('{"version": ' + "9" * 5000 + "}", encoding="utf-8")
    return (
        "data/datapackage.json:-:-: is not valid JSON: Exceeds the limit (4300 digits) for "
        "integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() "
        "to increase the limit"
    )


@_corruption("resource name not a string")
def _resource_name_list(data: Path) -> str:
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["name"] = ["sources"]
    set_descriptor(data, resources=descriptor["resources"])
    return "data/datapackage.json:-:resources[sources]: resource is missing"


@_corruption("seeds folder with a NUL byte")
def _seeds_nul(data: Path) -> str:
    set_descriptor(data, **{"sahel:seeds": "../se\x00eds"})
    return "data/datapackage.json:-:sahel:seeds: must be a folder path, got '../se\\x00eds'"


@_corruption("licences not objects")
def _licences_strings(data: Path) -> str:
    set_descriptor(data, licenses=["CC-BY-4.0"])
    return (
        "data/datapackage.json:-:licenses: must be a list of objects, each with a name or a "
        "title, got ['CC-BY-4.0']"
    )


@_corruption("seed file outside seeds/")
def _seed_outside(data: Path) -> str:
    line = edit_cell(data, "sources", "cnn-000", "seed_file", "../data/claims.csv")
    return (
        f"data/sources.csv:{line}:seed_file: '../data/claims.csv' does not match the pattern "
        "'^[^/\\\\]+$'"
    )
