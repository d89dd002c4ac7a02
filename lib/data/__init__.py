"""Files → one validated Package: schema, cells, reading, rows, descriptor, validation, dates and
intervals. Imports nothing above it."""
