"""Hostile and broken input without a browser: corrupted packages, the hostile document fixture,
and fuzzed query strings on every page.
"""

from __future__ import annotations

import functools
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lib.data.rows import read_rows, write_rows
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR, PAGES_DIR, PROJECT_ROOT
from tests.fixtures.hostile import make_fixture as hostile
from tests.test_validate import _edit

APP = str(PROJECT_ROOT / "app.py")
PAGE_FILES = sorted(p.name for p in PAGES_DIR.glob("*.py"))
HOSTILE_DATA = Path(__file__).parent / "fixtures" / "hostile" / "data"
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


def _set_descriptor(data: Path, **changes: object) -> None:
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor.update(changes)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


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
    line = _edit(data, "places", "agadez", "lat", "north")
    return (
        f"data/places.csv:{line}:lat: expected a number (digits, no thousands separators), "
        "got 'north'"
    )


@_corruption("duplicate id")
def _duplicate_id(data: Path) -> str:
    line = _edit(data, "events", "e-coup", "event_id", "e-presence-start")
    return f"data/events.csv:{line}:event_id: duplicate value 'e-presence-start'"


@_corruption("dangling foreign key")
def _dangling_foreign_key(data: Path) -> str:
    _, rows = read_rows(data / "judgments.csv")
    claims = next(r["claim_ids"] for r in rows if r["judgment_id"] == "j3")
    line = _edit(data, "judgments", "j3", "claim_ids", f"{claims}|c999-nowhere")
    return f"data/judgments.csv:{line}:claim_ids: 'c999-nowhere' is not a claims id"


@_corruption("quote not at its offsets")
def _quote_not_at_offsets(data: Path) -> str:
    line = _edit(data, "quality_flags", "q000-nigeria-1", "char_start", "1602")
    _edit(data, "quality_flags", "q000-nigeria-1", "char_end", "1611")
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
    line = _edit(data, "places", "niamey", "lat", "-90.5")
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
    _replace_bytes(data / "relations.csv", b"turning to Russia.\n", b"turning to Russia.,extra\n")
    return "data/relations.csv:2:-: has 6 fields, the header has 5"


@_corruption("number that is not finite")
def _not_finite(data: Path) -> str:
    line = _edit(data, "places", "agadez", "lon", "nan")
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
    _set_descriptor(data, resources=descriptor["resources"])
    return "data/datapackage.json:-:resources[sources]: resource is missing"


@_corruption("seeds folder with a NUL byte")
def _seeds_nul(data: Path) -> str:
    _set_descriptor(data, **{"sahel:seeds": "../se\x00eds"})
    return "data/datapackage.json:-:sahel:seeds: must be a folder path, got '../se\\x00eds'"


@_corruption("licences not objects")
def _licences_strings(data: Path) -> str:
    _set_descriptor(data, licenses=["CC-BY-4.0"])
    return (
        "data/datapackage.json:-:licenses: must be a list of objects, each with a name or a "
        "title, got ['CC-BY-4.0']"
    )


@_corruption("seed file outside seeds/")
def _seed_outside(data: Path) -> str:
    line = _edit(data, "sources", "cnn-000", "seed_file", "../data/claims.csv")
    return (
        f"data/sources.csv:{line}:seed_file: '../data/claims.csv' does not match the pattern "
        "'^[^/\\\\]+$'"
    )


