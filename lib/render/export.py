"""The briefing as one self-contained HTML file: inline CSS, inline plotly.js from the installed
package, an SVG map, every story step as a slide, and a footnote on every number, date and place.

Every text from the data is escaped here; plotly's JSON escapes '<' and '/' itself.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from lib.analysis.briefing import (
    CONFIDENCE_LABELS,
    list_judgments,
    list_key_dates,
    list_story_steps,
    select_disputes,
)
from lib.analysis.compare import check_relations, describe_mismatch
from lib.analysis.coverage import list_topic_panels
from lib.analysis.events import (
    build_date_marks,
    describe_event_dates,
    describe_timeline,
    list_event_lanes,
)
from lib.analysis.evidence import (
    format_figure,
    list_claim_notes,
    name_outlet,
    order_claims,
)
from lib.analysis.filters import Filters, apply_filters, describe_filters
from lib.analysis.places import collect_claims_at, list_located_places
from lib.analysis.troops import (
    describe_stated_figure,
    describe_troops,
    format_as_of,
    format_bounds,
    select_troop_claims,
)
from lib.data.cells import is_present
from lib.data.dates import DateRange, format_range
from lib.data.read import Package
from lib.render.cards import render_candidates_html, render_relation_badge_html
from lib.render.minimap import render_date_strip_svg, render_minimap_svg, render_sahel_map_svg
from lib.render.style import (
    CANDIDATES_CSS,
    CARDS_CSS,
    EXPORT_CSS,
    EXPORT_PRINT_CSS,
    assign_source_colours,
    tint,
)
from lib.render.timeline_chart import draw_timeline, render_event_key_html
from lib.render.troop_chart import draw_troops

TITLE = "Briefing: the US withdrawal from Niger"
# Said wherever two figures or dates stay unexplained: the documents give no reason.
UNRESOLVED_NOTE = "The sources do not say why these differ."
# The modebar's image button works offline; the plotly logo links to plotly.com, so it goes.
PLOTLY_CONFIG = {"responsive": True, "displaylogo": False}
# CSS px of an A4 landscape page left for a chart under its section heading.
PRINT_CHART_HEIGHT = 560

_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)

# ←/→ move focus between slides; with the script off the slides are plain sections with links.
SLIDE_KEYS_SCRIPT = """
<script>
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll(".sb-x-slide"));
  if (!slides.length) { return; }
  function current() {
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest(".sb-x-slide") : null;
    if (active) { return slides.indexOf(active); }
    var found = -1;
    slides.forEach(function (slide, i) {
      if (slide.getBoundingClientRect().top <= 80) { found = i; }
    });
    return found;
  }
  function show(i) {
    var slide = slides[Math.max(0, Math.min(slides.length - 1, i))];
    slide.focus({preventScroll: true});
    slide.scrollIntoView({block: "start"});
    if (history.replaceState) { history.replaceState(null, "", "#" + slide.id); }
  }
  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey || tag === "INPUT" || tag === "TEXTAREA") {
      return;
    }
    if (event.key === "ArrowRight") { event.preventDefault(); show(current() + 1); }
    if (event.key === "ArrowLeft") { event.preventDefault(); show(Math.max(current() - 1, 0)); }
  });
  var opened = document.querySelector('.sb-x-slide[aria-current="step"]');
  if (opened && !location.hash) { show(slides.indexOf(opened)); }
})();
</script>
"""


def _text(value: object) -> str:
    return html.escape(str(value))


def escape_script_text(text: str) -> str:
    """Text safe inside an inline <script>: no '</script' can close it and no '<!--' can change
    how it is parsed. In JavaScript strings and regexes '<\\/' and '<\\!' mean the same."""
    return _SCRIPT_END.sub(r"<\\/\1", text).replace("<!--", "<\\!--")


class Footnotes:
    """Numbers claims in order of first citation; each citation gets its own back-link."""

    def __init__(self, notes: dict[str, dict]) -> None:
        self.notes = notes
        self.numbers: dict[str, int] = {}
        self.refs: dict[str, list[str]] = {}

    def cite(self, claim_ids) -> str:
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


class _Claims:
    """The view's claims as records in reading order (source order, then offsets), looked up by
    id: the briefing quotes them some hundred times, and a frame lookup each time is slow."""

    def __init__(self, package: Package) -> None:
        ordered = order_claims(package["claims"], package).to_dict("records")
        self.records = {record["claim_id"]: record for record in ordered}
        self.rank = {claim_id: i for i, claim_id in enumerate(self.records)}
        self.colours = assign_source_colours(package["sources"]["source_id"])

    def pick(self, claim_ids) -> list[dict]:
        """The known claims among ``claim_ids``, in reading order."""
        known = [c for c in dict.fromkeys(claim_ids) if c in self.records]
        return [self.records[c] for c in sorted(known, key=self.rank.__getitem__)]

    def quote(self, claim_ids, notes: Footnotes) -> str:
        """Each claim's verbatim quote under its source's colour and name, with its footnote."""
        cards = []
        for row in self.pick(claim_ids):
            colour = self.colours[row["source_id"]]
            figure = format_figure(row)
            head = [f'<span class="sb-source">{_text(row["source_id"])}</span>']
            if figure:
                head.append(f"<span>{_text(figure)}</span>")
            cards.append(
                f'<div class="sb-card" data-claim="{html.escape(row["claim_id"], quote=True)}" '
                f'style="--sb-colour:{colour};--sb-tint:{tint(colour, 0.08)}">'
                f'<div class="sb-card-head">{"".join(head)}</div>'
                f"<blockquote>“{_text(row['quote'])}”{notes.cite([row['claim_id']])}</blockquote>"
                f'<div class="sb-card-foot">{_text(row["claimant"])}</div></div>'
            )
        return f'<div class="sb-cards">{"".join(cards)}</div>' if cards else ""


def _section(section_id: str, title: str, body: str) -> str:
    return (
        f'<section class="sb-x-section" id="{section_id}" aria-labelledby="{section_id}-h">'
        f'<h2 id="{section_id}-h">{_text(title)}</h2>{body}</section>'
    )


def _figure_html(fig: go.Figure, div_id: str, label: str) -> str:
    # plotly's JSON writes '<', '>' and '/' as \\u escapes, so data cannot close its script.
    body = fig.to_html(full_html=False, include_plotlyjs=False, config=PLOTLY_CONFIG, div_id=div_id)
    # A chart taller than a printed page would be cut in two, so print shrinks it to fit.
    zoom = min(1.0, PRINT_CHART_HEIGHT / (fig.layout.height or 450))
    return (
        f'<div class="sb-x-chart" role="figure" aria-label="{html.escape(label, quote=True)}" '
        f'style="--sb-print-zoom:{zoom:.3f}">{body}</div>'
    )


def _header(package: Package, filters_note: str, step: int | None, notes: Footnotes) -> str:
    # A view keeps the whole sources table; the file lists, and dates itself by, those it shows.
    sources = package["sources"]
    shown = sources[sources["source_id"].isin(package["claims"]["source_id"])]
    sources = shown if len(shown) else sources
    latest = sources.loc[sources["pub_date_high"].idxmax()]
    as_of = format_range(
        DateRange(
            date.fromisoformat(latest["pub_date_low"]), date.fromisoformat(latest["pub_date_high"])
        )
    )
    rows = "".join(
        f"<tr><td>{_text(s['source_id'])}</td><td>{_text(name_outlet(s))}</td>"
        f"<td>{_text(s['title'])}</td><td>{_text(s['pub_date_best'])} (estimated "
        f"{_text(s['pub_date_low'])} to {_text(s['pub_date_high'])})</td>"
        f'<td>{_text(s["seed_file"])}</td><td class="sb-x-hash">{_text(s["sha256"])}</td></tr>'
        for _, s in sources.iterrows()
    )
    opened = (
        f'<p class="sb-x-meta">Opened at <a href="#step-{step}">story step {step}</a>.</p>'
        if step
        else ""
    )
    return (
        f'<header class="sb-x-section" id="top"><h1>{_text(TITLE)}</h1>'
        f'<p class="sb-x-meta">Sahel Brief dataset version {_text(package.version)} · as of '
        f"{_text(as_of)}, the publication date of the latest source "
        f"({_text(latest['source_id'])}), estimated: {_text(latest['pub_date_basis'])}</p>"
        f'<p class="sb-x-meta">{_text(filters_note or "No filters: the whole package.")}</p>'
        f"{opened}"
        '<h2 id="sources-h">Sources</h2><table class="sb-x-table" aria-labelledby="sources-h">'
        "<thead><tr><th>Id</th><th>Outlet</th><th>Title</th><th>Published</th><th>Seed file</th>"
        f"<th>SHA-256</th></tr></thead><tbody>{rows}</tbody></table>"
        '<nav class="sb-x-toc" aria-label="Contents"><ol>'
        '<li><a href="#figures">Key figures</a></li><li><a href="#judgments">Key judgments</a>'
        '</li><li><a href="#troops">Troop counts</a></li><li><a href="#timeline">Timeline</a></li>'
        '<li><a href="#map">Map</a></li><li><a href="#discrepancies">Discrepancies</a></li>'
        '<li><a href="#story">Story</a></li><li><a href="#notes">Notes</a></li></ol></nav>'
        '<p class="sb-x-keys">In the story, ← and → move between slides.</p></header>'
    )


def _key_figures(package: Package, steps: pd.DataFrame, notes: Footnotes) -> str:
    colours = assign_source_colours(package["sources"]["source_id"])
    tiles = []
    for _, claim in select_troop_claims(package).iterrows():
        stated = describe_stated_figure(claim)
        tiles.append(
            f'<div class="sb-x-figure" style="--sb-colour:{colours[claim["source_id"]]}">'
            f'<span class="sb-x-label">US personnel · {_text(claim["source_id"])}</span>'
            f"<b>{_text(format_bounds(claim))}{notes.cite([claim['claim_id']])}</b>"
            f"<small>{_text(stated)} · as of {_text(format_as_of(claim))}</small></div>"
        )
    places = package["places"]
    for _, base in places[places["kind"] == "air_base"].iterrows():
        backing = collect_claims_at(package, [base["place_id"]])
        if backing.empty:
            continue
        tiles.append(
            '<div class="sb-x-figure"><span class="sb-x-label">US air base</span>'
            f"<b>{_text(base['name'])}{notes.cite(backing['claim_id'][:1])}</b></div>"
        )
    for _, event in list_key_dates(steps).iterrows():
        span = format_range(DateRange(event["date_low"], event["date_high"]))
        disputed = " · sources disagree" if event["disputed"] else ""
        tiles.append(
            '<div class="sb-x-figure"><span class="sb-x-label">Key date</span>'
            f"<b>{_text(event['display_date'])}{notes.cite(event['claim_ids'])}</b>"
            f"<small>{_text(event['title'])} ({_text(span)}){_text(disputed)}</small></div>"
        )
    if not tiles:
        return "<p>No key figures in this view.</p>"
    return f'<div class="sb-x-figures">{"".join(tiles)}</div>'


def _relation_line(relation: dict, notes: Footnotes) -> str:
    parts = [
        "<p>",
        render_relation_badge_html(relation["curated"]),
        # Each side by its source and what it says; the footnote carries the claim and quote.
        f" <b>{_text(relation['source_a'])}</b>: {_text(relation['statement_a'])}"
        f"{notes.cite([relation['claim_a']])} vs ",
        f"<b>{_text(relation['source_b'])}</b>: {_text(relation['statement_b'])}"
        f"{notes.cite([relation['claim_b']])}. ",
        _text(relation["explanation"]),
    ]
    if relation["curated"] == "unresolved":
        parts.append(f' <span class="sb-x-why">{_text(UNRESOLVED_NOTE)}</span>')
    mismatch = describe_mismatch(relation)
    if mismatch:
        parts.append(f"<br><small>{_text(mismatch)}</small>")
    parts.append("</p>")
    parts.append(render_candidates_html(relation).replace(CANDIDATES_CSS, ""))
    return "".join(parts)


def _judgments(package: Package, claims: _Claims, notes: Footnotes) -> str:
    checked = check_relations(package)
    items = []
    for _, row in list_judgments(package).iterrows():
        disputes = "".join(
            _relation_line(r, notes) for r in select_disputes(checked, row["kept_claims"])
        )
        quotes = claims.quote(row["kept_claims"], notes) or (
            "<p>The active filters hide every claim behind this judgment.</p>"
        )
        caveat = f"<p>Caveat: {_text(row['caveat'])}</p>" if is_present(row["caveat"]) else ""
        items.append(
            f'<article class="sb-x-judgment"><h3>{int(row["rank"])}. {_text(row["text"])}</h3>'
            f'<p class="sb-x-confidence">'
            f"{_text(CONFIDENCE_LABELS.get(row['confidence'], row['confidence']))}</p>"
            f"{caveat}{disputes}{quotes}</article>"
        )
    return "".join(items)


def _troops(package: Package, notes: Footnotes) -> str:
    claims = select_troop_claims(package)
    if claims.empty:
        return "<p>No troop figures in this view.</p>"
    drawn = "".join(
        f"<li>{_text(c['source_id'])}: {_text(format_figure(c))} {_text(c['unit_scope'])}, "
        f"as of {_text(format_as_of(c))}{notes.cite([c['claim_id']])}</li>"
        for _, c in claims.iterrows()
    )
    return (
        _figure_html(draw_troops(package), "sb-x-troop-chart", "Troop counts by source")
        + f'<p class="sb-x-caption">{_text(describe_troops(claims))}</p><ul>{drawn}</ul>'
    )


def _timeline(package: Package, steps: pd.DataFrame, lanes: tuple) -> str:
    if steps.empty:
        return "<p>No events in this view.</p>"
    chart = draw_timeline(package, lanes=lanes)
    return (
        _figure_html(chart, "sb-x-timeline-chart", "Timeline of events")
        + render_event_key_html(steps, slides=True)
        + f'<p class="sb-x-caption">{_text(describe_timeline(steps, len(steps)))} Each event '
        'is also a <a href="#story">story slide</a> with its dates, sources and quotes.</p>'
    )


def _map(package: Package, boundaries: gpd.GeoDataFrame, notes: Footnotes) -> str:
    located = list_located_places(package)
    rows, drawn = [], []
    for _, place in located.iterrows():
        backing = collect_claims_at(package, [place["place_id"]])
        if backing.empty:
            continue
        drawn.append(place)
        radius = f"±{place['radius_km']:g} km" if is_present(place["radius_km"]) else "—"
        rows.append(
            f"<tr><td>{_text(place['name'])}{notes.cite(backing['claim_id'][:3])}</td>"
            f"<td>{_text(place['kind'])}</td><td>{place['lat']:.4f}, {place['lon']:.4f}</td>"
            f"<td>{_text(radius)} ({_text(place['geo_precision'])})</td>"
            f"<td>{_text(place['note'] if is_present(place['note']) else '')}</td></tr>"
        )
    if not drawn:
        return "<p>No located place in this view.</p>"
    svg = render_sahel_map_svg(boundaries, pd.DataFrame(drawn))
    return (
        f'<figure class="sb-x-map">{svg}<figcaption class="sb-x-caption">Country outlines: '
        "Natural Earth 1:110m. Each dot is a place the documents name; the shaded circle is its "
        "location's uncertainty to scale (most are smaller than the dot). Places outside this "
        "view are listed but not drawn.</figcaption></figure>"
        '<table class="sb-x-table"><thead><tr><th>Place</th><th>Kind</th><th>Lat, lon</th>'
        f"<th>Uncertainty</th><th>Note</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _discrepancies(package: Package, claims: _Claims, notes: Footnotes) -> str:
    panels = list_topic_panels(package)
    if not panels:
        return "<p>No topic in this view is reported by two or more sources.</p>"
    parts = []
    for panel in panels:
        lines = "".join(_relation_line(r, notes) for r in panel["relations"])
        on_topic = [c for c, r in claims.records.items() if r["topic"] == panel["topic_id"]]
        by_source = "".join(
            f"<h4>{_text(source)}</h4>"
            + claims.quote([c for c in on_topic if claims.records[c]["source_id"] == source], notes)
            for source in panel["sources"]
        )
        parts.append(
            f'<article class="sb-x-panel"><h3>{_text(panel["label"])} '
            f"{render_relation_badge_html(panel['headline'])}</h3>"
            f'<p class="sb-x-caption">{_text(panel["question"])}</p>{lines}{by_source}</article>'
        )
    return CANDIDATES_CSS + "".join(parts)


def _slides(
    package: Package,
    boundaries: gpd.GeoDataFrame,
    steps: pd.DataFrame,
    step: int | None,
    claims: _Claims,
    notes: Footnotes,
) -> str:
    if steps.empty:
        return "<p>No events in this view.</p>"
    marks = build_date_marks(package, steps)
    whole = steps["date_low"].min(), steps["date_high"].max()
    others = list(zip(steps["date_low"], steps["date_high"], strict=True))
    total = len(steps)
    slides = []
    for _, event in steps.iterrows():
        number = int(event["step"])
        claim_ids = list(event["claim_ids"])
        lines = describe_event_dates(event, marks)
        dates = "".join(
            f"<li>{_text(line)}{notes.cite(claim_ids) if i == 1 else ''}</li>"
            for i, line in enumerate(lines)
        )
        nav = []
        if number > 1:
            nav.append(f'<a href="#step-{number - 1}">← Step {number - 1}</a>')
        if number < total:
            nav.append(f'<a href="#step-{number + 1}">Step {number + 1} →</a>')
        current = ' aria-current="step"' if step == number else ""
        place = (
            f"<p>Where: {_text(event['place'])}{notes.cite(claim_ids[:1])}</p>"
            if event["place"]
            else ""
        )
        slides.append(
            f'<section class="sb-x-slide" id="step-{number}" tabindex="-1"{current} '
            f'aria-labelledby="step-{number}-h"><h3 id="step-{number}-h">Step {number} of '
            f"{total}: {_text(event['title'])}</h3>"
            f'<nav class="sb-x-slide-nav" aria-label="Step {number}">{"".join(nav)}</nav>'
            f'<div class="sb-x-slide-body"><div>'
            f"{render_minimap_svg(package, boundaries, event['place_id'])}{place}</div>"
            f"<div>{render_date_strip_svg(event['date_low'], event['date_high'], *whole, others)}"
            f"<ul>{dates}</ul></div></div>"
            f"{claims.quote(claim_ids, notes)}</section>"
        )
    return "".join(slides)


def render_briefing_html(
    package: Package,
    boundaries: gpd.GeoDataFrame,
    filters_note: str = "",
    step: int | None = None,
    lanes: tuple[tuple[str, str], ...] = (),
) -> str:
    """The whole briefing of an already-filtered package view as one offline HTML document.

    ``filters_note`` says which filters are on (``describe_filters``); ``step`` (1-based) marks
    the story step the view had selected, which the file opens at; ``lanes`` are the whole
    package's timeline lanes (``list_event_lanes``), so the view draws them as the app does.
    """
    notes = Footnotes(list_claim_notes(package))
    claims = _Claims(package)
    steps = list_story_steps(package)
    sections = [
        _header(package, filters_note, step, notes),
        _section("figures", "Key figures", _key_figures(package, steps, notes)),
        _section("judgments", "Key judgments", _judgments(package, claims, notes)),
        _section("troops", "Troop counts", _troops(package, notes)),
        _section("timeline", "Timeline", _timeline(package, steps, lanes)),
        _section("map", "Map of the Sahel", _map(package, boundaries, notes)),
        _section("discrepancies", "Discrepancies", _discrepancies(package, claims, notes)),
        _section("story", "Story", _slides(package, boundaries, steps, step, claims, notes)),
    ]
    sections.append(_section("notes", "Notes", notes.render()))
    title = f"{TITLE} (dataset v{package.version})"
    rest = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(title)}</title>{EXPORT_CSS}{CARDS_CSS}{EXPORT_PRINT_CSS}"
        f"<script>{escape_script_text(get_plotlyjs())}</script></head>"
        f"<body><main>{''.join(sections)}</main>"
        f"{SLIDE_KEYS_SCRIPT}</body></html>"
    )
    # The view's fingerprint comes first. Streamlit names a served file over 1 MiB by its length
    # and a few samples, so two views of equal length (step 3 or 4 marked) shared one download
    # across sessions until this line made their first bytes differ.
    fingerprint = hashlib.sha256(rest.encode("utf-8")).hexdigest()
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="sahel-brief-view" content="sha256:{fingerprint}">{rest}'
    )


def render_briefing_view(
    package: Package, filters: Filters, step: int | None, boundaries: gpd.GeoDataFrame
) -> str:
    """The briefing of the whole package narrowed by ``filters``, saying which are on; what the
    command line writes and the app's download offers."""
    view = apply_filters(package, filters)
    note = describe_filters(filters, package)
    return render_briefing_html(view, boundaries, note, step, list_event_lanes(package))
