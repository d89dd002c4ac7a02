"""Sahel Brief's library, in four layers: data → analysis → render → app (only app imports
streamlit); ``paths`` holds every location and ``validate`` is the validator's command line."""
