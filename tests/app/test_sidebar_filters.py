"""AppTest of the sidebar filters: they apply on every page and links carry them (bad link parts
give notices, not exceptions). That each page names the active filters: test_pages_smoke."""

from __future__ import annotations

from datetime import date

import pytest

from lib.analysis.coverage import list_topic_panels
from lib.analysis.filters import Filters, apply_filters
from lib.paths import DATA_DIR_ENV
from lib.render.text import escape_markdown
from tests.helpers.app import list_infos, open_app, read_param
from tests.helpers.markup import find_tiles, list_card_claims
from tests.helpers.packages import AV1, map_claims_to_sources

FILTERED_AV1 = escape_markdown(f"Filtered: sources {AV1}.") + " Clear them in the sidebar."


def test_source_filter_applies_on_every_page(monkeypatch, curated):
    """One session: the sidebar filter set on the Briefing narrows each page it visits."""
    view = apply_filters(curated, Filters(sources=(AV1,)))
    source_of = map_claims_to_sources(curated)
    at = open_app(monkeypatch)
    at.multiselect(key="filter_sources").set_value([AV1]).run()
    assert not at.exception
    assert read_param(at, "sources") == AV1
    assert FILTERED_AV1 in list_infos(at)
    tiles = find_tiles("\n".join(m.value for m in at.markdown))
    assert [t for _, t, _ in tiles if t.startswith("US personnel")] == [f"US personnel · {AV1}"]
    assert at.number_input(key="briefing_step").max == len(view["events"]) == 15
    for n in (1, 8, 15):
        at.number_input(key="briefing_step").set_value(n).run()
        story_cards = list_card_claims([m.value for m in at.markdown if "sb-card" in m.value][-1])
        assert story_cards and {source_of[c] for c in story_cards} == {AV1}

    at.session_state["timeline_twin"] = True  # the table twin, opened
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert FILTERED_AV1 in list_infos(at)
    (table,) = [d.value for d in at.dataframe if "sources" in d.value.columns]
    assert len(table) == 15 and set(table["sources"]) == {AV1}

    at.switch_page("pages/discrepancies.py").run()
    assert not at.exception
    assert FILTERED_AV1 in list_infos(at)
    matrix = at.dataframe(key="discrepancies_matrix").value
    # The hidden source has no column: a column of "—" would say it is silent.
    assert AV1 in matrix.columns and "cnn-000" not in matrix.columns
    panels, everything = len(list_topic_panels(view)), len(list_topic_panels(curated))
    assert panels < everything  # panels need two sources
    assert any(c.value.startswith(f"{panels} of {panels} topics") for c in at.caption)

    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert FILTERED_AV1 in list_infos(at)
    cards = [c for m in at.markdown for c in list_card_claims(m.value)]
    assert cards and {source_of[c] for c in cards} == {AV1}

    at.switch_page("pages/troops.py").run()
    assert not at.exception
    assert FILTERED_AV1 in list_infos(at)
    assert [c for m in at.markdown for c in list_card_claims(m.value)] == ["c004-1000"]
    assert read_param(at, "sources") == AV1


def test_sources_page_keeps_the_global_filters_in_the_link(monkeypatch):
    at = open_app(monkeypatch, "pages/sources.py", sources=AV1, present="1")
    assert not at.exception
    assert (read_param(at, "sources"), read_param(at, "present")) == (AV1, "1")


def test_filter_link_preselects_the_filter_widgets(monkeypatch):
    link = {"sources": AV1, "from": "2024-01-01", "to": "2024-10-22", "topics": "coup"}
    at = open_app(monkeypatch, **link)
    assert not at.exception
    assert at.multiselect(key="filter_sources").value == [AV1]
    assert at.slider(key="filter_dates").value == (date(2024, 1, 1), date(2024, 10, 22))
    assert at.multiselect(key="filter_topics").value == ["coup"]
    assert list_infos(at) == [
        escape_markdown(
            f"Filtered: sources {AV1}; dates 01 Jan 2024 – 22 Oct 2024; topics The July 2023 coup."
        )
        + " Clear them in the sidebar.",
        "No events match the active filters.",  # av1-004's coup claims are from 2023
    ]
    assert {k: read_param(at, k) for k in link} == link
    at.button(key="filter_clear").click().run()
    assert not at.exception
    assert at.multiselect(key="filter_sources").value == []
    assert all(read_param(at, k) is None for k in link)
    assert not at.info


def test_bad_filter_link_gives_notices_not_an_exception(monkeypatch):
    at = open_app(monkeypatch, sources="bogus", to="notadate", topics="coup")
    assert not at.exception
    assert list_infos(at)[:2] == [
        escape_markdown("Ignored unknown source(s) 'bogus' in the link."),
        escape_markdown("Ignored a date in the link that is not YYYY-MM-DD."),
    ]
    assert at.multiselect(key="filter_sources").value == []
    assert at.multiselect(key="filter_topics").value == ["coup"]
    assert read_param(at, "sources") is None and read_param(at, "to") is None
    # The notices stay while the reader is on the page (a component's rerun must not wipe
    # them), and are not repeated on the next page.
    at.run()
    assert sum("Ignored" in i for i in list_infos(at)) == 2
    at.switch_page("pages/about.py").run()
    assert not any("bogus" in i or "YYYY" in i for i in list_infos(at))


@pytest.mark.slow
def test_a_year_of_topics_is_offered_by_search_and_a_chosen_topic_stays(
    monkeypatch, year_of_reporting
):
    # At 1,000x the Topics filter sent 50,000 options on every run; it now offers a capped list
    # that a search box chooses, and what a link or a reader chose is always among them.
    from streamlit.testing.v1 import AppTest

    from lib.analysis.filters import list_topic_choices, list_topic_offer
    from lib.app.chrome import TOPIC_OFFER_MAX, TOPIC_SEARCH_KEY
    from lib.data.read import read_package
    from tests.helpers.app import APP

    monkeypatch.setenv(DATA_DIR_ENV, str(year_of_reporting))
    year, _ = read_package(year_of_reporting)
    order, labels = list_topic_choices(year)
    offered, _ = list_topic_offer(year, "", TOPIC_OFFER_MAX)
    rare = next(t for t in order if t not in offered)  # a topic the plain list leaves out
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["topics"] = rare
    at.run()
    assert not at.exception
    box = at.multiselect(key="filter_topics")
    assert len(order) > 10 * TOPIC_OFFER_MAX
    assert len(box.options) == TOPIC_OFFER_MAX + 1 and box.options[0] == labels[rare]
    assert box.value == [rare]
    assert any("most reported of" in c.value for c in at.sidebar.caption)
    at.text_input(key=TOPIC_SEARCH_KEY).set_value("air base").run()
    assert not at.exception
    box = at.multiselect(key="filter_topics")
    assert box.value == [rare] and box.options[0] == labels[rare]
    found = [label.casefold() for label in box.options[1:]]
    assert found and all("air" in label and "base" in label for label in found)
    assert any("topics match" in c.value for c in at.sidebar.caption)
