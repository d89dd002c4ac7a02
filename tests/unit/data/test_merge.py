"""Merging a reviewed draft: all or nothing, validated, serialised, and seeds only ever added."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from lib.data.ingest.draft import NEW_EVENT, REJECTED, apply_edits, read_draft, write_draft
from lib.data.merge import MergeError, bump_version, merge_draft
from lib.data.validate import load_and_validate
from lib.paths import READ_ONLY_ENV
from tests.helpers.drafts import build_test_draft
from tests.helpers.packages import hash_tree

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _claim_count(data_dir) -> int:
    package, problems = load_and_validate(data_dir)
    assert [str(p) for p in problems] == []
    return len(package["claims"])


def test_an_accepted_claim_joins_the_package_which_stays_valid_and_gains_a_version(curated_copy):
    before = _claim_count(curated_copy)
    report = merge_draft(build_test_draft(), curated_copy, now=NOW)
    package, problems = load_and_validate(curated_copy)
    assert [str(p) for p in problems] == []
    assert len(package["claims"]) == before + 1
    claim = package["claims"].set_index("claim_id").loc["test-2024-08-06-c001"]
    # curate derived the interval and the date from the accepted cells
    assert (claim["value_low"], claim["value_high"]) == (630, 770)
    assert (claim["date_low"], claim["date_high"]) == ("2024-08-05", "2024-08-05")
    assert report.version == package.version == "0.5.0"
    descriptor = json.loads((curated_copy / "datapackage.json").read_text())
    assert descriptor["sahel:changelog"][0]["version"] == "0.5.0"
    assert "test-2024-08-06" in descriptor["sahel:changelog"][0]["changes"][0]
    assert descriptor["created"] == "2026-12-01T12:00:00Z"
    assert (curated_copy.parent / "seeds" / report.seed_file).read_bytes() == (
        build_test_draft().seed_bytes
    )


def test_a_failing_merge_leaves_data_and_seeds_byte_identical_and_lists_file_row_column(
    curated_copy,
):
    before = hash_tree(curated_copy, curated_copy.parent / "seeds")
    draft = build_test_draft(topic="no_such_topic")
    with pytest.raises(MergeError) as raised:
        merge_draft(draft, curated_copy, now=NOW)
    assert any(
        line.startswith("data/claims.csv:") and ":topic:" in line for line in raised.value.problems
    )
    assert hash_tree(curated_copy, curated_copy.parent / "seeds") == before
    assert not [p for p in curated_copy.parent.glob(".data.*") if p.is_dir()]  # no staging left


def test_an_existing_seed_name_with_other_content_is_refused(curated_copy):
    draft = build_test_draft()
    taken = curated_copy.parent / "seeds" / draft.seed_name
    taken.write_bytes(b"another document\n")
    before = hash_tree(curated_copy, curated_copy.parent / "seeds")
    with pytest.raises(MergeError, match="already exists with other content"):
        merge_draft(draft, curated_copy, now=NOW)
    assert hash_tree(curated_copy, curated_copy.parent / "seeds") == before


def test_a_quote_that_is_not_at_its_offsets_is_refused_before_anything_is_copied(curated_copy):
    draft = build_test_draft(char_start="3")
    with pytest.raises(MergeError) as raised:
        merge_draft(draft, curated_copy, now=NOW)
    assert raised.value.problems[0].startswith("claims.csv:2:quote: not the text at 3–")


def test_a_seed_that_is_not_the_file_its_source_fingerprints_is_refused(curated_copy):
    draft = replace(build_test_draft(), seed_bytes=build_test_draft().seed_bytes + b"tampered")
    with pytest.raises(MergeError) as raised:
        merge_draft(draft, curated_copy, now=NOW)
    assert "sha256" in raised.value.problems[0]


def test_rejected_claims_stay_out_and_a_draft_with_nothing_accepted_is_refused(curated_copy):
    before = hash_tree(curated_copy)
    with pytest.raises(MergeError, match="no accepted claims"):
        merge_draft(build_test_draft(status=REJECTED), curated_copy, now=NOW)
    assert hash_tree(curated_copy) == before


def test_a_read_only_deployment_is_refused_plainly(curated_copy, monkeypatch):
    monkeypatch.setenv(READ_ONLY_ENV, "1")
    with pytest.raises(MergeError, match="read-only"):
        merge_draft(build_test_draft(), curated_copy, now=NOW)


def test_two_merges_at_once_are_serialised_and_both_land(curated_copy):
    before = _claim_count(curated_copy)
    drafts = [build_test_draft("test-a"), build_test_draft("test-b")]
    errors = []

    def merge(draft):
        try:
            merge_draft(draft, curated_copy, now=NOW)
        except Exception as err:  # reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=merge, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _claim_count(curated_copy) == before + 2
    package, _ = load_and_validate(curated_copy)
    assert package.version == "0.6.0"
    assert {"test-a", "test-b"} <= set(package["sources"]["source_id"])


def test_a_draft_written_and_read_back_merges_the_same(curated_copy, tmp_path):
    write_draft(build_test_draft(), tmp_path / "draft", curated_copy)
    report = merge_draft(tmp_path / "draft", curated_copy, now=NOW)
    assert report.added["claims"] == 1
    assert read_draft(tmp_path / "draft").source_id == "test-2024-08-06"


def test_the_same_source_id_cannot_be_added_twice(curated_copy):
    merge_draft(build_test_draft(), curated_copy, now=NOW)
    with pytest.raises(MergeError, match="already in the package"):
        merge_draft(build_test_draft(), curated_copy, now=NOW)


@pytest.mark.parametrize(
    ("version", "bumped"), [("0.3.0", "0.4.0"), ("1.9.4", "1.10.0"), ("0.0.0", "0.1.0")]
)
def test_a_merge_bumps_the_minor_version(version, bumped):
    assert bump_version(version) == bumped


def test_a_version_that_is_not_semver_is_refused():
    with pytest.raises(MergeError, match=r"MAJOR\.MINOR\.PATCH"):
        bump_version("v3")


def test_a_claim_made_a_new_timeline_event_joins_the_package_with_its_event(curated_copy):
    draft = build_test_draft(claimant_actor_id="us_officials")
    edited = apply_edits(draft, "claims", [{"claim_id": "test-2024-08-06-c001", "event_id": ""}])
    # A date must be resolved for an event to be made: curate would, here the draft gives it.
    dated = apply_edits(
        edited,
        "claims",
        [{"claim_id": "test-2024-08-06-c001", "date_low": "2024-08-05", "date_high": "2024-08-05",
          "date_precision": "day", "event_id": NEW_EVENT}],
    )  # fmt: skip
    (event,) = dated.rows("events")
    assert (event["event_id"], event["claim_ids"], event["display_date"]) == (
        "e-test-2024-08-06-c001",
        "test-2024-08-06-c001",
        "5 Aug 2024",
    )
    merge_draft(dated, curated_copy, now=NOW)
    package, problems = load_and_validate(curated_copy)
    assert [str(p) for p in problems] == []
    events = package["events"].set_index("event_id")
    assert events.at["e-test-2024-08-06-c001", "claim_ids"] == "test-2024-08-06-c001"


def test_editing_a_figure_clears_its_interval_so_the_merge_derives_it_again(curated_copy):
    draft = build_test_draft(value_low="630", value_high="770")
    edited = apply_edits(draft, "claims", [{"claim_id": "test-2024-08-06-c001", "value": "800"}])
    assert (edited.rows("claims")[0]["value_low"], edited.rows("claims")[0]["value_high"]) == (
        "",
        "",
    )
    merge_draft(edited, curated_copy, now=NOW)
    package, _ = load_and_validate(curated_copy)
    claim = package["claims"].set_index("claim_id").loc["test-2024-08-06-c001"]
    assert (claim["value_low"], claim["value_high"]) == (720, 880)
