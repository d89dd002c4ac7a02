"""Hostile and broken input under AppTest: a corrupted package shows only its error, and fuzzed
query strings give a usable page. Every page on the hostile document fixture: test_pages_smoke.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lib.data.rows import read_rows
from lib.paths import DATA_DIR_ENV
from tests.helpers.app import APP, PAGE_FILES
from tests.helpers.corruptions import CORRUPTIONS
from tests.helpers.packages import CURATED_DATA


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_app_shows_only_one_error_with_the_same_line(monkeypatch, curated_copy, name):
    expected = CORRUPTIONS[name](curated_copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(curated_copy))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    assert "is invalid; nothing is shown" in at.error[0].value
    assert expected in at.error[0].value
    assert not at.title and not at.get("html") and not at.dataframe and not at.markdown
    assert len(at.main.children) == 1 and not at.sidebar.children


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
    return [row[PRIMARY_KEYS[table]] for row in read_rows(CURATED_DATA / f"{table}.csv")[1]]


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


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st.sampled_from(PAGE_FILES), query=QUERY)
# Regression rows: links that once crashed a page.
@example(page="briefing.py", query={"step": "²"})
@example(page="sources.py", query={"sources": "av1-004", "claim": "c000-650"})
@example(page="timeline.py", query={"topics": "us_forces_count", "from": "2024-04-01"})
def test_any_query_string_gives_a_usable_page(page, query):
    # On the curated snapshot, the run's default data folder (conftest.py): a hypothesis test
    # cannot take the function-scoped monkeypatch.
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"pages/{page}")
    at.query_params.update(query)
    at.run()
    assert not at.exception, (page, query, at.exception[0].value if at.exception else None)
    assert at.title, (page, query)
    assert not at.error, (page, query)
