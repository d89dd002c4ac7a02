"""Source quality computed from each text (misnamed countries, scraping debris), beside the
curators' flags.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from lib.analysis.text import Sentence, split_sentences, trim_span
from lib.data.read import Package


def summarise_flags(package: Package, source_id: str) -> pd.DataFrame:
    """Quality flags of one source: kind, quote, offsets and note, in text order."""
    flags = package["quality_flags"]
    rows = flags[flags["source_id"] == source_id]
    table = rows[["kind", "quote", "char_start", "char_end", "note"]].copy()
    table["kind"] = table["kind"].str.replace("_", " ")
    return table.sort_values("char_start", na_position="first").reset_index(drop=True)


MISNAMED_COUNTRY = "misnamed_country"


SCRAPING_DEBRIS = "scraping_debris"


COMPARED_KINDS = (MISNAMED_COUNTRY, SCRAPING_DEBRIS)


COMPARISON_COLUMNS = ["kind", "start", "end", "text", "status"]


# Whole words that point at the subject country: its name, its demonym, its capital.
SUBJECT_FAMILIES: dict[str, tuple[str, ...]] = {
    "Niger": ("Niger", "Nigerien", "Nigeriens", "Niamey"),
}


# "Niger" here names the river or a Nigerian state, not the country, so it is not counted.
# Matched case-sensitively: "Niger State" is in Nigeria, "the Niger state broadcaster" is not.
NOT_THE_SUBJECT: tuple[str, ...] = (
    "Niger Delta",
    "Niger River",
    "River Niger",
    "Niger State",
    "Niger Basin",
)


# Names that only make sense for Nigeria itself. Not "Boko Haram", "Lake Chad" or "ECOWAS": they
# belong to Niger's story as much as Nigeria's. "Nigerian Navy" works because Niger is landlocked.
NIGERIA_CUES: tuple[str, ...] = (
    "Abuja",
    "Lagos",
    "Kano",
    "Kaduna",
    "Ibadan",
    "Port Harcourt",
    "Maiduguri",
    "Borno",
    "Niger Delta",
    "Niger State",
    "Tinubu",
    "Buhari",
    "Obasanjo",
    "Yar'Adua",
    "Goodluck Jonathan",
    "naira",
    "Nollywood",
    "Nigerian Navy",
)


# The subject must appear at least this many times per lookalike before lookalikes look like slips.
DOMINANCE_RATIO = 2


@dataclass(frozen=True)
class Finding:
    """One computed flag: what kind, where (``text[start:end]``), in which sentence, and why."""

    kind: str
    start: int
    end: int
    text: str
    sentence: Sentence
    reason: str


@dataclass(frozen=True)
class DebrisPattern:
    """A kind of scraper residue; ``whole_line`` patterns must match a trimmed line exactly."""

    pattern: re.Pattern[str]
    whole_line: bool
    reason: str


def _line(pattern: str, reason: str) -> DebrisPattern:
    return DebrisPattern(re.compile(pattern, re.IGNORECASE), True, reason)


# Line patterns are anchored to a whole trimmed line because the same words inside a paragraph
# ("readers can read more in the report") are prose, not residue.
DEBRIS_PATTERNS: tuple[DebrisPattern, ...] = (
    DebrisPattern(
        re.compile(r"\[[a-z]+(?:_[a-z]+)*_\d+\]", re.IGNORECASE),
        False,
        "Shortcode placeholder (such as an ad slot) left by an auto-publishing scraper.",
    ),
    _line(r"source\s+link", "Link stub left by the scraper in place of the original URL."),
    _line(r"read\s+(?:more|also)(?:\s*[:›»>|–—-].*)?", "'Read more' teaser from the source page."),
    _line(r"advertisement|advertising|sponsored(?:\s+content)?", "Advertising label."),
    _line(
        r"subscribe(?:\s+(?:now|today|here))?|(?:subscribe|sign\s+up)\s+(?:to|for)\b.*newsletter.*",
        "Newsletter sign-up prompt.",
    ),
    _line(r"click\s+here\b.*", "'Click here' call to action."),
    _line(
        r"(?:share|like)\s+this(?:\s+(?:article|story|post))?\s*:?|share\s+(?:on|via)\s+\w+.*",
        "Share-button residue.",
    ),
    _line(r"leave\s+a\s+(?:reply|comment)\b.*|cancel\s+reply", "Blog comment-form heading."),
    # The name is often fused to the label ("the authorAV1 NEWS"); requiring a capital after
    # "author" keeps "The authorities said ..." out.
    _line(
        r"(?:about\s+)?the\s+author(?:\s*(?-i:[A-Z0-9])[^.!?]{0,60})?",
        "Blog author widget.",
    ),
    _line(r"related\s+(?:posts|articles|stories)|you\s+(?:may|might)\s+also\s+like", "Link list."),
)


def _compile_words(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    # Longest first, and spaces inside a phrase match any run of whitespace.
    alternatives = sorted(words, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, word.split())) for word in alternatives)
    return re.compile(rf"\b(?:{body})\b", flags)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _sentence_at(sentences: list[Sentence], start: int, end: int, text: str) -> Sentence:
    for sentence in sentences:
        if sentence.start <= start < sentence.end:
            return sentence
    return Sentence(start, end, text[start:end])


def count_subject_mentions(text: str, subject: str = "Niger") -> int:
    """Count whole-word mentions of the subject's family, leaving out "Niger Delta" and the like."""
    family = SUBJECT_FAMILIES.get(subject, (subject,))
    excluded = [m.span() for m in _compile_words(NOT_THE_SUBJECT, 0).finditer(text)]
    return sum(not _overlaps(*m.span(), excluded) for m in _compile_words(family).finditer(text))


