"""Reading the data package: CSV files to typed frames, with every problem located by line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pandera.pandas as pa

from lib.data.cells import is_present
from lib.data.schema import SCHEMA_FILE, TABLES, Table
from lib.paths import DESCRIPTOR_NAME

# Offsets and counts fit comfortably; longer digit strings are typos, not data.
_INTEGER_RE = re.compile(r"^-?\d{1,15}$")


# Large enough for any curated cell, small enough to refuse a runaway unbalanced quote quietly.
_CSV_FIELD_LIMIT = 16 * 1024 * 1024


SEEDS_KEY = "sahel:seeds"


DEFAULT_SEEDS = "../seeds"


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the package, printed as ``file:row:column: message``.

    ``row`` is the line number in the file (the CSV header is line 1); None for file-wide problems.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        return f"{self.file}:{row}:{self.column or '-'}: {self.message}"


class FrozenTables(Mapping):
    """The package's tables by name; each lookup hands out a copy-on-write copy.

    A loaded package is shared by every session, so nothing may change it. pandas copies a
    frame's data on the first write to a shallow copy, so whatever a caller does to the frame it
    gets (assign a column, set a cell) stays in that caller's copy, at no cost for reading.
    """

    def __init__(self, frames: Mapping[str, pd.DataFrame]) -> None:
        self._frames = dict(frames)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._frames[name].copy(deep=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)


@dataclass(frozen=True)
class Package:
    """The loaded tables, the descriptor and the seed texts keyed by source id; read-only."""

    data_dir: Path
    descriptor: dict | None
    tables: Mapping[str, pd.DataFrame]
    lines: Mapping[str, list[int]]
    seeds: Mapping[str, str] = field(default_factory=dict)
    seed_sha256: Mapping[str, str] = field(default_factory=dict)
    # What this content is, for caching what is computed from it: the files read (path, sizes,
    # mtimes) and then each narrowing applied. Empty means unknown, and nothing is cached.
    key: tuple = ()

    def __post_init__(self) -> None:
        if not isinstance(self.tables, FrozenTables):
            object.__setattr__(self, "tables", FrozenTables(self.tables))
        for name in ("lines", "seeds", "seed_sha256"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @property
    def version(self) -> str:
        return str((self.descriptor or {}).get("version", "unknown"))

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def display_path(self, file_name: str) -> str:
        return f"{self.data_dir.name}/{file_name}"

    def line_of(self, table: str, index: int) -> int:
        return self.lines[table][index]


def _decode(raw: bytes, shown: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown, line, None, f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at {err.start})"
            )
        )
        return None


def _read_rows(text: str, shown: str, problems: list[Problem]) -> tuple[list[str], list, list[int]]:
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    next_line = 1
    records = iter(reader)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(shown, next_line, None, f"is not readable CSV: {err}"))
            break
        start = next_line
        next_line = reader.line_num + 1
        if not header:
            header = [name.strip() for name in record]
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            hint = (
                " (a double quote opened here is never closed, so later lines were swallowed)"
                if any("\n" in cell for cell in record)
                else ""
            )
            message = f"has {len(record)} fields, the header has {len(header)}{hint}"
            problems.append(Problem(shown, start, None, message))
            continue
        rows.append(record)
        lines.append(start)
    return header, rows, lines


def _coerce_cell(kind: str, cell: str) -> tuple[object, str | None]:
    """Return (value, error) for one CSV cell; empty cells are missing values."""
    text = cell.strip()
    if text == "":
        return pd.NA, None
    if kind == "integer":
        if _INTEGER_RE.match(text):
            return int(text), None
        return pd.NA, "expected an integer (at most 15 digits)"
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            return pd.NA, "expected a number (digits, no thousands separators)"
        return (number, None) if math.isfinite(number) else (pd.NA, "expected a finite number")
    if kind == "boolean":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered == "true", None
        return pd.NA, "expected true or false"
    if kind == "date":
        if not _DATE_RE.match(text):
            return pd.NA, "expected a date as YYYY-MM-DD"
        try:
            date.fromisoformat(text)
        except ValueError:
            return pd.NA, "is not a real calendar date"
        return text, None
    return cell, None


# Missing values: pandas' own for the nullable kinds, NaN for floats, None for text (a str
# column stores it as NaN, as pandas 3 does for every empty string cell).
_PANDAS_DTYPE = {"integer": "Int64", "number": "float64", "boolean": "boolean"}
_MISSING = {"integer": pd.NA, "number": math.nan, "boolean": pd.NA}


def pandas_dtype(kind: str) -> str:
    """The pandas dtype a column of schema type ``kind`` is read as (text and dates: "str")."""
    return _PANDAS_DTYPE.get(kind, "str")


def _coerce_column(
    kind: str, cells: list[str], lines: list[int], column: str, shown: str, problems: list
) -> pd.Series:
    if kind == "string":
        # Most cells are text and need no parsing: one pass, no per-cell call.
        return pd.Series([cell if cell.strip() else None for cell in cells], dtype="str")
    missing = _MISSING.get(kind)
    values = []
    for cell, line in zip(cells, lines, strict=True):
        value, error = _coerce_cell(kind, cell)
        if error:
            problems.append(Problem(shown, line, column, f"{error}, got {cell!r}"))
        values.append(missing if value is pd.NA else value)
    return pd.Series(values, dtype=pandas_dtype(kind))


def _coerce_frame(
    table: Table, header: list[str], rows: list, lines: list[int], shown: str, problems: list
) -> pd.DataFrame:
    data: dict[str, pd.Series] = {}
    for column in table.columns:
        if column not in header:
            continue
        position = header.index(column)
        cells = [record[position] for record in rows]
        kind = table.column_type(column)
        data[column] = _coerce_column(kind, cells, lines, column, shown, problems)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _describe_failure(check: str, case: object) -> str:
    if check == "not_nullable":
        return "missing value"
    if check == "field_uniqueness":
        return f"duplicate value {case!r}"
    if check.startswith("isin("):
        allowed = check[len("isin(") : -1]
        return f"{case!r} is not one of {allowed}"
    if check.startswith("in_range("):
        return f"{case} is out of range {check[len('in_range') :]}"
    if check.startswith("greater_than_or_equal_to("):
        return f"{case} must be ≥ {check[len('greater_than_or_equal_to(') : -1]}"
    if check.startswith("str_matches("):
        return f"{case!r} does not match the pattern {check[len('str_matches(') : -1]}"
    return f"{case!r} fails {check}"


def _check_schema(table: Table, frame: pd.DataFrame, lines: list[int], shown: str) -> list:
    # Missing columns were already reported; check the rest rather than stop at the first gap.
    present = table.schema.remove_columns([c for c in table.columns if c not in frame.columns])
    present = present.update_columns({c: {"coerce": False} for c in present.columns})
    present.strict = False
    try:
        present.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        found = []
        for case in err.failure_cases.itertuples(index=False):
            index = case.index
            line = lines[int(index)] if index is not None and not pd.isna(index) else None
            column = case.column if isinstance(case.column, str) else None
            found.append(
                Problem(shown, line, column, _describe_failure(case.check, case.failure_case))
            )
        return found
    return []


def list_records(frame: pd.DataFrame) -> list[dict]:
    """The rows of ``frame`` as plain dicts, built column by column.

    A pandas row is built per access and costs a hundred times more; at a year of reporting
    (100,000 claims) that was minutes of start-up and of every page's first load.
    """
    names = list(frame.columns)
    columns = [frame[name].tolist() for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def read_table(data_dir: Path, table: Table) -> tuple[pd.DataFrame | None, list[int], list]:
    """Read one CSV resource into a typed frame; return it, its line numbers and its problems."""
    shown = f"{data_dir.name}/{table.path}"
    path = data_dir / table.path
    problems: list[Problem] = []
    if not path.is_file():
        return None, [], [Problem(shown, None, None, "file is missing")]
    text = _decode(path.read_bytes(), shown, problems)
    if text is None:
        return None, [], problems
    header, rows, lines = _read_rows(text.lstrip("\ufeff"), shown, problems)
    if not header:
        return None, [], [*problems, Problem(shown, None, None, "file is empty (no header row)")]
    for column in table.columns:
        if column not in header:
            problems.append(Problem(shown, 1, column, "missing column"))
    for column in header:
        if column not in table.columns:
            problems.append(Problem(shown, 1, column, f"unexpected column (not in {SCHEMA_FILE})"))
    duplicated = {c for c in header if header.count(c) > 1}
    for column in sorted(duplicated):
        problems.append(Problem(shown, 1, column, "column appears more than once"))
    if duplicated:
        return None, lines, problems
    frame = _coerce_frame(table, header, rows, lines, shown, problems)
    if not rows:
        problems.append(Problem(shown, None, None, "has a header but no rows"))
    problems.extend(_check_schema(table, frame, lines, shown))
    if any(column not in header for column in table.columns):
        # Reported above; cross-table checks need every column, so they skip this table.
        return None, lines, problems
    return frame, lines, problems


def read_descriptor(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    """Parse ``datapackage.json``; None (with a problem) when it is missing or not a JSON object."""
    shown = f"{data_dir.name}/{DESCRIPTOR_NAME}"
    path = data_dir / DESCRIPTOR_NAME
    if not path.is_file():
        return None, [Problem(shown, None, None, "file is missing")]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as err:
        # ValueError covers bad JSON, bad UTF-8 and integers too long to convert; deep nesting
        # exhausts the parser's stack instead.
        line = getattr(err, "lineno", None)
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        return None, [Problem(shown, line, None, f"is not valid JSON: {reason}")]
    if not isinstance(descriptor, dict):
        return None, [Problem(shown, None, None, "must be a JSON object")]
    return descriptor, []


def is_folder_path(value: object) -> bool:
    """Whether a ``sahel:seeds`` value can name a folder: a string with no NUL byte."""
    return isinstance(value, str) and "\x00" not in value


def resolve_seeds_dir(data_dir: Path, descriptor: dict | None) -> Path:
    """The seeds folder the descriptor names (``sahel:seeds``), else ``../seeds`` beside data."""
    named = (descriptor or {}).get(SEEDS_KEY)
    return (data_dir / (named if is_folder_path(named) else DEFAULT_SEEDS)).resolve()


def read_seeds_dir(data_dir: Path) -> Path:
    """The seeds folder for ``data_dir``, reading its descriptor; never raises."""
    return resolve_seeds_dir(data_dir, read_descriptor(data_dir)[0])


def read_package(data_dir: Path) -> tuple[Package, list[Problem]]:
    """Read the descriptor and every table; keep going past problems so all are reported."""
    descriptor, problems = read_descriptor(data_dir)
    tables: dict[str, pd.DataFrame] = {}
    lines: dict[str, list[int]] = {}
    for name, table in TABLES.items():
        frame, table_lines, table_problems = read_table(data_dir, table)
        problems.extend(table_problems)
        if frame is not None:
            tables[name] = frame
            lines[name] = table_lines
    unseeded = Package(data_dir=data_dir, descriptor=descriptor, tables=tables, lines=lines)
    seeds, hashes, seed_problems = read_seeds(unseeded)
    problems.extend(seed_problems)
    package = Package(data_dir, descriptor, tables, lines, seeds=seeds, seed_sha256=hashes)
    return package, problems


def read_seeds(package: Package) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Each source's seed text and the SHA-256 of its bytes, by source id, with any problems."""
    seeds: dict[str, str] = {}
    hashes: dict[str, str] = {}
    if "sources" not in package.tables:
        return seeds, hashes, []
    sources = package["sources"]
    seeds_dir = resolve_seeds_dir(package.data_dir, package.descriptor)
    shown = package.display_path("sources.csv")
    problems = []
    for index, row in sources.iterrows():
        seed_file = row["seed_file"]
        # A path rather than a file name is reported by the schema; never read outside seeds/.
        if not is_present(seed_file) or Path(str(seed_file)).name != str(seed_file):
            continue
        line = package.line_of("sources", index)
        path = seeds_dir / str(seed_file)
        if not path.is_file():
            message = f"seed file {seed_file} not found in {seeds_dir}"
            problems.append(Problem(shown, line, "seed_file", message))
            continue
        raw = path.read_bytes()
        hashes[str(row["source_id"])] = hashlib.sha256(raw).hexdigest()
        try:
            seeds[str(row["source_id"])] = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(
                Problem(shown, line, "seed_file", f"seed {seed_file} is not valid UTF-8")
            )
    return seeds, hashes, problems
