"""Measure ingest: ``python -m bench.ingest`` (also run by ``make bench``).

Over the synthetic test articles (tests/fixtures/ingest, each with an expected-extraction file
written by hand) it prints recall and precision per field: figures with the right bound and value,
dates with the right day range, places and actors with the right id. Over the two seeds, it
re-ingests each from scratch and compares with the hand-curated ``data/``: curated figures with the
right bound and value, dated claims with the same range, and the places and actors named. Every
miss is listed, and so is the time per article. Nothing asserts: the figures are for reading.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from lib.analysis.ingest.dates import find_dates
from lib.analysis.ingest.entities import build_gazetteer, find_mentions, read_countries
from lib.analysis.ingest.figures import find_figures
from lib.analysis.ingest.propose import propose_draft
from lib.data.cells import is_present, split_list
from lib.data.dates import DateRange
from lib.data.ingest.article import Article, read_article
from lib.data.read import Package
from lib.data.validate import load_and_validate
from lib.paths import DEFAULT_DATA_DIR, PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "ingest"
TARGETS = {"figures": 0.95, "dates": 0.95, "places": 0.95, "actors": 0.90, "precision": 0.90}
SEED_TARGETS = {"figures": 0.90, "dates": 0.90, "entities": 0.95}


@dataclass
class Score:
    """Hits, expectations and predictions of one field, with the misses spelled out."""

    expected: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct
        self.misses += other.misses
        self.extras += other.extras


def locate_all(text: str, needle: str, start: int = 0) -> list[tuple[int, int]]:
    """Every (start, end) of ``needle`` in ``text`` from ``start`` on, as a whole word ("Niger"
    is not found inside "Nigerien")."""
    pattern = re.compile(rf"(?<![\w]){re.escape(needle)}(?![\w])") if needle else None
    return [m.span() for m in pattern.finditer(text, start)] if pattern else []


def locate_expected(text: str, items: list[dict], key: str) -> list[tuple[int, int, dict]]:
    """Each expected item at its own occurrence: the n-th listing of a phrase is its n-th
    occurrence in the text, not counting occurrences inside a longer listed phrase ("Abdramane"
    inside "Amadou Abdramane")."""
    body = text.find("\n") + 1  # the first line is the fixture's synthetic marker
    taken: list[tuple[int, int]] = []
    located = []
    for phrase in sorted({item[key] for item in items}, key=len, reverse=True):
        spans = [
            s for s in locate_all(text, phrase, body) if not any(_overlaps(s, t) for t in taken)
        ]
        # The same phrase may be listed once per kind (a place and an actor at one span).
        used = 0
        for kind in dict.fromkeys(item.get("kind") for item in items):
            wanted = [i for i in items if i[key] == phrase and i.get("kind") == kind]
            located += [(*span, item) for span, item in zip(spans, wanted, strict=False)]
            used = max(used, min(len(wanted), len(spans)))
        taken += spans[:used]
    return sorted(located, key=lambda entry: entry[0])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(
    text: str,
    expected: list[tuple[int, int, dict]],
    predicted: list[tuple[int, int, object]],
    same: callable,
    label: str,
) -> Score:
    """Match predictions to expectations by overlapping span; a match is right when ``same``."""
    score = Score(expected=len(expected), predicted=len(predicted))
    used: set[int] = set()
    for start, end, item in expected:
        hits = [
            i
            for i, (s, e, _) in enumerate(predicted)
            if i not in used and _overlaps((s, e), (start, end))
        ]
        right = [i for i in hits if same(item, predicted[i][2])]
        if right:
            used.add(right[0])
            score.found += 1
        else:
            got = [predicted[i][2] for i in hits]
            score.misses.append(f"{label}: {text[start:end]!r} expected {item}, got {got}")
    score.correct = len(used)
    for i, (s, e, value) in enumerate(predicted):
        if i not in used and not any(_overlaps((s, e), (a, b)) for a, b, _ in expected):
            score.extras.append(f"{label}: extra {text[s:e]!r} {value}")
    return score


def _same_figure(item: dict, figure) -> bool:
    if item["bound"] != figure.bound:
        return False
    if item["bound"] == "range":
        return (item["value_low"], item["value_high"]) == (figure.value_low, figure.value_high)
    return float(item["value"]) == figure.value


def _same_date(item: dict, mention) -> bool:
    if item["low"] is None:
        return mention.low is None
    return (mention.low, mention.high) == (
        date.fromisoformat(item["low"]),
        date.fromisoformat(item["high"]),
    )


def score_article(path: Path, package: Package) -> tuple[dict[str, Score], float, int]:
    """Scores of one test article, its seconds to propose a whole draft, and quotes off offsets."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = read_article(path, expected["published"])
    text = article.text
    started = time.perf_counter()
    draft = propose_draft(article, package, expected["outlet"])
    seconds = time.perf_counter() - started
    gazetteer = build_gazetteer(package["places"], package["actors"], read_countries())
    mentions = find_mentions(text, gazetteer)
    figures = [(f.start, f.end, f) for f in find_figures(text)]
    dates = [(d.start, d.end, d) for d in find_dates(text, article.publication)]
    name = path.stem
    scores = {
        "figures": score_spans(
            text, locate_expected(text, expected["figures"], "phrase"), figures, _same_figure,
            f"{name} figure",
        ),
        "dates": score_spans(
            text, locate_expected(text, expected["dates"], "expr"), dates, _same_date,
            f"{name} date",
        ),
    }  # fmt: skip
    twins = link_states(package)
    # Places and actors are located together, so "Sahel" inside a listed "Alliance of Sahel
    # States" is not taken for the place.
    named = [{**i, "kind": "place"} for i in expected["places"]]
    named += [{**i, "kind": "actor"} for i in expected["actors"]]
    located = locate_expected(text, named, "text")
    for kind, key in (("place", "place_id"), ("actor", "actor_id")):
        own = [(m.start, m.end, m) for m in mentions if m.kind == kind]
        # A country's name is its territory and its state at once: the package links the two
        # (actors.place_id), so either reading of "Niger" answers both expectations.
        own += [
            (m.start, m.end, replace(m, kind=kind, entity_id=twins[m.entity_id]))
            for m in mentions
            if m.kind != kind and m.entity_id in twins
        ]
        own.sort(key=lambda item: item[0])
        scores[f"{kind}s"] = score_spans(
            text,
            [entry for entry in located if entry[2]["kind"] == kind],
            own,
            lambda item, m, key=key: item[key] == m.entity_id,
            f"{name} {kind}",
        )
    return scores, seconds, count_off_offsets(draft)