def find_misnamed_countries(
    text: str,
    subject: str = "Niger",
    lookalikes: tuple[str, ...] = ("Nigeria", "Nigerian", "Nigerians"),
    cues: tuple[str, ...] = NIGERIA_CUES,
) -> list[Finding]:
    """Flag lookalike names ("Nigerian") that stand where the document's subject is meant.

    Rule: the document is about the subject when its whole-word family mentions (for Niger:
    Niger, Nigerien(s), Niamey; not "Niger Delta", "Niger State", the river) number at least
    ``DOMINANCE_RATIO`` times the lookalike mentions. Then every whole-word lookalike is flagged
    unless its own sentence names a cue that the lookalike country really is meant ("Abuja",
    "Tinubu"). Words match case-insensitively on word boundaries, so "Niger" never matches
    inside "Nigeria" nor "Nigeria" inside "Nigerians".
    """
    if not lookalikes:
        return []
    subject_count = count_subject_mentions(text, subject)
    hits = list(_compile_words(lookalikes).finditer(text))
    if not hits or subject_count < DOMINANCE_RATIO * len(hits):
        return []
    cue_re = _compile_words(cues) if cues else None
    sentences = split_sentences(text)
    country = lookalikes[0]
    findings = []
    for hit in hits:
        sentence = _sentence_at(sentences, hit.start(), hit.end(), text)
        if cue_re and cue_re.search(sentence.text):
            continue
        reason = (
            f"'{hit.group()}' in a text about {subject} ({subject_count} mentions against "
            f"{len(hits)}), and nothing in its sentence points at {country} itself."
        )
        findings.append(
            Finding(MISNAMED_COUNTRY, hit.start(), hit.end(), hit.group(), sentence, reason)
        )
    return findings


def find_scraping_debris(text: str) -> list[Finding]:
    """Flag scraper and blog-template residue listed in ``DEBRIS_PATTERNS``, at its own offsets."""
    sentences = split_sentences(text)
    found: dict[tuple[int, int], Finding] = {}
    # Each line trimmed once, not once per pattern.
    lines = [trim_span(text, line.start(), line.end()) for line in re.finditer(r"[^\n]+", text)]
    lines = [line for line in lines if line]
    for debris in DEBRIS_PATTERNS:
        if debris.whole_line:
            spans = [(t.start, t.end) for t in lines if debris.pattern.fullmatch(t.text)]
        else:
            spans = [m.span() for m in debris.pattern.finditer(text)]
        for start, end in spans:
            sentence = _sentence_at(sentences, start, end, text)
            found.setdefault(
                (start, end),
                Finding(SCRAPING_DEBRIS, start, end, text[start:end], sentence, debris.reason),
            )
    return sorted(found.values(), key=lambda f: (f.start, f.end))


def compute_quality_flags(text: str, subject: str = "Niger") -> list[Finding]:
    """Run every check on one document; findings come back ordered by position."""
    findings = find_misnamed_countries(text, subject) + find_scraping_debris(text)
    return sorted(findings, key=lambda f: (f.start, f.end, f.kind))


def summarise_findings(findings: Iterable[Finding]) -> dict[str, int]:
    """Count findings per kind, kinds in alphabetical order."""
    counts = Counter(finding.kind for finding in findings)
    return dict(sorted(counts.items()))


