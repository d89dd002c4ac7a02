"""AppTest on the About page: the data dictionary follows the table picked, and the licences."""

from __future__ import annotations

from lib import APP_TITLE
from lib.analysis.about import list_licences
from lib.data.schema import TABLES
from tests.helpers.app import open_app


def test_about_page_lists_the_data_dictionary_and_the_licences(monkeypatch, curated):
    at = open_app(monkeypatch, "pages/about.py")
    assert not at.exception
    assert at.title[0].value == f"About {APP_TITLE}"
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    dictionary = tables[("table", "column", "type", "required", "description", "rules")]
    assert list(dictionary["column"]) == TABLES["sources"].columns
    at.selectbox(key="about_table").set_value("judgments").run()
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    dictionary = tables[("table", "column", "type", "required", "description", "rules")]
    assert list(dictionary["column"]) == TABLES["judgments"].columns
    licences = tables[("what", "licence", "where")]
    assert licences.equals(list_licences(curated))
    assert any(curated.version in c.value for c in at.caption)


def test_about_page_lists_what_changed_in_each_version(monkeypatch, curated):
    at = open_app(monkeypatch, "pages/about.py")
    assert not at.exception
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    changes = tables[("version", "date", "change")]
    assert changes["version"].iloc[0] == curated.version == "0.4.0"
    assert any("r42" in change and "unresolved" in change for change in changes["change"])
