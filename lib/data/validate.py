"""Validate the data package: every cross-table rule, each problem as ``file:row:column``.

The app runs the same ``validate_package`` at start-up and refuses to render on failure;
``python -m lib.validate`` prints the problems.
"""

from __future__ import annotations

import itertools
import re
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from lib.data.cells import is_present, split_list
from lib.data.dates import (
    DateRange,
    DateRuleError,
    YearSpan,
    describe_precision,
    read_claim_dates,
    read_year_span,
    resolve_relative_date,
)
from lib.data.descriptor import build_resources
from lib.data.intervals import check_stored_interval, read_interval
from lib.data.lint import lint_claims
from lib.data.read import SEEDS_KEY, Package, Problem, is_folder_path, list_records, read_package
from lib.data.relations import compute_curated_pair, index_event_claims, matches_curated
from lib.data.schema import POINT_PLACE_KINDS, QUOTED_SPANS, SCHEMA_FILE, TABLES
from lib.paths import DESCRIPTOR_NAME, resolve_data_dir

SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+$")
# What the Frictionless spec wants for "created": a date, a time and an offset (or Z).
RFC3339_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


GEO_PRECISION_BY_KIND = {
    "capital": {"city"},
    "city": {"city"},
    "air_base": {"facility", "facility_approx"},
    "country": {"country"},
    "region": {"region"},
    "sea": {"region"},
}


def _as_date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if is_present(value) else None


def _claim_date_ranges(claims: list[tuple[int, dict]]) -> dict[str, DateRange]:
    """Stored date range of every claim that has one, by claim id."""
    ranges = {}
    for _, row in claims:
        low, high = _as_date(row["date_low"]), _as_date(row["date_high"])
        if low and high:
            ranges[str(row["claim_id"])] = DateRange(low, high)
    return ranges


def _list_records(frame: pd.DataFrame) -> list[tuple[int, dict]]:
    return list(zip(frame.index, list_records(frame), strict=True))


class _Checker:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.problems: list[Problem] = []
        self._records: dict[str, list[tuple[int, dict]]] = {}

    def add(self, table: str, index: int | None, column: str | None, message: str) -> None:
        file = self.package.display_path(TABLES[table].path)
        row = None if index is None else self.package.line_of(table, index)
        self.problems.append(Problem(file, row, column, message))

    def rows(self, table: str) -> list[tuple[int, dict]]:
        """(index, row) pairs of ``table``, each row a dict of its cells; built once per table."""
        if table not in self._records:
            frame = self.package.tables.get(table)
            self._records[table] = [] if frame is None else _list_records(frame)
        return self._records[table]


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str) or not RFC3339_RE.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_descriptor(package: Package) -> list[Problem]:
    shown = package.display_path(DESCRIPTOR_NAME)
    descriptor = package.descriptor
    if descriptor is None:
        return []  # unreadable: already reported by read_descriptor
    problems = []
    seeds = descriptor.get(SEEDS_KEY)
    if seeds is not None and not is_folder_path(seeds):
        problems.append(Problem(shown, None, SEEDS_KEY, f"must be a folder path, got {seeds!r}"))
    created = descriptor.get("created")
    if created is not None and not _is_datetime(created):
        problems.append(
            Problem(
                shown,
                None,
                "created",
                f"must be an RFC 3339 date-time such as 2026-11-23T00:00:00Z, got {created!r}",
            )
        )
    version = descriptor.get("version")
    if not isinstance(version, str) or not SEMVER_RE.match(version):
        problems.append(
            Problem(shown, None, "version", f"must be MAJOR.MINOR.PATCH, got {version!r}")
        )
    for key in ("name", "title", "licenses", "sources"):
        if not descriptor.get(key):
            problems.append(Problem(shown, None, key, "missing or empty"))
    licences = descriptor.get("licenses")
    if licences and not (isinstance(licences, list) and all(map(_is_licence, licences))):
        problems.append(
            Problem(
                shown,
                None,
                "licenses",
                f"must be a list of objects, each with a name or a title, got {licences!r:.80}",
            )
        )
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        problems.append(Problem(shown, None, "resources", f"must be a list, got {resources!r}"))
        resources = []
    expected = {r["name"]: r for r in build_resources()}
    actual = {
        r["name"]: r for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)
    }
    for name in expected.keys() - actual.keys():
        problems.append(Problem(shown, None, f"resources[{name}]", "resource is missing"))
    for name in actual.keys() - expected.keys():
        problems.append(
            Problem(shown, None, f"resources[{name}]", f"resource is not in {SCHEMA_FILE}")
        )
    for name in expected.keys() & actual.keys():
        if actual[name] != expected[name]:
            problems.append(
                Problem(
                    shown,
                    None,
                    f"resources[{name}]",
                    f"differs from {SCHEMA_FILE} (run python -m scripts.build_datapackage)",
                )
            )
    return problems


