"""Loading and caching: the package read and validated once per change on disk (and once per
content across server starts, through its validated record), filtered views,
and what pages compute from them, shared by every session.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import streamlit as st

from lib.analysis.filters import Filters, apply_filters
from lib.app.routing import route_through_app
from lib.data.read import Package, Problem, read_seeds_dir
from lib.data.record import load_validated
from lib.data.schema import TABLES
from lib.paths import BOUNDARIES_PATH, DESCRIPTOR_NAME, resolve_data_dir

# Least recently used out first; views copy rows, so they get fewer entries than derived results.
VIEW_MAX_ENTRIES = 12
DERIVED_MAX_ENTRIES = 96
# The package this script run loaded: app.py loads it first, the page then reuses it.
_RUN_PACKAGE_KEY = "_sahel_run_package"


def compute_fingerprint(data_dir: Path) -> tuple:
    """Names, sizes and mtimes of the package files and the map outlines, so edits on disk
    invalidate every cached result (the off-map list depends on the outlines)."""
    files = [data_dir / t.path for t in TABLES.values()] + [data_dir / DESCRIPTOR_NAME]
    files.append(BOUNDARIES_PATH)
    seeds = read_seeds_dir(data_dir)
    if seeds.is_dir():
        files.extend(sorted(seeds.iterdir()))
    return tuple(
        (f.name, f.stat().st_size, f.stat().st_mtime_ns) if f.exists() else (f.name, None, None)
        for f in files
    )


@st.cache_resource(show_spinner="Checking the data package…", max_entries=4)
def _load(data_dir: str, fingerprint: str | tuple) -> tuple[Package, list[Problem]]:
    # One shared copy per change on disk; Package hands out copy-on-write tables, so no session
    # can change what another reads. Unchanged content since the last validation is read back
    # from its validated record (lib/data/record.py) instead of being checked again.
    loaded = load_validated(Path(data_dir))
    return replace(loaded.package, key=(data_dir, fingerprint)), loaded.problems


class _Shared:
    """Holds the run's package in session state without copying it: Streamlit deep-copies some
    session values, and a package is shared read-only by design."""

    def __init__(self, loaded: tuple[Package, list[Problem]]) -> None:
        self.loaded = loaded

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self


def load_package() -> tuple[Package, list[Problem]]:
    """Read and validate the package once per change on disk; cached across reruns and users.

    app.py calls this first on every run, which fingerprints the files once; the page's own
    call (through ``reuse_package``) takes the same result. A run that bypassed app.py is sent
    back through it.
    """
    route_through_app()
    data_dir = resolve_data_dir()
    # A digest, not the tuple itself: the key is hashed by every cached call on every run, and
    # a year of reporting has thousands of seed files in it.
    digest = hashlib.sha256(repr(compute_fingerprint(data_dir)).encode()).hexdigest()
    loaded = _load(str(data_dir), digest)
    st.session_state[_RUN_PACKAGE_KEY] = _Shared(loaded)
    return loaded


def reuse_package() -> tuple[Package, list[Problem]]:
    """The package app.py loaded in this run (it runs first), else a fresh load.

    A page run without app.py (a deep link on a fresh server) is sent through app.py first.
    """
    route_through_app()
    held = st.session_state.get(_RUN_PACKAGE_KEY)
    return held.loaded if held is not None else load_package()


@st.cache_resource(show_spinner=False, max_entries=VIEW_MAX_ENTRIES)
def _view(key: str, filters: Filters, _package: Package) -> Package:
    del key  # hashed into the cache key with the filters; the package itself is not hashed
    return apply_filters(_package, filters)


def view_package(package: Package, filters: Filters) -> Package:
    """The package narrowed by ``filters``, cached per package content and filters."""
    if not filters.active or not package.key:
        return apply_filters(package, filters)
    return _view(repr(package.key), filters, package)


@cache
def _code_key(compute: Callable) -> str:
    # The compiled body (with its constants and names): editing the function gives a new key.
    return hashlib.sha256(marshal.dumps(compute.__code__)).hexdigest()[:16]


class Derived:
    """A result of :func:`derive` passed on to another derive as an argument, hashed by what it
    was computed from (its function and package key) instead of its contents: a year of
    reporting makes some of them large, and arguments are hashed on every call."""

    def __init__(self, key: str, value: object) -> None:
        self.key, self.value = key, value


def _unwrap(value: object) -> object:
    return value.value if isinstance(value, Derived) else value


@st.cache_resource(
    show_spinner=False,
    max_entries=DERIVED_MAX_ENTRIES,
    hash_funcs={Derived: lambda held: held.key},
)
def _derived(name: str, code: str, key: str, args: tuple, _compute: Callable, _package: Package):
    # name, code, key and args are hashed into the cache key; the function and package are not.
    del name, code, key
    return _compute(_package, *map(_unwrap, args))


def derive(compute: Callable, package: Package, *args):
    """``compute(package, *args)``, computed once per package content, filters, arguments and
    version of ``compute``'s code.

    Shared by every rerun and session, so the result must only be read. A package without a key
    (built outside load_package) is computed every time. ``compute`` must be a module-level
    function: its qualified name tells the cache entries apart.
    """
    name = f"{compute.__module__}.{compute.__qualname__}"
    if "<" in name:
        raise ValueError(f"derive needs a module-level function, not {name}")
    if not package.key:
        return compute(package, *map(_unwrap, args))
    return _derived(name, _code_key(compute), repr(package.key), args, compute, package)


def derive_held(compute: Callable, package: Package) -> Derived:
    """``derive(compute, package)`` held as an argument for another derive: it is then looked
    up by where it came from, not by hashing its contents."""
    name = f"{compute.__module__}.{compute.__qualname__}:{_code_key(compute)}"
    return Derived(f"{name}:{package.key!r}", derive(compute, package))