def _run_cli(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib.validate", str(data)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_at_least_ten_distinct_corruptions_are_covered():
    assert len(CORRUPTIONS) >= 10


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_cli_exits_1_naming_file_row_and_column(package_copy, name):
    expected = CORRUPTIONS[name](package_copy)
    result = _run_cli(package_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout.splitlines(), result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_app_shows_only_one_error_with_the_same_line(monkeypatch, package_copy, name):
    expected = CORRUPTIONS[name](package_copy)
    monkeypatch.setenv("SAHEL_BRIEF_DATA_DIR", str(package_copy))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    assert "is invalid; nothing is shown" in at.error[0].value
    assert expected in at.error[0].value
    assert not at.title and not at.get("html") and not at.dataframe and not at.markdown
    assert len(at.main.children) == 1 and not at.sidebar.children


def test_seed_file_outside_seeds_is_never_read(package_copy):
    """Regression: a seed_file such as ../data/claims.csv was read, and 60 characters of that
    file were quoted back in the quote-mismatch messages."""
    expected = _seed_outside(package_copy)
    assert [str(p) for p in load_and_validate(package_copy)[1]] == [expected]


# The hostile fixture.


def test_hostile_fixture_is_valid():
    package, problems = load_and_validate(HOSTILE_DATA)
    assert [str(p) for p in problems] == []
    assert hostile.SOURCE_ID in set(package["sources"]["source_id"])
    assert len((HOSTILE_DATA.parent / "seeds" / hostile.SEED_FILE).read_bytes()) >= 1_000_000


def test_hostile_seed_is_reproduced_by_its_script():
    seed = HOSTILE_DATA.parent / "seeds" / hostile.SEED_FILE
    assert seed.read_bytes() == hostile.build_seed_text().encode("utf-8")


def test_hostile_fixture_keeps_the_real_package_rows():
    for name in ("claims", "places", "relations"):
        real = read_rows(DEFAULT_DATA_DIR / f"{name}.csv")[1]
        assert read_rows(HOSTILE_DATA / f"{name}.csv")[1][: len(real)] == real


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_runs_on_the_hostile_fixture(monkeypatch, page):
    monkeypatch.setenv("SAHEL_BRIEF_DATA_DIR", str(HOSTILE_DATA))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"pages/{page}")
    at.query_params.update(
        judgment="j-hostile", place="hostile_place", event="e-hostile", source="hx-666"
    )
    at.run()
    assert not at.exception
    assert at.title and not at.error


# Query-string fuzzing.

# Each key the pages read, with the table whose ids it takes (None: not an id).
PARAM_KEYS = {
    "sources": "sources",
    "from": None,
    "to": None,
    "topics": "topics",
    "present": None,
    "step": None,
    "judgment": "judgments",
    "place": "places",
    "event": "events",
    "source": "sources",
    "claim": "claims",
}
PRIMARY_KEYS = {
    "sources": "source_id",
    "topics": "topic_id",
    "judgments": "judgment_id",
    "places": "place_id",
    "events": "event_id",
    "claims": "claim_id",
}
SPECIAL_VALUES = {
    "from": ["2011-04-16", "2024-03-16", "2024-04-26", "1999-01-01", "2999-12-31"],
    "to": ["2011-04-16", "2024-03-16", "2024-04-26", "1999-01-01", "2999-12-31"],
    "present": ["1", "0", "true"],
    # Unicode digits once crashed the story step (str.isdigit accepts them, int() does not).
    "step": ["1", "2", "15", "0", "-1", "99", "٣", "²", "０", "1\n"],
}


@functools.cache
def _ids(table: str) -> list[str]:
    return [row[PRIMARY_KEYS[table]] for row in read_rows(DEFAULT_DATA_DIR / f"{table}.csv")[1]]


def _valid_for(key: str) -> st.SearchStrategy[str]:
    """Values the app accepts for ``key``: its ids (or lists of them for the filters), dates,
    steps; any other table's ids too, which must be refused politely."""
    table = PARAM_KEYS[key]
    if table is None:
        return st.sampled_from(SPECIAL_VALUES[key])
    ids = st.deferred(lambda: st.sampled_from(_ids(table)))
    if key in ("sources", "topics"):
        return st.lists(ids, min_size=1, max_size=4).map(",".join)
    return ids


ANY_ID = st.deferred(lambda: st.sampled_from([i for t in PRIMARY_KEYS for i in _ids(t)]))
GARBAGE = st.one_of(
    st.text(),  # any code point but surrogates: control characters included
    st.text(alphabet="،؛؟مرحباשלום\u202e\u202c\u200f\u200d\u0301👩🇳🇪 ,|-", max_size=40),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(300, 3000)),
    st.sampled_from(["", " ", "٣", "²", "0", "-1", "1e309", "nan", "inf", "2024-02-30", "%00"]),
    st.integers().map(str),
    st.floats().map(str),
)


def _value_for(key: str) -> st.SearchStrategy[str]:
    one = st.one_of(_valid_for(key), ANY_ID, GARBAGE)
    return st.one_of(one, st.lists(one, min_size=2, max_size=3).map(",".join))


QUERY = st.fixed_dictionaries({}, optional={key: _value_for(key) for key in PARAM_KEYS})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from(PAGE_FILES), query=QUERY)
# Regression rows: links that once crashed a page.
@example(page="briefing.py", query={"step": "²"})
@example(page="sources.py", query={"sources": "av1-004", "claim": "c000-650"})
@example(page="timeline.py", query={"topics": "us_forces_count", "from": "2024-04-01"})
def test_any_query_string_gives_a_usable_page(page, query):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"pages/{page}")
    at.query_params.update(query)
    at.run()
    assert not at.exception, (page, query, at.exception[0].value if at.exception else None)
    assert at.title, (page, query)
    assert not at.error, (page, query)
