"""The ingest page (Add a document) under AppTest: its form, and a read-only deployment said
plainly."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.app.ingest import READ_ONLY_NOTICE
from lib.paths import DATA_DIR_ENV, READ_ONLY_ENV
from tests.helpers.app import APP
from tests.helpers.packages import CURATED_DATA


def _open(monkeypatch) -> AppTest:
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/ingest.py")
    return at.run()


def test_the_page_offers_an_upload_form_and_no_review_before_a_proposal(monkeypatch):
    monkeypatch.delenv(READ_ONLY_ENV, raising=False)
    at = _open(monkeypatch)
    assert not at.exception
    assert [b.label for b in at.button if b.label == "Propose claims"] == ["Propose claims"]
    assert at.text_input(key="ingest_outlet").value == ""
    assert not any(s.value.startswith("Review:") for s in at.subheader)
    assert READ_ONLY_NOTICE not in [i.value for i in at.info]


def test_a_read_only_deployment_says_so_before_any_work(monkeypatch):
    monkeypatch.setenv(READ_ONLY_ENV, "1")
    at = _open(monkeypatch)
    assert not at.exception
    assert READ_ONLY_NOTICE in [i.value for i in at.info]
