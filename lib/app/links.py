"""Every URL the app reads or writes, as pure functions: page links, the share link, and the
query-string form of filters and selections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from lib.analysis.filters import Filters, find_date_bounds
from lib.app.pages import (
    CLAIM_PARAM,
    EVENT_PARAM,
    FROM_PARAM,
    PLACE_PARAM,
    PRESENT_PARAM,
    SOURCE_PARAM,
    SOURCES_PARAM,
    STEP_PARAM,
    TO_PARAM,
    TOPICS_PARAM,
    find_page,
)
from lib.data.read import Package

FILTER_PARAMS = (SOURCES_PARAM, FROM_PARAM, TO_PARAM, TOPICS_PARAM)
# What links between pages keep: the global filters and presentation mode.
CARRIED_PARAMS = (*FILTER_PARAMS, PRESENT_PARAM)
# Separates ids in one query parameter (?sources=a,b); a package's list cells use "|" instead.
URL_LIST_SEPARATOR = ","
# Separates a coverage matrix cell's topic and source (?cell=topic_id:source_id); no id holds it
# (lib/data/schema.py's ID_PATTERN).
CELL_SEPARATOR = ":"


def read_step_param(params: dict[str, str], steps: int) -> tuple[int | None, list[str]]:
    """Story step from the query string: (1-based step, []) or (None, a short notice)."""
    raw = params.get(STEP_PARAM)
    if raw is None:
        return None, []
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= steps:
        return int(raw), []
    return None, [f"Ignored story step {raw!r} in the link: there are {steps} steps."]


def read_sources_params(
    params: dict[str, str], package: Package
) -> tuple[str | None, str | None, list[str]]:
    """Turn the Sources page's query string into (source id, claim id, notices).

    Unknown values are dropped with a short notice rather than raising; a claim implies its
    source, so a link naming only a claim still opens the right document.
    """
    notices: list[str] = []
    claims = package["claims"]
    source_of = dict(zip(claims["claim_id"].tolist(), claims["source_id"].tolist(), strict=True))
    source = params.get(SOURCE_PARAM)
    claim = params.get(CLAIM_PARAM)
    if source is not None and source not in set(package["sources"]["source_id"]):
        notices.append(f"Ignored unknown document {source!r} in the link.")
        source = None
    if claim is not None and claim not in source_of:
        notices.append(f"Ignored unknown claim {claim!r} in the link.")
        claim = None
    if claim is not None:
        if source is not None and source_of[claim] != source:
            notices.append(f"Claim {claim!r} is from {source_of[claim]}; showing that document.")
        source = source_of[claim]
    return source, claim, notices


def link_claim(source_id: str, claim_id: str) -> str:
    """Relative link that reopens the Sources page on one claim."""
    return "?" + urlencode({SOURCE_PARAM: source_id, CLAIM_PARAM: claim_id})


def read_id_param(
    params: dict[str, str], name: str, known: Iterable[str], noun: str
) -> tuple[str | None, list[str]]:
    """One id from the query string: (the id, []) if known, else (None, a short notice)."""
    value = params.get(name)
    if value is None:
        return None, []
    if value in set(known):
        return value, []
    return None, [f"Ignored unknown {noun} {value!r} in the link."]


def _read_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_filter_params(params: dict[str, str], package: Package) -> tuple[Filters, list[str]]:
    """Filters from the query string; unknown ids and bad dates are dropped with a notice."""
    sources, notices = read_list_param(
        params, SOURCES_PARAM, package["sources"]["source_id"], "source(s)"
    )
    topics, topic_notices = read_list_param(
        params, TOPICS_PARAM, package["topics"]["topic_id"], "topic(s)"
    )
    notices += topic_notices
    window = None
    if FROM_PARAM in params or TO_PARAM in params:
        first, last = find_date_bounds(package)
        low, high = _read_day(params.get(FROM_PARAM)), _read_day(params.get(TO_PARAM))
        if (FROM_PARAM in params and low is None) or (TO_PARAM in params and high is None):
            notices.append("Ignored a date in the link that is not YYYY-MM-DD.")
        low, high = max(low or first, first), min(high or last, last)
        if low > high:
            notices.append("Ignored a date range in the link that ends before it starts.")
        elif (low, high) != (first, last):
            window = (low, high)
    return Filters(sources, window, topics), notices


def write_filter_params(filters: Filters) -> dict[str, str]:
    """The query-string entries for the filters (only those that narrow anything)."""
    params: dict[str, str] = {}
    if filters.sources:
        params[SOURCES_PARAM] = URL_LIST_SEPARATOR.join(filters.sources)
    if filters.window:
        params[FROM_PARAM], params[TO_PARAM] = (d.isoformat() for d in filters.window)
    if filters.topics:
        params[TOPICS_PARAM] = URL_LIST_SEPARATOR.join(filters.topics)
    return params


def link_page(file: str, **params: str) -> str:
    """Relative link to a page with query parameters (empty values dropped), e.g. 'map?place=x'."""
    query = urlencode({k: v for k, v in params.items() if v})
    path = find_page(file).url_path or "./"
    return f"{path}?{query}" if query else path


def build_share_link(page_url: str, params: dict[str, str], path: str | None = None) -> str:
    """Absolute link to a view: the page's URL with ``params`` as its query; '' without a host.

    Only the path is quoted, so an IPv6 host in brackets survives; anything after the path in
    ``page_url`` is dropped in favour of ``params``, and ``path`` replaces its path when given
    (the page shown, where the address asked for one that does not exist).
    """
    parts = urlsplit(page_url)
    if not parts.netloc:
        return ""
    path = quote(path or parts.path or "/", safe="/%")  # the root: "host/?…", not "host?…"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(params), ""))


# Where each kind of item's evidence is read: (page file, the parameter naming the item).
ITEM_PAGES = {
    "troops": ("troops.py", None),
    "place": ("map.py", PLACE_PARAM),
    "event": ("timeline.py", EVENT_PARAM),
}


def make_item_link(carry: dict[str, str]) -> Callable[[str, str], str]:
    """``link(kind, item_id)``: the page holding an item's evidence (:data:`ITEM_PAGES`), with
    the item selected where the page selects one, then ``carry``."""

    def link(kind: str, item_id: str) -> str:
        file, param = ITEM_PAGES[kind]
        return link_page(file, **({param: item_id} if param else {}), **carry)

    return link


def carry_params(params: dict[str, str]) -> dict[str, str]:
    """The part of a query string that links between pages keep (filters, presentation mode)."""
    return {name: params[name] for name in CARRIED_PARAMS if name in params}


def read_list_param(
    params: dict[str, str], name: str, known: Iterable[str], noun: str
) -> tuple[tuple[str, ...], list[str]]:
    """A comma-separated list of ids (``?categories=a,b``): the known ones, in order, and a
    notice naming any unknown ones."""
    valid = set(known)
    wanted = [v for v in str(params.get(name, "")).split(URL_LIST_SEPARATOR) if v]
    bad = [v for v in wanted if v not in valid]
    notices = (
        [f"Ignored unknown {noun} {', '.join(repr(b) for b in bad)} in the link."] if bad else []
    )
    return tuple(v for v in dict.fromkeys(wanted) if v in valid), notices


def find_unknown_params(params: dict[str, str], page_params: Iterable[str]) -> list[str]:
    """Names in the query string that neither the page nor the global filters read."""
    known = {*CARRIED_PARAMS, *page_params}
    return [name for name in params if name not in known]


def describe_unknown_params(params: dict[str, str], names: list[str], page_title: str) -> str:
    """The notice for link parts a page does not read, e.g. "Ignored 'start=bad' in the link: …"."""
    parts = ", ".join(repr(f"{name}={params[name]}") for name in names)
    return f"Ignored {parts} in the link: the {page_title} page has no such setting."


def keep_page_params(params: dict[str, str], page_params: Iterable[str]) -> dict[str, str]:
    """The query string without any part the page does not read (what a share link carries)."""
    unknown = set(find_unknown_params(params, page_params))
    return {name: value for name, value in params.items() if name not in unknown}


def describe_missing_page(path: str, default_title: str) -> str:
    """The notice for a link to a page that does not exist."""
    return f"No such page: /{path}. Showing the {default_title} instead."


def link_reader(source_id: str, claim_id: str, carry: dict[str, str] | None = None) -> str:
    """Link from any page to the Sources reader, opened on one claim, keeping ``carry``."""
    own = {SOURCE_PARAM: source_id, CLAIM_PARAM: claim_id}
    return link_page("sources.py", **own, **(carry or {}))


def write_cell_param(topic_id: str, source_id: str) -> str:
    """A coverage matrix cell's URL form, ``topic_id:source_id``."""
    return f"{topic_id}{CELL_SEPARATOR}{source_id}"


def read_cell_param(value: str) -> tuple[str, str] | None:
    """(topic id, source id) from a cell's URL form; None when it is not ``topic_id:source_id``."""
    topic_id, separator, source_id = value.rpartition(CELL_SEPARATOR)
    if not (separator and topic_id and source_id):
        return None
    return topic_id, source_id
