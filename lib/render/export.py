"""The briefing as one self-contained HTML file: inline CSS, inline plotly.js from the installed
package, an SVG map, every story step as a slide, and a footnote on every number, date and place.

Every text from the data is escaped here; plotly's JSON escapes '<' and '/' itself.
"""

from __future__ import annotations

import hashlib
import html
import re

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from lib import APP_TITLE
from lib.analysis.briefing import (
    CONFIDENCE_LABELS,
    HIDDEN_EVIDENCE,
    TITLE,
    frame_step_dates,
    list_judgments,
    list_key_figures,
    list_story_steps,
    select_disputes,
)
from lib.analysis.compare import check_relations
from lib.analysis.coverage import list_topic_panels
from lib.analysis.events import (
    build_date_marks,
    describe_event_dates,
    describe_timeline,
    list_event_lanes,
)
from lib.analysis.evidence import (
    ClaimIndex,
    format_figure,
    group_by_source,
    list_claim_notes,
    list_topic_claim_ids,
    name_outlet,
)
from lib.analysis.filters import Filters, apply_filters, describe_filters
from lib.analysis.places import collect_claims_at, list_located_places
from lib.analysis.troops import describe_troops, select_troop_claims
from lib.data.cells import is_present
from lib.data.dates import describe_claim_date, format_range, read_publication_dates
from lib.data.read import Package
from lib.render.cards import (
    render_claim_cards_html,
    render_relation_badge_html,
    render_relation_lines_html,
)
from lib.render.cite import Footnotes
from lib.render.minimap import render_date_strip_svg, render_minimap_svg, render_sahel_map_svg
from lib.render.style import EXPORT_CSS, EXPORT_PRINT_CSS, FRAGMENT_CSS, assign_source_colours
from lib.render.tiles import render_key_figures_html
from lib.render.timeline_chart import draw_timeline, render_event_key_html
from lib.render.troop_chart import draw_troops

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


class _Quotes:
    """Builds the file's claim cards: the view's claims by id, in their sources' colours, each
    quote with its footnote."""

    def __init__(self, package: Package, notes: Footnotes) -> None:
        self.claims = ClaimIndex(package)
        self.colours = assign_source_colours(package["sources"]["source_id"])
        self.notes = notes

    def quote(self, claim_ids) -> str:
        """The cards of the known claims among ``claim_ids``, in reading order; '' for none."""
        return render_claim_cards_html(self.claims.pick(claim_ids), self.colours, self.notes)

    def quote_by_source(self, claim_ids) -> str:
        """The cards of ``claim_ids`` under a heading per source, in source order."""
        return "".join(
            f"<h4>{_text(source)}</h4>" + render_claim_cards_html(records, self.colours, self.notes)
            for source, records in group_by_source(self.claims.pick(claim_ids))
        )


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
    latest_published = format_range(read_publication_dates(latest))
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
        f'<p class="sb-x-meta">{_text(APP_TITLE)} dataset version {_text(package.version)}'
        f" · reporting up to {_text(latest_published)}, the publication date of the latest source "
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


def _judgments(package: Package, quotes: _Quotes, notes: Footnotes) -> str:
    checked = check_relations(package)
    items = []
    for _, row in list_judgments(package).iterrows():
        disputes = select_disputes(checked, row["kept_claims"])
        lines = render_relation_lines_html(disputes, notes)
        cards = quotes.quote(row["kept_claims"]) or f"<p>{_text(HIDDEN_EVIDENCE)}</p>"
        caveat = f"<p>Caveat: {_text(row['caveat'])}</p>" if is_present(row["caveat"]) else ""
        items.append(
            f'<article class="sb-x-judgment"><h3>{int(row["rank"])}. {_text(row["text"])}</h3>'
            f'<p class="sb-x-confidence">'
            f"{_text(CONFIDENCE_LABELS.get(row['confidence'], row['confidence']))}</p>"
            f"{caveat}{lines}{cards}</article>"
        )
    return "".join(items)


def _troops(package: Package, notes: Footnotes) -> str:
    claims = select_troop_claims(package)
    if claims.empty:
        return "<p>No troop figures in this view.</p>"
    drawn = "".join(
        f"<li>{_text(c['source_id'])}: {_text(format_figure(c))} {_text(c['unit_scope'])}, "
        f"{_text(describe_claim_date(c))}{notes.cite([c['claim_id']])}</li>"
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


def _discrepancies(package: Package, quotes: _Quotes, notes: Footnotes) -> str:
    panels = list_topic_panels(package)
    if not panels:
        return "<p>No topic in this view is reported by two or more sources.</p>"
    parts = []
    for panel in panels:
        lines = render_relation_lines_html(panel["relations"], notes)
        by_source = quotes.quote_by_source(list_topic_claim_ids(package, panel["topic_id"]))
        parts.append(
            f'<article class="sb-x-panel"><h3>{_text(panel["label"])} '
            f"{render_relation_badge_html(panel['headline'])}</h3>"
            f'<p class="sb-x-caption">{_text(panel["question"])}</p>{lines}{by_source}</article>'
        )
    return "".join(parts)


def _slides(
    package: Package,
    boundaries: gpd.GeoDataFrame,
    steps: pd.DataFrame,
    step: int | None,
    quotes: _Quotes,
    notes: Footnotes,
) -> str:
    if steps.empty:
        return "<p>No events in this view.</p>"
    marks = build_date_marks(package, steps)
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
            f"<div>{render_date_strip_svg(*frame_step_dates(steps, event))}"
            f"<ul>{dates}</ul></div></div>"
            f"{quotes.quote(claim_ids)}</section>"
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
    quotes = _Quotes(package, notes)
    steps = list_story_steps(package)
    figures = render_key_figures_html(list_key_figures(package, steps), quotes.colours, notes)
    sections = [
        _header(package, filters_note, step, notes),
        _section("figures", "Key figures", figures),
        _section("judgments", "Key judgments", _judgments(package, quotes, notes)),
        _section("troops", "Troop counts", _troops(package, notes)),
        _section("timeline", "Timeline", _timeline(package, steps, lanes)),
        _section("map", "Map of the Sahel", _map(package, boundaries, notes)),
        _section("discrepancies", "Discrepancies", _discrepancies(package, quotes, notes)),
        _section("story", "Story", _slides(package, boundaries, steps, step, quotes, notes)),
    ]
    sections.append(_section("notes", "Notes", notes.render()))
    title = f"{TITLE} (dataset v{package.version})"
    rest = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(title)}</title>{EXPORT_CSS}{FRAGMENT_CSS}{EXPORT_PRINT_CSS}"
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
