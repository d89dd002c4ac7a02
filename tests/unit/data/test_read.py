"""lib/data/read.py: reading a package without validating it."""

from __future__ import annotations

from lib.data.read import read_package
from lib.data.rows import read_rows
from tests.helpers.packages import CURATED_DATA


def test_reading_alone_loads_seed_texts_and_hashes():
    """Regression: seed texts were filled in as a side effect of validation only."""
    package, problems = read_package(CURATED_DATA)
    assert problems == []
    assert set(package.seeds) == {"cnn-000", "av1-004"}
    assert package.seeds["cnn-000"][4408:4458] == (
        "the withdrawal of about 650 U.S. troops from Niger"
    )
    assert package.seed_sha256["av1-004"] == next(
        r["sha256"]
        for r in read_rows(CURATED_DATA / "sources.csv")[1]
        if r["source_id"] == "av1-004"
    )
