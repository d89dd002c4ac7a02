"""The ingest page's parts: propose a draft from an upload, review it, add it to the package."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.analysis.ingest.propose import describe_decisions, propose_draft, summarise_draft
from lib.app.chrome import render_dataframe, render_download
from lib.data.ingest.article import ArticleError, read_article
from lib.data.ingest.draft import (
    ACCEPTED,
    DRAFT,
    EXISTING,
    NEW_EVENT,
    REJECTED,
    REVIEW_STATUSES,
    Draft,
    DraftError,
    apply_edits,
    build_draft_zip,
    decide_all,
    read_draft_zip,
)
from lib.data.merge import MergeError, is_writable, merge_draft
from lib.data.read import Package
from lib.data.schema import (
    BOUND_TYPES,
    DATE_RULES,
    EVENT_CATEGORIES,
    PLACE_KINDS,
    RELATION_TYPES,
)
from lib.paths import resolve_data_dir
from lib.render.ingest import render_proposal_key_html, render_proposals_html
from lib.render.text import escape_markdown

DRAFT_KEY = "ingest_draft"
RESULT_KEY = "ingest_result"

CLAIM_COLUMNS = (
    "status", "claim_id", "quote", "topic", "topic_status", "bound", "hedge", "value",
    "value_low", "value_high", "unit", "unit_scope", "date_expr", "date_rule", "date_low",
    "date_high", "date_basis", "place_ids", "claimant", "claimant_actor_id", "event_id",
    "extracted_by",
)  # fmt: skip
EDITABLE_CLAIM_COLUMNS = (
    "status", "topic", "bound", "hedge", "value", "value_low", "value_high", "unit",
    "unit_scope", "date_expr", "date_rule", "date_low", "date_high", "date_basis", "place_ids",
    "claimant", "claimant_actor_id", "event_id",
)  # fmt: skip


def propose_from_upload(
    name: str, payload: bytes, published: str | None, outlet: str, source_id: str, package: Package
) -> Draft:
    """A draft for an uploaded article, read exactly as the command line reads a file."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / Path(name).name
        path.write_bytes(payload)
        article = read_article(path, published, shown=name)
        return propose_draft(
            article, package, outlet.strip() or "Unknown outlet", source_id or None
        )


def render_article_form(package: Package) -> None:
    """Upload an article (or a draft zip) and propose its claims."""
    # Outside the form: an upload inside one may still be on its way when the form is sent.
    upload = st.file_uploader(
        "Article (.txt or saved .html)", type=["txt", "html", "htm"], key="ingest_article"
    )
    if upload is not None:
        st.caption(f"Ready to propose: {escape_markdown(upload.name)} ({upload.size:,} bytes)")
    with st.form("ingest_form"):
        left, middle, right = st.columns(3)
        published = left.text_input(
            "Published (YYYY-MM-DD)",
            placeholder="2024-08-05",
            help="May stay empty for a saved page whose metadata dates it.",
            key="ingest_published",
        )
        outlet = middle.text_input("Outlet", placeholder="AP, Reuters, AFP…", key="ingest_outlet")
        source_id = right.text_input("Source id (optional)", key="ingest_source_id")
        submitted = st.form_submit_button("Propose claims", type="primary")
    if submitted and upload is not None:
        try:
            st.session_state[DRAFT_KEY] = propose_from_upload(
                upload.name,
                upload.getvalue(),
                published.strip() or None,
                outlet,
                source_id,
                package,
            )
            st.session_state.pop(RESULT_KEY, None)
        except (ArticleError, DraftError) as err:
            st.error(str(err), icon=":material/error:")
    elif submitted:
        st.warning("Choose an article file first.")
    opened = st.file_uploader("…or open a draft (zip)", type=["zip"], key="ingest_open_draft")
    if opened is not None and st.button("Open this draft", key="ingest_open"):
        try:
            st.session_state[DRAFT_KEY] = read_draft_zip(opened.getvalue())
        except DraftError as err:
            st.error(str(err), icon=":material/error:")


def _frame(draft: Draft, name: str, columns, shown=None) -> pd.DataFrame:
    rows = [{c: row.get(c, "") for c in columns} for row in draft.rows(name)]
    if shown is not None:
        rows = [row for row in rows if shown(row)]
    return pd.DataFrame(rows, columns=list(columns))


def _edit(draft: Draft, name: str, columns, editable, config: dict, key: str, shown=None) -> Draft:
    frame = _frame(draft, name, columns, shown)
    if frame.empty:
        return draft
    disabled = [c for c in columns if c not in editable]
    edited = st.data_editor(
        frame, key=key, hide_index=True, disabled=disabled, column_config=config, num_rows="fixed"
    )
    return apply_edits(draft, name, edited.fillna("").to_dict("records"))


