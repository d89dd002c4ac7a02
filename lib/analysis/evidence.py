"""Claim rows as readers see them: figures, dates, summaries, sources and ordering; plain text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from lib.data.cells import is_present
from lib.data.dates import DateRange, format_range, read_claim_dates, read_publication_dates
from lib.data.read import Package, list_records


def _number(value: float, unit: str | None) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"${text}" if unit == "USD" else text


def format_figure(row: pd.Series) -> str:
    """Render a claim's figure with its bound, e.g. 'about 650 (585–715) people'."""
    if not is_present(row.get("bound")):
        return ""
    unit = row.get("unit") if is_present(row.get("unit")) else None
    suffix = "" if unit in (None, "USD") else f" {unit}"
    bound = row["bound"]
    hedge = row.get("hedge") if is_present(row.get("hedge")) else None
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
    span = read_publication_dates(row)
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


def index_topics(package: Package) -> tuple[dict[str, str], dict[str, str]]:
    """Two lookups keyed by topic id: its label and its colour theme."""
    # Plain lists first: iterating a pandas text column boxes every cell (7x slower at
    # 50,000 topics).
    topics = package["topics"]
    ids = topics["topic_id"].tolist()
    labels = dict(zip(ids, topics["label"].tolist(), strict=True))
    themes = dict(zip(ids, topics["theme"].tolist(), strict=True))
    return labels, themes


def list_source_topics(package: Package, source_id: str) -> list[str]:
    """Topic ids one source has claims on, in alphabetical order of their labels."""
    claims = package["claims"]
    labels, _ = index_topics(package)
    topics = set(claims.loc[claims["source_id"] == source_id, "topic"])
    return sorted(topics, key=lambda topic: labels[topic].casefold())


def order_claims(claims: pd.DataFrame, package: Package) -> pd.DataFrame:
    """Claims grouped by source in table order, then in reading order within each document."""
    rank = {sid: i for i, sid in enumerate(package["sources"]["source_id"])}
    return (
        claims.assign(_rank=claims["source_id"].map(rank))
        .sort_values(["_rank", "char_start"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def select_claims(package: Package, claim_ids: Iterable[str]) -> pd.DataFrame:
    """The claims with these ids, grouped by source and in reading order."""
    claims = package["claims"]
    return order_claims(claims[claims["claim_id"].isin(list(claim_ids))], package)


def group_by_source(records: Iterable[dict]) -> list[tuple[str, list[dict]]]:
    """Claim records in reading order (:func:`select_claims`, :class:`ClaimIndex`) grouped by
    source, in that order: one (source id, its records) per source that has any."""
    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(record["source_id"], []).append(record)
    return list(groups.items())


def list_topic_claim_ids(package: Package, topic_id: str) -> list[str]:
    """Ids of every claim on one topic, in table order."""
    claims = package["claims"]
    return claims.loc[claims["topic"] == topic_id, "claim_id"].tolist()


class ClaimIndex:
    """The view's claims as records in reading order (source order, then offsets), looked up by
    id: a briefing quotes them some hundred times, and a frame lookup each time is slow."""

    def __init__(self, package: Package) -> None:
        ordered = list_records(order_claims(package["claims"], package))
        self.records = {record["claim_id"]: record for record in ordered}
        self.rank = {claim_id: i for i, claim_id in enumerate(self.records)}

    def pick(self, claim_ids: Iterable[str]) -> list[dict]:
        """The known claims among ``claim_ids``, in reading order."""
        known = [c for c in dict.fromkeys(claim_ids) if c in self.records]
        return [self.records[c] for c in sorted(known, key=self.rank.__getitem__)]


def list_claim_notes(package: Package) -> dict[str, dict]:
    """Per claim id, what its footnote cites: the quote, source, outlet, char offsets, resolved
    date and its basis, and the seed file with its SHA-256 from the sources table."""
    sources = {row["source_id"]: row for _, row in package["sources"].iterrows()}
    notes = {}
    for _, claim in package["claims"].iterrows():
        source = sources[claim["source_id"]]
        basis = claim.get("date_basis")
        notes[claim["claim_id"]] = {
            "claim_id": claim["claim_id"],
            "source_id": claim["source_id"],
            "outlet": name_outlet(source),
            "quote": claim["quote"],
            "char_start": int(claim["char_start"]),
            "char_end": int(claim["char_end"]),
            "date": format_claim_date(claim),
            "date_basis": str(basis) if is_present(basis) and basis else "",
            "seed_file": source["seed_file"],
            "sha256": source["sha256"],
        }
    return notes


def index_claim_sources(package: Package) -> dict[str, str]:
    """The source id of every claim, keyed by claim id."""
    claims = package["claims"]
    return dict(zip(claims["claim_id"], claims["source_id"], strict=True))


def list_documents(package: Package, filter_sources: Iterable[str] = ()) -> list[str]:
    """The documents the reader offers, in the package's order: those the sources filter names,
    or every document when it names none."""
    chosen = set(filter_sources)
    ids = list(package["sources"]["source_id"])
    return [sid for sid in ids if sid in chosen] or ids


def choose_document(
    offered: list[str], wanted: str | None, filter_sources: Iterable[str] = ()
) -> tuple[str, list[str]]:
    """The document to open and any notice: the link's document if it is offered, else the first
    document of the sources filter, else the first offered."""
    first = next((sid for sid in filter_sources if sid in offered), offered[0])
    if wanted is None or wanted in offered:
        return wanted or first, []
    return first, [f"Document {wanted!r} is outside the sources filter; showing {first}."]
