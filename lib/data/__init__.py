"""Files → one validated Package: schema, cells, reading, rows, descriptor, validation, dates and
intervals; and ingest's files (ingest/: the article read, the draft written and read; merge).
Imports nothing above it."""