def _is_licence(entry: object) -> bool:
    # The About page lists each licence by its title or name.
    if not isinstance(entry, dict):
        return False
    named = [entry[k] for k in ("name", "title") if k in entry]
    return bool(named) and all(isinstance(v, str) and v for v in named)


def _check_seed_hashes(check: _Checker) -> None:
    for index, row in check.rows("sources"):
        digest = check.package.seed_sha256.get(str(row["source_id"]))
        if digest and is_present(row["sha256"]) and digest != row["sha256"]:
            check.add(
                "sources",
                index,
                "sha256",
                f"seed {row['seed_file']} has sha256 {digest[:12]}…, expected "
                f"{str(row['sha256'])[:12]}… (the seed was modified; seeds are immutable)",
            )


def _check_span(check: _Checker, table: str, index: int, row, cols: tuple[str, str, str]) -> None:
    text_col, start_col, end_col = cols
    quote, start, end = row[text_col], row[start_col], row[end_col]
    if not (is_present(quote) or is_present(start) or is_present(end)):
        return
    if not (is_present(quote) and is_present(start) and is_present(end)):
        check.add(table, index, start_col, f"{text_col}, {start_col} and {end_col} go together")
        return
    seed = check.package.seeds.get(str(row["source_id"]))
    if seed is None:
        return
    start, end = int(start), int(end)
    if start >= end:
        check.add(table, index, end_col, f"{end_col} {end} must be after {start_col} {start}")
        return
    if not 0 <= start < end <= len(seed):
        check.add(table, index, end_col, f"span {start}-{end} is outside the seed (0-{len(seed)})")
        return
    if seed[start:end] != quote:
        found = seed.find(quote)
        hint = f"; the quote occurs at {found}-{found + len(quote)}" if found >= 0 else ""
        check.add(
            table,
            index,
            text_col,
            f"quote is not at {start}-{end}: the seed has {seed[start:end][:60]!r} there{hint}",
        )


def _check_quotes(check: _Checker) -> None:
    for table, *columns in QUOTED_SPANS:
        for index, row in check.rows(table):
            _check_span(check, table, index, row, tuple(columns))


def _check_foreign_keys(check: _Checker) -> None:
    ids = {
        name: {
            str(value) for value in frame[TABLES[name].primary_key].tolist() if is_present(value)
        }
        for name, frame in check.package.tables.items()
        if TABLES[name].primary_key in frame
    }
    for name, table in TABLES.items():
        frame = check.package.tables.get(name)
        for fk in table.foreign_keys:
            if fk.table not in ids or frame is None or fk.column not in frame:
                continue
            rows = frame[frame[fk.when[0]] == fk.when[1]] if fk.when else frame
            because = f" (its {fk.when[0]} is {fk.when[1]!r})" if fk.when else ""
            if fk.many:
                required = not table.schema.columns[fk.column].nullable
                _check_id_lists(check, name, fk, rows[fk.column], ids[fk.table], required)
                continue
            # One column at a time, as plain values: a year of claims is 100,000 rows, and
            # pandas' isin costs forty times a set lookup on text columns.
            known = ids[fk.table]
            for index, value in zip(rows.index, rows[fk.column].tolist(), strict=True):
                if is_present(value) and str(value) not in known:
                    check.add(
                        name, index, fk.column, f"{str(value)!r} is not a {fk.table} id{because}"
                    )