def link_states(package: Package) -> dict[str, str]:
    """State actor id ↔ its country's place id, both ways (actors.place_id)."""
    actors = package["actors"]
    pairs = actors[(actors["kind"] == "state") & actors["place_id"].map(is_present)]
    links = dict(zip(pairs["actor_id"], pairs["place_id"], strict=True))
    return links | {place: actor for actor, place in links.items()}


def count_off_offsets(draft) -> int:
    """Rows of the draft whose quote is not the text at its offsets (the target is none)."""
    text = draft.text
    off = 0
    for table in ("claims", "mentions", "quality_flags"):
        for row in draft.rows(table):
            if (
                row.get("quote")
                and text[int(row["char_start"]) : int(row["char_end"])] != row["quote"]
            ):
                off += 1
    return off


def time_long_article(articles: list[Path], package: Package, words: int = 5000):
    """Seconds to propose a whole draft for one article of about ``words`` words, made of the
    test articles' bodies end to end; the best of three runs, as the machine is shared."""
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in articles]
    text, count, turn = "", 0, 0
    while count < words:
        body = bodies[turn % len(bodies)]
        text, count, turn = text + body + "\n", count + len(body.split()), turn + 1
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "long.txt"
        path.write_text(text, encoding="utf-8")
        article = read_article(path, "2024-08-06")
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            propose_draft(article, package, "Bench")
            runs.append(time.perf_counter() - started)
    return count, min(runs)


def list_fixture_articles(folder: Path = FIXTURES) -> list[Path]:
    """The synthetic test articles that have an expected-extraction file."""
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".expected.json").is_file())


def _seed_article(package: Package, source_id: str) -> Article:
    row = package["sources"].set_index("source_id").loc[source_id]
    text = package.seeds[source_id]
    span = DateRange(
        date.fromisoformat(row["pub_date_low"]), date.fromisoformat(row["pub_date_high"])
    )
    return Article(
        path=Path(row["seed_file"]),
        text=text,
        seed_bytes=text.encode("utf-8"),
        sha256=package.seed_sha256[source_id],
        html_sha256=None,
        publication=span,
        publication_basis=row["pub_date_basis"],
        title=None,
    )


