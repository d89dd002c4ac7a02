"""Computed source-quality flags: misnamed countries, scraper debris, agreement with curation."""

import pandas as pd
import pytest

from lib.analysis.quality import (
    COMPARISON_COLUMNS,
    Finding,
    compare_with_curated,
    compute_quality_flags,
    count_subject_mentions,
    find_misnamed_countries,
    find_scraping_debris,
    summarise_findings,
)
from lib.analysis.text import Sentence

NIGER_STORY = (
    "Niger's junta ordered U.S. troops out of Niger on Saturday. "
    "Officials in Niamey said the Nigerian government would set the timetable.\n"
    "Nigeria's president Tinubu, speaking in Abuja, urged Niger to keep talking."
)


def _spans(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.text) for f in findings]


def _curated(*rows: tuple) -> pd.DataFrame:
    columns = ["flag_id", "source_id", "kind", "quote", "char_start", "char_end", "note"]
    frame = pd.DataFrame(list(rows), columns=columns)
    frame["char_start"] = frame["char_start"].astype("Int64")
    frame["char_end"] = frame["char_end"].astype("Int64")
    return frame


def test_slip_in_a_niger_story_is_flagged_but_a_sentence_about_abuja_is_not():
    findings = find_misnamed_countries(NIGER_STORY)
    start = NIGER_STORY.index("Nigerian government")
    assert _spans(findings) == [(start, start + len("Nigerian"), "Nigerian")]
    (finding,) = findings
    assert finding.kind == "misnamed_country"
    assert finding.sentence.text == (
        "Officials in Niamey said the Nigerian government would set the timetable."
    )
    assert NIGER_STORY[finding.sentence.start : finding.sentence.end] == finding.sentence.text
    assert "Niger" in finding.reason


def test_a_nigeria_cue_protects_only_its_own_sentence():
    text = "Niger's junta met Niger's envoys in Niamey. Tinubu stayed home. Nigeria's army moved."
    assert _spans(find_misnamed_countries(text)) == [(64, 71, "Nigeria")]


def test_nigeria_is_not_flagged_in_a_story_about_nigeria():
    text = (
        "Nigeria's army fought insurgents in the north. Nigerian troops also crossed into Niger. "
        "Nigeria said the operation would continue."
    )
    assert find_misnamed_countries(text) == []


def test_lookalikes_are_not_flagged_when_the_subject_does_not_clearly_outnumber_them():
    # Three mentions of Niger against two of Nigeria: below the 2-to-1 dominance rule.
    text = "Niger and Niger again. Nigeria spoke. Niger replied. Nigeria left."
    assert count_subject_mentions(text) == 3
    assert find_misnamed_countries(text) == []


def test_word_boundaries_keep_niger_nigerien_and_nigeria_apart():
    text = (
        "Nigerien officials met in Niamey. Niger’s envoy and Niger's minister agreed. "
        "The Nigerians left Nigeria."
    )
    assert count_subject_mentions(text) == 4
    nigerians = text.index("Nigerians")
    nigeria = text.index("Nigeria.")
    assert _spans(find_misnamed_countries(text)) == [
        (nigerians, nigerians + 9, "Nigerians"),
        (nigeria, nigeria + 7, "Nigeria"),
    ]


def test_niger_delta_and_niger_state_do_not_count_as_the_country():
    text = "Militants attacked pipelines in the Niger Delta. The Niger Delta pumps crude. "
    text += "Nigeria exports it."
    assert count_subject_mentions(text) == 0
    assert find_misnamed_countries(text) == []
    assert count_subject_mentions("Niger State, the River Niger, the Niger state broadcaster") == 1


def test_ad_shortcodes_and_source_link_are_debris_at_exact_offsets():
    text = "[ad_1]\nNiger's junta spoke.\n[ad_2]\n  Source link  \n"
    findings = find_scraping_debris(text)
    assert _spans(findings) == [(0, 6, "[ad_1]"), (28, 34, "[ad_2]"), (37, 48, "Source link")]
    assert all(f.kind == "scraping_debris" for f in findings)
    assert findings[2].sentence == Sentence(37, 48, "Source link")


