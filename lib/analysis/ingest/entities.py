"""Find the places and actors an article names (whom a sentence quotes is in ``claimant``).

Each mention says which rule proposed it (``extracted_by``), so a reviewer can see why:
- ``entity.alias``: the text is a name or an alias as the package writes it; a name's
  parenthetical ("Air Base 201 (Agadez)") is not part of the name.
- ``entity.normalised``: the same once case, punctuation and spacing are folded away, so
  "Airbase 201", "Air-Base 201" and "Air Base 201" are one name.
- ``entity.description``: an alias the package writes in lower case ("junta", "lawmakers"):
  a description, which in another article may describe someone else.
- ``entity.locative`` / ``entity.metonym``: a name that a place and an actor share (a country and
  its state, "Tehran" the city and Iran's government) is the place after a locative preposition
  ("in Niger", "from Mali, Burkina Faso and Niger") and the actor anywhere else ("Niger
  announced", "relations between the United States and Niger").
- ``entity.fuzzy``: a person's name with given names added or dropped or a small spelling
  difference ("Ali Mahaman Lamine Zeine"), scored by rapidfuzz's token_set_ratio; the surname
  must agree.
- ``entity.surname``: a surname alone, once the person's full name has been seen earlier in the
  text, or after a title ("Prime Minister Zeine") when only one person in the package has it.
- ``entity.unknown_person``: a name the package lacks, after a title ("Gen. Name"), after
  "said", or before an apposition naming a role ("Name, a spokesman").
- ``entity.country``: a capitalised country name or short form from the reference list
  (``data/geo/countries.csv``) that the package's places and actors do not cover ("France",
  "Ivory Coast"); its ``iso3`` says which country.
- ``entity.unknown_place``: a capitalised name the package lacks after a locative preposition
  ("in Cotonou", "to Chad", "from Benin").

Conventions:
- Matches are whole words: "Niger" is not found in "Nigeria" or "Nigerien", nor "Mali" in
  "Somalia". A short all-capital alias ("US", "CNSP") matches only in capitals, so the pronoun
  "us" is never the United States; a one-word capitalised name matches only when capitalised.
- An adjective is not a mention, of a place or of an actor. Demonyms ("Nigerien", "American",
  "Russian") are not names, and a country's name used as one ("U.S. troops", "the Niger coup",
  "U.S.-led") is skipped for the same reason, so "American troops" and "U.S. troops" read alike.
- A known place inside a longer capitalised name is not a mention: "Niger" in "Niger Delta",
  "Africa" in "South Africa", "Washington" in "Washington Post".
- A surface is the name without its title: "Gen. Michael Langley" gives "Michael Langley".
- Capitalisation alone never makes an entity, so sentence-initial words ("The", "But", "On
  Tuesday") and headlines in title case propose nothing new.
- Where candidates overlap, the longest wins ("U.S. Africa Command" over "Africa Command").
- The package wins over the reference list: a country whose ISO3 code or any name the package
  already has is left out of it, so "Niger" and "Russia" keep their package ids. A state the
  package has without its place ("France") keeps its name, and the reference country is the
  place, read by the locative rule: "in France" the place, "France said" the state.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz, process

from lib.analysis.ingest.dates import DATELINE_RE
from lib.analysis.text import ABBREVIATIONS as TEXT_ABBREVIATIONS
from lib.analysis.text import FUNCTION_WORDS, make_word_set
from lib.data.cells import is_present, split_list
from lib.data.dates import MONTH_WORDS, WEEKDAYS
from lib.data.schema import ENTITY_KINDS
from lib.paths import COUNTRIES_PATH

PLACE, ACTOR = ENTITY_KINDS
EXACT_SCORE = 100.0
# token_set_ratio scores 100 when one name's words contain the other's ("Ali Lamine Zeine" in
# "Ali Mahaman Lamine Zeine"); 90 still refuses "Michael Lang" for "Michael Langley" (89).
FUZZY_CUTOFF = 90.0
# A surname spelt differently ("Wallender") is still the same surname.
SURNAME_CUTOFF = 85.0

_WORD_RE = re.compile(r"[^\W_]+")
_PARENTHETICAL_RE = re.compile(r"\s*\([^()]*\)\s*$")
_NEWLINE_RE = re.compile(r"\n")
# What may sit between two words of one name: a space, a hyphen, an apostrophe, the full stop of
# an abbreviation ("U.S.", "Gen."), or the comma of "Washington, D.C.".
_NAME_GAP_RE = re.compile(r"[.,’'\-\u2010\u2011]?[ \u00a0]{0,2}")
_HYPHENS = ("-", "\u2010", "\u2011")
_APOSTROPHES = ("’", "'")
# Punctuation that ends a phrase: a claimant's name or a list of places does not run across it.
_PHRASE_BREAK_RE = re.compile(r"[.;:!?()\[\]“”\"‘’—–]")

# Verbs and adverbs after a country's name: "Niger says" is not an adjective, "U.S. troops" is.
NOT_NOUNS = make_word_set(
    """
    said says say told tells added adds noted notes stated announced announces warned warns
    claimed claims confirmed confirms insisted insists argued argues explained acknowledged
    wrote writes declared declares reported reports denied denies believes wants plans seeks
    sought remains continues allows agrees refuses expects hopes fears needs urges calls offers
    accuses rejects demands cut cuts sent sends began begins withdrew withdraws became becomes
    broke breaks made makes took takes gave gives got gets led leads kept keeps left leaves
    met meets struck strikes won wins lost loses overnight today yesterday tomorrow tonight soon
    afterwards instead too either alone together spent spends pays paid built builds
    is are was were has have had will would could should must may might can cannot does did
    do sets set turns turned pulled pulls signed signs ordered orders moved moves
    accuse accused reject rejected demand demanded announce agree agreed fray frays
    """
)
MONTHS = frozenset(MONTH_WORDS)
DAYS = frozenset(WEEKDAYS)
TITLE_WORDS = make_word_set(
    """
    gen general lt lieutenant col colonel maj major brig brigadier adm admiral capt captain
    cmdr commander sgt sergeant cpl corporal marshal president minister premier secretary
    undersecretary spokesman spokeswoman spokesperson ambassador envoy senator sen rep
    representative congressman congresswoman gov governor mayor chancellor king queen prince
    princess emir sheikh mr mrs ms dr prof professor judge justice chief director chairman
    chairwoman chair leader head deputy vice assistant commissioner
    """
)
# Nouns that name a role in an apposition ("Name, a senior official"), beyond the titles.
ROLE_WORDS = TITLE_WORDS | make_word_set(
    """
    official officer analyst researcher expert adviser advisor diplomat lawmaker journalist
    correspondent activist founder soldier spokesperson negotiator
    """
)
# Words of organisations and offices: never part of a person's or a place's name.
ORG_WORDS = make_word_set(
    """
    ministry department council command office agency army forces force navy assembly
    parliament congress senate house committee commission union party front movement group
    corps bank fund court government administration university institute center centre
    foundation organization organisation association company corporation inc ltd news times
    post press radio television state defense defence foreign interior justice affairs security
    intelligence service services staff guard police watch network alliance community
    nations states coalition league confederation
    """
)
# Wires and outlets reporting names all the time; none of them is a place.
MEDIA_WORDS = make_word_set(
    "reuters bloomberg afp ap cnn bbc guardian axios politico jazeera rfi voa xinhua tass"
)
LANGUAGE_WORDS = make_word_set(
    """
    french arabic dutch greek thai swiss hausa bambara fulani wolof tamashek zarma swahili
    farsi hindi urdu hebrew latin
    """
)
# Endings of demonyms and languages ("Nigerien", "Chinese", "English"); no common place has one.
DEMONYM_ENDINGS = ("ese", "ish", "ian", "ien", "ean")
ABBREVIATIONS = frozenset(word.casefold() for word in TEXT_ABBREVIATIONS)
# Lower-case words inside a name ("Jamaat Nusrat al-Islam", "Gulf of Guinea").
NAME_PARTICLES = make_word_set("al el bin ibn bint de da di du van von der den la le ould ag of")
# "the town of Tera", "the Tillaberi region": a place noun makes the name beside it a place.
PLACE_NOUNS = make_word_set(
    "village town city region province district commune capital port island oasis valley"
)
LOCATIVES = make_word_set(
    """
    in into inside within throughout across to towards toward from near around at via
    through leave left leaving visit visited visiting
    """
)
# "to" after these is not a direction: "according to Reuters", "spoke to Chad's minister".
NOT_DIRECTION_BEFORE_TO = make_word_set(
    """
    according spoke speak speaks speaking talked talk talking told said wrote write writing
    referring refer next close due thanks owing compared similar opposed pointed responded
    replied appealed
    """
)
# A line this capitalised is a headline in title case: its capitals say nothing about names.
TITLE_CASE_SHARE = 0.8


@dataclass(frozen=True)
class Mention:
    """One place or actor named in a text, at code-point offsets: text[start:end] == surface."""

    start: int
    end: int
    surface: str
    kind: str
    entity_id: str | None
    name: str
    # 100 for an exact or normalised match, rapidfuzz's for a fuzzy one, 0 for a new entity.
    score: float
    extracted_by: str
    # The ISO3 code of a country from the reference list; empty for anything else.
    iso3: str = ""


@dataclass(frozen=True)
class _Variant:
    """One written form of a place's or actor's name, as the gazetteer indexes it."""

    kind: str
    entity_id: str | None
    name: str
    written: str
    key: str
    is_description: bool
    is_acronym: bool
    needs_capital: bool
    is_country: bool
    iso3: str = ""


@dataclass(frozen=True)
class _Person:
    """A person actor: the folded forms of their full name, and their surname."""

    entity_id: str
    name: str
    forms: tuple[str, ...]
    surname: str


@dataclass(frozen=True)
class Gazetteer:
    """The package's places and actors indexed for matching; made by build_gazetteer."""

    variants: tuple[_Variant, ...]
    persons: tuple[_Person, ...]
    # City id → (id, name) of the one air base the package places in it, for "the base in Agadez".
    bases: tuple[tuple[str, str, str], ...] = ()
    index: dict[str, tuple[_Variant, ...]] = field(init=False, repr=False, compare=False)
    prefixes: frozenset[str] = field(init=False, repr=False, compare=False)
    max_words: int = field(init=False, repr=False, compare=False)
    person_forms: tuple[str, ...] = field(init=False, repr=False, compare=False)
    form_owner: tuple[_Person, ...] = field(init=False, repr=False, compare=False)
    persons_by_id: dict[str, _Person] = field(init=False, repr=False, compare=False)
    surnames: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[_Variant]] = {}
        prefixes: set[str] = set()
        max_words = 1
        for variant in self.variants:
            index.setdefault(variant.key, []).append(variant)
            words = [_fold(w) for w in _WORD_RE.findall(variant.written)]
            max_words = max(max_words, len(words))
            prefixes.update("".join(words[: n + 1]) for n in range(len(words)))
        surnames: dict[str, list[str]] = {}
        for person in self.persons:
            surnames.setdefault(person.surname, []).append(person.entity_id)
        owners = [(form, person) for person in self.persons for form in person.forms]
        values = {
            "index": {key: tuple(found) for key, found in index.items()},
            "prefixes": frozenset(prefixes),
            "max_words": max_words,
            "person_forms": tuple(form for form, _ in owners),
            "form_owner": tuple(person for _, person in owners),
            "persons_by_id": {person.entity_id: person for person in self.persons},
            "surnames": {key: tuple(dict.fromkeys(ids)) for key, ids in surnames.items()},
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


# "al-" or "al " right before a capitalised name: the article of many armed groups' names.
_AL_PREFIX_RE = re.compile(r"(?<![\w])[Aa]l[- ]\Z")
_AL_PREFIX_LEN = len("al-")


def _has_al_prefix(text: str, start: int) -> bool:
    # Searched in the few characters before ``start`` (the look-behind still sees the one before
    # them): searched from 0, each name rescanned the text before it, which took a 1 MB article
    # two minutes.
    return bool(_AL_PREFIX_RE.search(text, max(0, start - _AL_PREFIX_LEN), start))


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class _Candidate:
    first: int
    last: int
    start: int
    end: int
    kind: str
    entity_id: str | None
    name: str
    score: float
    extracted_by: str
    priority: int
    iso3: str = ""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _split_words(text: str, start: int = 0, end: int | None = None) -> list[_Word]:
    """The words of text[start:end] with their offsets into text and their folded form."""
    return [
        _Word(m.start(), m.end(), m.group(), _fold(m.group()))
        for m in _WORD_RE.finditer(text, start, len(text) if end is None else end)
    ]


def _strip_parenthetical(name: str) -> str:
    return _PARENTHETICAL_RE.sub("", name).strip()


def _make_variant(kind: str, entity_id: str, name: str, written: str, country: bool):
    words = _WORD_RE.findall(written)
    if not words:
        return None
    letters = [c for c in written if c.isalpha()]
    # "US", "U.S.", "CNSP": all capitals and short, so "us" the pronoun never matches.
    acronym = bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5
    return _Variant(
        kind=kind,
        entity_id=entity_id,
        name=name,
        written=written,
        key="".join(_fold(w) for w in words),
        is_description=written[0].islower(),
        is_acronym=acronym,
        needs_capital=len(words) == 1 and written[0].isupper(),
        is_country=country,
    )


def _list_forms(row: pd.Series) -> list[str]:
    name = _strip_parenthetical(str(row["name"]))
    aliases = split_list(row["aliases"]) if "aliases" in row else []
    return list(dict.fromkeys([name, *aliases]))


def read_countries(path: Path = COUNTRIES_PATH) -> pd.DataFrame:
    """The reference countries (name, iso3, aliases) that scripts.build_countries wrote."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _list_country_variants(countries: pd.DataFrame, places: pd.DataFrame, taken: set[str]):
    """Variants of the reference countries whose ISO3 code and names the package lacks."""
    known_iso3 = set(places["iso3"].dropna()) if "iso3" in places else set()
    variants = []
    for _, row in countries.iterrows():
        name, iso3 = str(row["name"]), str(row["iso3"])
        forms = [v for w in _list_forms(row) if (v := _make_variant(PLACE, None, name, w, True))]
        if iso3 in known_iso3 or any(v.key in taken for v in forms):
            continue
        # Only a capitalised country is one: "turkey" is a bird, "chad" a scrap of paper.
        variants.extend(replace(v, needs_capital=True, iso3=iso3) for v in forms)
    return variants


def build_gazetteer(
    places: pd.DataFrame, actors: pd.DataFrame, countries: pd.DataFrame | None = None
) -> Gazetteer:
    """Index every name and alias of the places and actors tables for find_mentions.

    ``countries`` (see read_countries) adds the countries the package lacks, as new places.
    """
    variants: list[_Variant] = []
    country_forms: dict[str, list[str]] = {}
    for _, row in places.iterrows():
        place_id, name = str(row["place_id"]), _strip_parenthetical(str(row["name"]))
        country = row["kind"] == "country"
        forms = _list_forms(row)
        if country:
            country_forms[place_id] = forms
        variants.extend(v for w in forms if (v := _make_variant(PLACE, place_id, name, w, country)))
    persons = []
    for _, row in actors.iterrows():
        actor_id, name = str(row["actor_id"]), _strip_parenthetical(str(row["name"]))
        state = row["kind"] == "state"
        forms = _list_forms(row)
        # A state goes by its country's names too: "the United States" is the place or the state.
        if state and is_present(row.get("place_id")):
            forms = list(dict.fromkeys([*forms, *country_forms.get(str(row["place_id"]), [])]))
        variants.extend(v for w in forms if (v := _make_variant(ACTOR, actor_id, name, w, state)))
        if row["kind"] == "person":
            folded = [" ".join(_fold(w) for w in _WORD_RE.findall(f)) for f in forms]
            full = tuple(f for f in folded if " " in f)
            if full:
                persons.append(_Person(actor_id, name, full, full[0].split()[-1]))
    if countries is not None:
        # A state without a place of its own leaves its name free for the reference place.
        taken = {v.key for v in variants if not (v.kind == ACTOR and v.is_country)}
        variants.extend(_list_country_variants(countries, places, taken))
    return Gazetteer(variants=tuple(variants), persons=tuple(persons), bases=_list_bases(places))


def _list_bases(places: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    """(city id, base id, base name) for each city that holds exactly one air base."""
    if not {"kind", "parent_id", "place_id", "name"} <= set(places.columns):
        return ()
    bases = places[(places["kind"] == "air_base") & places["parent_id"].map(is_present)]
    counts = bases["parent_id"].value_counts()
    return tuple(
        (row.parent_id, row.place_id, row.name)
        for row in bases.itertuples()
        if counts[row.parent_id] == 1
    )


# "the drone base in Agadez", "a base near Niamey" before a city; "Niamey air base" after it.
_BASE_BEFORE_RE = re.compile(
    r"\b(?:(?:air|drone|military|army)\s+)?base\s+(?:in|near|at|outside|of)\s+\Z", re.IGNORECASE
)
_BASE_AFTER_RE = re.compile(r"\s+(?:(?:air|drone|military)\s+)?base\b", re.IGNORECASE)


def _add_dateline_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """The dateline's city, as an unknown place, where no mention covers it already."""
    added = list(mentions)
    for match in DATELINE_RE.finditer(text):
        city, (start, end) = match.group("city") or "", match.span("city")
        if len(city) < 3 or any(m.start < end and start < m.end for m in added):
            continue
        added.append(
            Mention(
                start=start,
                end=end,
                surface=city,
                kind=PLACE,
                entity_id=None,
                name=city.title(),
                score=0.0,
                extracted_by="entity.dateline",
            )
        )
    return sorted(added, key=lambda m: m.start)


def _widen_to_bases(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A city named as the site of its one air base ("the drone base in Agadez", "Niamey air
    base") is a mention of the base, over the words that say so (rule entity.base_of_city)."""
    bases = {city: (base, name) for city, base, name in gazetteer.bases}
    widened = []
    for mention in mentions:
        found = bases.get(mention.entity_id or "") if mention.kind == PLACE else None
        before = _BASE_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
        after = _BASE_AFTER_RE.match(text, mention.end)
        if found and (before or after):
            start = before.start() if before else mention.start
            end = after.end() if after and not before else mention.end
            mention = replace(
                mention,
                start=start,
                end=end,
                surface=text[start:end],
                entity_id=found[0],
                name=found[1],
                extracted_by="entity.base_of_city",
            )
        widened.append(mention)
    return widened


class TextWords:
    """A text split into words, with the questions the rules ask about a word's neighbours."""

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        self.text = text
        self.words = _split_words(text, start, end)

    @cached_property
    def headline(self) -> frozenset[int]:
        """Words on lines in title case."""
        return self._find_title_case_words()

    def gap(self, left: int, right: int) -> str:
        return self.text[self.words[left].end : self.words[right].start]

    def is_abbreviation(self, index: int) -> bool:
        word = self.words[index]
        return len(word.text) == 1 or word.key in ABBREVIATIONS

    def joins_name(self, left: int) -> bool:
        """Whether words left and left + 1 can belong to one name."""
        gap = self.gap(left, left + 1)
        if not _NAME_GAP_RE.fullmatch(gap):
            return False
        return "." not in gap or self.is_abbreviation(left)

    def breaks_phrase(self, left: int) -> bool:
        """Whether punctuation between words left and left + 1 ends a phrase."""
        gap = self.gap(left, left + 1)
        if "\n" in gap:
            return True
        if gap in _APOSTROPHES and self.words[left + 1].key == "s":
            return False  # a possessive
        if gap.strip() == "." and self.is_abbreviation(left):
            return False
        return bool(_PHRASE_BREAK_RE.search(gap))

    def end_of(self, first: int, last: int) -> int:
        # "U.S." and "D.C." keep their last full stop.
        end = self.words[last].end
        if (
            last > first
            and len(self.words[last].text) == 1
            and self.text[end : end + 1] == "."
            and "." in self.gap(last - 1, last)
        ):
            return end + 1
        return end

    def is_name_word(self, index: int) -> bool:
        word = self.words[index]
        return (
            word.text[0].isupper()
            and word.key not in FUNCTION_WORDS
            and word.key not in TITLE_WORDS
            and word.key not in MONTHS
            and word.key not in DAYS
        )

    def _find_title_case_words(self) -> frozenset[int]:
        breaks = [m.start() for m in _NEWLINE_RE.finditer(self.text)]
        lines: dict[int, list[int]] = {}
        for index, word in enumerate(self.words):
            lines.setdefault(bisect.bisect(breaks, word.start), []).append(index)
        found: set[int] = set()
        for indexes in lines.values():
            alpha = [i for i in indexes if self.words[i].text[0].isalpha()]
            capitalised = [i for i in alpha if self.words[i].text[0].isupper()]
            small_capitalised = any(self.words[i].key in FUNCTION_WORDS for i in capitalised[1:])
            if (
                len(alpha) >= 4
                and small_capitalised
                and len(capitalised) >= TITLE_CASE_SHARE * len(alpha)
            ):
                found.update(indexes)
        return frozenset(found)


def _fits(variant: _Variant, surface: str) -> bool:
    if variant.is_acronym:
        return all(c.isupper() for c in surface if c.isalpha())
    if variant.needs_capital:
        return surface[0].isupper()
    return True


def _is_modifier(doc: TextWords, last: int, end: int) -> bool:
    """Whether the name ending at word ``last`` is used as an adjective ("U.S. troops")."""
    if last + 1 >= len(doc.words):
        return False
    following = doc.words[last + 1]
    gap = doc.text[end : following.start]
    if gap in _HYPHENS:
        return following.text.islower()  # "U.S.-led", "Niger-based"
    if gap != " " or not following.text.islower():
        return False
    key = following.key
    return not (key in FUNCTION_WORDS or key in NOT_NOUNS or key.endswith(("ed", "ly")))


def _is_locative(doc: TextWords, first: int) -> bool:
    """Whether a locative preposition governs the name at word ``first``, across a list."""
    index = first - 1
    while index >= 0 and not doc.breaks_phrase(index):
        word = doc.words[index]
        if word.key in LOCATIVES:
            return True
        listed = word.key in ("the", "and", "or") or doc.is_name_word(index)
        if not listed or first - index > 8:
            return False
        index -= 1
    return False


def _is_possessive(doc: TextWords, last: int) -> bool:
    return (
        last + 1 < len(doc.words)
        and doc.gap(last, last + 1) in _APOSTROPHES
        and doc.words[last + 1].key == "s"
    )


def _is_inside_longer_name(doc: TextWords, first: int, last: int, gazetteer: Gazetteer) -> bool:
    before, after = first - 1, last + 1
    if (
        before >= 0
        and doc.gap(before, first) == " "
        and doc.is_name_word(before)
        and doc.words[before].key not in gazetteer.index
    ):
        return True
    return (
        after < len(doc.words)
        and doc.gap(last, after) == " "
        and doc.is_name_word(after)
        and doc.words[after].key not in gazetteer.prefixes
    )


def _read_known(
    doc: TextWords, first: int, last: int, end: int, found: list[_Variant], gazetteer: Gazetteer
) -> _Candidate | None:
    """Decide what a matched name refers to here, or None when the context says it is not one."""
    start = doc.words[first].start
    surface = doc.text[start:end]
    if any(v.is_country for v in found) and _is_modifier(doc, last, end):
        return None
    kinds = {v.kind for v in found}
    if PLACE in kinds and _is_inside_longer_name(doc, first, last, gazetteer):
        return None
    rule = None
    if len(kinds) == 2:
        # In "to Niger's junta" the preposition governs "junta": a possessor is the actor.
        kind = PLACE if _is_locative(doc, first) and not _is_possessive(doc, last) else ACTOR
        rule = "entity.locative" if kind == PLACE else "entity.metonym"
    else:
        kind = kinds.pop()
    chosen = [v for v in found if v.kind == kind]
    entity = [v for v in chosen if v.entity_id == chosen[0].entity_id]
    if rule is None:
        if all(v.is_description for v in entity):
            rule = "entity.description"
        elif surface in {v.written for v in entity}:
            rule = "entity.alias"
        else:
            rule = "entity.normalised"
    head = entity[0]
    if head.iso3:
        rule = "entity.country"
    return _Candidate(
        first, last, start, end, kind, head.entity_id, head.name, EXACT_SCORE, rule, 0, head.iso3
    )


def _scan_known(doc: TextWords, gazetteer: Gazetteer) -> list[_Candidate]:
    """At each word, the longest name or alias of the gazetteer starting there."""
    found = []
    words = doc.words
    for first in range(len(words)):
        key = ""
        best = None
        for last in range(first, min(len(words), first + gazetteer.max_words)):
            if last > first and not doc.joins_name(last - 1):
                break
            key += words[last].key
            if key not in gazetteer.prefixes:
                break
            variants = gazetteer.index.get(key)
            if variants:
                end = doc.end_of(first, last)
                fitting = [v for v in variants if _fits(v, doc.text[words[first].start : end])]
                if fitting:
                    best = (last, end, fitting)
        if best:
            candidate = _read_known(doc, first, best[0], best[1], best[2], gazetteer)
            if candidate:
                found.append(candidate)
    return found


def _find_name_runs(doc: TextWords, usable) -> list[tuple[int, int]]:
    """Maximal runs of capitalised name words (with particles such as "al-" inside)."""
    runs = []
    index = 0
    count = len(doc.words)
    while index < count:
        if not (usable(index) and doc.is_name_word(index)):
            index += 1
            continue
        last = index
        while last + 1 < count and usable(last + 1) and doc.joins_name(last):
            if doc.is_name_word(last + 1):
                last += 1
            elif (
                doc.words[last + 1].key in NAME_PARTICLES
                and last + 2 < count
                and usable(last + 2)
                and doc.joins_name(last + 1)
                and doc.is_name_word(last + 2)
            ):
                last += 2
            else:
                break
        runs.append((index, last))
        index = last + 1
    return runs


def _has_word(person: _Person, key: str) -> bool:
    return any(
        fuzz.ratio(key, word) >= SURNAME_CUTOFF for form in person.forms for word in form.split()
    )


def _scan_fuzzy(doc: TextWords, gazetteer: Gazetteer) -> list[_Candidate]:
    """Runs of two or more name words close to a person's full name."""
    if not gazetteer.person_forms:
        return []
    found = []
    for first, last in _find_name_runs(doc, lambda _: True):
        if last == first:
            continue
        query = " ".join(w.key for w in doc.words[first : last + 1])
        match = process.extractOne(
            query, gazetteer.person_forms, scorer=fuzz.token_set_ratio, score_cutoff=FUZZY_CUTOFF
        )
        if match is None:
            continue
        person = gazetteer.form_owner[match[2]]
        # Words at either edge that the person's name lacks belong to something else.
        while last - first > 1 and not _has_word(person, doc.words[first].key):
            first += 1
        while last - first > 1 and not _has_word(person, doc.words[last].key):
            last -= 1
        keys = [w.key for w in doc.words[first : last + 1]]
        if not _has_word(person, keys[0]) or fuzz.ratio(keys[-1], person.surname) < SURNAME_CUTOFF:
            continue
        score = max(fuzz.token_set_ratio(" ".join(keys), form) for form in person.forms)
        if score < FUZZY_CUTOFF:
            continue
        candidate = _Candidate(
            first=first,
            last=last,
            start=doc.words[first].start,
            end=doc.words[last].end,
            kind=ACTOR,
            entity_id=person.entity_id,
            name=person.name,
            score=score,
            extracted_by="entity.fuzzy",
            priority=1,
        )
        found.append(candidate)
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, in text order."""
    taken: set[int] = set()
    chosen = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        words = range(c.first, c.last + 1)
        if not taken.intersection(words):
            chosen.append(c)
            taken.update(words)
    return sorted(chosen, key=lambda c: c.start)


def _has_title_before(doc: TextWords, first: int) -> bool:
    """Whether a title or a role comes just before word ``first`` ("Gen.", "minister,")."""
    index = first - 1
    if index < 0:
        return False
    gap = doc.gap(index, first)
    if gap.strip() == ",":
        return doc.words[index].key in ROLE_WORDS
    # Back over the office a title may carry: "Secretary of State", "Defense Secretary".
    while index >= 0 and first - index <= 6:
        gap = doc.gap(index, index + 1)
        if "\n" in gap or not (gap.strip() == "" or doc.is_abbreviation(index)):
            return False
        key = doc.words[index].key
        if key in TITLE_WORDS:
            return True
        if key not in ("of", "the", "for") and key not in ORG_WORDS:
            return False
        index -= 1
    return False


def _has_said_before(doc: TextWords, first: int) -> bool:
    return (
        first > 0
        and doc.words[first - 1].key in ("said", "says")
        and doc.gap(first - 1, first) == " "
    )


def _has_role_after(doc: TextWords, last: int) -> bool:
    """Whether an apposition naming a role follows: ", a spokesman", ", Niger's prime minister"."""
    if last + 1 >= len(doc.words) or doc.gap(last, last + 1).strip() != ",":
        return False
    for index in range(last + 1, min(len(doc.words), last + 7)):
        if doc.words[index].key in ROLE_WORDS:
            return True
        if doc.breaks_phrase(index) or doc.gap(index, index + 1).strip() == ",":
            return False
    return False


def _has_place_before(doc: TextWords, first: int) -> bool:
    index = first - 1
    if index >= 0 and doc.words[index].key == "the" and not doc.breaks_phrase(index):
        index -= 1
    if index < 0 or doc.breaks_phrase(index) or doc.gap(index, index + 1).strip(" ,"):
        return False
    key = doc.words[index].key
    if key == "of" and index > 0 and doc.words[index - 1].key in PLACE_NOUNS:
        return True
    if key not in LOCATIVES:
        return False
    return not (key == "to" and index > 0 and doc.words[index - 1].key in NOT_DIRECTION_BEFORE_TO)


def _has_place_noun_after(doc: TextWords, last: int) -> bool:
    """ "the Tillaberi region": a place noun right after the name."""
    after = last + 1
    return (
        after < len(doc.words)
        and doc.gap(last, after) == " "
        and doc.words[after].key in PLACE_NOUNS
        and doc.words[after].text.islower()
    )


def _is_place_like(doc: TextWords, first: int, last: int) -> bool:
    keys = [w.key for w in doc.words[first : last + 1]]
    if any(k in ORG_WORDS or k in MEDIA_WORDS for k in keys):
        return False
    if first == last:
        word = doc.words[first].text
        if word.isupper() or keys[0] in LANGUAGE_WORDS or keys[0].endswith(DEMONYM_ENDINGS):
            return False
    return not _is_modifier(doc, last, doc.words[last].end)


def _is_organisation_like(doc: TextWords, first: int, last: int) -> bool:
    """A name of several words that ends in an organisation's head word ("Alliance of Sahel
    States", "Senate Armed Services Committee", "United Nations"), or one that a group's
    "al-" opens ("al-Qaida", "al Qaeda"); never a headline's title case."""
    if _has_al_prefix(doc.text, doc.words[first].start):
        return True
    if last == first:
        return False
    keys = [w.key for w in doc.words[first : last + 1]]
    return keys[-1] in ORG_WORDS


def _is_person_like(doc: TextWords, first: int, last: int) -> bool:
    words = doc.words[first : last + 1]
    return not any(
        w.key in ORG_WORDS or w.key in MEDIA_WORDS or (len(w.text) > 1 and w.text.isupper())
        for w in words
    )


def _find_by_context(doc: TextWords, chosen: list[_Candidate], gazetteer: Gazetteer):
    """Surnames of people already named, then names the package lacks, left to right."""
    taken = {i for c in chosen for i in range(c.first, c.last + 1)}
    introductions = sorted(
        (c.start, c.entity_id)
        for c in chosen
        if c.entity_id in gazetteer.persons_by_id and c.last > c.first
    )
    seen: dict[str, tuple[str | None, str]] = {}
    found: list[_Candidate] = []

    def is_free(index: int) -> bool:
        return index not in taken and index not in doc.headline

    for first, last in _find_name_runs(doc, is_free):
        start, end = doc.words[first].start, doc.words[last].end
        while introductions and introductions[0][0] < start:
            person = gazetteer.persons_by_id[introductions.pop(0)[1]]
            seen[person.surname] = (person.entity_id, person.name)
        surface = doc.text[start:end]
        titled = _has_title_before(doc, first)
        candidate = None
        key = doc.words[first].key
        if first == last and key in seen:
            entity_id, name = seen[key]
            candidate = (ACTOR, entity_id, name, "entity.surname")
        elif first == last and titled and len(gazetteer.surnames.get(key, ())) == 1:
            person = gazetteer.persons_by_id[gazetteer.surnames[key][0]]
            candidate = (ACTOR, person.entity_id, person.name, "entity.surname")
        elif _is_person_like(doc, first, last) and (
            titled
            or (last > first and (_has_said_before(doc, first) or _has_role_after(doc, last)))
        ):
            candidate = (ACTOR, None, surface, "entity.unknown_person")
            seen[doc.words[last].key] = (None, surface)
        elif _is_organisation_like(doc, first, last):
            if _has_al_prefix(doc.text, start):
                start -= 3  # the surface keeps its "al-": "al-Qaida", not "Qaida"
                surface = doc.text[start:end]
            candidate = (ACTOR, None, surface, "entity.unknown_organisation")
        elif (_has_place_noun_after(doc, last) and _is_person_like(doc, first, last)) or (
            _has_place_before(doc, first) and _is_place_like(doc, first, last)
        ):
            candidate = (PLACE, None, surface, "entity.unknown_place")
        if candidate:
            kind, entity_id, name, rule = candidate
            score = EXACT_SCORE if entity_id else 0.0
            found.append(_Candidate(first, last, start, end, kind, entity_id, name, score, rule, 2))
    return found


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every place and actor the text names, in order, without overlaps (the longest wins)."""
    doc = TextWords(text)
    chosen = _select(_scan_known(doc, gazetteer) + _scan_fuzzy(doc, gazetteer))
    every = sorted(chosen + _find_by_context(doc, chosen, gazetteer), key=lambda c: c.start)
    found = [
        Mention(
            start=c.start,
            end=c.end,
            surface=text[c.start : c.end],
            kind=c.kind,
            entity_id=c.entity_id,
            name=c.name,
            score=c.score,
            extracted_by=c.extracted_by,
            iso3=c.iso3,
        )
        for c in every
    ]
    found = _add_dateline_places(text, found)
    widened = _widen_to_bases(text, found, gazetteer)
    # A widened base never swallows a neighbour: where it would, the city stays as matched.
    return [
        w if all(o is m or not (o.start < w.end and w.start < o.end) for o in found) else m
        for w, m in zip(widened, found, strict=True)
    ]