def _check_id_lists(
    check: _Checker, name: str, fk, cells: pd.Series, known: set[str], required: bool
) -> None:
    for index, cell in zip(cells.index, cells.tolist(), strict=True):
        if not is_present(cell):
            continue
        values = split_list(cell)
        for value in values:
            if value not in known:
                check.add(name, index, fk.column, f"{value!r} is not a {fk.table} id")
        if required and not values:
            check.add(name, index, fk.column, f"lists no {fk.table} id")


def _check_publication_dates(check: _Checker) -> dict[str, DateRange]:
    ranges = {}
    for index, row in check.rows("sources"):
        low, best, high = (
            _as_date(row[c]) for c in ("pub_date_low", "pub_date_best", "pub_date_high")
        )
        if low and best and high:
            if not low <= best <= high:
                check.add("sources", index, "pub_date_best", "must lie within pub_date_low..high")
            else:
                ranges[str(row["source_id"])] = DateRange(low, high)
    return ranges


def _check_claim_values(check: _Checker, index: int, row) -> None:
    value, low, high, bound = row["value"], row["value_low"], row["value_high"], row["bound"]
    has_figure = any(is_present(v) for v in (value, low, high, bound))
    if not has_figure:
        return
    if not is_present(bound):
        check.add("claims", index, "bound", "a figure needs a bound type")
        return
    if not is_present(row["unit"]):
        check.add("claims", index, "unit", "a figure needs a unit")
    if not is_present(row["date_rule"]):
        check.add(
            "claims",
            index,
            "date_rule",
            "a figure needs a date rule: the date its text states (date_expr), or publication "
            "when it states none (the figure is then dated as reported, not as of)",
        )
    if is_present(row["hedge"]) and str(row["hedge"]) not in str(row["quote"]):
        check.add("claims", index, "hedge", f"hedge {row['hedge']!r} is not in the quote")

    def number(cell: object) -> float | None:
        return float(cell) if is_present(cell) else None

    hedge = str(row["hedge"]) if is_present(row["hedge"]) else ""
    shape_error = check_stored_interval(bound, number(value), number(low), number(high), hedge)
    if shape_error:
        check.add("claims", index, "value_low", shape_error)


def _claim_years(row) -> YearSpan | None:
    def number(column: str) -> float | None:
        return float(row[column]) if is_present(row[column]) else None

    bound = row["bound"] if is_present(row["bound"]) else None
    return read_year_span(bound, number("value"), number("value_low"), number("value_high"))