@pytest.mark.parametrize(
    "line",
    [
        "[caption_12]",
        "SOURCE LINK",
        "Read more:",
        "Read more: Niger orders US troops out",
        "Advertisement",
        "Subscribe to our newsletter",
        "Click here to read the full statement",
        "Share this:",
        "Like this:",
        "Leave a Reply",
        "Leave a Reply Cancel reply",
        "the authorAV1 NEWS",
    ],
)
def test_template_residue_line_is_debris(line):
    text = f"Niger's junta spoke.\n{line}\nIt went on."
    start = len("Niger's junta spoke.\n")
    assert _spans(find_scraping_debris(text)) == [(start, start + len(line), line)]


@pytest.mark.parametrize(
    "line",
    [
        "Readers can read more in the report, see the source link below.",
        "The authorities said the base would close.",
        "The authorities close the border",
        "He added that this [an] was not the plan.",
        "Advertisement revenue fell, he said.",
    ],
)
def test_prose_using_the_same_words_is_not_debris(line):
    assert find_scraping_debris(f"Niger's junta spoke.\n{line}\n") == []


def test_empty_text_gives_no_findings():
    assert find_misnamed_countries("") == []
    assert find_scraping_debris("") == []
    assert compute_quality_flags("") == []
    assert summarise_findings([]) == {}


def test_compute_quality_flags_merges_both_checks_in_text_order():
    text = "[ad_1]\n" + NIGER_STORY + "\nSource link"
    findings = compute_quality_flags(text)
    assert [(f.kind, f.text) for f in findings] == [
        ("scraping_debris", "[ad_1]"),
        ("misnamed_country", "Nigerian"),
        ("scraping_debris", "Source link"),
    ]
    assert summarise_findings(findings) == {"misnamed_country": 1, "scraping_debris": 2}


def test_compare_with_curated_marks_agreement_and_each_side_alone():
    text = "[ad_1]\n" + NIGER_STORY + "\nSource link"
    findings = compute_quality_flags(text)
    slip = text.index("Nigerian")
    curated = _curated(
        ("f1", "s", "misnamed_country", "Nigerian", slip, slip + 8, ""),
        ("f2", "s", "scraping_debris", "[ad_1]", 0, 6, ""),
        ("f3", "s", "scraping_debris", "Niger's", 7, 14, "a curator's span no rule finds"),
        ("f4", "s", "garbled_text", "Source link", len(text) - 11, len(text), "other kind"),
        ("f5", "s", "missing_metadata", "", None, None, "document-wide"),
    )
    frame = compare_with_curated(findings, curated)
    assert list(frame.columns) == COMPARISON_COLUMNS
    assert frame[["kind", "start", "text", "status"]].values.tolist() == [
        ["scraping_debris", 0, "[ad_1]", "both"],
        ["scraping_debris", 7, "Niger's", "curated only"],
        ["misnamed_country", slip, "Nigerian", "both"],
        ["scraping_debris", len(text) - 11, "Source link", "computed only"],
    ]


def test_compare_with_curated_refuses_flags_of_several_sources():
    curated = _curated(
        ("f1", "a", "scraping_debris", "[ad_1]", 0, 6, ""),
        ("f2", "b", "scraping_debris", "[ad_1]", 0, 6, ""),
    )
    with pytest.raises(ValueError, match="one source"):
        compare_with_curated([], curated)


def test_every_curated_misnamed_country_and_debris_flag_is_found_in_the_real_seeds(curated):
    flags = curated["quality_flags"]
    compared = flags[flags["kind"].isin(["misnamed_country", "scraping_debris"])]
    assert set(compared["source_id"]) <= set(curated.seeds)
    matched = 0
    for source_id, text in curated.seeds.items():
        frame = compare_with_curated(
            compute_quality_flags(text), flags[flags["source_id"] == source_id]
        )
        assert frame[frame["status"] == "curated only"].values.tolist() == []
        matched += int((frame["status"] == "both").sum())
    assert matched == len(compared)
