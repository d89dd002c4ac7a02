"""Finding the date expressions in an article, each read by a rule of ``lib.data.dates.RULES``.

Written for wire and newspaper copy in general (AP "Aug. 5", Reuters "Aug 5", AFP "5 August",
datelines, relative words). Each pattern proposes spans; the longest span wins where they overlap,
and every span is resolved by ``resolve_relative_date`` against the publication range.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from lib.data.dates import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    DateRange,
    DateRuleError,
    describe_precision,
    explain_resolution,
    resolve_relative_date,
)

# How explanations name what a rule counted from.
REFERENCE_NAME = "publication"


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text: where it is, the rule that reads it, what it resolves to."""

    start: int  # code-point offsets into the text: text[start:end] == expr
    end: int
    expr: str
    rule: str | None  # a key of RULES, or None when no rule can read the expression
    low: date | None
    high: date | None
    precision: str | None
    basis: str  # how the expression was resolved, or why it could not be
    extracted_by: str  # the pattern that found it, e.g. "date.weekday"


class _Candidate(NamedTuple):
    start: int
    end: int
    rule: str | None
    reason: str  # why the expression is unresolved; empty when a rule reads it


def _alternatives(words: Iterable[str]) -> str:
    # Longest first so that a word is never cut short by its own prefix ("Sept" before "Sep").
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


# Month and weekday names are capitalised in English, which keeps out "march" and "may" as verbs.
_FULL_MONTH = rf"(?:{_alternatives(m.capitalize() for m in MONTHS)})"
_SHORT_MONTH = rf"(?:{_alternatives(m.capitalize() for m in MONTH_ABBREVIATIONS)})(?![a-z])\.?"
_ANY_MONTH = rf"(?:{_FULL_MONTH}|{_SHORT_MONTH})"
_WEEKDAY = rf"(?:{_alternatives(w.capitalize() for w in WEEKDAYS)})"
_DAY = r"(?<![\w.,$])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
# Years 1900–2099, not inside a figure or code ("1,900", "$2000", "2000m", "1/5/2024", "FY2024").
_YEAR = r"(?<![\w,.$€£#/])(?:19|20)\d\d(?!\w|,\d|\.\d|/)"
# Words that turn a date into a start or a deadline, and so belong to the expression.
_LEAD = r"\b(?P<lead>(?i:since|by|until|till))\s+"

