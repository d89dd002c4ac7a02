"""Regenerate the ``resources`` of ``datapackage.json`` from ``lib/data/schema.py``.

Package-level metadata (version, sources, licences) is kept as written; only the resource
schemas are rewritten, so the descriptor cannot drift from the schema the app enforces.
"""

from __future__ import annotations

import json
import sys

from lib.data.descriptor import build_resources
from lib.paths import DESCRIPTOR_NAME, resolve_data_dir


def main() -> int:
    data_dir = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    path = data_dir / DESCRIPTOR_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = build_resources()
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(descriptor['resources'])} resources to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
