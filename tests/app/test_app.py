"""AppTest: every declared page runs, widgets drive what is shown, bad data stops the app."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.app.links import build_share_link, link_page
from lib.app.pages import PAGE_SPECS
from lib.paths import PROJECT_ROOT
from lib.render.text import escape_markdown
from tests.helpers import APP, PAGE_FILES


@pytest.fixture
def app(monkeypatch) -> AppTest:
    """The app opened on the Sources reader (the Briefing is the default page)."""
    monkeypatch.delenv("SAHEL_BRIEF_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/sources.py")
    return at.run()


def _html(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def test_every_page_file_is_declared_in_app_py():
    source = (PROJECT_ROOT / "app.py").read_text(encoding="utf-8")
    assert "for spec in PAGE_SPECS" in source  # app.py builds st.navigation from the specs
    assert {spec.file for spec in PAGE_SPECS} == set(PAGE_FILES)
    # Every page walk (browser tests, accessibility audit, bench) reads these paths.
    assert [spec.path for spec in PAGE_SPECS] == [
        "/",
        "/map",
        "/timeline",
        "/troops",
        "/discrepancies",
        "/sources",
        "/about",
    ]


def test_links_to_pages_use_their_declared_paths():
    assert link_page("map.py", place="agadez") == "map?place=agadez"
    assert link_page("sources.py", source="cnn-000", claim="", sources="av1-004") == (
        "sources?source=cnn-000&sources=av1-004"
    )
    assert link_page("briefing.py") == "./"  # the default page sits at the root
    assert link_page("briefing.py", step="3") == "./?step=3"
    with pytest.raises(ValueError, match=r"no page 'mapp\.py'"):
        link_page("mapp.py")


def test_share_link_is_the_page_url_with_its_state():
    link = build_share_link("http://127.0.0.1:8501/map", {"place": "agadez", "sources": "a|b"})
    assert link == "http://127.0.0.1:8501/map?place=agadez&sources=a%7Cb"
    assert build_share_link("http://[::1]:8501/", {}) == "http://[::1]:8501/"
    assert build_share_link("http://h:8501", {"step": "1"}) == "http://h:8501/?step=1"
    # Markup in the path or the parameters cannot leave the link (checked in a browser too).
    hostile = build_share_link("http://h/x)<b>", {"q": "](javascript:alert(1))"})
    assert not set("<>()[] ") & set(hostile), hostile
    assert build_share_link("", {"a": "b"}) == ""  # no browser behind the run


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_declared_page_runs_without_exception(app, page):
    app.switch_page(f"pages/{page}").run()
    assert not app.exception
    assert not app.error
    assert app.title, f"{page} rendered no title"


def test_sources_shows_the_first_document_with_highlights(app):
    assert app.title[0].value == "Sources"
    html = _html(app)
    assert html.count('class="sb-claim') > 50
    assert "America’s key partner in northwest Africa" in html
    assert app.sidebar.caption[0].value == "Dataset **v0.2.0** · 95 claims"


def test_picking_a_document_shows_its_text_and_metadata(app):
    app.selectbox(key="sources_document").set_value("av1-004").run()
    html = _html(app)
    assert "“AV1 NEWS” (chars" in html
    assert "US to withdraw from Niger after security pact fails" in html
    assert "15–26 Apr 2024, most likely 20 Apr 2024" in html
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


def test_claims_table_offers_a_csv_download(app):
    assert app.get("download_button"), "no download button"


def test_invalid_package_shows_one_error_and_nothing_else(monkeypatch, package_copy):
    places = package_copy / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("16.9733", "96.9733"), "utf-8")
    monkeypatch.setenv("SAHEL_BRIEF_DATA_DIR", str(package_copy))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "is invalid; nothing is shown" in message
    assert re.search(r"data/places\.csv:\d+:lat: 96\.9733 is out of range \(-90, 90\)", message)
    assert not at.title and not at.get("html") and not at.dataframe


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


def test_package_cache_reloads_after_an_edit_on_disk(monkeypatch, package_copy):
    """Regression: the fingerprint argument was underscore-prefixed, so never hashed."""
    from lib.app.cache import load_package

    monkeypatch.setenv("SAHEL_BRIEF_DATA_DIR", str(package_copy))
    assert load_package()[1] == []
    places = package_copy / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("16.9733", "96.9733"), "utf-8")
    messages = [str(p) for p in load_package()[1]]
    assert any("lat: 96.9733 is out of range" in m for m in messages), messages
