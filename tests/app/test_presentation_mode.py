"""AppTest of presentation mode: a link or the sidebar toggle hides the chrome, the exit button
restores it, and it follows the reader to other pages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.helpers.app import open_app, read_param


def _presentation_css(at: AppTest) -> list[str]:
    return [
        h.proto.body
        for h in at.get("html")
        if '[data-testid="stSidebar"]' in h.proto.body and "display: none" in h.proto.body
    ]


def _exit_button(at: AppTest):
    return [b for b in at.button if b.label == "Exit presentation mode"]


def test_presentation_link_hides_the_chrome_and_the_exit_button_restores_it(monkeypatch):
    at = open_app(monkeypatch, present="1")
    assert not at.exception
    assert _presentation_css(at) and _exit_button(at)
    assert at.toggle(key="present").value is True
    assert read_param(at, "present") == "1"
    _exit_button(at)[0].click().run()
    assert not at.exception
    assert not _presentation_css(at) and not _exit_button(at)
    assert at.toggle(key="present").value is False
    assert read_param(at, "present") is None


def test_presentation_toggle_turns_it_on_and_it_follows_to_other_pages(monkeypatch):
    at = open_app(monkeypatch)
    assert not _presentation_css(at) and not _exit_button(at)
    at.toggle(key="present").set_value(True).run()
    assert _presentation_css(at) and _exit_button(at)
    assert read_param(at, "present") == "1"
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert _presentation_css(at) and _exit_button(at)


def test_present_link_with_another_value_is_off(monkeypatch):
    at = open_app(monkeypatch, present="yes")
    assert not at.exception
    assert not _presentation_css(at)
    assert at.toggle(key="present").value is False


def test_timeline_period_buttons_zoom_the_chart_not_the_filters(monkeypatch, curated, bounds):
    """The period buttons once set the page's own date filter, which then disagreed with the
    sidebar's; they now zoom the chart, and the global filter (and URL) stay as they were."""
    at = open_app(monkeypatch, "pages/timeline.py", present="1")
    assert not at.exception
    busy = [b for b in at.button if b.label.startswith("Busiest period")]
    whole = [b for b in at.button if b.label.startswith("Whole story")]
    assert busy and busy[0].disabled and not whole[0].disabled
    assert any(c.value.startswith("Zoomed to ") for c in at.caption)
    every = len(curated["events"])
    table_rows = [c.value for c in at.caption if c.value.endswith("row(s); open to show them.")]
    assert table_rows == [f"{every} row(s); open to show them."]  # zoom hides no event
    whole[0].click().run()
    assert not at.exception
    assert not any(c.value.startswith("Zoomed to ") for c in at.caption)
    assert next(b for b in at.button if b.label.startswith("Whole story")).disabled
    assert at.slider(key="filter_dates").value == bounds
    assert read_param(at, "from") is None and read_param(at, "to") is None
    next(b for b in at.button if b.label.startswith("Busiest period")).click().run()
    assert any(c.value.startswith("Zoomed to ") for c in at.caption)
    assert at.slider(key="filter_dates").value == bounds
