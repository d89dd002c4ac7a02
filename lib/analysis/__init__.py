"""Package → frames and records: filters, evidence, compare, coverage, events, troops, places,
quality, briefing, about; text (sentences and word tables); and ingest/ (an article's text →
proposed rows). Plain Python: no HTML, plotly, folium or streamlit."""
