"""lib/data/rows.py: the package zip holds every file byte for byte."""

from __future__ import annotations

import io
import zipfile

from lib.data.read import read_seeds_dir
from lib.data.rows import build_package_zip
from lib.data.schema import TABLES
from tests.helpers.packages import CURATED_DATA


def test_package_zip_holds_descriptor_tables_and_seeds_byte_for_byte(curated):
    archive = zipfile.ZipFile(io.BytesIO(build_package_zip(curated)))
    seeds = read_seeds_dir(CURATED_DATA)
    on_disk = {"data/datapackage.json": CURATED_DATA / "datapackage.json"}
    on_disk |= {f"data/{t.path}": CURATED_DATA / t.path for t in TABLES.values()}
    on_disk |= {f"seeds/{s.name}": s for s in seeds.iterdir()}
    assert len(list(seeds.iterdir())) == len(curated["sources"])
    assert sorted(archive.namelist()) == sorted(on_disk)
    for name, path in on_disk.items():
        assert archive.read(name) == path.read_bytes(), name
