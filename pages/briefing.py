"""Briefing: the key judgments with their evidence, the key figures, and the story step by step."""

import streamlit as st

from lib.analysis import briefing
from lib.app import chrome, links, panels, state
from lib.app.cache import derive, derive_held, reuse_package
from lib.app.pages import JUDGMENT_PARAM, STEP_PARAM
from lib.render import text

JUDGMENT_KEY, STEP_KEY = "briefing_judgment", state.STORY_STEP_KEY

package = state.load_view()
judgments = derive(briefing.list_judgments, package)
# An event the filters took claims from is dated by the claims left (lib.analysis.briefing).
steps = derive(
    briefing.list_story_steps, package, derive_held(briefing.list_event_claims, reuse_package()[0])
)
notices = state.seed_from_url(JUDGMENT_KEY, JUDGMENT_PARAM, judgments["judgment_id"], "judgment")
wanted_step, step_notices = links.read_step_param(st.query_params.to_dict(), len(steps))
state.seed_step(STEP_KEY, wanted_step, len(steps))
href = state.make_reader_link()

st.title(briefing.TITLE)
chrome.render_notices(notices + step_notices)
st.caption(
    "Every judgment, figure and date below traces to verbatim quotes; select one to see them."
)
if not state.is_presenting():  # the mode's page bar has the same button
    chrome.render_briefing_download("briefing_download", on_briefing=True)
# A presenter steps through the story, so in presentation mode it comes first.
story_box = st.container() if state.is_presenting() else None
panels.render_key_figures(package, steps, href)

st.subheader("Key judgments")
judgment_id = st.radio(
    "Select a judgment for the quotes behind it",
    options=list(judgments["judgment_id"]),
    index=None,
    format_func=text.label_judgments(judgments).get,
    captions=[briefing.CONFIDENCE_LABELS[c] for c in judgments["confidence"]],
    key=JUDGMENT_KEY,
)
state.write_param(JUDGMENT_PARAM, judgment_id)
if judgment_id is not None:
    panels.render_judgment(package, judgments.set_index("judgment_id").loc[judgment_id], href)

with story_box or st.container():
    st.subheader("Story")
    if steps.empty:
        st.info("No events match the active filters.")
    else:
        step = panels.render_stepper(STEP_KEY, len(steps), state.STORY_PREFIX)
        state.write_param(STEP_PARAM, step)
        panels.render_story_step(package, steps, step, href)
chrome.render_footer(package)
