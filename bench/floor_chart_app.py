"""The second floor: one line of text and one small plotly chart, so a page's cost can be read
against what drawing any chart costs (plotly's script, one figure) as well as the bare floor."""

import plotly.graph_objects as go
import streamlit as st

st.write("floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3])), height=240)
