"""Generating the resource part of ``datapackage.json`` from ``lib.data.schema``."""

from __future__ import annotations

from lib.data.cells import LIST_SEPARATOR
from lib.data.schema import TABLES, Table


def _constraints(table: Table, column: str) -> dict:
    declared = table.schema.columns[column]
    constraints: dict = {"required": not declared.nullable}
    if declared.unique:
        constraints["unique"] = True
    for check in declared.checks:
        stats = check.statistics or {}
        if "allowed_values" in stats:
            constraints["enum"] = list(stats["allowed_values"])
        if "min_value" in stats:
            constraints["minimum"] = stats["min_value"]
        if "max_value" in stats:
            constraints["maximum"] = stats["max_value"]
        if "pattern" in stats:
            constraints["pattern"] = str(stats["pattern"])
    return constraints


def build_resource(table: Table) -> dict:
    """Describe one table as a Frictionless tabular resource."""
    many = {fk.column: fk for fk in table.foreign_keys if fk.many}
    # Frictionless cannot say "a places id when entity_kind is place"; the field carries it.
    conditional: dict[str, list[dict]] = {}
    for fk in table.foreign_keys:
        if fk.when:
            reference = {"resource": fk.table, "when": {fk.when[0]: fk.when[1]}}
            conditional.setdefault(fk.column, []).append(reference)
    fields = []
    for column in table.columns:
        declared = table.schema.columns[column]
        entry = {
            "name": column,
            "type": table.column_type(column),
            "description": declared.description,
            "constraints": _constraints(table, column),
        }
        if column in many:
            entry["sahel:listOf"] = {"resource": many[column].table, "separator": LIST_SEPARATOR}
        if column in conditional:
            entry["sahel:references"] = conditional[column]
        fields.append(entry)
    foreign_keys = [
        {
            "fields": fk.column,
            "reference": {"resource": fk.table, "fields": TABLES[fk.table].primary_key},
        }
        for fk in table.foreign_keys
        if not fk.many and not fk.when
    ]
    schema: dict = {"fields": fields, "primaryKey": table.primary_key}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def build_resources() -> list[dict]:
    """Every table's resource, in schema order."""
    return [build_resource(table) for table in TABLES.values()]
