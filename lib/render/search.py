"""Search results as HTML: one link per matching claim, its source and topic, and an excerpt with
the match marked. Every piece of text from the data is escaped."""

from __future__ import annotations

import html
from collections.abc import Callable

from lib.render.style import SEARCH_CSS


def _excerpt_html(pieces: list[tuple[str, bool]]) -> str:
    return "".join(
        f"<mark>{html.escape(text)}</mark>" if hit else html.escape(text) for text, hit in pieces
    )


def render_search_results_html(
    results: list[dict],
    href: Callable[[str, str], str],
    colours: dict[str, str],
    selected: str | None = None,
) -> str:
    """A list of search results; each links to ``href(source_id, claim_id)`` and names its claim
    in ``data-claim`` so a click can select it in place."""
    items = []
    for result in results:
        claim, source = result["claim_id"], result["source_id"]
        chosen = " sb-result-selected" if claim == selected else ""
        current = ' aria-current="true"' if claim == selected else ""
        swatch = colours.get(source, "#777")
        where = "" if result["field"] == "quote" else " · in the statement"
        items.append(
            f'<li><a class="sb-result{chosen}" href="{html.escape(href(source, claim))}"'
            f' target="_self" data-claim="{html.escape(claim)}"{current}>'
            f'<span class="sb-result-meta"><span class="sb-result-swatch" '
            f'style="background:{swatch}"></span>{html.escape(source)} · '
            f"{html.escape(result['topic'])}{where}</span><br>"
            f'<span class="sb-result-quote">{_excerpt_html(result["excerpt"])}</span></a></li>'
        )
    return f'{SEARCH_CSS}<ol class="sb-results">{"".join(items)}</ol>'


def describe_search(query: str, results: list[dict]) -> str:
    """One line that says what the search found, e.g. '3 claims in 2 documents match “x”.'"""
    if not results:
        return f"No claim's quote or statement holds every word of “{query.strip()}”."
    documents = len({r["source_id"] for r in results})
    claims = "1 claim" if len(results) == 1 else f"{len(results)} claims"
    where = "1 document" if documents == 1 else f"{documents} documents"
    return f"{claims} in {where} match “{query.strip()}”. Click one to open it in the reader."
