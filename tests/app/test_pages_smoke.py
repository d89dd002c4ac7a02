"""Every page under AppTest, each run checking what every page owes: it is declared in app.py and
runs as itself, with no exception or error, ends with the footer, fingerprints the files once per
run, and leaves the shared package and cache as a fresh read would have them. Once per package:
the curated snapshot, the shipped data/ (what holds for any valid package, nothing it holds) and
the hostile fixture. Then one link per page with a filter and a part the page does not read."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import lib.app.cache as cache
from lib import APP_TITLE
from lib.analysis.coverage import list_topic_panels
from lib.analysis.events import build_timeline_events
from lib.analysis.evidence import label_sources
from lib.analysis.places import list_off_map
from lib.app.pages import PAGE_SPECS, find_page
from lib.data.validate import load_and_validate
from lib.paths import DATA_DIR_ENV, DEFAULT_DATA_DIR
from lib.render.text import escape_markdown
from tests.helpers.app import APP, PAGE_FILES, count_fingerprints, list_infos, open_app, read_param
from tests.helpers.packages import AV1, CURATED_DATA, HOSTILE_DATA

# A link to an item of each kind a page selects by; every page gets them all, and those it does
# not read are dropped with a notice. Shipped data gets a plain link: a curator may change its ids.
PACKAGES = {
    "snapshot": (
        CURATED_DATA,
        {"place": "agadez", "event": "e-revocation", "claim": "c004-1000", "judgment": "j2"},
    ),
    "shipped": (DEFAULT_DATA_DIR, {}),
    "hostile": (
        HOSTILE_DATA,
        {
            "judgment": "j-hostile",
            "place": "hostile_place",
            "event": "e-hostile",
            "source": "hx-666",
        },
    ),
}
# What pages take from the shared cache, by name: it must still equal a fresh computation.
CACHED = {
    "panels": list_topic_panels,
    "labels": label_sources,
    "events": build_timeline_events,
    "off_map": list_off_map,
}
FILTERED_AV1 = escape_markdown(f"Filtered: sources {AV1}.") + " Clear them in the sidebar."


@functools.cache
def _read_fresh(data_dir):
    """The package read and validated apart from the app, and what it computes from it."""
    package, problems = load_and_validate(data_dir)
    assert [str(p) for p in problems] == []
    return package, {name: compute(package) for name, compute in CACHED.items()}


def _assert_equal(kept, fresh, where: str) -> None:
    if isinstance(fresh, pd.DataFrame):
        pd.testing.assert_frame_equal(kept, fresh, obj=where)
    elif isinstance(fresh, tuple | list) and any(isinstance(f, pd.DataFrame) for f in fresh):
        assert len(kept) == len(fresh), where
        for i, (one, other) in enumerate(zip(kept, fresh, strict=True)):
            _assert_equal(one, other, f"{where}[{i}]")
    else:
        assert kept == fresh, where


def _assert_shared_state_unchanged(at: AppTest, data_dir) -> None:
    """The package app.py loaded for the run (the one every session shares) and what the cache
    handed out from it still equal a fresh read and fresh computations."""
    shared, _ = at.session_state[cache._RUN_PACKAGE_KEY].loaded
    fresh, computed = _read_fresh(data_dir)
    assert shared.tables.keys() == fresh.tables.keys()
    for name, table in fresh.tables.items():
        pd.testing.assert_frame_equal(shared[name], table, obj=name)
    assert shared.seeds == fresh.seeds
    assert shared.descriptor == fresh.descriptor
    # derive on the shared package returns the very objects the cache handed the page.
    for name, compute in CACHED.items():
        _assert_equal(cache.derive(compute, shared), computed[name], name)


@pytest.mark.parametrize("page", PAGE_FILES)
@pytest.mark.parametrize("package", list(PACKAGES))
def test_page_runs_as_itself_ends_with_the_footer_and_changes_nothing_shared(
    monkeypatch, package, page
):
    data_dir, link = PACKAGES[package]
    fingerprints = count_fingerprints(monkeypatch)
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    # PAGE_FILES is every file in pages/: switch_page refuses one app.py's run did not declare.
    at.switch_page(f"pages/{page}")
    at.query_params.update(link)
    at.run()
    assert not at.exception, at.exception[0].value if at.exception else None
    assert not at.error
    # The page that ran is that file: its heading starts with the title it is declared under.
    assert at.title and at.title[0].value.startswith(find_page(page).title)
    fresh, _ = _read_fresh(data_dir)
    footer = [c.value for c in at.caption if c.value.startswith("Sources — ")]
    assert len(footer) == 1
    assert footer[0].endswith(f"{APP_TITLE} dataset v{fresh.version}.")
    for source_id in fresh["sources"]["source_id"]:
        assert escape_markdown(source_id) in footer[0]
    # app.py fingerprints the files once; the page reuses the package it loaded.
    assert len(fingerprints) == 1, fingerprints
    _assert_shared_state_unchanged(at, data_dir)


def test_a_file_app_py_does_not_declare_cannot_be_opened(monkeypatch):
    """The check the smoke test leans on can fail: a file that exists but is no page."""
    at = open_app(monkeypatch)
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("lib/paths.py")


@pytest.mark.parametrize("spec", PAGE_SPECS, ids=lambda spec: spec.file)
def test_every_page_names_the_active_filter_and_drops_a_link_part_it_does_not_read(
    monkeypatch, spec
):
    """Both notices are drawn after the page has run, so a page that stopped early would lose
    them. The page's own item is in the link too; under the filter the shared package must still
    be untouched."""
    own = {k: v for k, v in PACKAGES["snapshot"][1].items() if k in spec.params}
    at = open_app(monkeypatch, f"pages/{spec.file}", start="bad", sources=AV1, **own)
    assert not at.exception
    assert FILTERED_AV1 in list_infos(at)
    assert at.multiselect(key="filter_sources").value == [AV1]
    notice = f"Ignored 'start=bad' in the link: the {spec.title} page has no such setting."
    assert escape_markdown(notice) in list_infos(at)
    assert read_param(at, "start") is None
    assert read_param(at, "sources") == AV1  # a global filter is every page's
    _assert_shared_state_unchanged(at, CURATED_DATA)
