"""Fill the package's mechanical columns in place: ``python -m scripts.curate [DATA_DIR]``.

The rules live in lib/data/curate.py, where the ingest merge runs them too.
"""

from __future__ import annotations

import sys

from lib.data.curate import curate
from lib.paths import resolve_data_dir


def main() -> int:
    data_dir = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    report = curate(data_dir)
    for line in report:
        print(line)
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
