"""The app's pages, declared once: app.py builds its navigation from this, links and tests read it.

A page's URL path is its file stem, except the default page at the root.
"""

from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    """One page: its file under pages/, navigation title, icon, whether it is the default,
    whether presentation mode's page bar offers it (local curation is not for the room), and the
    query parameters it reads besides the global ones (any other is dropped with a notice)."""

    file: str
    title: str
    icon: str
    default: bool = False
    presented: bool = True
    params: tuple[str, ...] = ()

    @property
    def url_path(self) -> str:
        """Path relative to the app's root: '' for the default page, else the file stem."""
        return "" if self.default else self.file.removesuffix(".py")

    @property
    def path(self) -> str:
        """Absolute URL path below the app's base: '/' for the default page, else '/<stem>'."""
        return f"/{self.url_path}"


PAGE_SPECS = (
    PageSpec(
        "briefing.py", "Briefing", ":material/summarize:", default=True, params=("judgment", "step")
    ),
    PageSpec("map.py", "Map", ":material/map:", params=("place",)),
    PageSpec("timeline.py", "Timeline", ":material/timeline:", params=("event", "categories")),
    PageSpec("troops.py", "Troop counts", ":material/groups:"),
    PageSpec(
        "discrepancies.py", "Discrepancies", ":material/compare_arrows:", params=("cell", "topic")
    ),
    PageSpec("sources.py", "Sources", ":material/article:", params=("source", "claim", "q")),
    PageSpec("about.py", "About", ":material/info:"),
    PageSpec("ingest.py", "Add a document", ":material/note_add:", presented=False),
)


def list_presented_pages() -> list[PageSpec]:
    """The pages presentation mode steps through, in navigation order."""
    return [spec for spec in PAGE_SPECS if spec.presented]


def find_neighbours(url_path: str) -> tuple[PageSpec | None, PageSpec | None]:
    """The presented pages before and after the one at ``url_path`` ('' is the default page);
    (None, first page) for a page the bar does not list."""
    presented = list_presented_pages()
    paths = [spec.url_path for spec in presented]
    if url_path not in paths:
        return None, presented[0]
    at = paths.index(url_path)
    before = presented[at - 1] if at > 0 else None
    after = presented[at + 1] if at + 1 < len(presented) else None
    return before, after


def find_page(file: str) -> PageSpec:
    """The declared page for a file name; a typo fails loudly instead of linking nowhere."""
    for spec in PAGE_SPECS:
        if spec.file == file:
            return spec
    raise ValueError(f"no page {file!r} is declared in PAGE_SPECS")


def find_page_at(url_path: str) -> PageSpec | None:
    """The declared page at ``url_path`` ('' is the default page), or None for no such page."""
    return next((spec for spec in PAGE_SPECS if spec.url_path == url_path), None)
