"""The floor: the least a Streamlit page costs on this machine (one line of text)."""

import streamlit as st

st.write("floor")
