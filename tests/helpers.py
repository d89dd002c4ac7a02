"""Helpers shared by more than one test module: paths, the app under AppTest, a browser visit and
the corrupted packages. Fixtures live in conftest.py; no test module imports another."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.data.ingest.article import propose_seed_name
from lib.data.ingest.draft import ACCEPTED, Draft, draft_columns
from lib.data.rows import blank_row, read_rows, write_rows
from lib.paths import DATA_DIR_ENV, DESCRIPTOR_NAME, PAGES_DIR, PROJECT_ROOT
from scripts.live_server import IDLE_SELECTOR
from scripts.sessions import is_local

TESTS_DIR = Path(__file__).resolve().parent
FIXTURES_DIR = TESTS_DIR / "fixtures"
# The frozen copy of the curated package that tests needing known facts read (see its README).
CURATED_DATA = FIXTURES_DIR / "curated" / "data"
CURATED_SEEDS = FIXTURES_DIR / "curated" / "seeds"
HOSTILE_DATA = FIXTURES_DIR / "hostile" / "data"
THREE_SOURCES_DATA = FIXTURES_DIR / "three_sources" / "data"
# Screenshots the browser tests leave for a reader to look at (ignored by git).
ARTIFACTS = TESTS_DIR / "artifacts"

APP = str(PROJECT_ROOT / "app.py")
PAGE_FILES = sorted(p.name for p in PAGES_DIR.glob("*.py"))
AV1 = "av1-004"
THIRD = "fx3-900"  # the three-source fixture's synthetic document
HOSTILE_NAME = '<img src=x onerror="alert(1)"> & co'

# --- Data packages -----------------------------------------------------------------------------


def copy_curated(data_out: Path, seeds_out: Path) -> None:
    """Copy the curated snapshot's tables and descriptor to ``data_out`` and its seeds to
    ``seeds_out``, writable: the start of a package a test changes."""
    data_out.mkdir(parents=True, exist_ok=True)
    seeds_out.mkdir(parents=True, exist_ok=True)
    for path in [*CURATED_DATA.glob("*.csv"), CURATED_DATA / DESCRIPTOR_NAME]:
        shutil.copyfile(path, data_out / path.name)
    for seed in sorted(CURATED_SEEDS.glob("*.txt")):
        shutil.copyfile(seed, seeds_out / seed.name)
        (seeds_out / seed.name).chmod(0o644)


def edit_cell(data: Path, table: str, key: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is ``key``; return that row's line number."""
    header, rows = read_rows(data / f"{table}.csv")
    index = next(i for i, row in enumerate(rows) if row[header[0]] == key)
    rows[index][column] = value
    write_rows(data / f"{table}.csv", header, rows)
    return index + 2  # header is line 1 and no curated cell spans lines


def set_descriptor(data: Path, **changes: object) -> None:
    """Update top-level keys of the package's datapackage.json."""
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor.update(changes)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def with_table(package, name: str, frame):
    """A copy of the package with one table replaced; the shared fixture is never mutated."""
    return replace(package, tables={**package.tables, name: frame})


def map_claims_to_sources(package) -> dict[str, str]:
    """Each claim id with the id of its source."""
    claims = package["claims"]
    return dict(zip(claims["claim_id"], claims["source_id"], strict=True))


def find_claims_naming(package, place_ids: set[str]) -> set[str]:
    """Ids of the claims whose place_ids name any of ``place_ids``."""
    claims = package["claims"]
    return {
        claim_id
        for claim_id, cell in zip(claims["claim_id"], claims["place_ids"], strict=True)
        if set(str(cell).split("|")) & place_ids
    }


def run_module(module: str, *args: str | Path) -> subprocess.CompletedProcess:
    """``python -m module args`` from the project root, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


# --- Rendered markup ---------------------------------------------------------------------------


def find_tiles(html: str) -> list[tuple[str, str, str]]:
    """(href, title, inner html) of every key-figure tile."""
    return re.findall(
        r'<a class="sb-tile" href="([^"]*)"[^>]*>'
        r'<span class="sb-tile-title">([^<]*)</span>(.*?)</a>',
        html,
    )


def list_card_claims(markdown: str) -> list[str]:
    """Claim ids of the evidence cards in some markup, in order."""
    return re.findall(r'class="sb-card" data-claim="([^"]+)"', markdown)


# --- The app under AppTest ---------------------------------------------------------------------


def open_app(monkeypatch, page: str | None = None, **params: str) -> AppTest:
    """The app on the curated snapshot, on a page (the Briefing by default), opened from a link
    with these params."""
    monkeypatch.setenv(DATA_DIR_ENV, str(CURATED_DATA))
    at = AppTest.from_file(APP, default_timeout=30)
    if page:
        at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def read_param(at: AppTest, name: str):
    """The URL parameter's value after the run (its last value if repeated), else None."""
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def list_infos(at: AppTest) -> list[str]:
    """The text of every st.info on the page."""
    return [i.value for i in at.info]