# A wire dateline opens a paragraph: the city, in capitals or as printed, any region or country,
# the story's date if printed, then the agency's credit in brackets and a dash: "DAKAR, Aug 5
# (Reuters) -", "NIAMEY, Niger, Aug. 5, 2024 (AFP) -", "Niamey (AFP) -", "(Bloomberg) --". The
# one pattern of a dateline: ingest reads its date here, its city as a place and its credit.
_DATELINE_DATE = rf"(?:{_ANY_MONTH}[ ]{_DAY}|{_DAY}[ ]{_ANY_MONTH})"
DATELINE_RE = re.compile(
    rf"^[^\S\n]*(?:(?P<city>[A-Z][A-Za-z.'’-]*(?:[ /][A-Z][A-Za-z.'’-]*){{0,2}})"
    rf"(?:,[ ](?!{_DATELINE_DATE})[A-Z][^,()\n]{{0,40}})*"
    rf"(?:,[ ](?P<expr>{_DATELINE_DATE}(?:,[ ](?P<year>{_YEAR}))?))?[ ])?"
    r"\((?P<credit>[A-Za-z][^()\n]{0,40})\)[ ]?(?:--?|[–—])",
    re.MULTILINE,
)
_MONTH_DAY_RE = re.compile(
    rf"(?P<expr>(?:{_LEAD})?(?:{_ANY_MONTH}\s+{_DAY}|{_DAY}\s+(?:(?i:of)\s+)?{_ANY_MONTH})"
    rf"(?:,?\s+(?P<year>{_YEAR}))?)"
)
_MONTH_YEAR_RE = re.compile(rf"(?P<expr>(?:{_LEAD})?{_ANY_MONTH}\s+{_YEAR})")
_MONTH_PART_RE = re.compile(
    rf"(?P<expr>(?:{_LEAD}(?:(?i:the)\s+)?)?"
    rf"(?:\b(?P<part>(?i:early|mid|late))[\s-]+|\b(?P<of>(?i:end|beginning|start|middle))\s+(?i:of)\s+)"
    rf"{_FULL_MONTH}(?:\s+(?P<year>{_YEAR}))?)(?!\w)"
)
_MONTH_RE = re.compile(
    r"(?:\b(?P<context>(?i:in|during|of|from|through|throughout|before|after|between))\s+)?"
    r"(?P<expr>(?:\b(?P<lead>(?i:since\s+last|since|by|until|till|last|next|this|an?))\s+)?"
    rf"(?P<month>{_FULL_MONTH})(?!\w)(?P<deadline>\s+(?i:deadlines?)\b)?)"
)
_WEEKDAY_RE = re.compile(
    rf"(?P<expr>(?:\b(?P<lead>(?i:since|by|until|till|last|next|this))\s+)?{_WEEKDAY})(?!\w)"
)
_YEAR_RE = re.compile(
    rf"(?P<expr>(?:{_LEAD}(?:(?i:the)\s+)?)?"
    r"(?:(?P<end>\b(?i:end\s+of))\s+|\b(?P<part>(?i:early|mid|late))[\s-]+)?"
    rf"(?P<year>{_YEAR}))(?!-[A-Za-z]|\s*%)"
)
_DECADE_RE = re.compile(
    rf"(?P<expr>(?:{_LEAD}(?:(?i:the)\s+)?)?(?:\b(?i:early|mid|late)[\s-]+)?"
    r"(?<![\w$])(?:19|20)\d0s)(?!\w)"
)

# Phrases counted from publication, each with the rule that reads it.
_PHRASE_RULES = {
    "today": "publication",
    "this morning": "publication",
    "this afternoon": "publication",
    "this evening": "publication",
    "tonight": "publication",
    "yesterday": "yesterday",
    "this week": "this_week",
    "earlier this week": "this_week",
    "later this week": "rest_of_week",
    "last week": "last_week",
    "next week": "next_week",
    "this month": "this_month",
    "earlier this month": "this_month",
    "later this month": "rest_of_month",
    "last month": "last_month",
    "next month": "next_month",
    "end of the month": "end_of_month",
    "end of this month": "end_of_month",
    "by the end of the month": "rest_of_month",
    "by the end of this month": "rest_of_month",
    "before the end of the month": "rest_of_month",
    "by month end": "rest_of_month",
    "this year": "this_year",
    "earlier this year": "earlier_this_year",
    "later this year": "rest_of_year",
    "last year": "last_year",
    "late last year": "late_last_year",
    "next year": "next_year",
    "end of the year": "end_of_this_year",
    "end of this year": "end_of_this_year",
    "by the end of the year": "rest_of_year",
    "by the end of this year": "rest_of_year",
    "before the end of the year": "rest_of_year",
    "by year end": "rest_of_year",
    "before year end": "rest_of_year",
    "last summer": "last_summer",
    "a year ago": "month_a_year_before",
    "one year ago": "month_a_year_before",
    "a month ago": "about_a_month_before",
    "one month ago": "about_a_month_before",
    "a few days ago": "days_before",
    "over the coming months": "coming_months",
    "in the coming months": "coming_months",
}


def _phrase_pattern(phrase: str) -> str:
    # Any run of spaces, a line break or a hyphen may join the words ("year-end", "year end").
    return r"[\s-]+".join(map(re.escape, phrase.split()))


