"""The shared cache: what is computed once per package content and view, and that nothing
computed from the shared package changes it."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.coverage import list_topic_panels
from lib.analysis.events import build_timeline_events
from lib.analysis.evidence import label_sources
from lib.analysis.filters import Filters, apply_filters
from lib.analysis.places import list_off_map
from lib.app.cache import _load, _view, compute_fingerprint, derive
from lib.app.pages import PAGE_SPECS
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR, PROJECT_ROOT

CALLS: list[tuple] = []
# Derived results pages take from the shared cache, by name.
CACHED = {
    "panels": list_topic_panels,
    "labels": label_sources,
    "events": build_timeline_events,
    "off_map": list_off_map,
}


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
    package, problems = _load(str(DEFAULT_DATA_DIR), compute_fingerprint(DEFAULT_DATA_DIR))
    assert problems == []
    assert package.key == (str(DEFAULT_DATA_DIR), compute_fingerprint(DEFAULT_DATA_DIR))


def test_derive_refuses_a_function_without_a_unique_name(package):
    with pytest.raises(ValueError, match="module-level function"):
        derive(lambda p: p, _keyed(package, "lambda"))


def test_a_filtered_view_is_built_once_per_filters(package):
    base = _keyed(package, "views")
    narrowed = Filters(sources=("cnn-000",))
    view = _view(repr(base.key), narrowed, base)
    assert _view(repr(base.key), narrowed, base) is view
    assert _view(repr(base.key), Filters(sources=("av1-004",)), base) is not view
    assert set(view["claims"]["source_id"]) == {"cnn-000"}


# Each page reads its own selection from the URL: a place, an event, a claim, a judgment.
SELECTIONS = {"place": "agadez", "event": "e-revocation", "claim": "c004-1000", "judgment": "j2"}


@pytest.mark.parametrize(
    "query", [{}, SELECTIONS, {**SELECTIONS, "sources": "av1-004", "from": "2023-07-01"}]
)
def test_no_page_changes_the_shared_package_or_what_is_cached(monkeypatch, query):
    """Every page, plain, with its item selected, and filtered; then the shared package and
    what pages took from the cache still equal a fresh read."""
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    shared, _ = _load(str(DEFAULT_DATA_DIR), compute_fingerprint(DEFAULT_DATA_DIR))
    cached = {name: derive(compute, shared) for name, compute in CACHED.items()}
    for spec in PAGE_SPECS:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        at.switch_page(f"pages/{spec.file}").run()
        assert not at.exception, spec.file
    fresh, _ = load_and_validate(DEFAULT_DATA_DIR)
    assert shared.tables.keys() == fresh.tables.keys()
    for name, table in fresh.tables.items():
        pd.testing.assert_frame_equal(shared[name], table, obj=name)
    assert shared.seeds == fresh.seeds
    assert shared.descriptor == fresh.descriptor
    # The same objects pages were handed, compared with a fresh computation.
    assert all(derive(compute, shared) is cached[name] for name, compute in CACHED.items())
    assert cached["panels"] == list_topic_panels(fresh)
    assert cached["labels"] == label_sources(fresh)
    pd.testing.assert_frame_equal(cached["events"], build_timeline_events(fresh))
    pd.testing.assert_frame_equal(cached["off_map"][0], list_off_map(fresh)[0])
    for kept, recomputed in zip(cached["off_map"][1], list_off_map(fresh)[1], strict=True):
        pd.testing.assert_frame_equal(kept, recomputed)
