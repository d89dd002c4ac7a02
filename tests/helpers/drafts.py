"""A one-claim ingest draft built by hand over a synthetic article, so the merge is tested apart
from the extraction rules."""

from __future__ import annotations

import hashlib

from lib.data.ingest.article import propose_seed_name
from lib.data.ingest.draft import ACCEPTED, Draft, draft_columns
from lib.data.rows import blank_row

# A short article written for these tests (synthetic), not a real news report.
SYNTHETIC_ARTICLE = (
    "SYNTHETIC TEST ARTICLE: written for Sahel Brief's tests; not a real news report.\n\n"
    "Base handed over\n\n"
    "NIAMEY, Niger (AP) — About 700 U.S. troops were still in Niger on Monday, officials said.\n"
)


def build_test_draft(source_id: str = "test-2024-08-06", text: str = SYNTHETIC_ARTICLE, **claim):
    """A one-claim draft over ``text``: the 'About 700 U.S. troops' sentence, accepted, dated
    'on Monday' before publication (6 Aug 2024), on a new topic; ``claim`` overrides its cells."""
    seed_bytes = text.encode("utf-8")
    sha = hashlib.sha256(seed_bytes).hexdigest()
    seed_name = propose_seed_name(source_id, sha)
    quote = "About 700 U.S. troops were still in Niger on Monday, officials said."
    start = text.find(quote)
    source = blank_row(
        draft_columns("sources"),
        source_id=source_id,
        seed_file=seed_name,
        sha256=sha,
        title="Base handed over",
        title_printed="true",
        pub_date_low="2024-08-06",
        pub_date_high="2024-08-06",
        pub_date_best="2024-08-06",
        pub_date_basis="Given at ingest: published 2024-08-06.",
        language="en",
        status="proposed",
        outlet="AP",
    )
    row = blank_row(
        draft_columns("claims"),
        claim_id=f"{source_id}-c001",
        source_id=source_id,
        topic=f"new-{source_id}",
        topic_status="draft",
        subject="U.S. troops",
        statement=quote,
        value="700",
        bound="approx",
        hedge="About",
        unit="people",
        unit_scope="U.S. troops",
        date_expr="on Monday",
        date_rule="weekday_on_or_before",
        place_ids="ner",
        claimant="officials",
        quote=quote,
        char_start=str(start),
        char_end=str(start + len(quote)),
        status=ACCEPTED,
    )
    row.update(claim)
    # A new topic, so the merge needs no relations to other sources' claims.
    topic = blank_row(
        draft_columns("topics"),
        topic_id=f"new-{source_id}",
        label="Test topic",
        theme="context",
        question="What does the test article say?",
        status="draft",
    )
    meta = {"source_id": source_id, "outlet": "AP"}
    tables = {"sources": [source], "topics": [topic], "claims": [row]}
    return Draft(meta, seed_name, seed_bytes, tables)
