"""AppTest on the Briefing page: story mode steps and its links, and the key judgments with their
quotes (one session per test, links simulated with query params)."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.briefing import list_story_steps
from lib.data.cells import split_list
from lib.render.text import escape_markdown
from tests.helpers.app import list_infos, open_app, read_param
from tests.helpers.markup import list_card_claims
from tests.helpers.packages import AV1


def _step_heading(at: AppTest) -> str:
    (heading,) = [m.value for m in at.markdown if m.value.startswith("#### ")]
    return heading


@pytest.fixture(scope="module")
def steps(curated):
    return list_story_steps(curated)


def _heading_of(steps, n: int) -> str:
    return f"#### {n}. {escape_markdown(steps.iloc[n - 1]['title'])}"


def test_story_steps_forward_back_and_jumps(monkeypatch, steps):
    at = open_app(monkeypatch)
    assert not at.exception
    assert _step_heading(at) == _heading_of(steps, 1)
    assert read_param(at, "step") == "1"
    assert at.button(key="briefing_previous").disabled
    assert not at.button(key="briefing_next").disabled

    at.button(key="briefing_next").click().run()
    assert _step_heading(at) == _heading_of(steps, 2)
    assert (read_param(at, "step"), at.number_input(key="briefing_step").value) == ("2", 2)
    assert not at.button(key="briefing_previous").disabled

    at.number_input(key="briefing_step").set_value(15).run()
    assert _step_heading(at) == _heading_of(steps, 15)
    assert read_param(at, "step") == "15"
    # The step's own quotes, not another step's.
    story_cards = list_card_claims([m.value for m in at.markdown if "sb-card" in m.value][-1])
    assert sorted(story_cards) == sorted(steps.iloc[14]["claim_ids"])

    at.button(key="briefing_previous").click().run()
    assert _step_heading(at) == _heading_of(steps, 14)
    assert read_param(at, "step") == "14"

    at.number_input(key="briefing_step").set_value(len(steps)).run()
    assert _step_heading(at) == _heading_of(steps, len(steps))
    assert at.button(key="briefing_next").disabled
    assert not at.exception


def test_step_link_opens_that_step(monkeypatch, steps):
    at = open_app(monkeypatch, step="5")
    assert not at.exception
    assert at.number_input(key="briefing_step").value == 5
    assert _step_heading(at) == _heading_of(steps, 5)
    assert not at.info


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"step": "999"}, "Ignored story step '999' in the link: there are 22 steps."),
        ({"step": "two"}, "Ignored story step 'two' in the link: there are 22 steps."),
        ({"judgment": "nope"}, "Ignored unknown judgment 'nope' in the link."),
    ],
)
def test_bad_briefing_link_gives_a_notice_not_an_exception(monkeypatch, steps, params, notice):
    at = open_app(monkeypatch, **params)
    assert not at.exception
    assert list_infos(at) == [escape_markdown(notice)]
    assert _step_heading(at) == _heading_of(steps, 1)
    assert at.radio(key="briefing_judgment").value is None
    assert read_param(at, "judgment") is None


def test_selecting_a_judgment_shows_its_quotes_and_links_to_it(monkeypatch, curated):
    at = open_app(monkeypatch)
    assert at.radio(key="briefing_judgment").value is None
    assert read_param(at, "judgment") is None
    judgments = curated["judgments"].set_index("judgment_id")
    for judgment_id, row in judgments.iterrows():
        at.radio(key="briefing_judgment").set_value(judgment_id).run()
        assert not at.exception
        assert read_param(at, "judgment") == judgment_id
        # The judgment's cards come first; the story step's come after.
        first = next(m.value for m in at.markdown if "sb-card" in m.value)
        assert sorted(list_card_claims(first)) == sorted(split_list(row["claim_ids"])), judgment_id
        assert f"Caveat: {escape_markdown(row['caveat'])}" in [c.value for c in at.caption]


def test_judgment_link_preselects_the_judgment(monkeypatch):
    at = open_app(monkeypatch, judgment="j2", step="3")
    assert not at.exception
    assert at.radio(key="briefing_judgment").value == "j2"
    first = next(m.value for m in at.markdown if "sb-card" in m.value)
    assert sorted(list_card_claims(first)) == ["c000-650", "c004-1000"]
    assert at.number_input(key="briefing_step").value == 3


def test_the_troop_judgment_says_the_sources_do_not_explain_the_difference(monkeypatch):
    """Regression: j2's caveat said the figures 'need not conflict', the curator's inference
    presented as the sources' word; r42 is now unresolved and drawn as such with its candidates."""
    at = open_app(monkeypatch)
    at.radio(key="briefing_judgment").set_value("j2").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "need not conflict" not in captions
    assert "Neither source says why the figures differ" in captions.replace("\\", "")
    shown = "\n".join(m.value for m in at.markdown)
    assert "? unresolved" in shown and "Candidate explanations" in shown
    # Ranked as curated: the dates first, the nouns second, an error last.
    dates, nouns, error = (shown.index(t) for t in ("different dates", "different nouns", "wrong"))
    assert dates < nouns < error


def _story_dates(at: AppTest) -> list[str]:
    # The story step's lines of dates and their basis, unescaped.
    lines = [m.value.replace("\\", "") for m in at.markdown]
    return [line for line in lines if "Resolved:" in line]


def test_story_filtered_to_one_source_does_not_speak_for_the_hidden_one(monkeypatch, curated):
    """Regression: with ?sources=av1-004, step 1 still read "2011–13 or 2014 (sources conflict)"
    and its note quoted cnn-000's 'since 2014'; the curated date reconciles both sources."""
    source_of = dict(
        zip(curated["claims"]["claim_id"], curated["claims"]["source_id"], strict=True)
    )
    at = open_app(monkeypatch, sources=AV1)
    assert not at.exception
    count = int(at.number_input(key="briefing_step").max)
    for step in range(1, count + 1):
        at.number_input(key="briefing_step").set_value(step).run()
        assert not at.exception
        lines = _story_dates(at)
        (dates,) = lines  # the story step's dates and their basis
        for word in ("conflict", "disagree", "cnn-000"):
            assert word not in dates.casefold(), (step, dates)
        story_cards = list_card_claims([m.value for m in at.markdown if "sb-card" in m.value][-1])
        assert {source_of[c] for c in story_cards} <= {AV1}
    # The first step is now dated by av1-004's '12-year-old' alone.
    at.number_input(key="briefing_step").set_value(1).run()
    (dates,) = _story_dates(at)
    assert "8 Feb 2011 – 22 Jun 2013" in dates
    assert "the filters hide 3 of this event's 4 claims" in dates


def test_unfiltered_story_keeps_the_curated_dates(monkeypatch, curated):
    at = open_app(monkeypatch)
    (dates,) = _story_dates(at)
    assert "Shown as: 2011–13 or 2014 (sources conflict)" in dates


def test_judgment_disputes_name_what_each_claim_says(monkeypatch, curated):
    # Regression: j1's dispute read "c000-saturday vs c004-15march".
    at = open_app(monkeypatch, judgment="j1")
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "<b>c000-saturday</b> vs" not in shown and "vs <b>c004-15march</b>" not in shown
    claims = curated["claims"].set_index("claim_id")
    for claim_id in ("c000-saturday", "c004-15march"):
        assert html.escape(claims.at[claim_id, "statement"], quote=False) in shown
