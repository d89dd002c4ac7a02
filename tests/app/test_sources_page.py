"""AppTest on the Sources reader: the document, its highlights, the claims table and its download,
and links to a claim."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from lib.paths import DATA_DIR_ENV
from lib.render.text import escape_markdown
from tests.helpers.app import APP, open_app, read_param
from tests.helpers.packages import CURATED_DATA


def _pickers(at: AppTest) -> dict[str, str]:
    """The markup each claim picker (the reader, the search results) was given, by its key."""
    return {
        element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.json)["html"]
        for element in at.get("bidi_component")
    }


def _html(at: AppTest) -> str:
    shown = [element.proto.body for element in at.get("html")]
    return "\n".join([*shown, *_pickers(at).values()])


def _reader(at: AppTest) -> str:
    (markup,) = [m for m in _pickers(at).values() if 'class="sb-doc"' in m]
    return markup


def _marks(markup: str) -> dict[str, list[str]]:
    """Each claim id in the reader with the classes of the marks covering only it."""
    found: dict[str, list[str]] = {}
    for classes, keys in re.findall(r'<mark class="([^"]*)"[^>]*data-keys="([^"]*)"', markup):
        for key in keys.split():
            found.setdefault(key, []).extend(classes.split())
    return found


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
    app.text_input(key="sources_q").input("Wagner").run()
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
            app.text_input(key="sources_q").input(narrow)
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
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
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
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
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


# --- Issue 15: the sidebar's filter picks the document; one search over every claim ---------


def test_sources_filter_on_one_source_opens_that_document(monkeypatch):
    """Regression: with ?sources=av1-004 the reader opened the package's first document."""
    at = open_app(monkeypatch, "pages/sources.py", sources="av1-004")
    assert not at.exception
    assert at.selectbox(key="sources_document").value == "av1-004"
    (offered,) = at.selectbox(key="sources_document").options
    assert offered.startswith("av1-004 · ")
    assert "the authorAV1 NEWS" in _reader(at)
    assert read_param(at, "source") == "av1-004"


def test_several_sources_in_the_filter_open_the_first_of_them(monkeypatch):
    at = open_app(monkeypatch, "pages/sources.py", sources="av1-004,cnn-000")
    assert at.selectbox(key="sources_document").value == "av1-004"


def test_setting_the_filter_on_the_page_switches_to_its_document(app):
    """Regression: the reader stayed on cnn-000, whose highlights the filter had all removed."""
    assert app.selectbox(key="sources_document").value == "cnn-000"
    app.sidebar.multiselect(key="filter_sources").set_value(["av1-004"]).run()
    assert not app.exception
    assert app.selectbox(key="sources_document").value == "av1-004"
    assert _marks(_reader(app))


def test_search_lists_claims_from_every_document_and_keeps_q_in_the_url(monkeypatch):
    """Regression: the search box only narrowed the open document's table; it now lists every
    document's matching claims, each a link that selects it, and ?q= names it."""
    at = open_app(monkeypatch, "pages/sources.py", q="withdraw")
    assert not at.exception
    assert at.text_input(key="sources_q").value == "withdraw"
    assert read_param(at, "q") == "withdraw"
    results = _pickers(at)["sources_results"]
    claims = re.findall(r'class="sb-result[^"]*" href="([^"]*)"[^>]*data-claim="([^"]+)"', results)
    sources = {re.search(r"source=([^&]+)", unescape(href)).group(1) for href, _ in claims}
    assert sources == {"cnn-000", "av1-004"}
    assert "<mark>withdraw</mark>" in results.lower()
    assert all(f"claim={claim}" in unescape(href) for href, claim in claims)


def test_search_honours_the_sources_filter(monkeypatch):
    at = open_app(monkeypatch, "pages/sources.py", q="withdraw", sources="av1-004")
    results = _pickers(at)["sources_results"]
    assert "source=av1-004" in unescape(results) and "source=cnn-000" not in unescape(results)


def test_search_dims_the_highlights_it_excludes(app):
    """Regression: the search removed non-matching highlights from the text; they now stay,
    dimmed, and the matching ones keep their colour."""
    everything = set(_marks(_reader(app)))
    app.text_input(key="sources_q").input("Wagner").run()
    marks = _marks(_reader(app))
    claims = {k for k in marks if k.startswith("c")}
    assert claims == {k for k in everything if k.startswith("c")}
    assert "sb-dim" not in marks["c000-wagner"]
    assert all("sb-dim" in marks[k] for k in claims if k != "c000-wagner")
