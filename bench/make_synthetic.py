"""Generate a synthetic package about 100× the real one, valid against the schema.

``python -m bench.make_synthetic OUT_DIR [--sources 200] [--claims-per-source 50]`` writes
``OUT_DIR/data`` and ``OUT_DIR/seeds``: the real package plus generated sources whose seed texts
are written to contain every generated quote, so offsets, hashes and dates are filled by
``scripts.curate`` and checked by ``lib.validate`` exactly as for real data.

Topics pair sources two by two, so every cross-source pair on a topic is typed without the
relation table growing quadratically; a subset of sources also reports a troop figure, which
puts many figures (and their pairs) on the real troop topic.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

from lib.data.intervals import Interval, compute_interval
from lib.data.rows import blank_row, copy_package, read_rows, write_rows
from scripts.curate import curate

TROOP_SOURCES = 20
EVENTS_PER_SOURCE = 10
YEARS = range(2012, 2025)
SEED = 20240316  # fixed, so every run builds the same package


def _sentence(rng: random.Random, source: int, claim: int) -> str:
    words = ("Niger", "Agadez", "Niamey", "officials", "forces", "agreement", "the junta", "base")
    filler = " ".join(rng.choice(words) for _ in range(rng.randint(6, 14)))
    return f"Report {source} item {claim}: {filler}."


def _interval(row: dict[str, str]) -> Interval:
    return compute_interval(row["bound"], float(row["value"]), row["hedge"])


def build(out: Path, sources: int, claims_per_source: int) -> None:
    """Write the synthetic package to ``out`` (replacing it) and fill its mechanical columns."""
    rng = random.Random(SEED)
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    copy_package(data, out / "seeds")
    tables = {name: read_rows(data / f"{name}.csv") for name in ("sources", "topics", "claims")}
    tables["events"] = read_rows(data / "events.csv")
    tables["relations"] = read_rows(data / "relations.csv")
    tables["relation_hypotheses"] = read_rows(data / "relation_hypotheses.csv")
    src_header, src_rows = tables["sources"]
    _, top_rows = tables["topics"]
    clm_header, clm_rows = tables["claims"]
    evt_header, evt_rows = tables["events"]
    _, rel_rows = tables["relations"]
    troop_claims = []
    year_of: dict[str, int] = {}
    for s in range(sources):
        source_id = f"syn-{s:03d}"
        sentences, dated = [], []
        for c in range(claims_per_source):
            topic = f"syn_{s // 2:03d}_{c:03d}"
            if s % 2 == 0:
                top_rows.append(
                    {
                        "topic_id": topic,
                        "label": f"Synthetic topic {s // 2}.{c}",
                        "theme": "context",
                        "question": f"What do synthetic sources {s} and {s + 1} say on item {c}?",
                    }
                )
            text = _sentence(rng, s, c)
            row = blank_row(
                clm_header,
                claim_id=f"s{s:03d}-{c:03d}",
                source_id=source_id,
                topic=topic,
                subject="Niger",
                statement=f"Synthetic statement {s}.{c}.",
                place_ids=rng.choice(["ner", "niamey", "agadez", "mli", "bfa"]),
                claimant="Reporting",
                quote=text,
            )
            if c < EVENTS_PER_SOURCE:
                year = rng.choice(YEARS)
                text = f"{text[:-1]} in {year}."
                row.update(quote=text, date_expr=f"in {year}", date_rule="explicit_year")
                dated.append((row["claim_id"], year))
                year_of[row["claim_id"]] = year
            sentences.append(text)
            clm_rows.append(row)
        if s < TROOP_SOURCES:
            value = rng.choice([600, 650, 800, 1000, 1100])
            text = f"Report {s} says about {value:,} U.S. troops were in Niger."
            sentences.append(text)
            row = blank_row(
                clm_header,
                claim_id=f"s{s:03d}-troops",
                source_id=source_id,
                topic="us_forces_count",
                subject="US forces in Niger",
                statement=f"About {value} US troops were in Niger.",
                value=str(value),
                bound="approx",
                hedge="about",
                unit="people",
                unit_scope="U.S. troops",
                date_expr="were",
                date_rule="publication",
                place_ids="ner",
                claimant="Reporting",
                quote=f"about {value:,} U.S. troops were in Niger",
            )
            clm_rows.append(row)
            troop_claims.append(row["claim_id"])
        seed_file = f"9{s:03d}_synthetic.txt"
        (out / "seeds" / seed_file).write_text(
            "Synthetic document for Sahel Brief's benchmark; not a news report.\n"
            + "\n".join(sentences)
            + "\n",
            encoding="utf-8",
        )
        src = blank_row(
            src_header,
            source_id=source_id,
            seed_file=seed_file,
            title=f"Synthetic report {s}",
            title_printed="false",
            pub_date_low="2024-05-01",
            pub_date_high="2024-05-07",
            pub_date_best="2024-05-02",
            pub_date_basis="Synthetic: fixed for the benchmark.",
            language="en",
        )
        src_rows.append(src)
        for claim_id, year in dated:
            event = blank_row(
                evt_header,
                event_id=f"e-{claim_id}",
                title=f"Synthetic event {claim_id}",
                date_low=f"{year}-01-01",
                date_high=f"{year}-12-31",
                date_precision="year",
                display_date=str(year),
                category=rng.choice(["diplomacy", "russia", "statement", "withdrawal"]),
                actor_ids=rng.choice(["us", "cnsp", "russia"]),
                place_id="ner",
                claim_ids=claim_id,
            )
            evt_rows.append(event)
    number = len(rel_rows)
    for s in range(0, sources - 1, 2):
        for c in range(claims_per_source):
            number += 1
            a, b = f"s{s:03d}-{c:03d}", f"s{s + 1:03d}-{c:03d}"
            # Two dated claims in different years date different happenings.
            apart = a in year_of and b in year_of and year_of[a] != year_of[b]
            rel_rows.append(
                {
                    "relation_id": f"r{number}",
                    "claim_a": a,
                    "claim_b": b,
                    "relation": "different_time" if apart else "agrees",
                    "explanation": "Synthetic pair.",
                }
            )
    troop_real = ["c000-650", "c004-1000"]
    every = troop_real + troop_claims
    by_id = {row["claim_id"]: row for row in clm_rows}
    hyp_header, hyp_rows = tables["relation_hypotheses"]
    for i, a in enumerate(every):
        for b in every[i + 1 :]:
            if {a, b} == set(troop_real):
                continue
            number += 1
            # Typed as the figures say: overlapping intervals agree, disjoint ones are unresolved.
            apart = not _interval(by_id[a]).overlaps(_interval(by_id[b]))
            rel_rows.append(
                {
                    "relation_id": f"r{number}",
                    "claim_a": a,
                    "claim_b": b,
                    "relation": "unresolved" if apart else "agrees",
                    "explanation": "Synthetic troop pair.",
                }
            )
            if apart:
                hyp_rows.append(
                    blank_row(
                        hyp_header,
                        hypothesis_id=f"h{number}",
                        relation_id=f"r{number}",
                        rank="1",
                        hypothesis="Synthetic: the figures are as of different dates.",
                        basis="data",
                        basis_note="Synthetic as-of dates.",
                    )
                )
    for name, (header, rows) in tables.items():
        write_rows(data / f"{name}.csv", header, rows)
    report = curate(data)
    if report:
        raise SystemExit("curate could not place:\n" + "\n".join(report[:20]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--claims-per-source", type=int, default=50)
    args = parser.parse_args()
    build(args.out, args.sources, args.claims_per_source)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
