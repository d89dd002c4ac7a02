"""The data package's schema, declared once.

Each table is a pandera ``DataFrameSchema`` whose columns also carry the Frictionless type and a
description, so ``datapackage.json`` is generated from this module rather than written by hand.
Cross-table rules (foreign keys, quotes at their offsets) live in ``lib.data.validate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandera.pandas as pa

from lib.data.dates import RULES
from lib.paths import PROJECT_ROOT

# This file, as validation messages name it: taken from where it is, so a move cannot leave the
# messages pointing at the old place.
SCHEMA_FILE = Path(__file__).resolve().relative_to(PROJECT_ROOT).as_posix()

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"


ISO3_PATTERN = r"^[A-Z]{3}$"


SHA256_PATTERN = r"^[0-9a-f]{64}$"


BOUND_TYPES = ("exact", "approx", "lower", "upper", "range")


DATE_PRECISIONS = ("day", "week", "month", "season", "year", "range")


# How claim_a stands to claim_b, most serious first: a topic's panel is headed by its worst
# relation, and lib.render.style gives each its label and colour.
RELATION_TYPES = (
    "conflicts",
    "unresolved",
    "different_scope",
    "different_time",
    "refines",
    "agrees",
)
# Where a candidate explanation of an unresolved relation comes from.
HYPOTHESIS_BASES = ("quote", "data", "outside_documents")


PLACE_KINDS = ("capital", "city", "air_base", "country", "region", "sea")


POINT_PLACE_KINDS = ("capital", "city", "air_base")


GEO_PRECISIONS = ("facility", "facility_approx", "city", "country", "region")


ACTOR_KINDS = (
    "state",
    "government",
    "military",
    "armed_group",
    "person",
    "agency",
    "organisation",
    "legislature",
    "media",
)


# Kinds of event; lib.render.style gives each its colour, symbol and label.
EVENT_CATEGORIES = (
    "us_presence",
    "coup",
    "diplomacy",
    "russia",
    "iran",
    "europe",
    "aid",
    "protest",
    "strike",
    "statement",
    "withdrawal",
)


JUDGMENT_CONFIDENCE = ("high", "moderate", "low")


TOPIC_THEMES = (
    "us_forces",
    "agreement",
    "junta",
    "diplomacy",
    "russia",
    "others",
    "security",
    "context",
)


QUALITY_KINDS = (
    "misnamed_country",
    "scraping_debris",
    "garbled_text",
    "dangling_attribution",
    "misspelled_name",
    "factual_slip",
    "embedded_caption",
    "missing_metadata",
)


# What a mention names: a row of places or of actors.
ENTITY_KINDS = ("place", "actor")


# Rules that turn a date expression into a range: the names of lib.data.dates.RULES.
DATE_RULES = tuple(RULES)


def _column(
    kind: str,
    description: str,
    *,
    required: bool = True,
    unique: bool = False,
    enum: tuple[str, ...] | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    pattern: str | None = None,
) -> pa.Column:
    dtype = {
        "string": str,
        "date": str,
        "integer": "Int64",
        "number": "float64",
        "boolean": "boolean",
    }[kind]
    checks = []
    if enum is not None:
        checks.append(pa.Check.isin(list(enum)))
    if minimum is not None and maximum is not None:
        checks.append(pa.Check.in_range(minimum, maximum))
    elif minimum is not None:
        checks.append(pa.Check.ge(minimum))
    if pattern is not None:
        checks.append(pa.Check.str_matches(pattern))
    return pa.Column(
        dtype,
        checks=checks,
        nullable=not required,
        unique=unique,
        description=description,
        metadata={"type": kind},
    )


def _id(description: str) -> pa.Column:
    return _column("string", description, unique=True, pattern=ID_PATTERN)


def _text(description: str, *, required: bool = True) -> pa.Column:
    return _column("string", description, required=required)


def _offset(description: str, *, required: bool = True) -> pa.Column:
    return _column("integer", description, required=required, minimum=0)


def _date(description: str, *, required: bool = True) -> pa.Column:
    return _column("date", description, required=required)


@dataclass(frozen=True)
class ForeignKey:
    """A column whose value (or each ``|``-separated value) must be an id in another table.

    ``when`` (column, value) limits the key to rows where that column holds that value, so one
    column can point to different tables row by row.
    """

    column: str
    table: str
    many: bool = False
    when: tuple[str, str] | None = None


@dataclass(frozen=True)
class Table:
    """One CSV resource of the package."""

    name: str
    title: str
    description: str
    schema: pa.DataFrameSchema
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)

    def column_type(self, column: str) -> str:
        return self.schema.columns[column].metadata["type"]


SOURCES = Table(
    name="sources",
    title="Sources",
    description="One row per seed document, with its fingerprint and estimated publication date.",
    primary_key="source_id",
    schema=pa.DataFrameSchema(
        {
            "source_id": _id("Short id of the document, used by every other table."),
            "seed_file": _column(
                "string", "File name under seeds/.", unique=True, pattern=r"^[^/\\]+$"
            ),
            "sha256": _column(
                "string", "SHA-256 of the seed file's bytes.", pattern=SHA256_PATTERN
            ),
            "title": _text("Headline as printed, or a curator's bracketed description."),
            "title_printed": _column("boolean", "True when the title is printed in the document."),
            "outlet_printed": _text("Publisher named in the document, as printed.", required=False),
            "outlet_char_start": _offset("Start of the outlet name in the seed.", required=False),
            "outlet_char_end": _offset("End (exclusive) of the outlet name.", required=False),
            "attributed_origin": _text(
                "Wire or original publisher the document signals, as printed.", required=False
            ),
            "origin_char_start": _offset("Start of the origin signal in the seed.", required=False),
            "origin_char_end": _offset("End (exclusive) of the origin signal.", required=False),
            "pub_date_low": _date("Earliest plausible publication date."),
            "pub_date_high": _date("Latest plausible publication date."),
            "pub_date_best": _date("Most likely publication date, within the range."),
            "pub_date_basis": _text("How the publication range was estimated."),
            "language": _column("string", "Language of the text.", enum=("en",)),
            "quality_summary": _text("Curator's summary of the text's quality.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


TOPICS = Table(
    name="topics",
    title="Topics",
    description="Questions the claims answer; claims on one topic from two sources are compared.",
    primary_key="topic_id",
    schema=pa.DataFrameSchema(
        {
            "topic_id": _id("Short key of the topic."),
            "label": _text("Human label."),
            "theme": _column("string", "Group of topics sharing a colour.", enum=TOPIC_THEMES),
            "question": _text("The question the topic's claims answer."),
        },
        strict=True,
        ordered=True,
    ),
)


PLACES = Table(
    name="places",
    title="Places",
    description="Every place the documents name, with honest geographic precision.",
    primary_key="place_id",
    foreign_keys=(ForeignKey("parent_id", "places"),),
    schema=pa.DataFrameSchema(
        {
            "place_id": _id("Short key of the place."),
            "name": _text("Usual English name."),
            "kind": _column("string", "What sort of place it is.", enum=PLACE_KINDS),
            "lat": _column(
                "number",
                "Latitude (WGS84); only for points.",
                required=False,
                minimum=-90,
                maximum=90,
            ),
            "lon": _column(
                "number",
                "Longitude (WGS84); only for points.",
                required=False,
                minimum=-180,
                maximum=180,
            ),
            "geo_precision": _column(
                "string", "How precisely the place is located.", enum=GEO_PRECISIONS
            ),
            "radius_km": _column(
                "number",
                "How far the true location may lie from the point, in km; only for points.",
                required=False,
                minimum=0,
                maximum=100,
            ),
            "iso3": _column(
                "string",
                "ISO 3166-1 alpha-3 code, for countries.",
                required=False,
                pattern=ISO3_PATTERN,
            ),
            "parent_id": _column("string", "Containing place.", required=False),
            "aliases": _text("Other names used in the documents, |-separated.", required=False),
            "note": _text("Curator's note, e.g. where coordinates come from.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


ACTORS = Table(
    name="actors",
    title="Actors",
    description="Every named state, organisation, armed group and person.",
    primary_key="actor_id",
    foreign_keys=(ForeignKey("affiliation", "actors"), ForeignKey("place_id", "places")),
    schema=pa.DataFrameSchema(
        {
            "actor_id": _id("Short key of the actor."),
            "name": _text("Usual English name."),
            "kind": _column("string", "What sort of actor.", enum=ACTOR_KINDS),
            "affiliation": _column("string", "Actor this one belongs to.", required=False),
            "role": _text("Role or title as the documents give it.", required=False),
            "place_id": _column("string", "Territory, for states.", required=False),
            "aliases": _text("Other names used in the documents, |-separated.", required=False),
            "note": _text("Curator's note.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


CLAIMS = Table(
    name="claims",
    title="Claims",
    description="One atomic, checkable statement per row, with its verbatim quote and offsets.",
    primary_key="claim_id",
    foreign_keys=(
        ForeignKey("source_id", "sources"),
        ForeignKey("topic", "topics"),
        ForeignKey("date_anchor", "claims"),
        ForeignKey("place_ids", "places", many=True),
        ForeignKey("claimant_actor_id", "actors"),
    ),
    schema=pa.DataFrameSchema(
        {
            "claim_id": _id("Short key of the claim."),
            "source_id": _column("string", "Document the claim is quoted from."),
            "topic": _column("string", "Topic the claim answers."),
            "subject": _text("What the claim is about."),
            "statement": _text("The claim in the curator's plain words."),
            "statement_note": _text(
                "Why the statement may drop a marker the quote carries (a modal, an attribution, "
                "a negation or a hedge); see python -m lib.validate --lint.",
                required=False,
            ),
            "value": _column("number", "The figure as stated.", required=False),
            "value_low": _column("number", "Lowest value the statement allows.", required=False),
            "value_high": _column(
                "number", "Highest value the statement allows; empty = open.", required=False
            ),
            "bound": _column(
                "string", "How the figure bounds the truth.", required=False, enum=BOUND_TYPES
            ),
            "hedge": _text("The verbatim hedge word, e.g. 'about'.", required=False),
            "unit": _text("Unit of the figure.", required=False),
            "unit_scope": _text("What exactly is counted, e.g. 'troops'.", required=False),
            "date_expr": _text("The verbatim date expression.", required=False),
            "date_rule": _column(
                "string", "Rule resolving the expression.", required=False, enum=DATE_RULES
            ),
            "date_anchor": _column(
                "string", "Claim whose date the rule counts from.", required=False
            ),
            "date_low": _date("Earliest date the expression allows.", required=False),
            "date_high": _date("Latest date the expression allows.", required=False),
            "date_precision": _column(
                "string", "Width of the date range.", required=False, enum=DATE_PRECISIONS
            ),
            "date_basis": _text("How the date was resolved.", required=False),
            "place_ids": _text("Places the claim is about, |-separated.", required=False),
            "claimant": _text("Who makes the claim, as the document attributes it."),
            "claimant_actor_id": _column("string", "The claimant as an actor.", required=False),
            "quote": _text("Exact text of the claim in the seed."),
            "char_start": _offset("Start of the quote (code points)."),
            "char_end": _offset("End of the quote (exclusive)."),
            "note": _text("Curator's note.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


EVENTS = Table(
    name="events",
    title="Events",
    description="Dated happenings on the timeline, each backed by claims.",
    primary_key="event_id",
    foreign_keys=(
        ForeignKey("actor_ids", "actors", many=True),
        ForeignKey("place_id", "places"),
        ForeignKey("claim_ids", "claims", many=True),
    ),
    schema=pa.DataFrameSchema(
        {
            "event_id": _id("Short key of the event."),
            "title": _text("What happened."),
            "date_low": _date("Earliest date."),
            "date_high": _date("Latest date."),
            "date_precision": _column("string", "Width of the date range.", enum=DATE_PRECISIONS),
            "display_date": _text("Date as a reader should see it."),
            "category": _column("string", "Kind of event.", enum=EVENT_CATEGORIES),
            "actor_ids": _text("Actors involved, |-separated."),
            "place_id": _column("string", "Where it happened.", required=False),
            "claim_ids": _text("Claims that support it, |-separated."),
            "date_note": _text("Why the range is what it is.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


RELATIONS = Table(
    name="relations",
    title="Relations",
    description="Typed relation between two claims on one topic from different sources.",
    primary_key="relation_id",
    foreign_keys=(
        ForeignKey("claim_a", "claims"),
        ForeignKey("claim_b", "claims"),
        ForeignKey("scope_basis", "claims", many=True),
    ),
    schema=pa.DataFrameSchema(
        {
            "relation_id": _id("Short key of the relation."),
            "claim_a": _column("string", "First claim."),
            "claim_b": _column("string", "Second claim."),
            # Sorted: the descriptor has always listed them alphabetically.
            "relation": _column(
                "string", "How claim_a stands to claim_b.", enum=tuple(sorted(RELATION_TYPES))
            ),
            "explanation": _text("One line saying why, in terms of what the texts say."),
            "scope_basis": _text(
                "For different_scope: the claims whose quotes establish that the two are about "
                "different things, |-separated.",
                required=False,
            ),
            "override_reason": _text(
                "Why the curated type differs from the one computed from figures and dates.",
                required=False,
            ),
        },
        strict=True,
        ordered=True,
    ),
)

RELATION_HYPOTHESES = Table(
    name="relation_hypotheses",
    title="Relation hypotheses",
    description="Candidate explanations of an unresolved relation, each with its basis.",
    primary_key="hypothesis_id",
    foreign_keys=(ForeignKey("relation_id", "relations"), ForeignKey("source_id", "sources")),
    schema=pa.DataFrameSchema(
        {
            "hypothesis_id": _id("Short key of the hypothesis."),
            "relation_id": _column("string", "The unresolved relation it may explain."),
            "rank": _column("integer", "Order of plausibility, 1 first.", minimum=1),
            "hypothesis": _text("The candidate explanation, one line."),
            "basis": _column(
                "string",
                "What it rests on: a quote, the data (figures, dates), or outside the documents.",
                enum=HYPOTHESIS_BASES,
            ),
            "source_id": _column(
                "string", "Document of the quote, for basis quote.", required=False
            ),
            "quote": _text("Exact text it rests on, for basis quote.", required=False),
            "char_start": _offset("Start of the quote.", required=False),
            "char_end": _offset("End of the quote (exclusive).", required=False),
            "basis_note": _text(
                "For data: what in the data; for outside_documents: where it comes from.",
                required=False,
            ),
        },
        strict=True,
        ordered=True,
    ),
)


QUALITY_FLAGS = Table(
    name="quality_flags",
    title="Quality flags",
    description="Problems in a document's text, with the span they concern.",
    primary_key="flag_id",
    foreign_keys=(ForeignKey("source_id", "sources"),),
    schema=pa.DataFrameSchema(
        {
            "flag_id": _id("Short key of the flag."),
            "source_id": _column("string", "Document with the problem."),
            "kind": _column("string", "Kind of problem.", enum=QUALITY_KINDS),
            "quote": _text("Exact text concerned; empty for document-wide notes.", required=False),
            "char_start": _offset("Start of the quote.", required=False),
            "char_end": _offset("End of the quote (exclusive).", required=False),
            "note": _text("What is wrong and what was meant."),
        },
        strict=True,
        ordered=True,
    ),
)


MENTIONS = Table(
    name="mentions",
    title="Mentions",
    description="Each place and actor a document names, one row per mention, at its offsets.",
    primary_key="mention_id",
    foreign_keys=(
        ForeignKey("source_id", "sources"),
        ForeignKey("entity_id", "places", when=("entity_kind", "place")),
        ForeignKey("entity_id", "actors", when=("entity_kind", "actor")),
    ),
    schema=pa.DataFrameSchema(
        {
            "mention_id": _id("Short key of the mention."),
            "source_id": _column("string", "Document the mention is in."),
            "entity_kind": _column(
                "string", "Whether it names a place or an actor.", enum=ENTITY_KINDS
            ),
            "entity_id": _column(
                "string", "The place or actor named: a places or an actors id, as entity_kind says."
            ),
            "quote": _text("Exact text of the mention in the seed: the name, without a title."),
            "char_start": _offset("Start of the mention (code points)."),
            "char_end": _offset("End of the mention (exclusive)."),
            "extracted_by": _text(
                "Rule that proposed it (lib/analysis/ingest/entities.py); empty if added by hand.",
                required=False,
            ),
            "note": _text("Curator's note.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


# Load order matters only for readability of messages: referenced tables come first.
JUDGMENTS = Table(
    name="judgments",
    title="Key judgments",
    description="The briefing's headline judgments, each a sentence backed by claims.",
    primary_key="judgment_id",
    foreign_keys=(ForeignKey("claim_ids", "claims", many=True),),
    schema=pa.DataFrameSchema(
        {
            "judgment_id": _id("Short key of the judgment."),
            "rank": _column("integer", "Order on the briefing page, 1 first.", minimum=1),
            "text": _text("The judgment, one sentence."),
            "claim_ids": _text("Claims that back it, |-separated; at least two sources ideally."),
            "confidence": _column(
                "string", "How firmly the claims support it.", enum=JUDGMENT_CONFIDENCE
            ),
            "caveat": _text("What would change the judgment, or why it is hedged.", required=False),
        },
        strict=True,
        ordered=True,
    ),
)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        SOURCES,
        TOPICS,
        PLACES,
        ACTORS,
        CLAIMS,
        EVENTS,
        RELATIONS,
        RELATION_HYPOTHESES,
        QUALITY_FLAGS,
        MENTIONS,
        JUDGMENTS,
    )
}


# Every span of seed text the package records: (table, text column, start column, end column).
# Each row's seed is the one its source_id names.
QUOTED_SPANS = (
    ("claims", "quote", "char_start", "char_end"),
    ("quality_flags", "quote", "char_start", "char_end"),
    ("relation_hypotheses", "quote", "char_start", "char_end"),
    ("mentions", "quote", "char_start", "char_end"),
    ("sources", "outlet_printed", "outlet_char_start", "outlet_char_end"),
    ("sources", "attributed_origin", "origin_char_start", "origin_char_end"),
)
