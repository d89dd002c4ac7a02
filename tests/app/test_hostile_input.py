"""Hostile and broken input without a browser: corrupted packages, the hostile document fixture,
and fuzzed query strings on every page.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lib.data.rows import read_rows
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR, PROJECT_ROOT
from tests.fixtures.hostile import make_fixture as hostile
from tests.helpers import APP, CORRUPTIONS, HOSTILE_DATA, PAGE_FILES


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
    expected = CORRUPTIONS["seed file outside seeds/"](package_copy)
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
