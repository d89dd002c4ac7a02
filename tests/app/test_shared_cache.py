"""AppTest on every page: nothing a page computes changes the shared package or what the shared
cache handed out."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.coverage import list_topic_panels
from lib.analysis.events import build_timeline_events
from lib.analysis.evidence import label_sources
from lib.analysis.places import list_off_map
from lib.app.cache import _load, compute_fingerprint, derive
from lib.app.pages import PAGE_SPECS
from lib.data.validate import load_and_validate
from lib.paths import DATA_DIR_ENV, PROJECT_ROOT
from tests.helpers.packages import CURATED_DATA

# Derived results pages take from the shared cache, by name.
CACHED = {
    "panels": list_topic_panels,
    "labels": label_sources,
    "events": build_timeline_events,
    "off_map": list_off_map,
}


# Each page reads its own selection from the URL: a place, an event, a claim, a judgment.
SELECTIONS = {"place": "agadez", "event": "e-revocation", "claim": "c004-1000", "judgment": "j2"}


@pytest.mark.parametrize(
    "query", [{}, SELECTIONS, {**SELECTIONS, "sources": "av1-004", "from": "2023-07-01"}]
)
def test_no_page_changes_the_shared_package_or_what_is_cached(monkeypatch, query):
    """Every page, plain, with its item selected, and filtered; then the shared package and
    what pages took from the cache still equal a fresh read."""
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    shared, _ = _load(str(CURATED_DATA), compute_fingerprint(CURATED_DATA))
    cached = {name: derive(compute, shared) for name, compute in CACHED.items()}
    for spec in PAGE_SPECS:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        at.switch_page(f"pages/{spec.file}").run()
        assert not at.exception, spec.file
    fresh, _ = load_and_validate(CURATED_DATA)
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


def test_a_server_start_on_unchanged_files_draws_from_the_validated_record(
    monkeypatch, curated_copy, tmp_path
):
    """The first start validates and records; after a restart (the in-process cache gone) the
    same files draw every page with the validator out of reach, and an edited file is checked
    again."""
    from lib.data import record

    monkeypatch.setenv(DATA_DIR_ENV, str(curated_copy))
    monkeypatch.setenv(record.RECORD_DIR_ENV, str(tmp_path / "records" / "validated"))

    def briefing() -> AppTest:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception
        return at

    assert not briefing().error
    assert (tmp_path / "records" / "validated" / record.hash_content(curated_copy)).is_dir()

    def refuse(data_dir):
        raise AssertionError(f"validated {data_dir} again")

    monkeypatch.setattr(record, "load_and_validate", refuse)
    _load.clear()  # what a server restart empties
    at = briefing()
    assert not at.error and at.title[0].value
    # A changed file is never shown unchecked: here the validator is called, and refuses.
    (curated_copy / "claims.csv").write_bytes((curated_copy / "claims.csv").read_bytes() + b"\n")
    _load.clear()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert at.exception and "validated" in at.exception[0].message
