"""Plain functions that turn claim rows into what readers see: figures, dates, tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlencode

import pandas as pd

from lib.dates import DateRange, format_range
from lib.package import Package, is_present, split_list


def _number(value: float, unit: str | None) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"${text}" if unit == "USD" else text


def format_figure(row: pd.Series) -> str:
    """Render a claim's figure with its bound, e.g. 'about 650 (585–715) people'."""
    if not is_present(row.get("bound")):
        return ""
    unit = row.get("unit") if is_present(row.get("unit")) else None
    suffix = "" if unit in (None, "USD") else f" {unit}"
    bound, hedge = row["bound"], row.get("hedge")
    low, high, value = row.get("value_low"), row.get("value_high"), row.get("value")
    if bound == "exact":
        return f"{_number(value, unit)}{suffix}"
    if bound == "approx":
        span = f"{_number(low, unit)}–{_number(high, unit)}"
        return f"{hedge or 'about'} {_number(value, unit)} ({span}){suffix}"
    if bound == "lower":
        stated = hedge if hedge == "thousands" else f"{hedge or 'at least'} {_number(value, unit)}"
        return f"{stated} (≥ {_number(low, unit)}, no upper limit){suffix}"
    if bound == "upper":
        return f"{hedge or 'at most'} {_number(value, unit)} (≤ {_number(high, unit)}){suffix}"
    prefix = f"{hedge} " if is_present(hedge) else ""
    return f"{prefix}{_number(low, unit)}–{_number(high, unit)}{suffix}"


def read_claim_dates(row: pd.Series) -> DateRange | None:
    """The claim's resolved date range, or None when it states no date."""
    if not (is_present(row.get("date_low")) and is_present(row.get("date_high"))):
        return None
    return DateRange(date.fromisoformat(row["date_low"]), date.fromisoformat(row["date_high"]))


def format_claim_date(row: pd.Series) -> str:
    """Render the resolved date, e.g. '16 Mar 2024', or '' when the claim has none."""
    span = read_claim_dates(row)
    return format_range(span) if span else ""


def describe_claim(row: pd.Series, topic_label: str) -> str:
    """One-paragraph summary for a highlight's tooltip: topic, figure, date and its basis."""
    parts = [f"{topic_label}: {row['statement']}"]
    figure = format_figure(row)
    if figure:
        scope = f" — {row['unit_scope']}" if is_present(row.get("unit_scope")) else ""
        parts.append(f"Figure: {figure}{scope}")
    when = format_claim_date(row)
    if when:
        parts.append(f"Date: {when}. Basis: {row['date_basis']}")
    parts.append(f"Claimant: {row['claimant']} · {row['claim_id']}")
    return "\n".join(parts)


def build_claims_table(
    package: Package, source_id: str, topics: tuple[str, ...] = (), search: str = ""
) -> pd.DataFrame:
    """Claims of one source, optionally narrowed by topic ids and a case-blind text search."""
    claims = package["claims"]
    rows = claims[claims["source_id"] == source_id]
    if topics:
        rows = rows[rows["topic"].isin(topics)]
    needle = search.strip().casefold()
    if needle:
        haystack = rows["quote"].str.casefold() + " " + rows["statement"].str.casefold()
        rows = rows[haystack.str.contains(needle, regex=False)]
    labels, _ = index_topics(package)
    table = pd.DataFrame(
        {
            "claim_id": rows["claim_id"],
            "topic": rows["topic"].map(labels),
            "statement": rows["statement"],
            "figure": [format_figure(r) for _, r in rows.iterrows()],
            "date": [format_claim_date(r) for _, r in rows.iterrows()],
            "claimant": rows["claimant"],
            "quote": rows["quote"],
            "char_start": rows["char_start"],
            "char_end": rows["char_end"],
        }
    )
    return table.sort_values("char_start", kind="stable").reset_index(drop=True)


def name_outlet(row: pd.Series) -> str:
    """The outlet as printed, else the attributed origin, else 'unnamed outlet'."""
    for column in ("outlet_printed", "attributed_origin"):
        if is_present(row.get(column)) and row[column]:
            return str(row[column])
    return "unnamed outlet"


def label_sources(package: Package) -> dict[str, str]:
    """Short label for pickers, keyed by source id: id, outlet and title."""
    return {
        row["source_id"]: f"{row['source_id']} · {name_outlet(row)} · {row['title']}"
        for _, row in package["sources"].iterrows()
    }


