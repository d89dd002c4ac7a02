"""The document reader: seed text with claims and quality flags highlighted, always escaped."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from lib.analysis.evidence import describe_claim, index_topics
from lib.data.cells import is_present
from lib.data.read import Package
from lib.render.style import READER_CSS, THEME_COLOURS, THEME_LABELS, THEME_UNDERLINES, tint


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of the seed: a claim or a quality flag."""

    start: int
    end: int
    key: str
    kind: str  # "claim" or "flag"
    colour: str
    tip: str
    underline: str = "solid"


def segment_spans(length: int, spans: list[Span]) -> list[tuple[int, int, tuple[Span, ...]]]:
    """Cut [0, length) at every span boundary; each piece lists the spans covering it.

    Overlapping claims are common (a date claim inside a figure claim), so nesting is not assumed.
    """
    cuts = {0, length}
    for span in spans:
        cuts.update((max(0, span.start), min(length, span.end)))
    points = sorted(cuts)
    pieces = []
    for start, end in itertools.pairwise(points):
        if start == end:
            continue
        covering = tuple(s for s in spans if s.start <= start and end <= s.end)
        pieces.append((start, end, covering))
    return pieces


def collect_spans(
    claims: pd.DataFrame, flags: pd.DataFrame, topic_theme: dict, topic_label: dict
) -> list[Span]:
    """Turn one document's claims and quality flags into spans, shortest last so they win."""
    spans = []
    for _, row in claims.iterrows():
        theme = topic_theme[row["topic"]]
        tip = describe_claim(row, topic_label[row["topic"]])
        spans.append(
            Span(
                int(row["char_start"]),
                int(row["char_end"]),
                row["claim_id"],
                "claim",
                THEME_COLOURS[theme],
                tip,
                THEME_UNDERLINES[theme],
            )
        )
    for _, row in flags.iterrows():
        if not is_present(row["char_start"]):
            continue
        tip = f"Quality flag ({row['kind'].replace('_', ' ')}): {row['note']}"
        spans.append(
            Span(int(row["char_start"]), int(row["char_end"]), row["flag_id"], "flag", "", tip)
        )
    return sorted(spans, key=lambda s: (-(s.end - s.start), s.start))


def collect_document_spans(
    package: Package, source_id: str, claim_ids: Iterable[str]
) -> list[Span]:
    """Spans for one document: those of the given claims it holds, and its quality flags."""
    topic_label, topic_theme = index_topics(package)
    claims = package["claims"]
    flags = package["quality_flags"]
    own = claims["source_id"] == source_id
    return collect_spans(
        claims[own & claims["claim_id"].isin(list(claim_ids))],
        flags[flags["source_id"] == source_id],
        topic_theme,
        topic_label,
    )


def _piece_html(
    text: str,
    covering: tuple[Span, ...],
    selected: str | None,
    href: Callable[[str], str] | None,
    dimmed: frozenset[str] = frozenset(),
) -> str:
    escaped = html.escape(text)
    claims = [s for s in covering if s.kind == "claim"]
    flags = [s for s in covering if s.kind == "flag"]
    if not claims and not flags:
        return escaped
    classes = []
    style = ""
    if claims:
        # Colour from the innermost claim the search keeps: a dimmed inner claim must not hide
        # the kept claim around it.
        innermost = ([s for s in claims if s.key not in dimmed] or claims)[-1]
        classes.append("sb-claim")
        style = (
            f"background:{tint(innermost.colour, 0.28)};"
            f"border-bottom:3px {innermost.underline} {innermost.colour};"
        )
        if selected and any(s.key == selected for s in claims):
            classes.append("sb-selected")
        if all(s.key in dimmed for s in claims):
            classes.append("sb-dim")
    if flags:
        classes.append("sb-flag")
    keys = " ".join(s.key for s in covering)
    tip = "\n\n".join(s.tip for s in reversed(covering))
    linked = bool(claims) and href is not None
    # A linked mark is reached through its link; an unlinked one takes focus itself. The tip is
    # a description, not a name: the quoted text stays what a screen reader reads (aria-label
    # would replace it, and is prohibited on <mark>).
    described = f' aria-description="{html.escape(tip)}"'
    focus = "" if linked else f' tabindex="0"{described}'
    mark = (
        f'<mark class="{" ".join(classes)}" style="{style}" data-keys="{html.escape(keys)}"'
        f'{focus} data-tip="{html.escape(tip)}">{escaped}</mark>'
    )
    if not linked:
        return mark
    # The claim a click selects: the innermost one that the search keeps, else the innermost.
    kept = [s for s in claims if s.key not in dimmed] or claims
    claim = kept[-1].key
    target = html.escape(href(claim))
    return (
        f'<a class="sb-link" href="{target}" target="_self" data-claim="{html.escape(claim)}"'
        f"{described}>{mark}</a>"
    )


