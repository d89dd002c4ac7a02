"""How a fragment traces what it shows to its evidence. Every fragment builder takes a citer, so
the app page and the offline export build each fragment with the same code:

- in the app, a fragment links to where its evidence is read (:class:`LinkCiter`);
- in the exported file, each cited figure, date or quote carries a numbered footnote that quotes
  the seed (:class:`Footnotes`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol


class Citer(Protocol):
    """What a fragment builder asks of the place it is built for."""

    def cite(self, claim_ids: Iterable[str]) -> str:
        """Markup right after a figure, date or quote these claims back ('' when it links)."""
        ...

    def link_claim(self, source_id: str, claim_id: str) -> str | None:
        """The address of one claim in its document's reader; None where there is no reader."""
        ...

    def link_item(self, kind: str, item_id: str) -> str | None:
        """The address of the page holding an item's evidence (``kind``: "troops" for a source's
        figure, "place", "event"); None in a file."""
        ...


@dataclass(frozen=True)
class LinkCiter:
    """Citing in the app: fragments link to the reader or a page, keeping the view's state.

    ``reader(source_id, claim_id)`` and ``item(kind, item_id)`` make the addresses; without
    ``item`` a fragment that would link to a page is drawn unlinked.
    """

    reader: Callable[[str, str], str]
    item: Callable[[str, str], str] | None = None

    def cite(self, claim_ids: Iterable[str]) -> str:
        return ""

    def link_claim(self, source_id: str, claim_id: str) -> str | None:
        return self.reader(source_id, claim_id)

    def link_item(self, kind: str, item_id: str) -> str | None:
        return self.item(kind, item_id) if self.item is not None else None


def _text(value: object) -> str:
    return html.escape(str(value))


class Footnotes:
    """Citing in the exported file: claims numbered in order of first citation, each citation
    with its own back-link. ``notes`` is :func:`lib.analysis.evidence.list_claim_notes`."""

    def __init__(self, notes: dict[str, dict]) -> None:
        self.notes = notes
        self.numbers: dict[str, int] = {}
        self.refs: dict[str, list[str]] = {}

    def cite(self, claim_ids: Iterable[str]) -> str:
        """Superscript links to the notes of these claims ('' for none known)."""
        links = []
        for claim_id in dict.fromkeys(claim_ids):
            if claim_id not in self.notes:
                continue
            number = self.numbers.setdefault(claim_id, len(self.numbers) + 1)
            refs = self.refs.setdefault(claim_id, [])
            ref = f"ref-{number}-{len(refs) + 1}"
            refs.append(ref)
            links.append(
                f'<a id="{ref}" href="#note-{number}" aria-label="note {number}">{number}</a>'
            )
        return f'<sup class="sb-x-ref">{",".join(links)}</sup>' if links else ""

    def link_claim(self, source_id: str, claim_id: str) -> None:
        return None  # the footnote quotes the claim: a file has no reader to open

    def link_item(self, kind: str, item_id: str) -> None:
        return None

    def render(self) -> str:
        """The numbered notes list, each with its citation and links back to every use."""
        items = []
        for claim_id, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            note = self.notes[claim_id]
            back = " ".join(
                f'<a class="sb-x-back" href="#{ref}" aria-label="back to use {i} of note '
                f'{number}">↩</a>'
                for i, ref in enumerate(self.refs[claim_id], start=1)
            )
            date_part = (
                f" Date: {_text(note['date'])}; basis: {_text(note['date_basis'] or 'not stated')}."
                if note["date"]
                else ""
            )
            items.append(
                f'<li id="note-{number}"><q>{_text(note["quote"])}</q> — '
                f"{_text(note['source_id'])} ({_text(note['outlet'])}), chars "
                f"{note['char_start']}–{note['char_end']} of {_text(note['seed_file'])}, "
                f'SHA-256 <span class="sb-x-hash">{_text(note["sha256"])}</span>; claim '
                f"{_text(claim_id)}.{date_part} {back}</li>"
            )
        return f'<ol class="sb-x-notes">{"".join(items)}</ol>'
