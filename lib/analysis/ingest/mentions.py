"""The draft's places, actors and mentions rows, from the mentions found in the article: a known
entity as the package has it, a new one as a draft for the reviewer to complete."""

from __future__ import annotations

from lib.analysis.ingest.entities import Mention
from lib.data.cells import is_present
from lib.data.ingest.article import make_slug
from lib.data.ingest.draft import DRAFT, EXISTING, PROPOSED, draft_columns, mint_mention_id
from lib.data.read import Package
from lib.data.rows import blank_row


def name_entity_id(mention: Mention) -> str:
    """The id the mention's place or actor has in the package, or the one a draft row gets."""
    return mention.entity_id or _draft_entity_id(mention)


def _draft_entity_id(mention: Mention) -> str:
    # A country from the reference list takes its ISO3 code as id, as the package's own do.
    return mention.iso3.lower() if mention.iso3 else f"new-{make_slug(mention.name, 40)}"


def list_entity_rows(
    mentions: list[Mention], package: Package, kind: str, source_id: str
) -> list[dict[str, str]]:
    """One places or actors row (``kind`` 'place' or 'actor') per entity the mentions name."""
    table = "places" if kind == "place" else "actors"
    key = "place_id" if kind == "place" else "actor_id"
    known = package[table].set_index(key, drop=False)
    rows: dict[str, dict[str, str]] = {}
    for mention in mentions:
        if mention.kind != kind:
            continue
        entity_id = name_entity_id(mention)
        if entity_id in rows:
            continue
        if mention.entity_id and mention.entity_id in known.index:
            record = known.loc[mention.entity_id]
            cells = {c: "" if not is_present(record[c]) else str(record[c]) for c in known.columns}
            rows[entity_id] = {**blank_row(draft_columns(table)), **cells, "status": EXISTING}
            continue
        draft_kind = "city" if kind == "place" else "person"
        if kind == "actor" and mention.extracted_by != "entity.unknown_person":
            draft_kind = "organisation"
        country = {"kind": "country", "iso3": mention.iso3, "geo_precision": "country"}
        rows[entity_id] = blank_row(
            draft_columns(table),
            **{key: entity_id},
            name=mention.name,
            status=DRAFT,
            extracted_by=mention.extracted_by,
            note=f"New in {source_id}: '{mention.surface}'"
            + (
                " (a country of the Natural Earth reference list)."
                if mention.iso3
                else f"; review its kind{' and coordinates' if kind == 'place' else ''}."
            ),
            **(country if mention.iso3 else {"kind": draft_kind}),
        )
    return list(rows.values())


def list_mention_rows(mentions: list[Mention], source_id: str) -> list[dict[str, str]]:
    """One mentions row per mention, in text order."""
    return [
        blank_row(
            draft_columns("mentions"),
            mention_id=mint_mention_id(source_id, number),
            source_id=source_id,
            entity_kind=mention.kind,
            entity_id=name_entity_id(mention),
            quote=mention.surface,
            char_start=str(mention.start),
            char_end=str(mention.end),
            extracted_by=mention.extracted_by,
            status=PROPOSED,
        )
        for number, mention in enumerate(mentions, start=1)
    ]
