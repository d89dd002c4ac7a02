"""Troop counts: each source's figure drawn as the kind of statement it is, and why they differ."""

from functools import partial

import streamlit as st

from lib.about import describe_interval_rules
from lib.cards import render_claim_cards_html, render_relation_badge_html
from lib.troops import (
    build_troop_table,
    describe_troops,
    draw_troops,
    explain_differences,
    select_troop_claims,
)
from lib.ui import (
    derive,
    escape_markdown,
    link_reader,
    load_view,
    render_footer,
    render_table_twin,
)

package = load_view()
source_ids = list(package["sources"]["source_id"])
claims = derive(select_troop_claims, package)

st.title("Troop counts")
st.caption(
    "How many US military people were in Niger? Each source's figure is drawn as what it says: "
    "a band for “about”, an open ray for “more than”, a point for an exact number."
)
if claims.empty:
    st.info("No source in this package gives a figure for US forces in Niger.")
else:
    st.plotly_chart(
        derive(draw_troops, package),
        key="troops_chart",
        width="stretch",
        config={"displaylogo": False},
    )
    st.caption(describe_troops(claims))
    with st.expander("How the shapes are computed"):
        st.markdown(
            "\n".join(f"- {rule}" for rule in describe_interval_rules())
            + "\n\nTwo figures are compared only when they count the same thing (unit and scope) "
            "as of overlapping dates; then overlapping intervals agree and disjoint ones conflict."
        )

    st.subheader("What each source says")
    backing = [s for s in source_ids if s in set(claims["source_id"])]
    for column, source_id in zip(st.columns(len(backing)), backing, strict=True):
        column.markdown(
            render_claim_cards_html(claims[claims["source_id"] == source_id], package, link_reader),
            unsafe_allow_html=True,
        )

    st.subheader("Why these differ")
    if claims["source_id"].nunique() < 2:
        st.markdown(
            render_relation_badge_html("only_one_source")
            + " Only one source gives a figure, so there is nothing to compare it with.",
            unsafe_allow_html=True,
        )
    for item in derive(explain_differences, package, claims):
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(item['claim_a'])} vs {escape_markdown(item['claim_b'])}**  "
                + render_relation_badge_html(item["curated"], "curated")
                + " "
                + render_relation_badge_html(item["computed"], "computed"),
                unsafe_allow_html=True,
            )
            if item["explanation"]:
                st.markdown(f"Curator: {escape_markdown(item['explanation'])}")
            if item["curated"] and item["computed"] and item["curated"] != item["computed"]:
                st.warning(
                    escape_markdown(f"The computed relation differs: {item['basis']}."),
                    icon=":material/rule:",
                )
            st.markdown("\n".join(f"- {escape_markdown(d)}" for d in item["differences"]))

    render_table_twin(
        "Table: every figure on this chart",
        len(claims),
        partial(build_troop_table, claims),
        "figures",
        "troop-counts",
        "troops",
    )
render_footer(package)
