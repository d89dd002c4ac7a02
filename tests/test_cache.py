"""The shared cache: what is computed once per package content and view, and that nothing
computed from the shared package changes it."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.filters import Filters, apply_filters
from lib.navigation import PAGE_SPECS
from lib.paths import DEFAULT_DATA_DIR, PROJECT_ROOT
from lib.ui import _fingerprint, _load, derive
from lib.validate import load_and_validate

CALLS: list[tuple] = []


def _count_call(package, *args) -> list:
    # Module-level on purpose: derive tells cached functions apart by qualified name.
    CALLS.append((package.key, args))
    return [len(CALLS)]


def _keyed(package, label: str):
    # A key no other test uses: the resource cache lives as long as the process.
    return replace(package, key=(label, uuid.uuid4().hex))


def test_derive_computes_once_per_key_and_arguments_and_shares_the_result(package):
    CALLS.clear()
    view = _keyed(package, "derive-once")
    first = derive(_count_call, view, "a")
    assert derive(_count_call, view, "a") is first
    assert len(CALLS) == 1
    derive(_count_call, view, "b")
    assert len(CALLS) == 2, "different arguments must not share an entry"
    derive(_count_call, _keyed(package, "derive-once"), "a")
    assert len(CALLS) == 3, "different package content must not share an entry"


def test_derive_without_a_key_computes_every_time(package):
    CALLS.clear()
    assert package.key == ()  # loaded outside the app: unknown content
    derive(_count_call, package)
    derive(_count_call, package)
    assert len(CALLS) == 2


def test_a_filtered_view_has_its_own_key(package):
    base = _keyed(package, "filters")
    narrowed = Filters(sources=("cnn-000",))
    view = apply_filters(base, narrowed)
    assert view.key == (*base.key, narrowed)
    assert apply_filters(base, Filters()) is base  # no filter: the same package, the same key
    assert apply_filters(package, narrowed).key == ()  # unknown content stays unknown
    CALLS.clear()
    derive(_count_call, base)
    derive(_count_call, view)
    assert len(CALLS) == 2


def test_the_loaded_package_is_keyed_by_its_directory_and_files():
    package, problems = _load(str(DEFAULT_DATA_DIR), _fingerprint(DEFAULT_DATA_DIR))
    assert problems == []
    assert package.key == (str(DEFAULT_DATA_DIR), _fingerprint(DEFAULT_DATA_DIR))


@pytest.mark.parametrize("query", [{}, {"sources": "av1-004", "from": "2023-07-01"}])
def test_no_page_changes_the_shared_package(monkeypatch, query):
    """Every page, unfiltered and filtered, then the shared copy still equals a fresh read."""
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    for spec in PAGE_SPECS:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        at.switch_page(f"pages/{spec.file}").run()
        assert not at.exception, spec.file
    shared, _ = _load(str(DEFAULT_DATA_DIR), _fingerprint(DEFAULT_DATA_DIR))
    fresh, _ = load_and_validate(DEFAULT_DATA_DIR)
    assert shared.tables.keys() == fresh.tables.keys()
    for name, table in fresh.tables.items():
        pd.testing.assert_frame_equal(shared[name], table, obj=name)
    assert shared.seeds == fresh.seeds
