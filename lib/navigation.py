"""The app's pages, declared once: app.py builds its navigation from this, links and tests read it.

Plain data, no streamlit: a page's URL path is its file stem, except the default page at the root.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote, urlencode, urlsplit, urlunsplit


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
)


def find_page(file: str) -> PageSpec:
    """The declared page for a file name; a typo fails loudly instead of linking nowhere."""
    for spec in PAGE_SPECS:
        if spec.file == file:
            return spec
    raise ValueError(f"no page {file!r} is declared in PAGE_SPECS")


def link_page(file: str, **params: str) -> str:
    """Relative link to a page with query parameters (empty values dropped), e.g. 'map?place=x'."""
    query = urlencode({k: v for k, v in params.items() if v})
    path = find_page(file).url_path or "./"
    return f"{path}?{query}" if query else path


def build_share_link(page_url: str, params: dict[str, str]) -> str:
    """Absolute link to a view: the page's URL with ``params`` as its query; '' without a host.

    Only the path is quoted, so an IPv6 host in brackets survives; anything after the path in
    ``page_url`` is dropped in favour of ``params``.
    """
    parts = urlsplit(page_url)
    if not parts.netloc:
        return ""
    path = quote(parts.path or "/", safe="/%")  # the root page: "host/?…", not "host?…"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(params), ""))
