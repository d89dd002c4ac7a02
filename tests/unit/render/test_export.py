"""The exported briefing as markup: its sections, footnotes that cite the seed exactly, filters
that narrow it, nothing that loads from the network, and hostile text kept as text."""

from __future__ import annotations

import hashlib
import html
import re

import pytest

from lib.analysis.briefing import frame_step_dates, list_story_steps
from lib.analysis.filters import Filters
from lib.analysis.troops import select_troop_claims
from lib.data.validate import load_and_validate
from lib.render import style
from lib.render.export import escape_script_text, render_briefing_html, render_briefing_view
from lib.render.minimap import render_date_strip_svg
from tests.fixtures.hostile import make_fixture as hostile
from tests.helpers.packages import AV1, HOSTILE_DATA

SECTIONS = ("figures", "judgments", "troops", "timeline", "map", "discrepancies", "story", "notes")


@pytest.fixture(scope="module")
def document(curated, boundaries) -> str:
    return render_briefing_html(curated, boundaries)


@pytest.fixture(scope="module")
def hostile_document(boundaries) -> str:
    loaded, problems = load_and_validate(HOSTILE_DATA)
    assert [str(p) for p in problems] == []
    return render_briefing_html(loaded, boundaries)


def _markup(document: str) -> str:
    """The document without the contents of its inline scripts (plotly.js names URLs)."""
    return re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", document, flags=re.DOTALL)


def _note(document: str, number: str) -> str:
    found = re.search(rf'<li id="note-{number}">(.*?)</li>', document, flags=re.DOTALL)
    assert found, number
    return found.group(1)


def _notes_after(document: str, text: str) -> list[str]:
    """The footnote numbers right after ``text`` in the markup."""
    found = re.search(re.escape(text) + r'<sup class="sb-x-ref">(.*?)</sup>', document)
    assert found, text
    return re.findall(r">(\d+)</a>", found.group(1))


def test_export_has_every_section_and_the_title(document):
    for section in SECTIONS:
        assert f'id="{section}"' in document, section
    assert "Briefing: the US withdrawal from Niger" in document
    assert "dataset version" in document


def test_key_figures_are_ranges_with_a_footnote_quoting_the_seed(document, curated):
    sources = curated["sources"].set_index("source_id")
    for shown, claim_id in (("585–715", "c000-650"), ("≥ 1,001", "c004-1000")):
        (number,) = _notes_after(document, shown)
        note = _note(document, number)
        claim = curated["claims"].set_index("claim_id").loc[claim_id]
        assert f"<q>{html.escape(claim['quote'])}</q>" in note
        assert f"chars {claim['char_start']}–{claim['char_end']}" in note
        source = sources.loc[claim["source_id"]]
        assert source["sha256"] in note
        seed = (curated.data_dir.parent / "seeds" / source["seed_file"]).read_bytes()
        assert hashlib.sha256(seed).hexdigest() == source["sha256"]
        text = seed.decode("utf-8")
        assert text[int(claim["char_start"]) : int(claim["char_end"])] == claim["quote"]


def test_footnotes_link_both_ways(document):
    numbers = set(re.findall(r'href="#note-(\d+)"', document))
    assert numbers
    for number in numbers:
        assert f'<li id="note-{number}">' in document
    for ref in re.findall(r'href="#(ref-\d+-\d+)"', document):
        assert f'id="{ref}"' in document


def test_one_source_export_quotes_only_that_source(curated, boundaries):
    document = render_briefing_view(curated, Filters(sources=(AV1,)), None, boundaries)
    cards = set(re.findall(r'class="sb-card" data-claim="([^"]+)"', document))
    of = dict(zip(curated["claims"]["claim_id"], curated["claims"]["source_id"], strict=True))
    assert cards and {of[c] for c in cards} == {AV1}
    cited = re.findall(r'<li id="note-\d+"><q>.*?</q> — ([^ ]+) ', document)
    assert cited and set(cited) == {AV1}
    assert "585–715" not in document and "≥ 1,001" in document
    assert "Filtered: sources av1-004." in document


def test_nothing_in_the_markup_loads_from_the_network(document):
    markup = _markup(document)
    assert not re.search(r"<script[^>]*\bsrc=", markup)
    assert not re.search(r"<link\b", markup)
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", markup)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", document)
    assert "plotly.js v" in document  # the library itself is inline


def test_every_story_step_is_a_slide(document, curated):
    slides = re.findall(r'<section class="sb-x-slide" id="step-(\d+)"', document)
    assert [int(s) for s in slides] == list(range(1, len(list_story_steps(curated)) + 1))


def test_each_slide_draws_the_date_strip_the_briefing_page_draws_for_its_step(document, curated):
    # Regression: the strip's arguments were computed by the page and again by the export.
    steps = list_story_steps(curated)
    for _, event in steps.iterrows():
        slide = document.split(f'id="step-{event["step"]}"')[1].split('class="sb-x-slide"')[0]
        assert render_date_strip_svg(*frame_step_dates(steps, event)) in slide


