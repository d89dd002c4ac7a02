"""The shared cache across a server restart: unchanged files draw from their validated record, a
changed file is validated again. That no page changes the shared package or what the cache handed
out: test_pages_smoke."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.app.cache import _load
from lib.paths import DATA_DIR_ENV
from tests.helpers.app import APP


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
        at = AppTest.from_file(APP, default_timeout=60).run()
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
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.exception and "validated" in at.exception[0].message
