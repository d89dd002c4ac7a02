"""lib/app/cache.py without a server: what is computed once per package content and view, and a
reload after an edit on disk."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from lib.analysis.filters import Filters, apply_filters
from lib.app.cache import _load, _view, compute_fingerprint, derive, derive_held
from lib.paths import DATA_DIR_ENV
from tests.helpers.packages import CURATED_DATA

CALLS: list[tuple] = []


def _count_call(package, *args) -> list:
    # Module-level on purpose: derive tells cached functions apart by qualified name.
    CALLS.append((package.key, args))
    return [len(CALLS)]


def _keyed(package, label: str):
    # A key no other test uses: the resource cache lives as long as the process.
    return replace(package, key=(label, uuid.uuid4().hex))


def test_derive_computes_once_per_key_and_arguments_and_shares_the_result(curated):
    CALLS.clear()
    view = _keyed(curated, "derive-once")
    first = derive(_count_call, view, "a")
    assert derive(_count_call, view, "a") is first
    assert len(CALLS) == 1
    derive(_count_call, view, "b")
    assert len(CALLS) == 2, "different arguments must not share an entry"
    derive(_count_call, _keyed(curated, "derive-once"), "a")
    assert len(CALLS) == 3, "different package content must not share an entry"


def test_derive_without_a_key_computes_every_time(curated):
    CALLS.clear()
    assert curated.key == ()  # loaded outside the app: unknown content
    derive(_count_call, curated)
    derive(_count_call, curated)
    assert len(CALLS) == 2


def test_a_filtered_view_has_its_own_key(curated):
    base = _keyed(curated, "filters")
    narrowed = Filters(sources=("cnn-000",))
    view = apply_filters(base, narrowed)
    assert view.key == (*base.key, narrowed)
    assert apply_filters(base, Filters()) is base  # no filter: the same package, the same key
    assert apply_filters(curated, narrowed).key == ()  # unknown content stays unknown
    CALLS.clear()
    derive(_count_call, base)
    derive(_count_call, view)
    assert len(CALLS) == 2


def test_the_loaded_package_is_keyed_by_its_directory_and_files():
    package, problems = _load(str(CURATED_DATA), compute_fingerprint(CURATED_DATA))
    assert problems == []
    assert package.key == (str(CURATED_DATA), compute_fingerprint(CURATED_DATA))


def test_derive_refuses_a_function_without_a_unique_name(curated):
    with pytest.raises(ValueError, match="module-level function"):
        derive(lambda p: p, _keyed(curated, "lambda"))


def test_a_filtered_view_is_built_once_per_filters(curated):
    base = _keyed(curated, "views")
    narrowed = Filters(sources=("cnn-000",))
    view = _view(repr(base.key), narrowed, base)
    assert _view(repr(base.key), narrowed, base) is view
    assert _view(repr(base.key), Filters(sources=("av1-004",)), base) is not view
    assert set(view["claims"]["source_id"]) == {"cnn-000"}


def test_package_cache_reloads_after_an_edit_on_disk(monkeypatch, curated_copy):
    """Regression: the fingerprint argument was underscore-prefixed, so never hashed."""
    from lib.app.cache import load_package

    monkeypatch.setenv(DATA_DIR_ENV, str(curated_copy))
    assert load_package()[1] == []
    places = curated_copy / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("16.9733", "96.9733"), "utf-8")
    messages = [str(p) for p in load_package()[1]]
    assert any("lat: 96.9733 is out of range" in m for m in messages), messages


class _Unhashable:
    """Refuses to be hashed the way Streamlit hashes an argument it does not know."""

    def __reduce__(self):
        raise TypeError("hashing me means reading all of me")


def _big_result(package) -> list:
    CALLS.append(("big", package.key))
    return [_Unhashable()]


def _use_result(package, held: list) -> tuple:
    CALLS.append(("use", len(held)))
    return ("used", held[0])


def test_a_derived_result_passed_on_is_looked_up_by_its_source_not_its_contents(curated):
    CALLS.clear()
    whole = _keyed(curated, "held-whole")
    view = _keyed(curated, "held-view")
    held = derive_held(_big_result, whole)
    first = derive(_use_result, view, held)  # hashing the list itself would raise
    assert first[1] is held.value[0]  # the function got the value, not the holder
    assert derive(_use_result, view, derive_held(_big_result, whole)) is first
    assert CALLS[:] == [("big", whole.key), ("use", 1)]
    other = _keyed(curated, "held-whole")  # other content: another entry
    assert derive(_use_result, view, derive_held(_big_result, other)) is not first
