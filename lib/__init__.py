"""Sahel Brief library: loading, schema, provenance, analysis and rendering helpers."""
