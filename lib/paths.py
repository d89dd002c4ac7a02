"""Every filesystem location the app uses, in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "SAHEL_BRIEF_DATA_DIR"
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
DESCRIPTOR_NAME = "datapackage.json"
PAGES_DIR = PROJECT_ROOT / "pages"


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data package folder: the argument, else $SAHEL_BRIEF_DATA_DIR, else data/."""
    chosen = override or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    return Path(chosen).resolve()


STATIC_DIR = PROJECT_ROOT / "static"
# Our own component scripts, read by the app and sent inline: never fetched from elsewhere.
APP_ASSETS_DIR = PROJECT_ROOT / "lib" / "app" / "assets"
# Served by Streamlit at <base>/app/static/vendor/… when server.enableStaticServing is on.
VENDOR_DIR = STATIC_DIR / "vendor"
# Reference geography, not part of the curated package: it stays the same for any data folder.
BOUNDARIES_PATH = PROJECT_ROOT / "data" / "geo" / "ne_110m_sahel.geojson"
# Every country's name, ISO3 code and common short forms, from the same Natural Earth source.
COUNTRIES_PATH = PROJECT_ROOT / "data" / "geo" / "countries.csv"
# Set to 1 where the package must not be changed from the app; Streamlit Community Cloud, which
# runs apps from /mount/src/<repo> on a disk that is wiped on restart, counts as read-only too.
READ_ONLY_ENV = "SAHEL_BRIEF_READ_ONLY"
COMMUNITY_CLOUD_ROOT = Path("/mount/src")


def is_read_only_deployment() -> bool:
    """Whether this deployment must not change its package (see READ_ONLY_ENV)."""
    if os.environ.get(READ_ONLY_ENV, "").strip() not in ("", "0"):
        return True
    return COMMUNITY_CLOUD_ROOT in PROJECT_ROOT.parents


# Debian's Chromium (never a downloaded build), used headless by the tests, the screenshots and the
# briefing's PDF; and the flags that keep it off the network on this offline machine.
CHROMIUM = os.environ.get("SAHEL_BRIEF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