def _check_claim_dates(check: _Checker, publication: dict[str, DateRange]) -> None:
    if "claims" not in check.package.tables:
        return
    claims = check.rows("claims")
    stored = _claim_date_ranges(claims)
    for index, row in claims:
        low, high = _as_date(row["date_low"]), _as_date(row["date_high"])
        rule, expr = row["date_rule"], row["date_expr"]
        if not (low or high or is_present(rule) or is_present(expr)):
            continue
        if not (low and high):
            check.add("claims", index, "date_low", "date_low and date_high go together")
            continue
        if low > high:
            check.add("claims", index, "date_high", f"date_high {high} is before date_low {low}")
            continue
        if not (is_present(rule) and is_present(expr)):
            check.add("claims", index, "date_rule", "a dated claim needs date_expr and date_rule")
            continue
        if str(expr) not in str(row["quote"]):
            check.add("claims", index, "date_expr", f"date expression {expr!r} is not in the quote")
        if is_present(row["date_precision"]) and row["date_precision"] != describe_precision(
            DateRange(low, high)
        ):
            check.add(
                "claims",
                index,
                "date_precision",
                f"{row['date_precision']!r} but {low}..{high} is a "
                f"{describe_precision(DateRange(low, high))!r}",
            )
        pub = publication.get(str(row["source_id"]))
        anchor_id = row["date_anchor"]
        anchor = stored.get(str(anchor_id)) if is_present(anchor_id) else None
        if pub is None or (is_present(anchor_id) and anchor is None):
            continue
        try:
            want = resolve_relative_date(str(rule), str(expr), pub, anchor, years=_claim_years(row))
        except DateRuleError as err:
            check.add("claims", index, "date_rule", str(err))
            continue
        if want != (low, high):
            check.add(
                "claims",
                index,
                "date_low",
                f"stored {low}..{high}, but rule {rule!r} on {expr!r} gives "
                f"{want.low}..{want.high}",
            )


def _check_claims(check: _Checker) -> None:
    for index, row in check.rows("claims"):
        _check_claim_values(check, index, row)


def _check_places(check: _Checker) -> None:
    claims = check.package.tables.get("claims")
    named = set()
    if claims is not None:
        named = {place for cell in claims["place_ids"] for place in split_list(cell)}
    for index, row in check.rows("places"):
        if claims is not None and row["place_id"] not in named:
            check.add(
                "places",
                index,
                "place_id",
                f"no claim names {row['place_id']!r}; every place must trace to a quote",
            )
        kind = row["kind"]
        has_point = is_present(row["lat"]) and is_present(row["lon"])
        if kind in POINT_PLACE_KINDS and not has_point:
            check.add("places", index, "lat", f"a {kind} needs lat and lon")
        if has_point != is_present(row["radius_km"]):
            check.add(
                "places",
                index,
                "radius_km",
                "a point needs radius_km (its uncertainty)"
                if has_point
                else "only a point has a radius_km",
            )
        if kind not in POINT_PLACE_KINDS and (is_present(row["lat"]) or is_present(row["lon"])):
            check.add(
                "places", index, "lat", f"a {kind} is drawn as an area, not pinned to a point"
            )
        allowed = GEO_PRECISION_BY_KIND.get(kind, set())
        if is_present(row["geo_precision"]) and row["geo_precision"] not in allowed:
            check.add(
                "places",
                index,
                "geo_precision",
                f"{row['geo_precision']!r} does not fit a {kind} "
                f"(use {', '.join(sorted(allowed))})",
            )
        if kind == "country" and not is_present(row["iso3"]):
            check.add("places", index, "iso3", "a country needs its ISO3 code")


def _check_events(check: _Checker) -> None:
    claim_dates = _claim_date_ranges(check.rows("claims"))
    for index, row in check.rows("events"):
        low, high = _as_date(row["date_low"]), _as_date(row["date_high"])
        if not (low and high):
            continue
        if low > high:
            check.add("events", index, "date_high", f"date_high {high} is before date_low {low}")
            continue
        span = DateRange(low, high)
        if is_present(row["date_precision"]) and row["date_precision"] != describe_precision(span):
            check.add(
                "events",
                index,
                "date_precision",
                f"{row['date_precision']!r} but {low}..{high} is a {describe_precision(span)!r}",
            )
        for claim_id in split_list(row["claim_ids"]):
            claimed = claim_dates.get(claim_id)
            if claimed and not span.overlaps(claimed):
                check.add(
                    "events",
                    index,
                    "date_low",
                    f"{low}..{high} does not overlap claim {claim_id}'s "
                    f"{claimed.low}..{claimed.high}",
                )