def render_review(draft: Draft, package: Package) -> Draft:
    """The highlighted text and every proposal, editable; returns the draft as edited."""
    st.subheader(f"Review: {draft.source_id}")
    st.caption(" · ".join(summarise_draft(draft)[:2]))
    st.markdown(render_proposal_key_html(), unsafe_allow_html=True)
    with st.container(height=420):
        st.markdown(render_proposals_html(draft), unsafe_allow_html=True)
    left, right = st.columns(2)
    if left.button(
        "Accept every claim and relation",
        key="ingest_accept_all",
        help="Except a relation the figures and dates cannot type, and its claim: type those "
        "from the quotes below. New places and actors are yours to accept.",
    ):
        draft = decide_all(draft, ACCEPTED)
    if right.button("Reset every decision", key="ingest_reset_all"):
        draft = decide_all(draft, "proposed")
    status = st.column_config.SelectboxColumn("Decision", options=REVIEW_STATUSES, required=True)
    topics = sorted(set(package["topics"]["topic_id"]) | {r["topic"] for r in draft.rows("claims")})
    drafted = [e["event_id"] for e in draft.rows("events")]
    events = ["", NEW_EVENT, *drafted, *sorted(package["events"]["event_id"])]
    st.markdown(
        "**Claims**: accept, edit or reject each; a figure's interval and a date's "
        "range are derived again from what you edit."
    )
    draft = _edit(
        draft,
        "claims",
        CLAIM_COLUMNS,
        EDITABLE_CLAIM_COLUMNS,
        {
            "status": status,
            "topic": st.column_config.SelectboxColumn("Topic", options=topics),
            "bound": st.column_config.SelectboxColumn("Bound", options=["", *BOUND_TYPES]),
            "date_rule": st.column_config.SelectboxColumn("Rule", options=["", *DATE_RULES]),
            "event_id": st.column_config.SelectboxColumn(
                "Timeline event", options=events, help="Join an event, or make the claim a new one"
            ),
        },
        f"ingest_claims_{draft.source_id}",
    )
    for name, kind_options in (("places", PLACE_KINDS), ("actors", None)):
        key = "place_id" if name == "places" else "actor_id"
        if all(r["status"] == EXISTING for r in draft.rows(name)):
            continue
        st.markdown(f"**New {name}** (not in the package yet): accept to add them.")
        extra = ("lat", "lon", "radius_km", "geo_precision") if name == "places" else ("role",)
        columns = ("status", key, "name", "kind", *extra, "note")
        config = {"status": st.column_config.SelectboxColumn(options=(DRAFT, ACCEPTED, REJECTED))}
        if kind_options:
            config["kind"] = st.column_config.SelectboxColumn(options=kind_options)
        draft = _edit(
            draft,
            name,
            columns,
            ("status", "name", "kind", *extra),
            config,
            f"ingest_{name}_{draft.source_id}",
            shown=lambda row: row["status"] != EXISTING,
        )
    if draft.rows("relations"):
        st.markdown("**Relations to other sources**, computed from figures and dates.")
        config = {
            "status": status,
            "relation": st.column_config.SelectboxColumn(options=["", *RELATION_TYPES]),
        }
        columns = ("status", "relation_id", "claim_a", "claim_b", "relation", "explanation")
        draft = _edit(
            draft,
            "relations",
            columns,
            ("status", "relation", "explanation"),
            config,
            f"ingest_relations_{draft.source_id}",
        )
    if draft.rows("events"):
        st.markdown("**New timeline events**, each from the claim that dates it.")
        config = {
            "status": status,
            "category": st.column_config.SelectboxColumn(options=EVENT_CATEGORIES),
        }
        columns = ("status", "event_id", "title", "display_date", "category", "claim_ids")
        draft = _edit(
            draft,
            "events",
            columns,
            ("status", "title", "display_date", "category"),
            config,
            f"ingest_events_{draft.source_id}",
        )
    with st.expander(f"Quality flags ({len(draft.rows('quality_flags'))})"):
        render_dataframe(_frame(draft, "quality_flags", ("kind", "quote", "note")), "ingest_flags")
    st.session_state[DRAFT_KEY] = draft
    return draft


def render_add(draft: Draft) -> None:
    """Add the accepted rows to the package, or, where it is read-only, offer the draft."""
    data_dir = resolve_data_dir()
    render_download(
        "Download the draft (zip)",
        # Built only when clicked: it writes the whole draft out, which no rerun needs.
        partial(build_draft_zip, draft),
        f"draft-{draft.source_id}.zip",
        "application/zip",
        key="ingest_download_draft",
    )
    if not is_writable(data_dir):
        st.caption("Read-only here: download the draft above to merge it elsewhere.")
        return
    st.caption(describe_decisions(draft))
    if st.button("Add to the package", type="primary", key="ingest_merge"):
        try:
            report = merge_draft(draft, data_dir)
        except MergeError as err:
            st.error(err.summary, icon=":material/error:")
            st.code("\n".join(err.problems) or err.summary, language=None)
            return
        st.session_state.pop(DRAFT_KEY, None)
        added = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in report.added.items() if n)
        st.session_state[RESULT_KEY] = (
            f"Added {report.source_id} as version {report.version}: {added}."
        )
        st.rerun()


READ_ONLY_NOTICE = (
    "This copy of the app cannot change its data (a read-only deployment such as Community "
    "Cloud, or SAHEL_BRIEF_READ_ONLY is set), so nothing can be added here. You can still "
    "propose and review a document, then download the draft and merge it where the package is "
    "writable: python -m scripts.ingest --accept DRAFT_DIR."
)


def render_read_only_notice() -> bool:
    """Say plainly, before any work, when adding is impossible here; True when it is."""
    if is_writable(resolve_data_dir()):
        return False
    st.info(READ_ONLY_NOTICE, icon=":material/lock:")
    return True


def render_result() -> None:
    """Say what the last add did, once."""
    message = st.session_state.pop(RESULT_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")
