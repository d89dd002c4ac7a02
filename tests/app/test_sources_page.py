"""AppTest on the Sources reader: the document, its highlights, the claims table and its download,
and links to a claim."""

from __future__ import annotations

import csv
import io
import re

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from lib.render.text import escape_markdown
from tests.helpers import APP


def _html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def test_sources_shows_the_first_document_with_highlights(app):
    assert app.title[0].value == "Sources"
    html = _html(app)
    assert html.count('class="sb-claim') > 50
    assert "America’s key partner in northwest Africa" in html
    assert app.sidebar.caption[0].value == "Dataset **v0.4.0** · 96 claims"


def test_picking_a_document_shows_its_text_and_metadata(app):
    app.selectbox(key="sources_document").set_value("av1-004").run()
    html = _html(app)
    assert "“AV1 NEWS” (chars" in html
    assert "US to withdraw from Niger after security pact fails" in html
    assert "8–22 Apr 2024, most likely 15 Apr 2024" in html
    assert "America’s key partner" not in html


def test_topic_filter_narrows_table_and_highlights(app):
    app.multiselect(key="sources_topics").set_value(["us_forces_count"]).run()
    table = app.dataframe[0].value
    assert list(table["claim_id"]) == ["c000-650"]
    assert table.iloc[0]["figure"] == "about 650 (585–715) people"
    keys = {k for cell in re.findall(r'data-keys="([^"]+)"', _html(app)) for k in cell.split()}
    assert {k for k in keys if k.startswith("c")} == {"c000-650"}


def test_search_narrows_the_claims_table(app):
    app.text_input(key="sources_search").input("Wagner").run()
    assert list(app.dataframe[0].value["claim_id"]) == ["c000-wagner"]


def _record_downloads(monkeypatch) -> list[MemoryMediaFileStorage]:
    """Keep the in-memory store each later AppTest run puts download payloads in (AppTest makes
    a new one per run and drops it); the button's proto only carries the payload's URL."""
    stores: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return stores


def _claims_download(at: AppTest, stores: list[MemoryMediaFileStorage]) -> MemoryFile:
    """The payload of the Sources page's own button, found by its key in the main area, so the
    sidebar's package zip (key sidebar_package_zip, built only on click) can never stand in."""
    (button,) = [b for b in at.main.get("download_button") if b.key == "sources_download"]
    assert button.label == "Download these claims (CSV)"
    assert "sources_download" not in [b.key for b in at.sidebar.get("download_button")]
    assert button.proto.url, "the claims CSV is sent with the page, not deferred"
    return stores[-1].get_file(button.proto.url.rsplit("/", 1)[-1])


def test_claims_table_offers_a_csv_download(app, monkeypatch):
    """The Sources page's own download button sends the claims table shown, as CSV: the same
    bytes, columns, rows and ids, for the whole document and after the table is narrowed."""
    stores = _record_downloads(monkeypatch)
    for narrow in (None, "Wagner"):
        if narrow:
            app.text_input(key="sources_search").input(narrow)
        app.run()
        assert not app.exception
        payload = _claims_download(app, stores)
        assert (payload.mimetype, payload.filename) == (
            "text/csv",
            "sahel-brief-claims-cnn-000.csv",
        )
        shown = app.dataframe[0].value
        rows = list(csv.DictReader(io.StringIO(payload.content.decode("utf-8"))))
        assert rows and [r["claim_id"] for r in rows] == list(shown["claim_id"])
        assert list(rows[0]) == list(shown.columns)
        assert payload.content == shown.to_csv(index=False).encode("utf-8")
    assert [r["claim_id"] for r in rows] == ["c000-wagner"]


def test_link_to_a_claim_opens_its_document_with_the_claim_selected(monkeypatch):
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/sources.py")
    at.query_params["claim"] = "c004-1000"
    at.run()
    assert not at.exception
    assert at.selectbox(key="sources_document").value == "av1-004"
    assert "**Selected claim `c004-1000`**" in [m.value for m in at.markdown]
    assert 'class="sb-claim sb-selected" style=' in _html(at)
    assert (at.query_params["source"], at.query_params["claim"]) == ("av1-004", "c004-1000")


def test_bad_link_parameters_give_a_notice_not_an_exception(monkeypatch):
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/sources.py")
    at.query_params["source"] = "nyt-999"
    at.query_params["claim"] = "nope"
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        escape_markdown("Ignored unknown document 'nyt-999' in the link."),
        escape_markdown("Ignored unknown claim 'nope' in the link."),
    ]
    assert at.selectbox(key="sources_document").value == "cnn-000"