def test_selected_step_is_marked_current(curated, boundaries):
    document = render_briefing_html(curated, boundaries, step=2)
    assert re.findall(r'id="step-(\d+)" tabindex="-1" aria-current="step"', document) == ["2"]


def test_troop_chart_and_map_carry_the_places(document, curated):
    assert 'id="sb-x-troop-chart"' in document and 'id="sb-x-timeline-chart"' in document
    assert 'data-place="ab201"' in document and 'data-place="niamey"' in document
    troops = document.split('id="troops"')[1].split('id="timeline"')[0]
    cited = set(re.findall(r'href="#note-(\d+)"', troops))
    note_of = {
        claim: number
        for number, claim in re.findall(r'<li id="note-(\d+)">.*?; claim ([\w-]+)\.', document)
    }
    for claim_id in select_troop_claims(curated)["claim_id"]:
        assert note_of[claim_id] in cited  # each drawn figure's line cites its own note
    # The file's troop lines, like the app's, date a figure its text does not date as reported.
    assert "reported 16–22 Mar 2024" in troops and "reported 8–22 Apr 2024" in troops
    assert "as of 16–22 Mar 2024" not in document and "as of 8–22 Apr 2024" not in document


def test_unresolved_relations_say_the_sources_do_not_say_why(document, curated):
    unresolved = curated["relations"]["relation"].eq("unresolved").sum()
    assert unresolved and document.count("The sources do not say why these differ.") >= unresolved


def test_hostile_text_stays_escaped(hostile_document):
    markup = _markup(hostile_document)
    for payload in (hostile.SCRIPT, hostile.IMG, hostile.A_LINK, hostile.STYLE, hostile.EXTERNAL):
        assert payload not in hostile_document, payload
    assert html.escape(hostile.SCRIPT) in markup
    assert 'data-place="hostile_place"' in markup and "hx-666" in markup
    # Only our own elements: plotly.js, two charts and the slide keys; our own stylesheets, each
    # once (the page's, every fragment's, the print rules): no fragment brings its own.
    assert len(re.findall(r"<script\b", hostile_document)) == 4
    sheets = re.findall(r"<style>.*?</style>", markup, flags=re.DOTALL)
    assert len(sheets) == len(re.findall(r"<style\b", markup))
    ours = [style.EXPORT_CSS.strip(), style.FRAGMENT_CSS, style.EXPORT_PRINT_CSS.strip()]
    assert sorted(sheets) == sorted(ours)


def test_hostile_text_cannot_close_an_inline_script(hostile_document):
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", hostile_document, flags=re.DOTALL)
    for body in scripts:
        assert "<script" not in body.lower() and "<img" not in body.lower()


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ('"</script><b>"', '"<\\/script><b>"'),
        ("'</SCRIPT >'", "'<\\/SCRIPT >'"),
        ("a <!-- b", "a <\\!-- b"),
        ("1 </ 2", "1 </ 2"),
    ],
)
def test_escape_script_text_cannot_end_the_script(text, escaped):
    assert escape_script_text(text) == escaped


def test_one_source_export_lists_and_dates_itself_by_that_source(curated, boundaries):
    sources = curated["sources"].set_index("source_id")
    others = [s for s in sources.index if s != AV1]
    document = render_briefing_view(curated, Filters(sources=(AV1,)), None, boundaries)
    table = document.split('aria-labelledby="sources-h">')[1].split("</table>")[0]
    assert sources.at[AV1, "sha256"] in table
    assert not any(sources.at[s, "sha256"] in table for s in others)
    whole = render_briefing_view(curated, Filters(), None, boundaries)
    whole_table = whole.split('aria-labelledby="sources-h">')[1].split("</table>")[0]
    assert all(sources.at[s, "sha256"] in whole_table for s in sources.index)


def test_views_of_equal_length_start_differently(curated, boundaries):
    # Regression: Streamlit fingerprints a served file over 1 MiB by length and samples, so the
    # step-3 and step-4 files (equal length) were one download shared across sessions.
    three = render_briefing_html(curated, boundaries, step=3)
    four = render_briefing_html(curated, boundaries, step=4)
    assert len(three) == len(four) and three != four
    assert three[:300] != four[:300]
    fingerprint = re.search(r'name="sahel-brief-view" content="sha256:([0-9a-f]{64})"', three)
    rest = three[three.index(fingerprint.group(0)) + len(fingerprint.group(0)) + 1 :]
    assert hashlib.sha256(rest.encode("utf-8")).hexdigest() == fingerprint.group(1)


def test_timeline_key_links_each_event_to_its_slide_instead_of_an_unfootnoted_date(document):
    timeline = document.split('id="timeline"')[1].split('id="map"')[0]
    key = timeline.split('class="sb-event-key"')[1].split("</ol>")[0]
    numbers = re.findall(r'<li value="(\d+)">', key)
    assert numbers and all(f'href="#step-{n}"' in key for n in numbers)
    assert "sb-key-date" not in key
