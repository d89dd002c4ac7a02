"""The app's pages, declared once: app.py builds its navigation from this, links and tests read it.

A page's URL path is its file stem, except the default page at the root.
"""

from __future__ import annotations

from typing import NamedTuple

# Every query-string parameter the app reads, named once: PAGE_SPECS, links, state and the pages
# use these. The global ones, kept by links between pages: the filters and presentation mode.
SOURCES_PARAM, FROM_PARAM, TO_PARAM, TOPICS_PARAM = "sources", "from", "to", "topics"
PRESENT_PARAM = "present"
# Each page's own, for the item it shows (a page reads only those its PageSpec lists).
JUDGMENT_PARAM, STEP_PARAM = "judgment", "step"
PLACE_PARAM = "place"
EVENT_PARAM, CATEGORIES_PARAM = "event", "categories"
CELL_PARAM, TOPIC_PARAM = "cell", "topic"
SOURCE_PARAM, CLAIM_PARAM, SEARCH_PARAM = "source", "claim", "q"


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
        "briefing.py",
        "Briefing",
        ":material/summarize:",
        default=True,
        params=(JUDGMENT_PARAM, STEP_PARAM),
    ),
    PageSpec("map.py", "Map", ":material/map:", params=(PLACE_PARAM,)),
    PageSpec(
        "timeline.py", "Timeline", ":material/timeline:", params=(EVENT_PARAM, CATEGORIES_PARAM)
    ),
    PageSpec("troops.py", "Troop counts", ":material/groups:"),
    PageSpec(
        "discrepancies.py",
        "Discrepancies",
        ":material/compare_arrows:",
        params=(CELL_PARAM, TOPIC_PARAM),
    ),
    PageSpec(
        "sources.py",
        "Sources",
        ":material/article:",
        params=(SOURCE_PARAM, CLAIM_PARAM, SEARCH_PARAM),
    ),
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
