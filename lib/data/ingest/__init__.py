"""Ingest's files: reading an article, and writing and reading a draft of proposed rows."""
