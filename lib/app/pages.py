"""The app's pages, declared once: app.py builds its navigation from this, links and tests read it.

A page's URL path is its file stem, except the default page at the root.
"""

from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    """One page: its file under pages/, navigation title, icon, and whether it is the default."""

    file: str
    title: str
    icon: str
    default: bool = False

    @property
    def url_path(self) -> str:
        """Path relative to the app's root: '' for the default page, else the file stem."""
        return "" if self.default else self.file.removesuffix(".py")

    @property
    def path(self) -> str:
        """Absolute URL path below the app's base: '/' for the default page, else '/<stem>'."""
        return f"/{self.url_path}"


PAGE_SPECS = (
    PageSpec("briefing.py", "Briefing", ":material/summarize:", default=True),
    PageSpec("map.py", "Map", ":material/map:"),
    PageSpec("timeline.py", "Timeline", ":material/timeline:"),
    PageSpec("troops.py", "Troop counts", ":material/groups:"),
    PageSpec("discrepancies.py", "Discrepancies", ":material/compare_arrows:"),
    PageSpec("sources.py", "Sources", ":material/article:"),
    PageSpec("about.py", "About", ":material/info:"),
    PageSpec("add_document.py", "Add a document", ":material/note_add:"),
)


def find_page(file: str) -> PageSpec:
    """The declared page for a file name; a typo fails loudly instead of linking nowhere."""
    for spec in PAGE_SPECS:
        if spec.file == file:
            return spec
    raise ValueError(f"no page {file!r} is declared in PAGE_SPECS")
