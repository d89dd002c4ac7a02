"""Package → frames and records: filters, evidence, compare, coverage, events, troops, places,
quality, briefing, about. Plain Python: no HTML, plotly, folium or streamlit."""
