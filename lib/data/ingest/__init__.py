"""Turning an article's text into proposed package rows."""