def _check_relations(check: _Checker) -> None:
    if "claims" not in check.package.tables or "relations" not in check.package.tables:
        return
    claims = check.rows("claims")
    by_id = {str(r["claim_id"]): r for _, r in claims}
    events_of = index_event_claims(check.package) if "events" in check.package.tables else {}
    hypotheses = _count_hypotheses(check)
    typed = set()
    for index, row in check.rows("relations"):
        a, b = str(row["claim_a"]), str(row["claim_b"])
        if a == b:
            check.add("relations", index, "claim_b", "a claim cannot be related to itself")
            continue
        pair = frozenset((a, b))
        if pair in typed:
            check.add("relations", index, "claim_b", f"the pair {a}/{b} is typed twice")
        typed.add(pair)
        if a in by_id and b in by_id:
            if by_id[a]["topic"] != by_id[b]["topic"]:
                check.add(
                    "relations",
                    index,
                    "claim_b",
                    f"{a} is on {by_id[a]['topic']!r} but {b} is on {by_id[b]['topic']!r}",
                )
            if by_id[a]["source_id"] == by_id[b]["source_id"]:
                check.add("relations", index, "claim_b", f"{a} and {b} come from the same source")
            _check_relation_type(check, index, row, by_id[a], by_id[b], events_of, hypotheses)
    by_topic: dict[object, list[dict]] = {}
    for _, row in claims:
        if is_present(row["topic"]):  # groupby leaves out claims without a topic
            by_topic.setdefault(row["topic"], []).append(row)
    for topic in sorted(by_topic):
        for a, b in itertools.combinations(by_topic[topic], 2):
            if (
                a["source_id"] != b["source_id"]
                and frozenset((str(a["claim_id"]), str(b["claim_id"]))) not in typed
            ):
                check.add(
                    "relations",
                    None,
                    "relation",
                    f"claims {a['claim_id']} and {b['claim_id']} share topic {a['topic']!r} "
                    "across sources but have no relation",
                )


def _count_hypotheses(check: _Checker) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, row in check.rows("relation_hypotheses"):
        counts[str(row["relation_id"])] = counts.get(str(row["relation_id"]), 0) + 1
    return counts


def _check_relation_type(
    check: _Checker, index: int, row, a, b, events_of: dict, hypotheses: dict[str, int]
) -> None:
    """The curated type says only what its claims' texts and data support."""
    kind = row["relation"]
    if kind == "different_time" and not (read_claim_dates(a) and read_claim_dates(b)):
        undated = [str(c["claim_id"]) for c in (a, b) if not read_claim_dates(c)]
        check.add(
            "relations",
            index,
            "relation",
            f"different_time needs both claims dated; {', '.join(undated)} has no date",
        )
    interval_a, interval_b = read_interval(a), read_interval(b)
    if kind == "agrees" and interval_a and interval_b and not interval_a.overlaps(interval_b):
        check.add(
            "relations",
            index,
            "relation",
            f"agrees needs overlapping figures, but {interval_a.describe()} and "
            f"{interval_b.describe()} are disjoint",
        )
    if kind == "different_scope" and not split_list(row["scope_basis"]):
        check.add(
            "relations",
            index,
            "scope_basis",
            "different_scope needs the claims whose quotes establish the difference; if no text "
            "does, the relation is unresolved",
        )
    if kind == "unresolved" and not hypotheses.get(str(row["relation_id"])):
        check.add(
            "relations",
            index,
            "relation",
            "an unresolved relation needs its candidate explanations in relation_hypotheses.csv",
        )
    computed = compute_curated_pair(row, a, b, events_of)
    consistent = matches_curated(kind, computed.relation)
    has_reason = is_present(row["override_reason"])
    if consistent is False and not has_reason:
        check.add(
            "relations",
            index,
            "override_reason",
            f"curated {kind!r} but the figures and dates give {computed.relation!r} "
            f"({computed.basis}): say why in override_reason, or retype it",
        )
    elif consistent is True and has_reason:
        check.add(
            "relations",
            index,
            "override_reason",
            f"curated {kind!r} matches the computed relation; the override_reason is stale",
        )


