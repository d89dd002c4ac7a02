"""Package files as rows and files: CSV rows in the package's dialect, blank rows, and whole
packages copied or zipped.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

from lib.data.read import Package, read_seeds_dir
from lib.data.schema import TABLES
from lib.paths import DEFAULT_DATA_DIR, DESCRIPTOR_NAME, PROJECT_ROOT


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a package CSV, every cell as written."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows back in the package's CSV dialect (UTF-8, LF line ends)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def blank_row(header: list[str], **cells: str) -> dict[str, str]:
    """A row of ``header`` with ``cells`` filled in and every other column empty.

    A cell for a column the header lacks is a mistake in the caller, so it raises KeyError.
    """
    unknown = set(cells) - set(header)
    if unknown:
        raise KeyError(f"no column(s) {sorted(unknown)} in {header}")
    return {column: cells.get(column, "") for column in header}


def copy_package(data_out: Path, seeds_out: Path) -> None:
    """Copy the shipped package (its tables and descriptor) to ``data_out`` and its seeds to
    ``seeds_out``, writable, as the start of a test fixture or a synthetic package."""
    data_out.mkdir(parents=True, exist_ok=True)
    seeds_out.mkdir(parents=True, exist_ok=True)
    for name in [table.path for table in TABLES.values()] + [DESCRIPTOR_NAME]:
        shutil.copyfile(DEFAULT_DATA_DIR / name, data_out / name)
    for seed in sorted((PROJECT_ROOT / "seeds").glob("*.txt")):
        shutil.copyfile(seed, seeds_out / seed.name)
        (seeds_out / seed.name).chmod(0o644)


def build_package_zip(package: Package) -> bytes:
    """The whole package as a zip: data/ with datapackage.json and every table, and seeds/."""
    buffer = io.BytesIO()
    data_dir = Path(package.data_dir)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        names = [DESCRIPTOR_NAME] + [
            r["path"] for r in (package.descriptor or {}).get("resources", [])
        ]
        for name in names:
            path = data_dir / name
            if path.is_file():
                archive.write(path, f"data/{name}")
        seeds = read_seeds_dir(data_dir)
        for seed in sorted(seeds.iterdir()) if seeds.is_dir() else []:
            archive.write(seed, f"seeds/{seed.name}")
    return buffer.getvalue()
