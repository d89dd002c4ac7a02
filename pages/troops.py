"""Troop counts: each source's figure drawn as the kind of statement it is, and why they differ."""

from functools import partial

import streamlit as st

from lib.analysis import troops
from lib.app import chrome, panels, state
from lib.app.cache import derive
from lib.data.intervals import describe_interval_rules
from lib.render import cards, tables
from lib.render.troop_chart import draw_troops

package = state.load_view()
claims = derive(troops.select_troop_claims, package)
href = state.make_reader_link()

st.title("Troop counts")
st.caption(
    "How many US military people were in Niger? Each source's figure is drawn as what it says: "
    "a band for “about”, an open ray for “more than”, a point for an exact number."
)
if claims.empty:
    st.info("No source in this package gives a figure for US forces in Niger.")
else:
    chart = derive(draw_troops, package, state.read_scale())
    st.plotly_chart(chart, key="troops_chart", width="stretch", config={"displaylogo": False})
    st.caption(troops.describe_troops(claims))
    with st.expander("How the shapes are computed"):
        st.markdown(
            "\n".join(f"- {rule}" for rule in describe_interval_rules())
            + "\n\nTwo figures in the same unit are compared as intervals: overlapping ones "
            "agree. Disjoint ones are unresolved unless a text says why they differ (for "
            "instance, that they count different things); their candidate explanations are "
            "listed, never chosen."
        )

    st.subheader("What each source says")
    panels.render_by_source(claims, package, href)

    st.subheader("Why these differ")
    if claims["source_id"].nunique() < 2:
        chrome.render_html(cards.render_only_one_source_html())
    for item in derive(troops.explain_differences, package, claims):
        panels.render_difference(item)

    chrome.render_table_twin(
        "Table: every figure on this chart",
        len(claims),
        partial(tables.build_troop_table, claims),
        "figures",
        "troop-counts",
        "troops",
    )
chrome.render_footer(package)