_RELATIVE_RE = re.compile(
    r"\b(?P<expr>(?:(?P<lead>since|until|till|by)\s+)?"
    rf"(?P<phrase>{_alternatives(map(_phrase_pattern, _PHRASE_RULES))}))(?!\w)",
    re.IGNORECASE,
)
_COUNT = (
    r"(?:a\s+few|a\s+couple\s+of|an?|one|several|many|some"
    r"|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
)
_UNITS = r"(?:days?|weeks?|months?|years?|decades?)"
# Vague spans and counts back from publication; durations with no count ("for years", "weeks
# after") date nothing and are left out.
_VAGUE_RE = re.compile(
    r"\b(?P<expr>recent\s+(?:years|months|weeks|days)"
    r"|the\s+(?:past|last)\s+(?:few|several|couple\s+of)\s+(?:years|months|weeks|decades)"
    rf"|{_COUNT}\s+{_UNITS}\s+ago)(?!\w)",
    re.IGNORECASE,
)
# Counted from another event, not from publication ("the following month", "two days later").
_ANCHORED_RE = re.compile(
    r"\b(?P<expr>the\s+(?:following|next|previous|preceding)\s+(?:day|week|month|year)"
    r"|the\s+day\s+(?:before|after)"
    rf"|{_COUNT}\s+{_UNITS}\s+(?:later|after|earlier|before))(?!\w)",
    re.IGNORECASE,
)

# A year after one of these is a date whatever follows ("in 2019 troops were sent").
_TIME_WORDS = {"in", "since", "by", "until", "till", "during", "before", "after", "from", "of"}
# Packed: one word a line would bury the lists.
# fmt: off
# A four-digit number after one of these is a quantity or a label, not a year.
_QUANTITY_OR_LABEL_WORDS = {
    "about", "some", "nearly", "around", "roughly", "almost", "approximately", "over", "under",
    "than", "least", "only", "just", "another", "additional", "extra", "estimated", "base",
    "airbase", "resolution", "flight", "route", "highway", "road", "no", "number", "room",
    "agenda", "vision", "camp", "article", "decree", "law", "order", "code", "model", "unit",
    "battalion", "brigade", "squadron", "regiment", "division", "cop", "terminal", "line",
}
# A number followed by one of these counts something ("2000 troops", "1950 km").
_FIGURE_NOUNS = {
    "troops", "soldiers", "personnel", "people", "men", "women", "children", "fighters",
    "militants", "jihadists", "insurgents", "refugees", "civilians", "residents", "migrants",
    "deaths", "dead", "killed", "wounded", "casualties", "victims", "km", "kilometres",
    "kilometers", "miles", "metres", "meters", "feet", "tonnes", "tons", "dollars", "euros",
    "francs", "cfa", "barrels", "vehicles", "trucks", "cases", "votes", "jobs", "members",
    "officers", "police", "workers", "staff", "employees", "americans", "us", "u.s.", "american",
    "french", "russian", "hectares", "units", "rounds", "million", "billion", "thousand",
    "percent", "per", "gmt", "utc", "hours", "hrs", "local",
}
# Named days that are not the latest such weekday ("Bloody Sunday", "Good Friday").
_NAMED_DAY_WORDS = {
    "good", "black", "bloody", "ash", "palm", "easter", "holy", "super", "cyber", "maundy",
    "shrove", "giving",
}
# fmt: on
# Bare, these are usually a verb or a noun ("officials may leave", "a March for peace").
_AMBIGUOUS_MONTHS = {"May", "March"}

