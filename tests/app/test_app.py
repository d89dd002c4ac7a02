"""AppTest of the router and frame (app.py): every page file is declared and runs (on the shipped
data/ too), every page ends with the footer, and bad data stops the app with one error."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from lib import APP_TITLE
from lib.app.pages import find_page
from lib.paths import DATA_DIR_ENV, DEFAULT_DATA_DIR
from lib.render.text import escape_markdown
from tests.helpers.app import APP, PAGE_FILES, open_app
from tests.helpers.packages import CURATED_DATA


def test_every_page_file_is_declared_in_app_py(monkeypatch):
    """Runs app.py and proves from the run that its st.navigation holds every file in pages/:
    switch_page refuses a file the run did not register, and each page then runs as itself."""
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("lib/paths.py")  # a file that exists but is no page: the check can fail
    for page in PAGE_FILES:
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, page
        # The page that ran is that file: its heading starts with the title it is declared under.
        assert at.title and at.title[0].value.startswith(find_page(page).title), page


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_declared_page_runs_without_exception_on_the_shipped_data(monkeypatch, page):
    """On data/ as a curator left it: what holds for any valid package, nothing it holds."""
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page(f"pages/{page}").run()
    assert not at.exception
    assert not at.error
    assert at.title, f"{page} rendered no title"


def test_invalid_package_shows_one_error_and_nothing_else(monkeypatch, curated_copy):
    places = curated_copy / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("16.9733", "96.9733"), "utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(curated_copy))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "is invalid; nothing is shown" in message
    assert re.search(r"data/places\.csv:\d+:lat: 96\.9733 is out of range \(-90, 90\)", message)
    assert not at.title and not at.get("html") and not at.dataframe


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_ends_with_the_sources_and_dataset_version(monkeypatch, curated, page):
    at = open_app(monkeypatch, f"pages/{page}")
    assert not at.exception
    footer = [c.value for c in at.caption if c.value.startswith("Sources — ")]
    assert len(footer) == 1, page
    assert footer[0].endswith(f"{APP_TITLE} dataset v{curated.version}.")
    for source_id in curated["sources"]["source_id"]:
        assert escape_markdown(source_id) in footer[0]
