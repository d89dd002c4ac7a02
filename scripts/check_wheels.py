"""Check that every runtime pin has wheels for CPython 3.11 and 3.12 (Community Cloud's default).

Runs ``pip download --only-binary=:all:`` for each target Python into a temporary folder, so
nothing is installed. Needs access to PyPI. Usage: ``python -m scripts.check_wheels``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

from lib.paths import PROJECT_ROOT

PYTHON_VERSIONS = ("3.11", "3.12")
PLATFORM = "manylinux2014_x86_64"  # what Community Cloud runs on


def check_wheels(python_version: str, requirements: str = "requirements.txt") -> tuple[bool, str]:
    """Resolve the pins for one Python with wheels only; return (ok, pip's last lines)."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--only-binary=:all:",
                "--python-version",
                python_version,
                "--implementation",
                "cp",
                "--platform",
                PLATFORM,
                "--platform",
                "manylinux_2_17_x86_64",
                "--platform",
                "manylinux_2_28_x86_64",
                "--dest",
                folder,
                "-r",
                str(PROJECT_ROOT / requirements),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-5:])
    return result.returncode == 0, tail


def main() -> int:
    failed = 0
    for version in PYTHON_VERSIONS:
        ok, tail = check_wheels(version)
        print(f"Python {version}: {'wheels for every pin' if ok else 'MISSING WHEELS'}")
        if not ok:
            failed += 1
            print(tail)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
