"""The synthetic ingest articles stay honest: each is marked synthetic, and its expected file lists
only what the article says, at least as often as it says it, with ids the package has."""

from __future__ import annotations

import pytest

from tests.fixtures.ingest.check_fixtures import check_fixture
from tests.helpers.packages import FIXTURES_DIR

ARTICLES = sorted((FIXTURES_DIR / "ingest").glob("*.txt"))


def test_there_are_at_least_eight_articles_and_a_hostile_one():
    names = [path.stem for path in ARTICLES]
    assert len(names) >= 9 and "hostile" in names


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_each_article_is_synthetic_and_matches_its_expected_file(path):
    assert path.read_text(encoding="utf-8").startswith("SYNTHETIC TEST ARTICLE")
    assert check_fixture(path) == []


def test_the_checker_catches_a_phrase_the_article_does_not_say(tmp_path):
    source = ARTICLES[0]
    broken = tmp_path / source.name
    broken.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    expected = source.with_suffix(".expected.json").read_text(encoding="utf-8")
    (tmp_path / source.with_suffix(".expected.json").name).write_text(
        expected.replace(
            '"figures": [',
            '"figures": [{"phrase": "exactly 4,321 unicorns", '
            '"hedge": null, "bound": "exact", "value": 4321, "value_low": null, '
            '"value_high": null, "unit": "unicorns"}, ',
            1,
        ),
        encoding="utf-8",
    )
    assert any("4,321 unicorns" in problem for problem in check_fixture(broken))