def describe_source(package: Package, source_id: str) -> list[tuple[str, str]]:
    """Metadata rows for the panel: (label, value) in reading order."""
    row = package["sources"].set_index("source_id").loc[source_id]
    span = DateRange(
        date.fromisoformat(row["pub_date_low"]), date.fromisoformat(row["pub_date_high"])
    )
    best = format_range(DateRange(*(date.fromisoformat(row["pub_date_best"]),) * 2))

    def printed(text: object, start: object, end: object) -> str:
        if not is_present(text) or not text:
            return "not printed"
        return f"“{text}” (chars {int(start)}–{int(end)})"

    return [
        (
            "Outlet as printed",
            printed(row["outlet_printed"], *row[["outlet_char_start", "outlet_char_end"]]),
        ),
        (
            "Attributed origin",
            printed(row["attributed_origin"], *row[["origin_char_start", "origin_char_end"]]),
        ),
        ("Title", row["title"] + ("" if row["title_printed"] else " (curator's; none printed)")),
        ("Publication date (estimated)", f"{format_range(span)}, most likely {best}"),
        ("Basis of the estimate", row["pub_date_basis"]),
        ("Seed file", row["seed_file"]),
        ("SHA-256", row["sha256"]),
        ("Quality", row["quality_summary"] if is_present(row["quality_summary"]) else "—"),
    ]


def summarise_flags(package: Package, source_id: str) -> pd.DataFrame:
    """Quality flags of one source: kind, quote, offsets and note, in text order."""
    flags = package["quality_flags"]
    rows = flags[flags["source_id"] == source_id]
    table = rows[["kind", "quote", "char_start", "char_end", "note"]].copy()
    table["kind"] = table["kind"].str.replace("_", " ")
    return table.sort_values("char_start", na_position="first").reset_index(drop=True)


def read_sources_params(
    params: dict[str, str], package: Package
) -> tuple[str | None, str | None, list[str]]:
    """Turn the Sources page's query string into (source id, claim id, notices).

    Unknown values are dropped with a short notice rather than raising; a claim implies its
    source, so a link naming only a claim still opens the right document.
    """
    notices: list[str] = []
    claims = package["claims"]
    source_of = dict(zip(claims["claim_id"], claims["source_id"], strict=True))
    source = params.get("source")
    claim = params.get("claim")
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
    return "?" + urlencode({"source": source_id, "claim": claim_id})


def index_topics(package: Package) -> tuple[dict[str, str], dict[str, str]]:
    """Two lookups keyed by topic id: its label and its colour theme."""
    topics = package["topics"]
    labels = dict(zip(topics["topic_id"], topics["label"], strict=True))
    themes = dict(zip(topics["topic_id"], topics["theme"], strict=True))
    return labels, themes


def list_source_topics(package: Package, source_id: str) -> list[str]:
    """Topic ids one source has claims on, in alphabetical order of their labels."""
    claims = package["claims"]
    labels, _ = index_topics(package)
    topics = set(claims.loc[claims["source_id"] == source_id, "topic"])
    return sorted(topics, key=lambda topic: labels[topic].casefold())


def pick_selected_claim(
    claim_ids: list[str], picked_rows: list[int] | None, wanted: str | None
) -> tuple[str | None, list[int]]:
    """Return the selected claim and its row: the table's pick, else the claim the URL asked for.

    ``picked_rows`` is None before the table has reported any selection for this view.
    """
    rows = list(picked_rows or [])
    if picked_rows is None and wanted in claim_ids:
        rows = [claim_ids.index(wanted)]
    if rows and 0 <= rows[0] < len(claim_ids):
        return claim_ids[rows[0]], rows[:1]
    return None, []


def collect_claims_at(package: Package, place_ids: list[str]) -> pd.DataFrame:
    """Claims naming any of the places, with ``at``: which of those places each one names."""
    claims = package["claims"]
    names = dict(zip(package["places"]["place_id"], package["places"]["name"], strict=True))
    wanted = set(place_ids)
    at = [
        ", ".join(names[p] for p in split_list(cell) if p in wanted) for cell in claims["place_ids"]
    ]
    rows = claims.assign(at=at)
    return rows[rows["at"] != ""].reset_index(drop=True)


def collect_events_at(package: Package, place_ids: list[str]) -> pd.DataFrame:
    """Events that happened at any of the places, in date order."""
    events = package["events"]
    rows = events[events["place_id"].isin(place_ids)]
    return rows.sort_values(["date_low", "date_high"], kind="stable").reset_index(drop=True)


def order_claims(claims: pd.DataFrame, package: Package) -> pd.DataFrame:
    """Claims grouped by source in table order, then in reading order within each document."""
    rank = {sid: i for i, sid in enumerate(package["sources"]["source_id"])}
    return (
        claims.assign(_rank=claims["source_id"].map(rank))
        .sort_values(["_rank", "char_start"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


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


def select_claims(package: Package, claim_ids: Iterable[str]) -> pd.DataFrame:
    """The claims with these ids, grouped by source and in reading order."""
    claims = package["claims"]
    return order_claims(claims[claims["claim_id"].isin(list(claim_ids))], package)
