"""Briefing: the key judgments with their evidence, the key figures, and the story step by step."""

import streamlit as st

from lib.briefing import (
    CONFIDENCE_LABELS,
    list_judgments,
    list_story_steps,
    read_step_param,
    render_date_strip_svg,
    render_key_figures_html,
)
from lib.cards import render_claim_cards_html
from lib.evidence import read_id_param, select_claims
from lib.geo import read_boundaries
from lib.maps import render_minimap_svg
from lib.timeline import build_date_marks, describe_event_dates
from lib.ui import (
    derive,
    escape_markdown,
    is_presenting,
    link_reader,
    load_view,
    read_carried_params,
    render_footer,
)

JUDGMENT_KEY = "briefing_judgment"
STEP_KEY = "briefing_step"

package = load_view()
judgments = derive(list_judgments, package)
steps = derive(list_story_steps, package)
params = st.query_params.to_dict()
wanted_judgment, notices = read_id_param(params, "judgment", judgments["judgment_id"], "judgment")
wanted_step, step_notices = read_step_param(params, len(steps))
if JUDGMENT_KEY not in st.session_state and wanted_judgment:
    st.session_state[JUDGMENT_KEY] = wanted_judgment
if STEP_KEY not in st.session_state:
    st.session_state[STEP_KEY] = wanted_step or 1
st.session_state[STEP_KEY] = min(max(st.session_state[STEP_KEY], 1), max(len(steps), 1))

st.title("Briefing: the US withdrawal from Niger")
for notice in notices + step_notices:
    st.info(escape_markdown(notice), icon=":material/link_off:")
st.caption(
    "Every judgment, figure and date below traces to verbatim quotes; select one to see them."
)
# A presenter steps through the story, so in presentation mode it comes first.
story_box = st.container() if is_presenting() else None
st.markdown(render_key_figures_html(package, steps, read_carried_params()), unsafe_allow_html=True)

st.subheader("Key judgments")
ranked = dict(zip(judgments["judgment_id"], judgments["rank"], strict=True))
texts = dict(zip(judgments["judgment_id"], judgments["text"], strict=True))
judgment_id = st.radio(
    "Select a judgment for the quotes behind it",
    options=list(judgments["judgment_id"]),
    index=None,
    format_func=lambda j: f"{ranked[j]}. {escape_markdown(texts[j])}",
    captions=[CONFIDENCE_LABELS[c] for c in judgments["confidence"]],
    key=JUDGMENT_KEY,
)
if judgment_id is None:
    st.query_params.pop("judgment", None)
else:
    st.query_params["judgment"] = judgment_id
    row = judgments.set_index("judgment_id").loc[judgment_id]
    if row["caveat"]:
        st.caption(f"Caveat: {escape_markdown(row['caveat'])}")
    backing = select_claims(package, row["kept_claims"])
    if backing.empty:
        st.info("The active filters hide every claim behind this judgment.")
    else:
        st.markdown(render_claim_cards_html(backing, package, link_reader), unsafe_allow_html=True)

if story_box is None:
    story_box = st.container()
with story_box:
    st.subheader("Story")
    if steps.empty:
        st.info("No events match the active filters.")
    else:
        back, forward, jump = st.columns([1, 1, 2], vertical_alignment="bottom")
        back.button(
            "◀ Previous",
            key="briefing_previous",
            disabled=st.session_state[STEP_KEY] <= 1,
            on_click=lambda: st.session_state.update({STEP_KEY: st.session_state[STEP_KEY] - 1}),
            width="stretch",
        )
        forward.button(
            "Next ▶",
            key="briefing_next",
            disabled=st.session_state[STEP_KEY] >= len(steps),
            on_click=lambda: st.session_state.update({STEP_KEY: st.session_state[STEP_KEY] + 1}),
            width="stretch",
        )
        step = jump.number_input(
            f"Step (1–{len(steps)})", min_value=1, max_value=len(steps), step=1, key=STEP_KEY
        )
        st.query_params["step"] = str(step)
        event = steps.iloc[step - 1]
        marks = build_date_marks(package, steps)
        st.markdown(f"#### {step}. {escape_markdown(event['title'])}")
        where, when = st.columns([1, 2])
        with where:
            st.markdown(
                render_minimap_svg(package, read_boundaries(), event["place_id"]),
                unsafe_allow_html=True,
            )
        with when:
            st.markdown(
                render_date_strip_svg(
                    event["date_low"],
                    event["date_high"],
                    steps["date_low"].min(),
                    steps["date_high"].max(),
                ),
                unsafe_allow_html=True,
            )
            st.markdown(
                "  \n".join(escape_markdown(line) for line in describe_event_dates(event, marks))
            )
        st.markdown(
            render_claim_cards_html(
                select_claims(package, event["claim_ids"]), package, link_reader
            ),
            unsafe_allow_html=True,
        )
render_footer(package)
