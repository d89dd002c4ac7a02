"""Proposing a draft from an article: every quote at its offsets, every figure and date derived
by the package's own rules, relations computed against the other sources, and a mergeable result."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from lib.analysis.ingest.propose import describe_decisions, propose_draft, summarise_draft
from lib.data.dates import DateRange, resolve_relative_date
from lib.data.ingest.article import propose_seed_name, read_article
from lib.data.ingest.draft import ACCEPTED, decide_all, mint_mention_id
from lib.data.intervals import compute_interval
from lib.data.merge import merge_draft
from lib.data.validate import load_and_validate
from lib.render.ingest import render_proposals_html
from tests.helpers.packages import FIXTURES_DIR

ARTICLES = sorted((FIXTURES_DIR / "ingest").glob("*.txt"))


def _draft_of(path: Path, package, outlet: str | None = None):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = read_article(path, expected["published"])
    return propose_draft(article, package, outlet or expected["outlet"])


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "story.txt"
    path.write_text("SYNTHETIC TEST ARTICLE: written for these tests.\n\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_proposal_quotes_its_text_at_its_offsets_and_follows_the_rules(path, curated):
    draft = _draft_of(path, curated)
    text = draft.text
    for table in ("claims", "mentions", "quality_flags"):
        for row in draft.rows(table):
            assert text[int(row["char_start"]) : int(row["char_end"])] == row["quote"], row
    topics = set(curated["topics"]["topic_id"]) | {t["topic_id"] for t in draft.rows("topics")}
    publication = DateRange(
        *(
            date.fromisoformat(draft.rows("sources")[0][c])
            for c in ("pub_date_low", "pub_date_high")
        )
    )
    for claim in draft.rows("claims"):
        assert claim["topic"] in topics and claim["extracted_by"]
        assert claim["date_expr"] in claim["quote"]
        # Counts (people, money) step by one at a strict hedge; measures do not (figures.py).
        if claim["bound"] and claim["bound"] != "range" and claim["unit"] in ("people", "USD"):
            low, high = compute_interval(claim["bound"], float(claim["value"]), claim["hedge"])
            stored = tuple(
                float(v) if v else None for v in (claim["value_low"], claim["value_high"])
            )
            assert stored == pytest.approx((low, high)), claim
        if claim["date_rule"] and not claim["date_anchor"]:
            years = _years(claim) if claim["date_rule"] == "years_before" else None
            span = resolve_relative_date(
                claim["date_rule"], claim["date_expr"], publication, years=years
            )
            assert (span.low.isoformat(), span.high.isoformat()) == (
                claim["date_low"],
                claim["date_high"],
            )


def _years(claim):
    from lib.data.dates import read_year_span

    number = [float(claim[c]) if claim[c] else None for c in ("value", "value_low", "value_high")]
    return read_year_span(claim["bound"], *number)


def test_disjoint_figures_on_one_topic_are_proposed_as_unresolved_with_candidates(
    curated, tmp_path
):
    path = _write(tmp_path, "Nearly 1,000 U.S. troops were still in Niger, officials said.\n")
    draft = propose_draft(read_article(path, "2024-05-01"), curated, "Test Wire")
    claim = next(c for c in draft.rows("claims") if c["bound"])
    assert (claim["topic"], claim["bound"], claim["value"]) == ("us_forces_count", "upper", "1000")
    relations = {
        r["claim_b"]: r for r in draft.rows("relations") if r["claim_a"] == claim["claim_id"]
    }
    assert relations["c004-1000"]["relation"] == "unresolved"  # ≤ 1,000 against ≥ 1,001
    assert relations["c000-650"]["relation"] == "agrees"  # 585–715 lies under 1,000
    candidates = [
        h
        for h in draft.rows("relation_hypotheses")
        if h["relation_id"] == relations["c004-1000"]["relation_id"]
    ]
    assert candidates and all(h["basis"] == "data" and h["basis_note"] for h in candidates)


def test_a_different_price_for_the_same_base_is_a_disagreement_to_explain(curated, tmp_path):
    path = _write(tmp_path, "Air Base 201 in Agadez was built in 2018 for $100 million.\n")
    draft = propose_draft(read_article(path, "2024-08-06"), curated, "Test Wire")
    money = next(c for c in draft.rows("claims") if c["unit"] == "USD")
    assert (money["value"], money["bound"]) == ("100000000", "exact")
    assert "ab201" in money["place_ids"]
    kinds = {r["claim_b"]: r["relation"] for r in draft.rows("relations")}
    assert kinds.get("c004-110m") == "unresolved"


def test_an_accepted_fixture_draft_merges_and_the_package_stays_valid(curated_copy):
    package, _ = load_and_validate(curated_copy)
    draft = decide_all(_draft_of(ARTICLES[6], package), ACCEPTED)
    report = merge_draft(draft, curated_copy)
    merged, problems = load_and_validate(curated_copy)
    assert [str(p) for p in problems] == []
    assert report.source_id in set(merged["sources"]["source_id"])
    assert report.added["claims"] >= 1 and report.added["mentions"] >= 1


@pytest.mark.slow
def test_a_hostile_article_of_a_megabyte_ingests_and_renders_inert(curated, tmp_path):
    hostile = (FIXTURES_DIR / "ingest" / "hostile.txt").read_text(encoding="utf-8")
    marker, body = hostile.split("\n", 1)
    path = tmp_path / "big.txt"
    path.write_text(marker + "\n" + body * (1_000_000 // len(body.encode()) + 1), encoding="utf-8")
    assert path.stat().st_size >= 1_000_000
    draft = propose_draft(read_article(path, "2024-04-18"), curated, "Hostile Wire")
    assert len(draft.rows("claims")) > 1000
    for row in draft.rows("claims"):
        assert draft.text[int(row["char_start"]) : int(row["char_end"])] == row["quote"]
    markup = render_proposals_html(draft)
    assert "<script" not in markup and "<img" not in markup and "&lt;script&gt;" in markup


@pytest.mark.parametrize(
    "sentence", ["Wagner offered its help after they seized power.", "Aid stopped after the coup."]
)
def test_a_happening_dated_from_the_coup_counts_from_the_packages_coup(sentence, curated, tmp_path):
    path = _write(tmp_path, sentence + "\n")
    draft = propose_draft(read_article(path, "2024-04-15"), curated, "Test Wire")
    (claim,) = [c for c in draft.rows("claims") if c["date_rule"] == "after"]
    coup = curated["events"].set_index("event_id").at["e-coup", "claim_ids"].split("|")
    assert claim["date_anchor"] in coup
    assert (claim["date_low"], claim["date_high"]) == ("2023-07-01", "2024-04-15")
    assert claim["date_expr"] in claim["quote"]


@pytest.mark.parametrize(
    ("opening", "credit"),
    [
        ("BAMAKO, Aug 5 (Reuters) - Talks stalled.", "Reuters"),
        ("(Bloomberg) -- Talks stalled.", "Bloomberg"),
        ("Talks stalled, Amnesty International (AI) said.", ""),
    ],
)
def test_the_outlet_printed_is_the_credit_of_the_story_dateline(opening, credit, curated, tmp_path):
    path = _write(tmp_path, f"Talks stall\n\n{opening}\n")
    draft = propose_draft(read_article(path, "2024-08-06"), curated, "Test Wire")
    source = draft.rows("sources")[0]
    assert source["outlet_printed"] == credit
    if credit:
        start, end = int(source["outlet_char_start"]), int(source["outlet_char_end"])
        assert path.read_text(encoding="utf-8")[start:end] == credit


def test_the_drafts_seed_name_and_mention_ids_follow_the_one_rule_of_each(curated):
    draft = _draft_of(ARTICLES[0], curated)
    sha256 = hashlib.sha256(draft.seed_bytes).hexdigest()
    seed_name = propose_seed_name(draft.source_id, sha256)
    assert draft.seed_name == draft.rows("sources")[0]["seed_file"] == seed_name
    ids = [m["mention_id"] for m in draft.rows("mentions")]
    assert ids and ids == [mint_mention_id(draft.source_id, n) for n in range(1, len(ids) + 1)]


def test_the_line_above_add_counts_what_adding_would_add(curated):
    draft = _draft_of(ARTICLES[6], curated)
    claims = len(draft.rows("claims"))
    assert describe_decisions(draft).startswith(f"To add: 0 of {claims} claims")
    accepted = decide_all(draft, ACCEPTED)
    waiting = sum(1 for c in accepted.rows("claims") if c["status"] != ACCEPTED)
    assert describe_decisions(accepted).startswith(f"To add: {claims - waiting} of {claims} claims")
    assert claims - waiting > 0


def test_the_summary_counts_what_the_draft_proposes(curated):
    draft = _draft_of(ARTICLES[6], curated)
    lines = summarise_draft(draft)
    claims = draft.rows("claims")
    figures = sum(1 for c in claims if c["bound"])
    assert lines[0].startswith(f"{draft.source_id}: {len(claims)} claims proposed: {figures} fig")
    assert lines[-1].startswith("quality flags: ")
