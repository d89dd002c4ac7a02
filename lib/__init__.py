"""Sahel Brief's library, in four layers: data → analysis → render → app (only app imports
streamlit); ``paths`` holds every location and ``validate`` is the validator's command line."""

# The app's name, said by the browser tab, the About page, every footer and the exported briefing;
# downloads are named after it (APP_SLUG).
APP_TITLE = "Sahel Brief"
APP_SLUG = APP_TITLE.lower().replace(" ", "-")
