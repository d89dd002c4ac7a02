"""Ingest's text analysis: an article's text → proposed package rows, each naming its rule.

By job: ``figures`` (numbers with their hedge and unit), ``dates`` (date expressions and the
dateline), ``entities`` (places and actors named, and who is speaking), ``topics`` (the topic a
claim joins) and ``propose`` (the draft, assembled from all of them).
"""