def _check_hypotheses(check: _Checker) -> None:
    relations = check.package.tables.get("relations")
    kinds = {}
    if relations is not None:
        kinds = dict(zip(relations["relation_id"], relations["relation"], strict=True))
    ranks: set[tuple[str, int]] = set()
    for index, row in check.rows("relation_hypotheses"):
        relation_id = str(row["relation_id"])
        if kinds.get(relation_id, "unresolved") != "unresolved":
            check.add(
                "relation_hypotheses",
                index,
                "relation_id",
                f"{relation_id} is {kinds[relation_id]!r}: only an unresolved relation has "
                "candidate explanations",
            )
        if is_present(row["rank"]):
            if (relation_id, int(row["rank"])) in ranks:
                check.add("relation_hypotheses", index, "rank", f"rank {row['rank']} is taken")
            ranks.add((relation_id, int(row["rank"])))
        if row["basis"] == "quote":
            for column in ("source_id", "quote", "char_start", "char_end"):
                if not is_present(row[column]):
                    check.add("relation_hypotheses", index, column, f"a quote basis needs {column}")
        elif is_present(row["basis"]) and not is_present(row["basis_note"]):
            where = "what in the data" if row["basis"] == "data" else "where it comes from"
            check.add(
                "relation_hypotheses",
                index,
                "basis_note",
                f"basis {row['basis']!r} needs a basis_note saying {where}",
            )


def _check_mentions(check: _Checker) -> None:
    # A span names one entity: two rows over the same text would contradict each other.
    spans: dict[str, list[tuple[int, int, str, int]]] = {}
    for index, row in check.rows("mentions"):
        if is_present(row["char_start"]) and is_present(row["char_end"]):
            span = (int(row["char_start"]), int(row["char_end"]), str(row["mention_id"]), index)
            spans.setdefault(str(row["source_id"]), []).append(span)
    for found in spans.values():
        reach, widest = -1, ""
        for start, end, mention_id, index in sorted(found):
            if start < reach:
                check.add("mentions", index, "char_start", f"overlaps mention {widest}")
            if end > reach:
                reach, widest = end, mention_id


def validate_package(package: Package) -> list[Problem]:
    """Run every cross-table check on a read package; return the problems found."""
    check = _Checker(package)
    check.problems.extend(_check_descriptor(package))
    _check_seed_hashes(check)
    _check_quotes(check)
    _check_foreign_keys(check)
    publication = _check_publication_dates(check)
    _check_claims(check)
    _check_claim_dates(check, publication)
    _check_places(check)
    _check_events(check)
    _check_relations(check)
    _check_hypotheses(check)
    _check_mentions(check)
    return check.problems


def load_and_validate(data_dir: Path) -> tuple[Package, list[Problem]]:
    """Read the package at ``data_dir`` and validate it; return it with every problem, sorted."""
    package, problems = read_package(data_dir)
    problems = problems + validate_package(package)
    return package, sorted(set(problems), key=_problem_order)


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


def main(argv: list[str] | None = None) -> int:
    """Command line: validate the package and print each problem on its own line.

    ``--lint`` also lists claims whose statement drops a marker of their quote, as warnings:
    they do not change the exit status.
    """
    args = sys.argv[1:] if argv is None else argv
    lint = "--lint" in args
    paths = [a for a in args if a != "--lint"]
    data_dir = resolve_data_dir(paths[0] if paths else None)
    package, problems = load_and_validate(data_dir)
    for problem in problems:
        print(problem)
    if lint and "claims" in package.tables:
        findings = lint_claims(package["claims"], package.lines["claims"])
        for finding in findings:
            print(f"warning: {package.data_dir.name}/{finding}")
        print(f"lint: {len(findings)} unexplained paraphrase(s) in {data_dir}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(frame)} {name}" for name, frame in package.tables.items())
    print(f"OK: {data_dir} version {package.version}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
