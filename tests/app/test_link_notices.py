"""AppTest of what the app says about the link itself: parts of another page are dropped with one
notice; notices last for the page visit; the sidebar counts the claims shown. That every page
drops a part it does not read: test_pages_smoke."""

from __future__ import annotations

from lib.analysis.filters import Filters, apply_filters
from lib.render.text import escape_markdown
from tests.helpers.app import list_infos, open_app, read_param
from tests.helpers.packages import AV1


def test_briefing_drops_another_pages_parameter(monkeypatch):
    """Regression: /?claim=nope&start=bad said nothing and kept both in the URL."""
    at = open_app(monkeypatch, claim="nope", start="bad")
    assert not at.exception
    notice = "Ignored 'claim=nope', 'start=bad' in the link: the Briefing page has no such setting."
    assert list_infos(at)[0] == escape_markdown(notice)
    assert read_param(at, "claim") is None and read_param(at, "start") is None


def test_a_link_notice_lasts_for_the_page_visit(monkeypatch):
    """Regression: /map?place=nope's notice vanished on the rerun st_folium triggers."""
    at = open_app(monkeypatch, "pages/map.py", place="nope", start="bad")
    notices = [
        escape_markdown("Ignored 'start=bad' in the link: the Map page has no such setting."),
        escape_markdown("Ignored unknown place 'nope' in the link."),
    ]
    assert list_infos(at)[:2] == notices
    at.run()  # a rerun on the same page, as the map component's own
    assert not at.exception
    assert list_infos(at)[:2] == notices
    at.switch_page("pages/timeline.py").run()
    assert not any("nope" in info or "start" in info for info in list_infos(at))


def test_sidebar_claim_count_follows_the_filters(monkeypatch, curated):
    """Regression: the sidebar said "95 claims" whatever the filters kept."""
    total = len(curated["claims"])
    at = open_app(monkeypatch)
    assert f"· {total} claims" in at.sidebar.caption[0].value
    shown = len(apply_filters(curated, Filters(sources=(AV1,)))["claims"])
    assert 0 < shown < total
    at.multiselect(key="filter_sources").set_value([AV1]).run()
    assert f"· {shown} of {total} claims" in at.sidebar.caption[0].value