# --- Corrupted packages ------------------------------------------------------------------------

CNN_SEED = "000_f0b5820989b4961e.txt"
AV1_SEED = "004_e7fac145f5ba5ac6.txt"

# Each corruption breaks a fresh copy of the package and returns the exact problem line that
# `python -m lib.validate` prints and the app shows for it.
CORRUPTIONS: dict[str, Callable[[Path], str]] = {}


def _corruption(name: str):
    def register(corrupt: Callable[[Path], str]) -> Callable[[Path], str]:
        CORRUPTIONS[name] = corrupt
        return corrupt

    return register


def _replace_bytes(path: Path, old: bytes, new: bytes) -> int:
    """Replace the one occurrence of ``old``; return the byte offset where it was."""
    raw = path.read_bytes()
    assert raw.count(old) == 1, old
    path.write_bytes(raw.replace(old, new))
    return raw.index(old)


def _keep_header_only(data: Path, table: str) -> None:
    header, _ = read_rows(data / f"{table}.csv")
    write_rows(data / f"{table}.csv", header, [])


@_corruption("missing file")
def _missing_file(data: Path) -> str:
    (data / "events.csv").unlink()
    return "data/events.csv:-:-: file is missing"


@_corruption("missing column")
def _missing_column(data: Path) -> str:
    header, rows = read_rows(data / "topics.csv")
    header.remove("label")
    write_rows(data / "topics.csv", header, [{k: r[k] for k in header} for r in rows])
    return "data/topics.csv:1:label: missing column"


@_corruption("wrong type")
def _wrong_type(data: Path) -> str:
    line = edit_cell(data, "places", "agadez", "lat", "north")
    return (
        f"data/places.csv:{line}:lat: expected a number (digits, no thousands separators), "
        "got 'north'"
    )


@_corruption("duplicate id")
def _duplicate_id(data: Path) -> str:
    line = edit_cell(data, "events", "e-coup", "event_id", "e-presence-start")
    return f"data/events.csv:{line}:event_id: duplicate value 'e-presence-start'"


@_corruption("dangling foreign key")
def _dangling_foreign_key(data: Path) -> str:
    _, rows = read_rows(data / "judgments.csv")
    claims = next(r["claim_ids"] for r in rows if r["judgment_id"] == "j3")
    line = edit_cell(data, "judgments", "j3", "claim_ids", f"{claims}|c999-nowhere")
    return f"data/judgments.csv:{line}:claim_ids: 'c999-nowhere' is not a claims id"


@_corruption("quote not at its offsets")
def _quote_not_at_offsets(data: Path) -> str:
    line = edit_cell(data, "quality_flags", "q000-nigeria-1", "char_start", "1602")
    edit_cell(data, "quality_flags", "q000-nigeria-1", "char_end", "1611")
    return (
        f"data/quality_flags.csv:{line}:quote: quote is not at 1602-1611: the seed has "
        "'igerians.' there; the quote occurs at 1601-1610"
    )


@_corruption("modified seed (one byte)")
def _modified_seed(data: Path) -> str:
    seed = data.parent / "seeds" / CNN_SEED
    # 'amid' lies between two claims, so only the fingerprint can notice the change.
    _replace_bytes(seed, b" amid warnings", b" Amid warnings")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    return (
        f"data/sources.csv:2:sha256: seed {CNN_SEED} has sha256 {digest[:12]}…, expected "
        "228749ae7789… (the seed was modified; seeds are immutable)"
    )


@_corruption("non-UTF-8 bytes")
def _non_utf8(data: Path) -> str:
    offset = _replace_bytes(data / "actors.csv", b"Raisi", b"Ra\xffsi") + 2
    line = (data / "actors.csv").read_bytes()[:offset].count(b"\n") + 1
    return f"data/actors.csv:{line}:-: not valid UTF-8 (byte 0xff at {offset})"


