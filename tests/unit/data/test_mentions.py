"""The curated snapshot's mentions.csv after review: what the claims and events rest on is
mentioned, and every row a curator added or changed says why."""

from __future__ import annotations

from lib.data.cells import is_present, split_list


def test_every_place_and_actor_the_claims_and_events_name_is_mentioned(curated):
    claims, events = curated["claims"], curated["events"]
    places = {p for cell in claims["place_ids"] for p in split_list(cell)}
    places |= set(events["place_id"].dropna())
    actors = set(claims["claimant_actor_id"].dropna())
    actors |= {a for cell in events["actor_ids"] for a in split_list(cell)}
    mentions = curated["mentions"]
    mentioned = set(zip(mentions["entity_kind"], mentions["entity_id"], strict=True))
    assert sorted(p for p in places if ("place", p) not in mentioned) == []
    assert sorted(a for a in actors if ("actor", a) not in mentioned) == []


def test_a_mention_no_rule_proposed_carries_a_note(curated):
    mentions = curated["mentions"]
    unexplained = [
        row["mention_id"]
        for _, row in mentions.iterrows()
        if not is_present(row["extracted_by"]) and not is_present(row["note"])
    ]
    assert unexplained == []
    assert mentions["extracted_by"].isna().any(), "no hand-added row left to check"
