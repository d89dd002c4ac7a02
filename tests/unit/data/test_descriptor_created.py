"""The descriptor's ``created`` is what the Frictionless spec wants: an RFC 3339 date-time."""

from __future__ import annotations

import json

import pytest

from lib.data.validate import load_and_validate


@pytest.mark.parametrize("value", ["2026-11-23", "23/11/2026", "2026-11-23T25:00:00Z", 20261123])
def test_a_created_that_is_not_a_date_time_is_reported(curated_copy, value):
    """Regression: a date alone passed our validator but failed the reference one."""
    path = curated_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["created"] = value
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    messages = [str(p) for p in load_and_validate(curated_copy)[1]]
    assert messages == [
        "data/datapackage.json:-:created: must be an RFC 3339 date-time such as "
        f"2026-11-23T00:00:00Z, got {value!r}"
    ]


@pytest.mark.parametrize("value", ["2026-11-23T00:00:00Z", "2026-11-23T09:30:00+01:00"])
def test_an_rfc_3339_created_passes(curated_copy, value):
    path = curated_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["created"] = value
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert load_and_validate(curated_copy)[1] == []
