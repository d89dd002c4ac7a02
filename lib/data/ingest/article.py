"""Reading one article for ingest: a UTF-8 text file kept byte for byte, or a saved HTML page
whose main text is extracted; refused, with one clear line, when it cannot be trusted."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lib.data.dates import DateRange

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".text", "")
# Control characters other than tab, line feed, carriage return and form feed mark a binary file.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SLUG_RE = re.compile(r"[^a-z0-9]+")


class ArticleError(ValueError):
    """Why an article was refused, in one line naming the file."""


@dataclass(frozen=True)
class Article:
    """What ingest reads: the text the offsets index and the bytes stored as its seed."""

    path: Path
    text: str
    seed_bytes: bytes
    sha256: str
    html_sha256: str | None
    publication: DateRange
    publication_basis: str
    title: str | None
    # What messages call the article: an upload's own name, or the path.
    shown: str = ""

    @property
    def is_html(self) -> bool:
        return self.html_sha256 is not None


def parse_publication(value: str, where: str) -> date:
    """An ISO date (YYYY-MM-DD) or ArticleError naming what was given."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        message = f"{where}: publication date {value!r} is not a date (YYYY-MM-DD)"
        raise ArticleError(message) from None


def decode_article(raw: bytes, where: str) -> str:
    """The UTF-8 text of ``raw``, refusing empty, binary and undecodable input."""
    if not raw.strip():
        raise ArticleError(f"{where}: the file is empty")
    if b"\x00" in raw[:65536]:
        raise ArticleError(f"{where}: a binary file (NUL bytes), not a text article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ArticleError(
            f"{where}: not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}, "
            f"line {line}); save it as UTF-8 and try again"
        ) from None
    sample = text[:65536]
    if len(_CONTROL_RE.findall(sample)) > max(8, len(sample) // 100):
        raise ArticleError(f"{where}: mostly control characters, not a text article")
    return text


def _extract_html(html: str, where: str) -> tuple[str, str | None, str | None]:
    """Main text, page date and title of a saved page, with trafilatura (offline, no fetch)."""
    import trafilatura  # imported here: only HTML input needs it, and it is slow to import

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, deduplicate=True
    )
    if not text or not text.strip():
        raise ArticleError(f"{where}: no article text could be extracted from the page")
    metadata = trafilatura.extract_metadata(html)
    page_date = getattr(metadata, "date", None) if metadata else None
    title = getattr(metadata, "title", None) if metadata else None
    return text.strip() + "\n", page_date, title


def read_article(path: Path, published: str | None, shown: str | None = None) -> Article:
    """Read ``path`` (text or saved HTML); ``published`` may be omitted only for a page that
    dates itself in its metadata, and the basis then says so. Messages name ``shown`` (e.g. an
    upload's own file name) or the path."""
    where = shown or str(path)
    if not path.is_file():
        raise ArticleError(f"{where}: no such file")
    raw = path.read_bytes()
    decoded = decode_article(raw, where)
    html_sha256 = None
    title = None
    page_date = None
    if path.suffix.lower() in HTML_SUFFIXES:
        html_sha256 = hashlib.sha256(raw).hexdigest()
        text, page_date, title = _extract_html(decoded, where)
        seed_bytes = text.encode("utf-8")
    else:
        text, seed_bytes = decoded, raw
    if published:
        day = parse_publication(published, where)
        basis = f"Given at ingest: published {day.isoformat()}."
    elif page_date:
        day = parse_publication(page_date, f"{where} (page metadata)")
        basis = f"From the page's metadata: published {day.isoformat()}."
    else:
        raise ArticleError(f"{where}: no publication date; give it as YYYY-MM-DD")
    return Article(
        path=path,
        text=text,
        seed_bytes=seed_bytes,
        sha256=hashlib.sha256(seed_bytes).hexdigest(),
        html_sha256=html_sha256,
        publication=DateRange(day, day),
        publication_basis=basis,
        title=title,
        shown=where,
    )


def make_slug(text: str, limit: int = 24) -> str:
    """Lower-case ASCII words joined by hyphens, for ids and file names ('AP News' → 'ap-news')."""
    slug = _SLUG_RE.sub("-", text.casefold()).strip("-")
    return slug[:limit].strip("-") or "source"


def propose_source_id(outlet: str, article: Article) -> str:
    """A readable, content-unique id: outlet, publication day and a hash prefix."""
    return f"{make_slug(outlet)}-{article.publication.low.isoformat()}-{article.sha256[:6]}"


def propose_seed_name(source_id: str, sha256: str) -> str:
    """The seed's file name from its source id and the SHA-256 of its bytes: the one rule, for
    ingest and for the tests' hand-built drafts ("<source id>_<16 hex digits>.txt")."""
    return f"{source_id}_{sha256[:16]}.txt"


def check_seed_name(seeds_dir: Path, seed_name: str, article: Article) -> None:
    """Refuse a seed name that already exists in ``seeds_dir`` with other content."""
    existing = seeds_dir / seed_name
    if existing.exists() and existing.read_bytes() != article.seed_bytes:
        raise ArticleError(
            f"{article.shown or article.path}: seed {seed_name} already exists in {seeds_dir} "
            "with other content; choose another source id"
        )
