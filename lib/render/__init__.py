"""Records → HTML, SVG, plotly figures, folium maps and tables, every value escaped; no
streamlit."""