_PREVIOUS_WORD_RE = re.compile(r"([\w.'’]+)[^\w\n]*$")
_NEXT_WORD_RE = re.compile(r"[^\S\n]*([\w.]+)")
_PART_RULES = {
    "early": "early_month",
    "beginning": "early_month",
    "start": "early_month",
    "mid": "mid_month",
    "middle": "mid_month",
    "late": "late_month",
    "end": "late_month",
}
_AHEAD_LEADS = {"by", "until", "till"}
# Present-tense cues that a bare month lies ahead, in the same sentence: "will leave in
# September", "expects them to go in September". "Would" is left out: it is also the past's future.
_FUTURE_CUE_RE = re.compile(
    r"\b(?:will|expects?|expected\s+to|plans?\s+to|scheduled\s+to|due\s+to|set\s+to)\b"
    r"[^.!?\n]*\Z",
    re.IGNORECASE,
)


def _previous_word(text: str, start: int) -> str:
    match = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD_RE.match(text, end)
    return match.group(1) if match else ""


def _is_counted(text: str, end: int) -> bool:
    """Whether the word after ``end`` is something a number counts ("troops", "km", "GMT")."""
    word = _next_word(text, end).lower()
    # A full stop may end the sentence ("2000 troops.") or belong to the word ("U.S.").
    return word in _FIGURE_NOUNS or word.rstrip(".") in _FIGURE_NOUNS


def _lead(match: re.Match[str]) -> str:
    return " ".join((match.group("lead") or "").lower().split())


def _span(match: re.Match[str], rule: str | None, reason: str = "") -> _Candidate:
    return _Candidate(match.start("expr"), match.end("expr"), rule, reason)


def _read_dateline(match: re.Match[str], text: str) -> _Candidate | None:
    if not match.group("expr"):
        return None  # a dateline without a date: "Niamey (AFP) -"
    return _span(match, "explicit_day" if match.group("year") else "month_day_publication_year")


def _read_month_day(match: re.Match[str], text: str) -> _Candidate | None:
    year = match.group("year")
    # "In August 12 soldiers died": a day followed by what it counts is a figure.
    if not year and _is_counted(text, match.end("expr")):
        return None
    return _span(match, "explicit_day" if year else "month_day_publication_year")


def _read_month_year(match: re.Match[str], text: str) -> _Candidate:
    return _span(match, "explicit_month")


def _read_month_part(match: re.Match[str], text: str) -> _Candidate:
    part = _PART_RULES[(match.group("part") or match.group("of")).lower()]
    if match.group("year"):
        return _span(match, part)
    # A deadline reads ahead; no rule narrows a month ahead, so the whole month stands.
    if _lead(match) in _AHEAD_LEADS:
        return _span(match, "named_month_ahead")
    return _span(match, f"{part}_before")


def _read_month(match: re.Match[str], text: str) -> _Candidate | None:
    lead = _lead(match)
    if match.group("deadline") or lead in _AHEAD_LEADS or lead == "next":
        return _span(match, "named_month_ahead")
    if lead == "this":
        return _span(match, None, f"'{match.group('expr')}' may lie before or after publication")
    if lead in ("last", "since", "since last") or match.group("context"):
        if not lead and _FUTURE_CUE_RE.search(text, max(0, match.start() - 60), match.start()):
            return _span(match, "named_month_ahead")  # "expects them to leave in September"
        return _span(match, "named_month_before")
    # Without a word of time around it, a month name may be a verb, a noun or a first name.
    month = match.group("month")
    if month in _AMBIGUOUS_MONTHS or _next_word(text, match.end("month"))[:1].isupper():
        return None
    # Only a deadline keeps its article ("a September deadline"); "a July coup" is the month.
    return _Candidate(match.start("month"), match.end("month"), "named_month_before", "")


def _read_weekday(match: re.Match[str], text: str) -> _Candidate | None:
    lead = _lead(match)
    if lead == "last":
        return _span(match, "weekday_before")
    if lead in _AHEAD_LEADS or lead == "next":
        return _span(match, "weekday_after")
    if lead == "this":
        return _span(match, None, f"'{match.group('expr')}' may lie before or after publication")
    if not lead and _previous_word(text, match.start("expr")).lower() in _NAMED_DAY_WORDS:
        return None
    return _span(match, "weekday_on_or_before")