def render_document_html(
    text: str,
    spans: list[Span],
    selected: str | None = None,
    href: Callable[[str], str] | None = None,
    dimmed: Iterable[str] = (),
) -> str:
    """Return the escaped document as HTML with highlight marks; no seed text is interpreted.

    With ``href``, each claim highlight links to ``href(claim_id)`` and names its claim in
    ``data-claim``, so a click selects it. Highlights whose claims are all in ``dimmed`` (those
    a search leaves out) stay in place but drop their colour.
    """
    dim = frozenset(dimmed)
    pieces = [
        _piece_html(text[start:end], covering, selected, href, dim)
        for start, end, covering in segment_spans(len(text), spans)
    ]
    return f'{READER_CSS}<div class="sb-doc" role="document">{"".join(pieces)}</div>'


def render_source_html(
    package: Package,
    source_id: str,
    shown: Iterable[str],
    matched: Iterable[str],
    selected: str | None = None,
    href: Callable[[str], str] | None = None,
) -> str:
    """One document as the reader shows it: the ``shown`` claims highlighted, those of them not
    ``matched`` (by a search) dimmed, and its quality flags marked (see render_document_html)."""
    shown = list(shown)
    spans = collect_document_spans(package, source_id, shown)
    dimmed = set(shown) - set(matched)
    return render_document_html(package.seeds[source_id], spans, selected, href, dimmed)


def render_metadata_html(rows: list[tuple[str, str]]) -> str:
    """A definition list of (label, value) pairs, every value escaped."""
    items = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in rows
    )
    return (
        "<style>.sb-meta{margin:0}.sb-meta dt{font-weight:600;font-size:.85rem;margin-top:.5rem}"
        ".sb-meta dd{margin:0;overflow-wrap:anywhere}</style>"
        f'<dl class="sb-meta">{items}</dl>'
    )


def render_colour_key_html(topics: pd.DataFrame) -> str:
    """Swatch, theme name and its topics' labels for every theme in use, escaped."""
    rows = []
    for theme, colour in THEME_COLOURS.items():
        names = ", ".join(topics.loc[topics["theme"] == theme, "label"])
        if not names:
            continue
        rows.append(
            f'<li><span class="sb-swatch" style="background:{tint(colour, 0.28)};'
            f'border-bottom:3px {THEME_UNDERLINES[theme]} {colour}"></span>'
            f"<b>{html.escape(THEME_LABELS[theme])}</b>"
            f" <small>{html.escape(names)}</small></li>"
        )
    return (
        "<style>.sb-key{list-style:none;padding:0;margin:0}.sb-key li{margin:.2rem 0}"
        ".sb-swatch{display:inline-block;width:1.4em;height:1em;vertical-align:middle;"
        "margin-right:.4em}</style>"
        f'<ul class="sb-key">{"".join(rows)}</ul>'
        '<p><small><span style="text-decoration:underline wavy #b00020">wavy underline</span>'
        " = quality flag</small></p>"
    )