def score_seed(package: Package, source_id: str) -> dict[str, Score]:
    """Re-ingest one seed from scratch and compare with its hand-curated claims."""
    article = _seed_article(package, source_id)
    text = article.text
    figures = find_figures(text)
    # Dates through the whole draft: anchors and years-ago figures are resolved there.
    proposed = propose_draft(article, package, "seed", f"reingest-{source_id}").rows("claims")
    mentions = find_mentions(
        text, build_gazetteer(package["places"], package["actors"], read_countries())
    )
    claims = package["claims"][package["claims"]["source_id"] == source_id]
    scores = {"figures": Score(), "dates": Score(), "entities": Score()}
    for row in claims.itertuples():
        span = (int(row.char_start), int(row.char_end))
        if is_present(row.bound):
            scores["figures"].expected += 1
            near = [f for f in figures if _overlaps((f.start, f.end), span)]
            if any(_same_curated_figure(row, f) for f in near):
                scores["figures"].found += 1
            else:
                got = [(f.phrase, f.bound, f.value) for f in near]
                scores["figures"].misses.append(
                    f"{row.claim_id}: {row.hedge or ''} {row.value} {row.bound} "
                    f"in {row.quote!r}; got {got}"
                )
        if is_present(row.date_low):
            scores["dates"].expected += 1
            want = (row.date_low, row.date_high)
            near = [c for c in proposed if _overlaps(_claim_span(c), span) and c["date_low"]]
            if any((c["date_low"], c["date_high"]) == want for c in near):
                scores["dates"].found += 1
            else:
                got = [
                    (c["date_expr"], c["date_rule"], c["date_low"], c["date_high"]) for c in near
                ]
                scores["dates"].misses.append(
                    f"{row.claim_id}: {row.date_expr!r} ({row.date_rule}) "
                    f"{want[0]}..{want[1]}; got {got}"
                )
    named = {m.entity_id for m in mentions if m.entity_id}
    # As over the test articles: a country's name names its territory and its state, and "the
    # drone base in Agadez" names the city as well as the base.
    twins = link_states(package)
    places = package["places"].set_index("place_id")
    named |= {twins[e] for e in named if e in twins}
    named |= {
        str(places.at[e, "parent_id"])
        for e in named
        if e in places.index and places.at[e, "kind"] == "air_base"
    }
    wanted = {p for cell in claims["place_ids"] for p in split_list(cell)}
    wanted |= {a for a in claims["claimant_actor_id"] if is_present(a)}
    scores["entities"].expected = len(wanted)
    scores["entities"].found = len(wanted & named)
    scores["entities"].misses = [f"{source_id}: {e} not named" for e in sorted(wanted - named)]
    return scores


def _claim_span(claim: dict[str, str]) -> tuple[int, int]:
    return int(claim["char_start"]), int(claim["char_end"])


def _same_curated_figure(row, figure) -> bool:
    if row.bound != figure.bound:
        return False
    if row.bound == "range":
        return (row.value_low, row.value_high) == (figure.value_low, figure.value_high)
    return float(row.value) == figure.value


def _fmt(value: float) -> str:
    return f"{value:6.1%}"


def _print_misses(lines: Iterable[str], limit: int) -> None:
    lines = list(lines)
    for line in lines[:limit]:
        print(f"  - {line}")
    if len(lines) > limit:
        print(f"  … and {len(lines) - limit} more")


def run(limit: int = 40) -> dict:
    """Score every fixture article and both seeds; print the tables; return the figures."""
    package, problems = load_and_validate(DEFAULT_DATA_DIR)
    if problems:
        raise SystemExit(f"the package is not valid: {problems[0]}")
    totals = {name: Score() for name in ("figures", "dates", "places", "actors")}
    seconds, off = [], 0
    articles = list_fixture_articles()
    for path in articles:
        scores, took, bad = score_article(path, package)
        seconds.append(took)
        off += bad
        for name, score in scores.items():
            totals[name].add(score)
    print(f"Ingest over {len(articles)} synthetic test articles (tests/fixtures/ingest)")
    print(f"{'field':<10}{'recall':>8}{'target':>8}{'precision':>11}{'target':>8}  n")
    results: dict = {"articles": {}, "seeds": {}}
    for name, score in totals.items():
        print(
            f"{name:<10}{_fmt(score.recall):>8}{_fmt(TARGETS[name]):>8}"
            f"{_fmt(score.precision):>11}{_fmt(TARGETS['precision']):>8}  {score.expected}"
        )
        results["articles"][name] = {
            "recall": score.recall, "precision": score.precision, "expected": score.expected,
            "predicted": score.predicted,
        }  # fmt: skip
    per = sum(seconds) / len(seconds) if seconds else 0.0
    print(f"quotes off their offsets: {off}; seconds per article (whole draft): {per:.3f}")
    long_words, long_seconds = time_long_article(articles, package)
    print(f"a {long_words:,}-word article (the test articles end to end): {long_seconds:.2f} s "
          f"for the whole draft (target ≤ 2 s)")  # fmt: skip
    results["articles"]["long_article"] = {"words": long_words, "seconds": long_seconds}
    results["articles"]["off_offsets"] = off
    results["articles"]["seconds_per_article"] = per
    for name, score in totals.items():
        if score.misses or score.extras:
            print(f"{name}: {len(score.misses)} missed or wrong, {len(score.extras)} extra")
            _print_misses(score.misses + score.extras, limit)
    seeds = {name: Score() for name in SEED_TARGETS}
    for source_id in package["sources"]["source_id"]:
        for name, score in score_seed(package, source_id).items():
            seeds[name].add(score)
    print("\nThe seeds re-ingested from scratch, against the hand-curated data/")
    for name, score in seeds.items():
        print(f"{name:<10}{_fmt(score.recall):>8}{_fmt(SEED_TARGETS[name]):>8}  "
              f"{score.found}/{score.expected}")  # fmt: skip
        results["seeds"][name] = {
            "recall": score.recall,
            "found": score.found,
            "expected": score.expected,
        }
        _print_misses(score.misses, limit)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", type=int, default=40, help="misses to list per field")
    args = parser.parse_args()
    run(args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