def _read_year(match: re.Match[str], text: str) -> _Candidate | None:
    if match.group("end"):
        return _span(match, "end_of_year")
    if not (match.group("lead") or match.group("part")):
        before = _previous_word(text, match.start("year")).lower().rstrip(".")
        if before not in _TIME_WORDS and (
            _is_counted(text, match.end()) or before in _QUANTITY_OR_LABEL_WORDS
        ):
            return None
    return _span(match, "explicit_year")


def _read_decade(match: re.Match[str], text: str) -> _Candidate:
    return _span(match, "decade")


def _read_relative(match: re.Match[str], text: str) -> _Candidate | None:
    phrase = " ".join(match.group("phrase").lower().replace("-", " ").split())
    # "USA Today", "Sahel Today": a capitalised word before a capitalised "Today" is a title.
    titled = match.group("phrase")[0] == "T" and not match.group("lead")
    if phrase == "today" and titled and _previous_word(text, match.start())[:1].isupper():
        return None
    return _span(match, _PHRASE_RULES[phrase])


def _read_anchored(match: re.Match[str], text: str) -> _Candidate:
    expr = match.group("expr")
    return _span(match, None, f"'{expr}' counts from another event: it needs an anchor claim")


def _read_vague(match: re.Match[str], text: str) -> _Candidate:
    expr = match.group("expr")
    if expr.lower().endswith("ago"):
        return _span(match, None, f"no rule counts '{expr}' back from publication")
    return _span(match, None, f"no rule can resolve '{expr}': it names no bounded span")


_Reader = Callable[[re.Match[str], str], _Candidate | None]
# In order of precedence when two patterns find the same span (a dateline date is the story's).
_PATTERNS: tuple[tuple[str, re.Pattern[str], _Reader], ...] = (
    ("date.dateline", DATELINE_RE, _read_dateline),
    ("date.month_day", _MONTH_DAY_RE, _read_month_day),
    ("date.month_part", _MONTH_PART_RE, _read_month_part),
    ("date.month_year", _MONTH_YEAR_RE, _read_month_year),
    ("date.relative", _RELATIVE_RE, _read_relative),
    ("date.decade", _DECADE_RE, _read_decade),
    ("date.month", _MONTH_RE, _read_month),
    ("date.weekday", _WEEKDAY_RE, _read_weekday),
    ("date.year", _YEAR_RE, _read_year),
    ("date.vague", _VAGUE_RE, _read_vague),
    ("date.anchored", _ANCHORED_RE, _read_anchored),
)


def _resolve(candidate: _Candidate, name: str, text: str, publication: DateRange) -> DateMention:
    start, end, rule, reason = candidate
    expr = text[start:end]
    if rule is not None:
        try:
            span = resolve_relative_date(rule, expr, publication)
        except DateRuleError as err:
            rule, reason = None, f"'{expr}' names no date on the calendar: {err}"
        else:
            basis = explain_resolution(rule, expr, span, publication, REFERENCE_NAME)
            return DateMention(
                start, end, expr, rule, span.low, span.high, describe_precision(span), basis, name
            )
    return DateMention(start, end, expr, None, None, None, None, reason, name)


def find_dates(text: str, publication: DateRange) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against the publication range."""
    found = []
    for precedence, (name, pattern, read) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            candidate = read(match, text)
            if candidate is not None:
                found.append((candidate, precedence, name))
    found.sort(key=lambda item: (item[0].start - item[0].end, item[1], item[0].start))
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for candidate, _, name in found:
        at = bisect.bisect_left(starts, candidate.start)
        if (at and ends[at - 1] > candidate.start) or (
            at < len(starts) and starts[at] < candidate.end
        ):
            continue
        starts.insert(at, candidate.start)
        ends.insert(at, candidate.end)
        chosen.insert(at, (candidate, name))
    return [_resolve(candidate, name, text, publication) for candidate, name in chosen]
