"""The topic a proposed claim joins: each topic's vocabulary weighted by rarity, and the best match
for a sentence; below the threshold, a new topic is proposed for the reviewer to name."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from lib.analysis.ingest.claimant import SPEECH_VERBS
from lib.analysis.text import FUNCTION_WORDS
from lib.data.cells import is_present
from lib.data.ingest.article import make_slug
from lib.data.ingest.draft import DRAFT, EXISTING, draft_columns
from lib.data.read import Package
from lib.data.rows import blank_row

_WORD_RE = re.compile(r"[a-z][a-z'’-]+")
# Words that say nothing of a topic: function words, and the verbs that say who speaks. Not a
# maintained list such as jusText's English stoplist (BSD-2, installed with trafilatura): that one
# is the commonest words of Wikipedia, and drops "military", "army", "air", "government", "war",
# "president" and "french", the very words topics differ by.
_STOPWORDS = FUNCTION_WORDS | SPEECH_VERBS
# A topic must share this much weighted vocabulary with a sentence to be suggested; below it the
# claim is proposed with a new topic, flagged as such.
TOPIC_THRESHOLD = 0.18


@dataclass(frozen=True)
class TopicIndex:
    """Each topic's vocabulary (label, question and its claims' words), weighted by rarity."""

    weights: dict[str, dict[str, float]]
    units: dict[str, set[str]]


def list_topic_words(text: str) -> list[str]:
    """The words of ``text`` that can tell one topic from another: lower case, no stopwords."""
    return [w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS and len(w) > 2]


def build_topic_index(package: Package) -> TopicIndex:
    """Index the package's topics for :func:`suggest_topic`."""
    topics, claims = package["topics"], package["claims"]
    bags: dict[str, Counter] = {}
    for row in topics.itertuples():
        bags[row.topic_id] = Counter(list_topic_words(f"{row.label} {row.question}") * 2)
    units: dict[str, set[str]] = {}
    for row in claims.itertuples():
        bag = bags.setdefault(row.topic, Counter())
        bag.update(list_topic_words(f"{row.subject} {row.quote}"))
        if is_present(row.unit):
            units.setdefault(row.topic, set()).add(str(row.unit))
    documents = Counter(word for bag in bags.values() for word in bag)
    total = max(len(bags), 1)
    weights = {}
    for topic, bag in bags.items():
        raw = {w: (1 + math.log(n)) * math.log(1 + total / documents[w]) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        weights[topic] = {w: v / norm for w, v in raw.items()}
    return TopicIndex(weights, units)


def suggest_topic(text: str, unit: str, index: TopicIndex) -> tuple[str | None, float]:
    """The best-matching existing topic for a sentence and its score; None when none matches."""
    words = set(list_topic_words(text))
    best, best_score = None, 0.0
    for topic, weights in index.weights.items():
        score = sum(weights.get(w, 0.0) for w in words)
        # A figure's unit is strong evidence: a price goes where prices already are.
        if unit and unit in index.units.get(topic, set()):
            score += 0.5
        if score > best_score:
            best, best_score = topic, score
    return best, best_score


def propose_topics(claims: list[dict[str, str]], index: TopicIndex) -> list[dict[str, str]]:
    """Set each claim's topic to the one suggested; below the threshold, to a new topic, one per
    subject, whose draft rows are returned."""
    new_topics = []
    for claim in claims:
        topic, score = suggest_topic(claim["quote"], claim["unit"], index)
        if topic is not None and score >= TOPIC_THRESHOLD:
            claim["topic"], claim["topic_status"] = topic, EXISTING
            continue
        topic_id = f"new-{make_slug(claim['subject'], 32)}"
        claim["topic"], claim["topic_status"] = topic_id, DRAFT
        if all(t["topic_id"] != topic_id for t in new_topics):
            new_topics.append(
                blank_row(
                    draft_columns("topics"),
                    topic_id=topic_id,
                    label=claim["subject"][:60],
                    theme="context",
                    question=f"What do the sources say about {claim['subject'][:60]}?",
                    status=DRAFT,
                    extracted_by="topic.new",
                )
            )
    return new_topics
