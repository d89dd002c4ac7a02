"""Country outlines (Natural Earth 1:110m) read from the committed GeoJSON, once per change."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd

from lib.paths import BOUNDARIES_PATH


@lru_cache(maxsize=4)
def _read_boundaries(path: str, mtime_ns: int) -> gpd.GeoDataFrame:
    del mtime_ns  # part of the cache key only, so a regenerated file is re-read
    return gpd.read_file(path)


def read_boundaries(path: Path = BOUNDARIES_PATH) -> gpd.GeoDataFrame:
    """Country outlines with ``iso3`` and ``name``; shared and cached, so do not mutate it."""
    return _read_boundaries(str(path), path.stat().st_mtime_ns)