def compare_with_curated(findings: list[Finding], curated: pd.DataFrame) -> pd.DataFrame:
    """Line up one source's computed findings with its curated flags of the compared kinds.

    A computed finding is "both" when it overlaps a curated flag of the same kind, otherwise
    "computed only"; curated flags no finding overlaps are "curated only".
    """
    if "source_id" in curated and curated["source_id"].nunique() > 1:
        raise ValueError("compare_with_curated takes the curated flags of one source")
    rows = curated[
        curated["kind"].isin(COMPARED_KINDS)
        & curated["char_start"].notna()
        & curated["char_end"].notna()
    ]
    spans = {
        kind: [(int(r["char_start"]), int(r["char_end"])) for _, r in group.iterrows()]
        for kind, group in rows.groupby("kind")
    }
    compared = [f for f in findings if f.kind in COMPARED_KINDS]
    records = [
        (
            f.kind,
            f.start,
            f.end,
            f.text,
            "both" if _overlaps(f.start, f.end, spans.get(f.kind, [])) else "computed only",
        )
        for f in compared
    ]
    for _, row in rows.iterrows():
        start, end = int(row["char_start"]), int(row["char_end"])
        matched = [(f.start, f.end) for f in compared if f.kind == row["kind"]]
        if not _overlaps(start, end, matched):
            records.append((row["kind"], start, end, str(row["quote"]), "curated only"))
    frame = pd.DataFrame(records, columns=COMPARISON_COLUMNS)
    return frame.sort_values(["start", "end", "kind"], ignore_index=True)


def build_quality_report(text: str, curated: pd.DataFrame) -> pd.DataFrame:
    """One source's quality table: computed findings with their sentence and whether curators
    flagged them too, then the curators' own notes on kinds no rule computes (garbled text…).
    """
    findings = compute_quality_flags(text)
    sentences = {(f.start, f.end): f.sentence.text for f in findings}
    compared = compare_with_curated(findings, curated)
    rows = [
        {
            "kind": r["kind"].replace("_", " "),
            "found by": {
                "both": "computed + curator",
                "computed only": "computed",
                "curated only": "curator",
            }[r["status"]],
            "text": r["text"],
            "sentence or note": sentences.get((r["start"], r["end"]), ""),
            "chars": f"{r['start']}–{r['end']}",
        }
        for _, r in compared.iterrows()
    ]
    for _, flag in curated[~curated["kind"].isin(COMPARED_KINDS)].iterrows():
        located = pd.notna(flag["char_start"]) and pd.notna(flag["char_end"])
        rows.append(
            {
                "kind": flag["kind"].replace("_", " "),
                "found by": "curator",
                "text": flag["quote"] if located else "",
                "sentence or note": flag["note"] if pd.notna(flag["note"]) else "",
                "chars": f"{int(flag['char_start'])}–{int(flag['char_end'])}"
                if located
                else "whole document",
            }
        )
    return pd.DataFrame(rows, columns=["kind", "found by", "text", "sentence or note", "chars"])


# Documents whose quality summary is kept (a year of reporting is about 2,000).
SUMMARY_CACHE_TEXTS = 4096


@lru_cache(maxsize=SUMMARY_CACHE_TEXTS)
def summarise_text_quality(text: str) -> tuple[tuple[str, int], ...]:
    """``summarise_findings(compute_quality_flags(text))`` as (kind, count) pairs, kept per text:
    a document's checks depend on its text alone, and every filtered view asks again."""
    return tuple(summarise_findings(compute_quality_flags(text)).items())


def build_quality_summary(package) -> pd.DataFrame:
    """One row per source: computed findings by kind, and the curators' flags by kind."""
    flags = package["quality_flags"]
    curated_kinds: dict[str, list[str]] = {}
    for source_id, kind in zip(flags["source_id"], flags["kind"], strict=True):
        curated_kinds.setdefault(source_id, []).append(kind)
    rows = []
    for source_id in package["sources"]["source_id"].tolist():
        computed = summarise_text_quality(package.seeds.get(source_id, ""))
        curated = Counter(curated_kinds.get(source_id, [])).most_common()
        rows.append(
            {
                "source": source_id,
                "computed": ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in computed) or "none",
                "curators' flags": ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in curated)
                or "none",
            }
        )
    return pd.DataFrame(rows, columns=["source", "computed", "curators' flags"])


def report_source_quality(package: Package, source_id: str) -> pd.DataFrame:
    """The computed findings on one source's text beside its curated flags."""
    flags = package["quality_flags"]
    return build_quality_report(package.seeds[source_id], flags[flags["source_id"] == source_id])
