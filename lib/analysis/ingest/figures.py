"""Every figure an article states, with its hedge, bound, unit and what it counts.

One regex pass finds number atoms (digits, number words, vague plurals such as "thousands of");
each atom, or a pair of them joined as a range, is then read against the tables below: the hedge
just before it (``lib.data.intervals.HEDGES``), the noun that follows it, and the contexts that
make a number no figure at all (dates, times, years, facility numbers, designators, phone
numbers). Intervals come from :func:`lib.data.intervals.compute_interval`, the one home of the
interval rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from lib.analysis.text import make_word_set
from lib.data.dates import MONTH_WORDS
from lib.data.intervals import (
    APPROX_TOLERANCE,
    HEDGE_BOUNDS,
    POST_HEDGE_BOUNDS,
    STRICT_HEDGES,
    compute_interval,
)


class VagueQuantity(NamedTuple):
    """A number given only as a plural or a 'few': its bound, its ends and how many words hedge."""

    bound: str
    low: float
    high: float | None
    hedge_words: int


# A plural of N ("thousands of") is at least two of them; "a few"/"several hundred" is more than
# one hundred and fewer than a thousand. The hedge stored is the leading words, as data/claims.csv
# curates "thousands" (c004-protest).
VAGUE_QUANTITIES: dict[str, VagueQuantity] = {
    "dozens of": VagueQuantity("lower", 24, None, 1),
    "scores of": VagueQuantity("lower", 40, None, 1),
    "hundreds of": VagueQuantity("lower", 200, None, 1),
    "thousands of": VagueQuantity("lower", 2_000, None, 1),
    "tens of thousands of": VagueQuantity("lower", 20_000, None, 3),
    "hundreds of thousands of": VagueQuantity("lower", 200_000, None, 3),
    "millions of": VagueQuantity("lower", 2_000_000, None, 1),
    "tens of millions of": VagueQuantity("lower", 20_000_000, None, 3),
    "hundreds of millions of": VagueQuantity("lower", 200_000_000, None, 3),
    "billions of": VagueQuantity("lower", 2_000_000_000, None, 1),
    "a few hundred": VagueQuantity("range", 200, 999, 2),
    "several hundred": VagueQuantity("range", 200, 999, 1),
    "a few thousand": VagueQuantity("range", 2_000, 9_999, 2),
    "several thousand": VagueQuantity("range", 2_000, 9_999, 1),
}

_ONES_TO_NINETEEN = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS_WORDS = (
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)
NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_ONES_TO_NINETEEN, 1)} | {
    word: 10 * n for n, word in enumerate(_TENS_WORDS, 2)
}

# Words and attached suffixes that multiply the number before them. A "decade" also makes the
# unit years; an attached "m" is a million (AFP and UK style "5m people"), never metres.
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12,
    "decade": 10,
    "decades": 10,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}

CURRENCY_SYMBOLS: dict[str, str] = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_NOUNS: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "cfa francs": "XOF",
}

# Units measured rather than counted: "more than 10 percent" does not start at 11. They are
# also the only nouns "one" may count ("one year", not "one official").
# Nouns that count people: their unit is "people", as the package writes it, so "troops" and
# "military personnel" compare as one quantity and differ only in unit_scope, which keeps the
# printed noun. Whether two nouns count the same people is for the texts to say, not the unit.
PEOPLE_NOUNS = frozenset(
    {
        "troops", "troop", "soldiers", "soldier", "personnel", "service members",
        "servicemembers", "service personnel", "marines", "sailors", "airmen", "officers",
        "instructors", "trainers", "advisers", "advisors", "peacekeepers", "contractors",
        "mercenaries", "fighters", "militants", "jihadists", "civilians", "people", "persons",
        "protesters", "demonstrators", "refugees", "migrants", "residents", "staff", "diplomats",
        "americans", "men", "women", "children", "members", "forces", "guards", "commandos",
        "paratroopers", "special forces", "military personnel",
    }
)  # fmt: skip


MEASURE_NOUNS = frozenset(
    {
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "decade",
        "decades",
        "km",
        "kilometre",
        "kilometres",
        "kilometer",
        "kilometers",
        "mile",
        "miles",
        "metre",
        "metres",
        "meter",
        "meters",
        "tonne",
        "tonnes",
        "ton",
        "tons",
        "kg",
        "kilogram",
        "kilograms",
        "hectare",
        "hectares",
        "percent",
    }
)
# Plural nouns without a final s, so that they can head a noun phrase.
IRREGULAR_COUNT_NOUNS = frozenset(
    {
        "people",
        "personnel",
        "police",
        "staff",
        "children",
        "men",
        "women",
        "cattle",
        "livestock",
        "infantry",
        "aircraft",
        "sheep",
    }
)
# Nouns for people speaking: "two senior officials told reporters" is attribution, not a count.
ATTRIBUTION_NOUNS = frozenset(
    {"official", "officials", "source", "sources", "diplomat", "diplomats", "aide", "aides"}
    | {"spokesman", "spokeswoman", "spokesperson", "analyst", "analysts", "witness", "witnesses"}
)
# Two-word units kept whole, so "American service members" has unit "service members".
COMPOUND_UNITS = frozenset(
    {"service members", "service personnel", "percentage points", "cfa francs"}
    | {"square kilometres", "square kilometers", "square miles"}
)

# A capitalised label before a number makes it a name, not a quantity ("Air Base 201").
LABEL_NOUNS = (
    "Air Base",
    "Base",
    "Airbase",
    "Camp",
    "Resolution",
    "Article",
    "Chapter",
    "Section",
    "Clause",
    "Paragraph",
    "Flight",
    "Route",
    "Highway",
    "Gate",
    "Room",
    "Building",
    "Terminal",
    "Platform",
    "Level",
    "Phase",
    "Stage",
    "Category",
    "Unit",
    "Sector",
    "Zone",
    "Block",
    "Page",
    "Decree",
    "Law",
    "Act",
    "Protocol",
    "Annex",
    "Item",
    "Squadron",
    "Battalion",
    "Regiment",
    "Brigade",
    "Division",
    "Wing",
    "Team",
    "Number",
    "Ward",
    "District",
    "Precinct",
    "Station",
    "Tower",
    "Pier",
    "Track",
    "Line",
    "Channel",
)
# Months as printed before or after a day ("Aug. 5", "5 August"): capitalised, so "may" the verb
# and "march" the noun stay words.
MONTH_NAMES = tuple(word.capitalize() for word in MONTH_WORDS)
# Words before a comma-less 1900–2099 that make it a year even when a plural noun follows.
YEAR_CONTEXT = (
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "of",
    "during",
    "before",
    "after",
    "the",
    "early",
    "late",
    "mid",
    "year",
    "fiscal",
    "through",
    "to",
    "and",
    "or",
    "between",
    "circa",
)

# Words that end a noun phrase: a figure's unit noun comes before any of them. Its own list, not
# the function words nor a maintained stoplist: "1,000 other troops" counts troops, so "other",
# "several" or "first" must not end the phrase, and jusText's English list cut figure recall from
# 97.3% to 94.6% (bench.ingest).
_PHRASE_ENDS = (
    make_word_set(
        """
        a an the of in on at to from by for with without into onto over under across near after
        before since during until against among between through per via and or but nor as than
        that which who whom whose this these those there here is are was were be been being has
        have had do does did will would could should may might must can shall not no it its they
        them their he she his her we our you your i said says say told according each every some
        most less also only just still now then when where while if so such about around ago
        earlier later last next out up down off away both all nearly almost roughly
        approximately estimated least more fewer
        """
    )
    | NUMBER_WORDS.keys()
    | {"hundred", "thousand", "million", "billion", "dozen"}
)
# Common verbs that follow a singular noun ("of the budget goes"); a noun phrase ends there.
_VERBS = frozenset(
    {
        "goes",
        "comes",
        "remains",
        "stands",
        "lives",
        "needs",
        "depends",
        "falls",
        "rises",
        "gets",
        "makes",
        "takes",
        "includes",
        "means",
        "seems",
        "lies",
        "sits",
        "accounts",
        "belongs",
        "lacks",
        "receives",
        "faces",
        "holds",
        "runs",
        "shows",
        "represents",
        "reaches",
        "went",
        "came",
        "rose",
        "fell",
        "grew",
        "stood",
        "made",
        "took",
        "got",
        "gave",
        "saw",
        "ran",
        "left",
        "held",
        "paid",
        "spent",
        "lost",
        "won",
        "sold",
        "hit",
        "cut",
        "put",
        "kept",
    }
)
# Words ending in s that are not plural nouns.
_NOT_PLURALS = frozenset(
    {
        "news",
        "series",
        "always",
        "perhaps",
        "towards",
        "afterwards",
        "besides",
        "sometimes",
        "whereas",
        "overseas",
        "whereabouts",
    }
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "all", "his", "her", "our"})
_NP_MAX_WORDS = 5
_HEDGE_REACH = 40
_CONTEXT_REACH = 30


@dataclass(frozen=True)
class Figure:
    """One figure stated in a text, at code-point offsets: ``text[start:end] == phrase``."""

    start: int
    end: int
    phrase: str
    hedge: str
    bound: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    unit_scope: str
    extracted_by: str


class _Atom(NamedTuple):
    start: int
    end: int
    follow: int  # where the counted noun may start ("of" skipped for "thousands of")
    kind: str  # digits | words | vague
    raw: float
    scale: float
    scaled: bool  # printed with its own multiplier ("2 million"), not given one by a range
    currency: str
    percent: bool
    attached_unit: str  # "km" in "5km"
    compound_unit: str  # "years" in "12-year-old", "strong" in "1,000-strong"
    age: bool
    post_hedge: str  # "-odd", "or so", "-plus", printed after the number
    decade: bool  # "a decade", "two decades": counted in years
    vague: VagueQuantity | None
    digits: str


class _NounPhrase(NamedTuple):
    start: int
    end: int
    unit: str


def _alternation(phrases) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


_ONES = "|".join(_ONES_TO_NINETEEN[:9])
_TEENS = "|".join(_ONES_TO_NINETEEN[9:])
_TENS = "|".join(_TENS_WORDS)
_WORD_MULTIPLIERS = r"(?:\s+(?:hundred|thousand|million|billion|trillion|dozen|decades?)\b)"
_COMPOUND_MEASURES = "year|month|week|day|hour|minute|km|kilometre|kilometer|mile|metre|meter"

_ATOM_RE = re.compile(
    rf"""
    (?:
        (?<![\w-])(?P<vague>{_alternation(VAGUE_QUANTITIES)})\b
      | (?<![\w-])(?P<words>a{_WORD_MULTIPLIERS}+
          | (?:(?:{_TENS})(?:-(?:{_ONES}))?|{_TEENS}|{_ONES})\b{_WORD_MULTIPLIERS}*)
      | (?<![\w.,:/])(?P<cur>US\$|\$|€|£)?
        (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:(?P<att>mn|bn|tn|m|km|kg)(?!\w)
          | (?!\w)(?:\s+(?P<dmult>hundred|thousand|million|billion|trillion)\b)?)
    )
    (?P<pct>\s?%|\s+per\s?cent\b)?
    (?:-(?P<post>odd|plus)\b|\s+(?P<post_words>or\s+so)\b)?
    (?P<compound>-(?P<cunit>{_COMPOUND_MEASURES})s?(?P<old>-old)?\b|-strong\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_HEDGE_RE = re.compile(rf"(?<![\w-])(?P<hedge>{_alternation(HEDGE_BOUNDS)})\s+\Z", re.IGNORECASE)
_RANGE_JOIN_RE = re.compile(r"\s*[-–—]\s*|\s+(?P<to>to)\s+|\s+(?P<and>and)\s+", re.IGNORECASE)
_PHONE_RE = re.compile(
    r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,}"
    r"|\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|\b\d{3}[.-]\d{3}[.-]\d{4}\b"
    r"|\b\d{3}-\d{4}\b"
)
_LABEL_BEFORE_RE = re.compile(rf"(?:\b(?:{_alternation(LABEL_NOUNS)})|\bNos?\.?|\bnos?\.|#)\s*\Z")
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\.?\s+\Z")
_MONTH_AFTER_RE = re.compile(rf"\s+(?:of\s+)?(?:{'|'.join(MONTH_NAMES)})\b")
_YEAR_CONTEXT_RE = re.compile(rf"\b(?:{'|'.join(YEAR_CONTEXT)})\s+\Z", re.IGNORECASE)
_AGED_BEFORE_RE = re.compile(r"\baged?\s+\Z", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+\Z", re.IGNORECASE)
_AFTER_REJECT_RE = re.compile(
    r"\s*(?:(?i:[ap]\.m\.|[ap]m\b|o['’]clock\b|hours?\s+(?:GMT|UTC|local))|GMT\b|UTC\b)"
    r"|[:/]\d|[-‑][^\W\d_]"
)
_TRAILING_OF_RE = re.compile(r"\s+of\Z", re.IGNORECASE)
_AGO_RE = re.compile(r"\s+ago\b", re.IGNORECASE)
_SCOPE_LEAD_RE = re.compile(r"\s+(?:in|of|worth(?:\s+of)?)(?=\s)", re.IGNORECASE)
_PERCENT_LEAD_RE = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
_NP_WORD_RE = re.compile(r"\s+((?:[^\W\d_]\.){2,}|[^\W\d_](?:[\w'’-]*\w)?)")


def _read_atom(match: re.Match) -> _Atom:
    vague = words = None
    raw, scale, currency, digits = 0.0, 1.0, "", ""
    end = follow = match.end()
    if match["vague"]:
        vague = VAGUE_QUANTITIES[" ".join(match["vague"].casefold().split())]
        raw = vague.low
        # The figure's own words end before "of"; the counted noun starts after it.
        end = match.start("vague") + len(_TRAILING_OF_RE.sub("", match["vague"]))
        follow = match.end("vague")
    elif match["words"]:
        words = match["words"].casefold().replace("-", " ").split()
        raw = sum(NUMBER_WORDS.get(word, 0) for word in words) or 1
        for word in words:
            scale *= MULTIPLIERS.get(word, 1)
    else:
        digits = match["digits"]
        raw = float(digits.replace(",", ""))
        multiplier = (match["att"] or match["dmult"] or "").casefold()
        scale = MULTIPLIERS.get(multiplier, 1)
        currency = CURRENCY_SYMBOLS.get((match["cur"] or "").casefold(), "")
    attached = (match["att"] or "").casefold()
    compound = ""
    if match["cunit"]:
        compound = match["cunit"].casefold()
        compound = compound if compound == "km" else compound + "s"
    elif match["compound"]:
        compound = "strong"
    return _Atom(
        start=match.start(),
        end=end,
        follow=follow,
        kind="vague" if vague else "words" if words else "digits",
        raw=raw,
        scale=scale,
        scaled=scale != 1,
        currency=currency,
        percent=bool(match["pct"]),
        attached_unit=attached if attached in ("km", "kg") else "",
        compound_unit=compound,
        age=bool(match["old"]),
        post_hedge=f"-{match['post'].casefold()}"
        if match["post"]
        else " ".join((match["post_words"] or "").casefold().split()),
        decade=bool(words and {"decade", "decades"} & set(words)),
        vague=vague,
        digits=digits,
    )


def _is_head(word: str) -> bool:
    low = word.casefold()
    if low in IRREGULAR_COUNT_NOUNS or low in MEASURE_NOUNS or low in CURRENCY_NOUNS:
        return True
    if word.isupper() or "." in word or low.endswith(("'s", "’s")) or low in _NOT_PLURALS:
        return False
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _scan_noun_phrase(
    text: str, pos: int, *, head_required: bool = True, skip_determiner: bool = False
) -> _NounPhrase | None:
    tokens: list[re.Match] = []
    while len(tokens) < _NP_MAX_WORDS:
        match = _NP_WORD_RE.match(text, pos)
        if not match or "\n\n" in match.group(0):
            break
        word = match.group(1).casefold()
        if skip_determiner and not tokens and word in _DETERMINERS:
            pos = match.end()
            continue
        if word in _PHRASE_ENDS or word in _VERBS:
            break
        tokens.append(match)
        pos = match.end()
    heads = [i for i, token in enumerate(tokens) if _is_head(token.group(1))]
    if not heads and not head_required:
        # After "of" or "in" the phrase is a noun phrase already; drop trailing participles.
        heads = [i for i, t in enumerate(tokens) if not t.group(1).endswith(("ed", "ing", "ly"))]
    if not heads:
        return None
    last = heads[-1]
    unit = tokens[last].group(1).casefold()
    if last > 0 and f"{tokens[last - 1].group(1).casefold()} {unit}" in COMPOUND_UNITS:
        unit = f"{tokens[last - 1].group(1).casefold()} {unit}"
    return _NounPhrase(tokens[0].start(1), tokens[last].end(1), unit)


def _scan_led_phrase(text: str, pos: int, lead: re.Pattern) -> str:
    match = lead.match(text, pos)
    if not match:
        return ""
    phrase = _scan_noun_phrase(text, match.end(), head_required=False, skip_determiner=True)
    return text[phrase.start : phrase.end] if phrase else ""


def _before(pattern: re.Pattern, text: str, pos: int, reach: int = _CONTEXT_REACH) -> bool:
    return pattern.search(text, max(0, pos - reach), pos) is not None


def _is_year(atom: _Atom) -> bool:
    plain = atom.kind == "digits" and "," not in atom.digits and "." not in atom.digits
    bare = not (atom.currency or atom.percent or atom.scaled or atom.attached_unit)
    return plain and bare and len(atom.digits) == 4 and 1900 <= atom.raw <= 2099


def _is_not_a_figure(text: str, first: _Atom, last: _Atom, blocked: list[tuple[int, int]]) -> bool:
    """Whether the number is a name, date, time, code or designator rather than a quantity."""
    if any(start < last.end and first.start < end for start, end in blocked):
        return True
    if first.start >= 2 and text[first.start - 1] in "-‑–":
        if text[first.start - 2].isalpha():
            return True  # F-16, Covid-19, MQ-9
        if text[first.start - 2].isdigit():
            return True  # the tail of a dash chain that is no range: a 13-0-2 vote
    if any(len(a.digits) > 1 and a.digits[0] == "0" and a.digits[1] != "." for a in (first, last)):
        return True  # 0600 GMT, codes
    if _before(_LABEL_BEFORE_RE, text, first.start) or _before(_MONTH_BEFORE_RE, text, first.start):
        return True
    return bool(_MONTH_AFTER_RE.match(text, last.end) or _AFTER_REJECT_RE.match(text, last.end))


def _find_range_join(text: str, first: _Atom, second: _Atom | None, hedge: str) -> str:
    """How ``first`` and ``second`` print a range: 'dash', 'to', 'and', or '' for no range."""
    if second is None or first.vague or second.vague or first.compound_unit:
        return ""
    join = _RANGE_JOIN_RE.fullmatch(text, first.end, second.start)
    if not join:
        return ""
    if join["and"]:
        return "and" if hedge.casefold() == "between" else ""
    if join["to"]:
        # "rose from 800 to 1,000" is a change between two figures, not a range.
        return "" if _before(_FROM_BEFORE_RE, text, first.start) else "to"
    return "dash"


class _Unit(NamedTuple):
    unit: str
    scope: str
    end: int  # where the phrase ends: after the unit noun when one follows the number
    currency: str
    noun: _NounPhrase | None


def _read_unit(text: str, first: _Atom, last: _Atom, percent: bool) -> _Unit:
    """The unit, what it counts, and where the phrase ends, from the words after the number."""
    currency = last.currency or first.currency
    if last.compound_unit:
        noun = _scan_noun_phrase(text, last.end, head_required=False)
        scope = text[noun.start : noun.end] if noun else ""
        if last.compound_unit == "strong":
            # "a 5,000-strong force": the force is what is counted, so it is the unit.
            return (
                _Unit(noun.unit, scope, noun.end, "", noun)
                if noun
                else _Unit("", "", last.end, "", None)
            )
        return _Unit(last.compound_unit, scope, last.end, "", noun)
    if percent:
        return _Unit(
            "percent", _scan_led_phrase(text, last.end, _PERCENT_LEAD_RE), last.end, "", None
        )
    if last.attached_unit:
        return _Unit(last.attached_unit, "", last.end, "", None)
    noun = _scan_noun_phrase(text, last.follow)
    end = last.end
    if noun and noun.unit in CURRENCY_NOUNS:
        currency, end = CURRENCY_NOUNS[noun.unit], noun.end
    if currency:
        return _Unit(currency, _scan_led_phrase(text, end, _SCOPE_LEAD_RE), end, currency, noun)
    if last.decade:
        return _Unit("years", "", last.end, "", None)
    if noun:
        return _Unit(noun.unit, text[noun.start : noun.end], noun.end, "", noun)
    return _Unit("", "", last.end, "", None)


def _is_no_count(text: str, atoms: tuple[_Atom, ...], unit: _Unit) -> bool:
    """Whether the words around the number make it a date, an age or a pronoun, not a count."""
    first = atoms[0]
    if _AGO_RE.match(text, unit.end):
        return True  # "two years ago" is a date, which lib/data/dates resolves
    if not unit.unit and _before(_AGED_BEFORE_RE, text, first.start):
        return True  # an age is a figure only with its unit ("12-year-old")
    if len(atoms) == 1 and _is_year(first):
        return not unit.noun or _before(_YEAR_CONTEXT_RE, text, first.start)
    if first.kind != "words" or first.scaled or first.compound_unit:
        return False
    if not unit.unit or unit.unit in ATTRIBUTION_NOUNS:
        return True  # "two of the", "two senior officials told reporters"
    # "one official said", "one of the": "one" counts only a measure ("one year").
    return text[first.start : first.end].casefold() == "one" and unit.unit not in MEASURE_NOUNS


def _build_figure(
    text: str,
    atoms: tuple[_Atom, ...],
    hedge_match: re.Match | None,
    blocked: list[tuple[int, int]],
) -> Figure | None:
    first, last = atoms[0], atoms[-1]
    if _is_not_a_figure(text, first, last, blocked):
        return None
    hedge = " ".join(hedge_match["hedge"].split()) if hedge_match else ""
    hedge_bound = HEDGE_BOUNDS.get(hedge.casefold())
    if hedge_bound == "range" and len(atoms) == 1:
        hedge, hedge_bound, hedge_match = "", None, None
    start = hedge_match.start("hedge") if hedge_match else first.start
    if not hedge and len(atoms) == 1 and first.post_hedge:
        hedge, hedge_bound = first.post_hedge, POST_HEDGE_BOUNDS[first.post_hedge]
    percent = any(atom.percent for atom in atoms)
    unit = _read_unit(text, first, last, percent)
    if _is_no_count(text, atoms, unit):
        return None
    value = last.raw * last.scale
    if first.vague:
        start = first.start
        hedge = " ".join(text[first.start : first.end].split()[: first.vague.hedge_words])
        bound, value = first.vague.bound, first.vague.low
        low, high = first.vague.low, first.vague.high
        if bound == "lower":
            low, high = compute_interval(bound, value, hedge)
    elif len(atoms) == 2:
        bound, high = "range", value
        # "2 to 3 million": the multiplier is printed once, after the second end.
        scale = last.scale if not first.scaled and first.raw <= last.raw else first.scale
        low = first.raw * scale
        if low >= high:
            return None
    else:
        bound = hedge_bound or ("approx" if first.age else "exact")
        measured = not unit.currency and (
            percent or unit.unit in MEASURE_NOUNS or last.compound_unit not in ("", "strong")
        )
        integer = not measured and float(value).is_integer()
        low, high = compute_interval(bound, value, hedge, integer=integer)
    return Figure(
        start=start,
        end=unit.end,
        phrase=text[start : unit.end],
        hedge=hedge,
        bound=bound,
        value=None if bound == "range" else float(value),
        value_low=None if low is None else float(low),
        value_high=None if high is None else float(high),
        unit=_count_unit(unit.unit),
        unit_scope=unit.scope,
        extracted_by=_name_rule(first, bound, hedge, unit.currency, percent, len(atoms) == 2),
    )


def _count_unit(noun: str) -> str:
    """'people' for a noun that counts people (its last word decides: 'U.S. troops'), else the
    noun as printed."""
    folded = noun.casefold().strip()
    last = folded.rsplit(maxsplit=1)[-1] if folded else ""
    return "people" if folded in PEOPLE_NOUNS or last in PEOPLE_NOUNS else noun


def _name_rule(
    atom: _Atom, bound: str, hedge: str, currency: str, percent: bool, pair: bool
) -> str:
    if currency:
        return "figure.money"
    if percent:
        return "figure.percent"
    if atom.age:
        return "figure.age"
    if atom.compound_unit == "strong":
        return "figure.strength"
    if atom.compound_unit:
        return "figure.measure"
    if atom.vague:
        return "figure.vague"
    if atom.kind == "words":
        return "figure.number_word"
    if pair:
        return "figure.range"
    return f"figure.hedge_{bound}" if hedge else "figure.exact"


_TO_RE = re.compile(r"\s+to\s+")


def find_figures(text: str) -> list[Figure]:
    """Every figure stated in ``text``, sorted by start and non-overlapping."""
    blocked = [match.span() for match in _PHONE_RE.finditer(text)]
    atoms = [_read_atom(match) for match in _ATOM_RE.finditer(text)]
    figures: list[Figure] = []
    index = 0
    while index < len(atoms):
        first = atoms[index]
        second = atoms[index + 1] if index + 1 < len(atoms) else None
        hedge_match = _HEDGE_RE.search(text, max(0, first.start - _HEDGE_REACH), first.start)
        hedge = hedge_match["hedge"] if hedge_match else ""
        join = _find_range_join(text, first, second, " ".join(hedge.split()))
        if join:
            if _is_year(first) or _is_year(second):
                index += 2  # 2018-19, between 2018 and 2020: a span of years
                continue
            figure = _build_figure(text, (first, second), hedge_match, blocked)
            if figure or join == "dash":
                # A dash pair that is no range (3-1, 50-50) is a score or a code, not two figures.
                figures += [figure] if figure else []
                index += 2
                continue
        figure = _build_figure(text, (first,), hedge_match, blocked)
        if figure:
            figures.append(figure)
        index += 1
    kept: list[Figure] = []
    ordered = sorted(figures, key=lambda f: f.start)
    for number, figure in enumerate(ordered):
        # A bare number with neither unit nor hedge ("Bazoum, 64,", "at 11.42", "=1") says
        # nothing a reader could check, so it is not proposed, unless the next figure lends it
        # its unit: in "from 800 to 1,000 troops" the 800 counts troops too.
        if not figure.unit and not figure.hedge:
            after = ordered[number + 1] if number + 1 < len(ordered) else None
            if (
                after is None
                or not after.unit
                or not _TO_RE.fullmatch(text[figure.end : after.start])
            ):
                continue
            figure = replace(figure, unit=after.unit, unit_scope=after.unit_scope)
        if not kept or figure.start >= kept[-1].end:
            kept.append(figure)
    return kept


def describe_figure_rules() -> list[str]:
    """The hedge and number-word tables in words, for the ingest page."""

    def listed(bound: str, strict: bool | None = None) -> str:
        hedges = [
            h
            for h, b in HEDGE_BOUNDS.items()
            if b == bound and (strict is None or (h in STRICT_HEDGES) == strict)
        ]
        return ", ".join(f"“{h}”" for h in hedges)

    plurals = ", ".join(
        f"“{k}” ≥ {v.low:,.0f}" for k, v in VAGUE_QUANTITIES.items() if v.bound == "lower"
    )
    fews = ", ".join(
        f"“{k}” {v.low:,.0f}–{v.high:,.0f}"
        for k, v in VAGUE_QUANTITIES.items()
        if v.bound == "range" and v.high is not None
    )
    return [
        f"About N (± {APPROX_TOLERANCE:.0%}): {listed('approx')}.",
        f"At least N + 1 for counts (strict): {listed('lower', True)}.",
        f"At least N (inclusive): {listed('lower', False)}.",
        f"At most N − 1 for counts (strict): {listed('upper', True)}.",
        f"At most N (inclusive): {listed('upper', False)}.",
        "After the number: "
        + ", ".join(
            f"“{h}” ({'about N' if b == 'approx' else 'at least N'})"
            for h, b in POST_HEDGE_BOUNDS.items()
        )
        + ".",
        "A range, from its two printed ends: “between A and B”, “A to B”, “A-B” or “A–B”.",
        "No hedge: exactly N; an age such as “12-year-old” reads as about N.",
        f"Plurals give a lower bound: {plurals}.",
        f"A few or several: {fews}.",
        "Number words: one to twenty and thirty to ninety (“forty-five” too), times hundred, "
        "thousand, million, billion, dozen (12) or decade (10 years); “a” only before one of "
        "those; “one” only before a unit of measure; a bare number word only before its noun.",
        "Money is in whole units: “$110m”, “US$110 million”, “110 million dollars” are USD, "
        "“€50m” EUR, “£5m” GBP, “CFA francs” XOF.",
    ]
