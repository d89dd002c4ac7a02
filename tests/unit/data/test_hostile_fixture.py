"""The hostile-document fixture is valid, reproduced by its script, and keeps the curated rows."""

from __future__ import annotations

from lib.data.rows import read_rows
from lib.data.validate import load_and_validate
from tests.fixtures.hostile import make_fixture as hostile
from tests.helpers.packages import CURATED_DATA, HOSTILE_DATA


def test_hostile_fixture_is_valid():
    package, problems = load_and_validate(HOSTILE_DATA)
    assert [str(p) for p in problems] == []
    assert hostile.SOURCE_ID in set(package["sources"]["source_id"])
    assert len((HOSTILE_DATA.parent / "seeds" / hostile.SEED_FILE).read_bytes()) >= 1_000_000


def test_hostile_seed_is_reproduced_by_its_script():
    seed = HOSTILE_DATA.parent / "seeds" / hostile.SEED_FILE
    assert seed.read_bytes() == hostile.build_seed_text().encode("utf-8")


def test_hostile_fixture_keeps_the_curated_snapshot_rows():
    for name in ("claims", "places", "relations", "mentions"):
        real = read_rows(CURATED_DATA / f"{name}.csv")[1]
        assert read_rows(HOSTILE_DATA / f"{name}.csv")[1][: len(real)] == real
