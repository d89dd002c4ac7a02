"""lib/analysis/ingest/entities.py: names in an article's text matched to the package's places and
actors, new ones proposed only in patterns that say what they are."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from lib.analysis.ingest.entities import (
    Gazetteer,
    build_gazetteer,
    find_mentions,
    read_countries,
)
from lib.paths import COUNTRIES_PATH
from scripts.build_countries import build_countries

NEW = None  # an entity the package lacks


@pytest.fixture(scope="module")
def gazetteer(curated) -> Gazetteer:
    return build_gazetteer(curated["places"], curated["actors"])


def _found(text: str, gazetteer: Gazetteer) -> list[tuple[str, str, str | None]]:
    return [(m.surface, m.kind, m.entity_id) for m in find_mentions(text, gazetteer)]


# Each sentence with every mention it should give, in order: nothing missing, nothing extra.
SENTENCES = {
    # Word boundaries: the longer word is another name, or a demonym.
    "Nigeria is not Niger": (
        "Convoys crossed from Nigeria into Niger overnight.",
        [("Nigeria", "place", NEW), ("Niger", "place", "ner")],
    ),
    "demonyms are not places": (
        "Nigerien officials greeted their Nigerian and American counterparts.",
        [],
    ),
    "Somalia is not Mali": (
        "Clashes in Somalia have no bearing on Mali.",
        [("Somalia", "place", NEW), ("Mali", "place", "mli")],
    ),
    "Somali and Malian are adjectives": ("Somali and Malian troops trained together.", []),
    # "us" the pronoun is never the United States; "US" as a modifier is an adjective.
    "us is a pronoun and US forces an adjective": (
        "The colonel told us that US forces would stay.",
        [],
    ),
    "US as a word": (
        "The decision surprised the US, a diplomat told us.",
        [("US", "actor", "us")],
    ),
    "U.S. troops is an adjective": ("About 900 U.S. troops remain.", []),
    "U.S.-led is an adjective": ("The U.S.-led mission ended in June.", []),
    "a country modifying a noun is an adjective": ("After the Niger coup, aid stopped.", []),
    # One name for a place and its state: the place after a locative preposition, else the state.
    "a locative preposition makes the place": (
        "Jihadists are active in Mali, Burkina Faso and Niger.",
        [("Mali", "place", "mli"), ("Burkina Faso", "place", "bfa"), ("Niger", "place", "ner")],
    ),
    "elsewhere the state": (
        "Ties between the United States and Niger have frayed.",
        [("United States", "actor", "us"), ("Niger", "actor", "niger")],
    ),
    "a possessive is the state": (
        "Niger’s junta expelled the envoy.",
        [("Niger", "actor", "niger"), ("junta", "actor", "cnsp")],
    ),
    "a possessor after a preposition is the state": (
        "Aid went to Niger’s junta, not to Niger.",
        [("Niger", "actor", "niger"), ("junta", "actor", "cnsp"), ("Niger", "place", "ner")],
    ),
    "a capital as its government": (
        "Tehran denied any talks about uranium.",
        [("Tehran", "actor", "iran")],
    ),
    "a capital as a place": (
        "The minister later flew to Tehran.",
        [("Tehran", "place", "tehran")],
    ),
    "a longer alias wins over the country in it": (
        "Protesters filled Niger’s capital on Friday.",
        [("Niger’s capital", "place", "niamey")],
    ),
    # Known names inside a longer capitalised name.
    "South Africa is not Africa": (
        "Diplomats met in South Africa.",
        [("South Africa", "place", NEW)],
    ),
    # The delta is a place the package lacks (a place noun follows it), never the country.
    "Niger Delta is not Niger": (
        "Oil spills continue in the Niger Delta region.",
        [("Niger Delta", "place", NEW)],
    ),
    # The newspaper is an organisation the package lacks, never the city.
    "Washington Post is not Washington": (
        "Reporters at the Washington Post disagreed.",
        [("Washington Post", "actor", NEW)],
    ),
    # Sentence-initial capitals and days propose nothing.
    "sentence-initial words": (
        "The convoy left. But nobody followed. On Tuesday, Officials met again.",
        [],
    ),
    "a title-case headline": ("US To Withdraw From Niger As Talks Collapse", None),
    # Organisations by their common variants.
    "Defense Department": (
        "The Defense Department confirmed it.",
        [("Defense Department", "actor", "pentagon")],
    ),
    "Department of Defense": (
        "A Department of Defense memo leaked.",
        [("Department of Defense", "actor", "pentagon")],
    ),
    "the Pentagon": ("The Pentagon declined.", [("Pentagon", "actor", "pentagon")]),
    "U.S. Africa Command over Africa Command": (
        "U.S. Africa Command moved drones.",
        [("U.S. Africa Command", "actor", "africom")],
    ),
    "AFRICOM and Africom": (
        "AFRICOM, or Africom in some papers, said so.",
        [("AFRICOM", "actor", "africom"), ("Africom", "actor", "africom")],
    ),
    # People: fuzzy variants, surnames after the full name, titles left out of the surface.
    "added given names, then the surname": (
        "Ali Mahaman Lamine Zeine arrived late. Zeine then spoke.",
        [("Ali Mahaman Lamine Zeine", "actor", "zeine"), ("Zeine", "actor", "zeine")],
    ),
    "an alias without the first given name": (
        "Lamine Zeine visited Moscow.",
        [("Lamine Zeine", "actor", "zeine"), ("Moscow", "place", "moscow")],
    ),
    "a title and a surname only one person has": (
        "Prime Minister Zeine left early.",
        [("Zeine", "actor", "zeine")],
    ),
    "a bare surname before the full name": ("Zeine left early.", []),
    "a rank before the full name, then the surname": (
        "Lt. Gen. Michael Langley testified, and Langley was blunt.",
        [("Michael Langley", "actor", "langley"), ("Langley", "actor", "langley")],
    ),
    "a close but different name": ("Michael Lang wrote the report.", []),
    # Names the package lacks, in patterns that say what they are.
    "an unknown person after a title, then by surname": (
        "Gen. Abdourahamane Tiani spoke briefly. Tiani then left.",
        [("Abdourahamane Tiani", "actor", NEW), ("Tiani", "actor", NEW)],
    ),
    "an unknown person after said, with an apposition": (
        "“We are done,” said Jane Okafor, a Pentagon spokeswoman.",
        [("Jane Okafor", "actor", NEW), ("Pentagon", "actor", "pentagon")],
    ),
    "an unknown person before an apposition": (
        "Kofi Mensah, a senior analyst, disagreed.",
        [("Kofi Mensah", "actor", NEW)],
    ),
    "unknown places after locative prepositions": (
        "Envoys went from Benin to Chad and on to Cotonou.",
        [("Benin", "place", NEW), ("Chad", "place", NEW), ("Cotonou", "place", NEW)],
    ),
    "a wire is not a place": (
        "He spoke to Reuters from Abuja.",
        [("Abuja", "place", NEW)],
    ),
    "a language is not a place": ("The statement was read in French.", []),
}


@pytest.mark.parametrize(("text", "expected"), list(SENTENCES.values()), ids=list(SENTENCES.keys()))
def test_find_mentions_gives_exactly_the_named_entities(gazetteer, text, expected):
    mentions = find_mentions(text, gazetteer)
    if expected is None:
        assert [m for m in mentions if m.entity_id is None] == []
    else:
        assert [(m.surface, m.kind, m.entity_id) for m in mentions] == expected


@pytest.mark.parametrize("variant", ["Air Base 201", "Airbase 201", "Air-Base 201", "Base 201"])
def test_air_base_201_variants_are_ab201(gazetteer, variant):
    assert _found(f"Drones flew from {variant} at dawn.", gazetteer) == [
        (variant, "place", "ab201")
    ]


@pytest.mark.parametrize("variant", ["Air Base 101", "Airbase 101", "101st Air Force Base"])
def test_air_base_101_variants_are_ab101(gazetteer, variant):
    assert _found(f"Crews stayed at {variant} all week.", gazetteer) == [
        (variant, "place", "ab101")
    ]


def test_every_mention_is_the_text_at_its_offsets(gazetteer):
    text = "\n".join(sentence for sentence, _ in SENTENCES.values())
    mentions = find_mentions(text, gazetteer)
    assert mentions
    assert all(text[m.start : m.end] == m.surface for m in mentions)


def test_mentions_are_sorted_and_do_not_overlap(gazetteer):
    text = "U.S. Africa Command and the air base in Agadez, near Niger’s capital, went quiet."
    mentions = find_mentions(text, gazetteer)
    assert [m.surface for m in mentions] == [
        "U.S. Africa Command",
        "air base in Agadez",
        "Niger’s capital",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_offsets_count_code_points_after_curly_quotes_and_emoji(gazetteer):
    text = "“Leave now” 🇳🇪 — said the junta’s envoy in Niamey."
    (mention,) = [m for m in find_mentions(text, gazetteer) if m.entity_id == "niamey"]
    assert (mention.start, mention.end) == (text.index("Niamey"), text.index("Niamey") + 6)


def test_each_mention_names_the_rule_and_the_entity(gazetteer):
    by_surface = {
        m.surface: m
        for m in find_mentions(
            "Airbase 201 and Air Base 201 hosted Ali Mahaman Lamine Zeine. Zeine spoke.",
            gazetteer,
        )
    }
    assert by_surface["Air Base 201"].extracted_by == "entity.alias"
    assert by_surface["Airbase 201"].extracted_by == "entity.normalised"
    assert by_surface["Airbase 201"].name == "Air Base 201"  # without the parenthetical
    fuzzy = by_surface["Ali Mahaman Lamine Zeine"]
    assert (fuzzy.extracted_by, fuzzy.name, fuzzy.score) == (
        "entity.fuzzy",
        "Ali Lamine Zeine",
        100.0,
    )
    assert by_surface["Zeine"].extracted_by == "entity.surname"


def test_a_lower_case_alias_is_reported_as_a_description(gazetteer):
    (mention,) = find_mentions("The junta refused.", gazetteer)
    assert (mention.entity_id, mention.extracted_by) == ("cnsp", "entity.description")


def _tiny_gazetteer() -> Gazetteer:
    places = pd.DataFrame(
        [
            {"place_id": "xy", "name": "Xyland", "kind": "country", "aliases": "XY"},
            {"place_id": "port", "name": "Port Azur (old town)", "kind": "city", "aliases": None},
        ]
    )
    actors = pd.DataFrame(
        [
            {"actor_id": "xy_state", "name": "Xyland", "kind": "state", "place_id": "xy"},
            {
                "actor_id": "doe",
                "name": "Jane Q. Doe",
                "kind": "person",
                "place_id": None,
                "aliases": None,
            },
        ]
    )
    return build_gazetteer(places, actors)


def test_a_state_goes_by_its_countrys_names():
    gazetteer = _tiny_gazetteer()
    assert _found("XY protested; troops moved to Xyland.", gazetteer) == [
        ("XY", "actor", "xy_state"),
        ("Xyland", "place", "xy"),
    ]


def test_a_short_capital_alias_needs_capitals():
    assert _found("Xy and xy are not XY.", _tiny_gazetteer()) == [("XY", "actor", "xy_state")]


def test_a_name_matches_without_its_parenthetical():
    (mention,) = find_mentions("Ferries reached Port Azur.", _tiny_gazetteer())
    assert (mention.entity_id, mention.name) == ("port", "Port Azur")


def test_a_gazetteer_is_hashable_and_equal_when_built_from_the_same_rows():
    assert _tiny_gazetteer() == _tiny_gazetteer()
    assert hash(_tiny_gazetteer()) == hash(_tiny_gazetteer())


@pytest.fixture(scope="module")
def world_gazetteer(curated) -> Gazetteer:
    return build_gazetteer(curated["places"], curated["actors"], read_countries())


# Countries the package lacks, from the reference list: (sentence, surface, ISO3).
COUNTRY_SENTENCES = {
    "France, a state the package has, as a place": (
        "The last soldiers flew home to France.",
        "France",
        "FRA",
    ),
    "Chad after a preposition": ("The convoy turned back toward Chad at dawn.", "Chad", "TCD"),
    "Benin as a subject": ("Benin closed its northern border on Monday.", "Benin", "BEN"),
    "Ivory Coast, an alias": ("Troops moved from Ivory Coast to the north.", "Ivory Coast", "CIV"),
    "Côte d'Ivoire, the name": (
        "Ministers met in Côte d'Ivoire last week.",
        "Côte d'Ivoire",
        "CIV",
    ),
    "Britain, an alias": ("Britain and Germany sent observers.", "Britain", "GBR"),
}


@pytest.mark.parametrize(
    ("text", "surface", "iso3"), list(COUNTRY_SENTENCES.values()), ids=list(COUNTRY_SENTENCES)
)
def test_a_country_the_package_lacks_is_a_new_place_with_its_iso3(
    world_gazetteer, text, surface, iso3
):
    found = [m for m in find_mentions(text, world_gazetteer) if m.surface == surface]
    assert [(m.kind, m.entity_id, m.iso3, m.extracted_by) for m in found] == [
        ("place", NEW, iso3, "entity.country")
    ]


def test_a_country_mention_is_named_as_natural_earth_names_it(world_gazetteer):
    (mention,) = find_mentions("Aid arrived from Ivory Coast.", world_gazetteer)
    assert mention.name == "Côte d'Ivoire"


# Regression rows: the reference list must not take over what the package names or what is no
# name of a country.
COUNTRY_REGRESSIONS = {
    "Niger keeps its package id": (
        "Jihadists are active in Niger.",
        [("Niger", "place", "ner")],
    ),
    "Niger the state keeps its package id": (
        "Niger announced new elections.",
        [("Niger", "actor", "niger")],
    ),
    "France the state keeps its package id": (
        "France said it would keep its embassy open.",
        [("France", "actor", "france")],
    ),
    "French troops is an adjective, not France": ("French troops left Bamako.", None),
    "France troops is an adjective too": ("The France troops left.", []),
    "South Africa gives no bare Africa": (
        "Officials from South Africa attended.",
        [("South Africa", "place", NEW)],
    ),
    "turkey in lower case is no country": ("They ate turkey in Lagos.", None),
}


@pytest.mark.parametrize(
    ("text", "expected"), list(COUNTRY_REGRESSIONS.values()), ids=list(COUNTRY_REGRESSIONS)
)
def test_the_reference_countries_leave_the_package_and_adjectives_alone(
    world_gazetteer, text, expected
):
    found = _found(text, world_gazetteer)
    if expected is None:
        assert not [m for m in find_mentions(text, world_gazetteer) if m.iso3]
    else:
        assert found == expected


def test_a_country_the_package_has_gets_no_iso3_from_the_reference_list(world_gazetteer):
    mentions = find_mentions("Russia and Mali signed a deal in Niger.", world_gazetteer)
    assert mentions and all(m.entity_id and not m.iso3 for m in mentions)


def test_countries_csv_is_reproduced_by_its_script(tmp_path):
    out = tmp_path / "countries.csv"
    build_countries(out)
    assert out.read_bytes() == COUNTRIES_PATH.read_bytes()


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Groups linked to al-Qaida struck again.", "al-Qaida"),
        (
            "Niger left the Economic Community of West African States.",
            "Economic Community of West African States",
        ),
        ("The Senate Armed Services Committee heard him.", "Senate Armed Services Committee"),
        ("A spokesperson for the United Nations said so.", "United Nations"),
    ],
)
def test_an_organisation_the_package_lacks_is_proposed_as_a_new_actor(sentence, surface, curated):
    gazetteer = build_gazetteer(curated["places"], curated["actors"])
    found = [(m.surface, m.entity_id, m.extracted_by) for m in find_mentions(sentence, gazetteer)]
    assert (surface, None, "entity.unknown_organisation") in found


@pytest.mark.parametrize(
    ("sentence", "surface", "entity_id"),
    [
        ("The drone base in Agadez cost a fortune.", "drone base in Agadez", "ab201"),
        ("Troops left the Niamey air base.", "Niamey air base", "ab101"),
        ("They flew to Agadez on Monday.", "Agadez", "agadez"),  # the city, with no base
    ],
)
def test_a_city_named_as_the_site_of_its_one_air_base_is_the_base(
    sentence, surface, entity_id, curated
):
    gazetteer = build_gazetteer(curated["places"], curated["actors"])
    found = [(m.surface, m.entity_id) for m in find_mentions(sentence, gazetteer)]
    assert (surface, entity_id) in found


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("Fighters ambushed a convoy near the town of Tera.", "Tera"),
        ("Attacks rose in the Tillaberi region last year.", "Tillaberi"),
        ("Four soldiers died near the village of Tongo Tongo.", "Tongo Tongo"),
    ],
)
def test_a_place_noun_makes_an_unknown_name_a_draft_place(sentence, surface, curated):
    gazetteer = build_gazetteer(curated["places"], curated["actors"])
    found = [(m.surface, m.kind, m.entity_id) for m in find_mentions(sentence, gazetteer)]
    assert (surface, "place", None) in found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Headline\n\nDAKAR, Aug 5 (Reuters) - The base closed.", [("DAKAR", "place", None)]),
        ("Cotonou (AFP) - The port reopened.", [("Cotonou", "place", None)]),
        ("NIAMEY, Niger (AP) — Troops left.", [("NIAMEY", "place", "niamey")]),
        ("Benin Says (Updated) it will talk", []),  # a bracket that is no wire's credit
    ],
)
def test_a_datelines_city_is_a_place(text, found, curated):
    gazetteer = build_gazetteer(curated["places"], curated["actors"])
    places = [(m.surface, m.kind, m.entity_id) for m in find_mentions(text, gazetteer)]
    assert [p for p in places if p[1] == "place"] == found


@pytest.mark.parametrize(
    "sentence",
    [
        "Agadez hosts the base the US spent $100 million to build.",
        "Mali and Burkina Faso accuse France.",
    ],
)
def test_a_name_before_a_verb_is_a_mention_not_an_adjective(sentence, curated):
    gazetteer = build_gazetteer(curated["places"], curated["actors"])
    surfaces = [m.surface for m in find_mentions(sentence, gazetteer)]
    assert ("US" in surfaces) if "US" in sentence else ("Burkina Faso" in surfaces)
