"""The shipped datapackage.json is generated from lib/data/schema.py and must not drift from it;
nothing here depends on what the package holds, which curators change."""

import json
import re

from lib.data.descriptor import build_resources
from lib.data.schema import BOUND_TYPES, TABLES
from lib.paths import DEFAULT_DATA_DIR


def _descriptor() -> dict:
    return json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_committed_resources_equal_the_schema():
    assert _descriptor()["resources"] == build_resources()


def test_every_schema_column_is_described_with_its_type():
    resources = {r["name"]: r for r in _descriptor()["resources"]}
    for name, table in TABLES.items():
        fields = {f["name"]: f["type"] for f in resources[name]["schema"]["fields"]}
        assert fields == {c: table.column_type(c) for c in table.columns}


def test_descriptor_has_version_licences_and_sources():
    descriptor = _descriptor()
    assert re.fullmatch(r"\d+\.\d+\.\d+", descriptor["version"])
    assert descriptor["licenses"] and descriptor["sources"]


def test_enums_in_the_descriptor_come_from_the_schema():
    claims = next(r for r in _descriptor()["resources"] if r["name"] == "claims")
    bound = next(f for f in claims["schema"]["fields"] if f["name"] == "bound")
    assert bound["constraints"]["enum"] == list(BOUND_TYPES)


def test_a_key_that_depends_on_the_row_is_described_not_declared_to_frictionless():
    mentions = next(r for r in _descriptor()["resources"] if r["name"] == "mentions")
    entity_id = next(f for f in mentions["schema"]["fields"] if f["name"] == "entity_id")
    assert entity_id["sahel:references"] == [
        {"resource": "places", "when": {"entity_kind": "place"}},
        {"resource": "actors", "when": {"entity_kind": "actor"}},
    ]
    declared = [fk["fields"] for fk in mentions["schema"]["foreignKeys"]]
    assert declared == ["source_id"]