@_corruption("empty CSV (0 bytes)")
def _empty_csv(data: Path) -> str:
    (data / "topics.csv").write_bytes(b"")
    return "data/topics.csv:-:-: file is empty (no header row)"


@_corruption("latitude out of range")
def _latitude_out_of_range(data: Path) -> str:
    line = edit_cell(data, "places", "niamey", "lat", "-90.5")
    return f"data/places.csv:{line}:lat: -90.5 is out of range (-90, 90)"


@_corruption("header-only CSV")
def _header_only(data: Path) -> str:
    _keep_header_only(data, "judgments")
    return "data/judgments.csv:-:-: has a header but no rows"


@_corruption("malformed datapackage.json")
def _malformed_descriptor(data: Path) -> str:
    path = data / "datapackage.json"
    text = path.read_text(encoding="utf-8").replace('"version": "0.2.0",', '"version": "0.2.0"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as err:
        json.loads(text)
    return f"data/datapackage.json:{err.value.lineno}:-: is not valid JSON: {err.value}"


@_corruption("seed file missing")
def _seed_missing(data: Path) -> str:
    seeds = data.parent / "seeds"
    (seeds / AV1_SEED).unlink()
    return f"data/sources.csv:3:seed_file: seed file {AV1_SEED} not found in {seeds.resolve()}"


@_corruption("row with an extra field")
def _ragged_row(data: Path) -> str:
    _replace_bytes(data / "relations.csv", b"turning to Russia.,,\n", b"turning to Russia.,,,x\n")
    return "data/relations.csv:2:-: has 8 fields, the header has 7"


@_corruption("number that is not finite")
def _not_finite(data: Path) -> str:
    line = edit_cell(data, "places", "agadez", "lon", "nan")
    return f"data/places.csv:{line}:lon: expected a finite number, got 'nan'"


@_corruption("UTF-16 CSV")
def _utf16(data: Path) -> str:
    path = data / "topics.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return "data/topics.csv:1:-: not valid UTF-8 (byte 0xff at 0)"


# Regression rows: each of these once escaped the validator as an exception, or passed it and
# then crashed a page.
@_corruption("descriptor nested too deeply")
def _deep_descriptor(data: Path) -> str:
    (data / "datapackage.json").write_text("[" * 100_000, encoding="utf-8")
    return "data/datapackage.json:-:-: is not valid JSON: nested too deeply"


@_corruption("descriptor integer too long")
def _long_integer(data: Path) -> str:
    (data / "datapackage.json").write_text('{"version": ' + "9" * 5000 + "}", encoding="utf-8")
    return (
        "data/datapackage.json:-:-: is not valid JSON: Exceeds the limit (4300 digits) for "
        "integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() "
        "to increase the limit"
    )


@_corruption("resource name not a string")
def _resource_name_list(data: Path) -> str:
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["name"] = ["sources"]
    set_descriptor(data, resources=descriptor["resources"])
    return "data/datapackage.json:-:resources[sources]: resource is missing"


@_corruption("seeds folder with a NUL byte")
def _seeds_nul(data: Path) -> str:
    set_descriptor(data, **{"sahel:seeds": "../se\x00eds"})
    return "data/datapackage.json:-:sahel:seeds: must be a folder path, got '../se\\x00eds'"


@_corruption("licences not objects")
def _licences_strings(data: Path) -> str:
    set_descriptor(data, licenses=["CC-BY-4.0"])
    return (
        "data/datapackage.json:-:licenses: must be a list of objects, each with a name or a "
        "title, got ['CC-BY-4.0']"
    )


@_corruption("seed file outside seeds/")
def _seed_outside(data: Path) -> str:
    line = edit_cell(data, "sources", "cnn-000", "seed_file", "../data/claims.csv")
    return (
        f"data/sources.csv:{line}:seed_file: '../data/claims.csv' does not match the pattern "
        "'^[^/\\\\]+$'"
    )


# --- A browser visit ---------------------------------------------------------------------------

IDLE = IDLE_SELECTOR
FOLIUM = 'iframe[title="streamlit_folium.st_folium"]'


# Elements of the main block whose right edge passes the viewport's (hidden ones aside). A data
# grid's inner canvas is wider than the grid by design and scrolls inside it; the grid is checked.
# An SVG clips its own shapes (a minimap's countries run past its edge), so the <svg> is checked.
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [];
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (el.closest('[data-testid="stDataFrame"]') !== el
        && el.closest('[data-testid="stDataFrame"]')) continue;
    if (el.ownerSVGElement) continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''}`;
      wide.push(`${name} ${Math.round(box.left)}-${Math.round(box.right)}`);
    }
  }
  return {wide: wide.slice(0, 5), scroll: document.documentElement.scrollWidth - width};
}
"""


class Visit:
    """One fresh browser context on the app, recording every request it makes."""

    def __init__(
        self, browser, url: str, width: int = 1400, height: int = 1000, phone: bool = False
    ) -> None:
        # A phone: touch, a dense screen and the mobile viewport rules, as on a 390 px handset.
        handset = {"is_mobile": True, "has_touch": True, "device_scale_factor": 3} if phone else {}
        self.context = browser.new_context(viewport={"width": width, "height": height}, **handset)
        self.requests: list[str] = []
        # Every request is recorded; any that would leave 127.0.0.1 is aborted before it is
        # sent, so a failing test never puts traffic on a real network.
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))
        self.page.goto(url)

    def _guard(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if is_local(url):
            route.continue_()
        else:
            route.abort()

    def settle(self, text: str) -> None:
        self.page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
        self.page.wait_for_selector(IDLE, timeout=30_000)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def reader_text(self) -> str:
        """Text of the document reader only; tables repeat some of it in hidden a11y markup."""
        readers = self.page.locator(".sb-doc")
        assert readers.count() == 1
        return readers.inner_text()

    def highlighted_claims(self) -> set[str]:
        cells = self.page.eval_on_selector_all(
            "mark.sb-claim", "marks => marks.map(m => m.dataset.keys)"
        )
        return {key for cell in cells for key in cell.split() if not key.startswith("q")}

    def close(self) -> None:
        self.context.close()


# A short article written for these tests (synthetic), and a draft built from it by hand, so the
# merge is tested apart from the extraction rules.
SYNTHETIC_ARTICLE = (
    "SYNTHETIC TEST ARTICLE: written for Sahel Brief's tests; not a real news report.\n\n"
    "Base handed over\n\n"
    "NIAMEY, Niger (AP) — About 700 U.S. troops were still in Niger on Monday, officials said.\n"
)


def build_test_draft(source_id: str = "test-2024-08-06", text: str = SYNTHETIC_ARTICLE, **claim):
    """A one-claim draft over ``text``: the 'About 700 U.S. troops' sentence, accepted, dated
    'on Monday' before publication (6 Aug 2024), on a new topic; ``claim`` overrides its cells."""
    seed_bytes = text.encode("utf-8")
    sha = hashlib.sha256(seed_bytes).hexdigest()
    seed_name = propose_seed_name(source_id, sha)
    quote = "About 700 U.S. troops were still in Niger on Monday, officials said."
    start = text.find(quote)
    source = blank_row(
        draft_columns("sources"),
        source_id=source_id,
        seed_file=seed_name,
        sha256=sha,
        title="Base handed over",
        title_printed="true",
        pub_date_low="2024-08-06",
        pub_date_high="2024-08-06",
        pub_date_best="2024-08-06",
        pub_date_basis="Given at ingest: published 2024-08-06.",
        language="en",
        status="proposed",
        outlet="AP",
    )
    row = blank_row(
        draft_columns("claims"),
        claim_id=f"{source_id}-c001",
        source_id=source_id,
        topic=f"new-{source_id}",
        topic_status="draft",
        subject="U.S. troops",
        statement=quote,
        value="700",
        bound="approx",
        hedge="About",
        unit="people",
        unit_scope="U.S. troops",
        date_expr="on Monday",
        date_rule="weekday_on_or_before",
        place_ids="ner",
        claimant="officials",
        quote=quote,
        char_start=str(start),
        char_end=str(start + len(quote)),
        status=ACCEPTED,
    )
    row.update(claim)
    # A new topic, so the merge needs no relations to other sources' claims.
    topic = blank_row(
        draft_columns("topics"),
        topic_id=f"new-{source_id}",
        label="Test topic",
        theme="context",
        question="What does the test article say?",
        status="draft",
    )
    meta = {"source_id": source_id, "outlet": "AP"}
    tables = {"sources": [source], "topics": [topic], "claims": [row]}
    return Draft(meta, seed_name, seed_bytes, tables)


def hash_tree(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under the folders, by path: to prove nothing changed."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
