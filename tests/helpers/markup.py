"""Rendered markup: what tests look for in it, and a name that must come out of it escaped."""

from __future__ import annotations

import re

HOSTILE_NAME = '<img src=x onerror="alert(1)"> & co'


def find_tiles(html: str) -> list[tuple[str, str, str]]:
    """(href, title, inner html) of every key-figure tile."""
    return re.findall(
        r'<a class="sb-tile" href="([^"]*)"[^>]*>'
        r'<span class="sb-tile-title">([^<]*)</span>(.*?)</a>',
        html,
    )


def list_card_claims(markdown: str) -> list[str]:
    """Claim ids of the evidence cards in some markup, in order."""
    return re.findall(r'class="sb-card" data-claim="([^"]+)"', markdown)
