"""Cell values as the package stores them: missing values and ``|``-separated lists."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

# Separates the ids in a list cell (``place_ids``, ``claim_ids``); the URL uses its own.
LIST_SEPARATOR = "|"


def is_present(value: object) -> bool:
    """True unless the cell is empty: None, NaN or pd.NA (pandas 3 stores empty strings as NaN)."""
    return (
        value is not None
        and value is not pd.NA
        and not (isinstance(value, float) and math.isnan(value))
    )


def format_number(value: float | str) -> str:
    """A figure as a cell: '1000', not '1000.0'; '2.5' stays '2.5'."""
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


def split_list(cell: object) -> list[str]:
    """Split a ``|``-separated cell into its non-empty items."""
    if not is_present(cell):
        return []
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR) if item.strip()]


def join_list(items: Iterable[str]) -> str:
    """The cell holding ``items``: the inverse of :func:`split_list`."""
    return LIST_SEPARATOR.join(items)
