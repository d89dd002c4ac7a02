"""Vendor pinned npm packages into static/vendor: ``python -m scripts.fetch_web_assets [--check]``.

Without flags, fetches each pinned tarball with ``npm pack``, verifies it against the integrity
npm reports, extracts only the files the app serves and rewrites ``static/vendor/manifest.json``.
``--check`` needs no network: it verifies the files on disk against that manifest.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lib.paths import VENDOR_DIR

MANIFEST_NAME = "manifest.json"
LEAFLET_VERSION = "1.9.4"


@dataclass(frozen=True)
class PinnedPackage:
    version: str
    # Tarball member -> path under static/vendor/<package>/. A key ending in "/" takes the files
    # directly inside that folder, so new images in a release are picked up without edits here.
    members: dict[str, str]
    # Where package.json and the licence live inside the tarball; npm always uses "package/".
    root: str = "package/"


PINNED_PACKAGES: dict[str, PinnedPackage] = {
    "leaflet": PinnedPackage(
        version=LEAFLET_VERSION,
        members={
            "package/dist/leaflet.js": "leaflet.js",
            "package/dist/leaflet.css": "leaflet.css",
            "package/dist/images/": "images/",
            "package/LICENSE": "LICENSE",
        },
    ),
}


def compute_sri_sha512(data: bytes) -> str:
    """Return the Subresource Integrity string (``sha512-<base64>``) npm uses for a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def compute_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_npm(args: list[str], cwd: Path) -> object:
    """Run ``npm <args> --json`` and return the parsed JSON it prints."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not on PATH; install Node.js to fetch web assets")
    result = subprocess.run(
        [npm, *args, "--json"], cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"npm {' '.join(args)} failed:\n{result.stderr.strip()}")
    return json.loads(result.stdout)


def map_member(name: str, members: dict[str, str]) -> str | None:
    """Return where a tarball member goes under the package's vendor folder, or None to skip it."""
    for source, target in members.items():
        if name == source:
            return target
        if source.endswith("/") and name.startswith(source):
            rest = name[len(source) :]
            # Only direct children: nested folders and odd names ("..") are never served.
            if rest and "/" not in rest and rest not in (".", ".."):
                return target + rest
    return None


def extract_package(tarball: Path, pinned: PinnedPackage, dest: Path) -> str:
    """Write the pinned members of ``tarball`` under ``dest``; return the SPDX licence id."""
    extracted: set[str] = set()
    with tarfile.open(tarball, "r:gz") as archive:
        package_json = archive.extractfile(pinned.root + "package.json")
        licence = json.load(package_json)["license"]
        for member in archive.getmembers():
            target = map_member(member.name, pinned.members)
            if target is None or not member.isfile():
                continue
            path = dest / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(archive.extractfile(member).read())
            extracted.add(member.name)
    missing = [m for m in pinned.members if not m.endswith("/") and m not in extracted]
    if missing:
        raise RuntimeError(f"{tarball.name} lacks {', '.join(missing)}")
    return licence


def fetch_package(name: str, pinned: PinnedPackage, vendor_dir: Path, workdir: Path) -> dict:
    """Download, verify and extract one pinned package; return its manifest entry."""
    spec = f"{name}@{pinned.version}"
    packed = run_npm(["pack", spec], cwd=workdir)[0]
    tarball = workdir / packed["filename"]
    integrity = packed["integrity"]
    actual = compute_sri_sha512(tarball.read_bytes())
    if actual != integrity:
        raise RuntimeError(f"{spec}: tarball hashes to {actual}, npm reported {integrity}")
    # npm pack does not say where it downloaded from; the registry's dist record does.
    dist = run_npm(["view", spec, "dist"], cwd=workdir)
    if dist["integrity"] != integrity:
        raise RuntimeError(f"{spec}: registry integrity {dist['integrity']} != packed {integrity}")

    staging = workdir / "staging" / name
    licence = extract_package(tarball, pinned, staging)
    target = vendor_dir / name
    # Replace the folder whole so files dropped from a release do not linger.
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(staging, target)
    files = {
        path.relative_to(vendor_dir).as_posix(): compute_sha256(path)
        for path in sorted(target.rglob("*"))
        if path.is_file()
    }
    return {
        "name": name,
        "version": pinned.version,
        "tarball": dist["tarball"],
        "integrity": integrity,
        "license": licence,
        "files": files,
    }


def render_manifest(entries: list[dict]) -> str:
    manifest = {"generated_by": "python -m scripts.fetch_web_assets", "packages": entries}
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def fetch_web_assets(vendor_dir: Path = VENDOR_DIR) -> Path:
    """Vendor every pinned package into ``vendor_dir`` and write its manifest; return its path."""
    vendor_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        entries = [
            fetch_package(name, PINNED_PACKAGES[name], vendor_dir, Path(tmp))
            for name in sorted(PINNED_PACKAGES)
        ]
    manifest = vendor_dir / MANIFEST_NAME
    manifest.write_text(render_manifest(entries), encoding="utf-8")
    return manifest


def check_vendor(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Return one line per file that is missing, altered or unlisted against the manifest."""
    manifest_path = vendor_dir / MANIFEST_NAME
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"{manifest_path}: cannot read manifest ({error})"]

    problems = []
    listed = {MANIFEST_NAME}
    for package in manifest["packages"]:
        for relative, expected in package["files"].items():
            listed.add(relative)
            path = vendor_dir / relative
            if not path.is_file():
                problems.append(f"{relative}: missing")
            elif compute_sha256(path) != expected:
                problems.append(f"{relative}: sha256 differs from manifest")
    for path in sorted(vendor_dir.rglob("*")):
        relative = path.relative_to(vendor_dir).as_posix()
        if path.is_file() and relative not in listed:
            problems.append(f"{relative}: not listed in {MANIFEST_NAME}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="verify static/vendor against its manifest, offline"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check_vendor(VENDOR_DIR)
        for problem in problems:
            print(problem)
        if problems:
            return 1
        manifest = json.loads((VENDOR_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
        count = sum(len(p["files"]) for p in manifest["packages"])
        print(f"vendor ok: {count} files in {len(manifest['packages'])} package(s) match manifest")
        return 0
    try:
        manifest = fetch_web_assets(VENDOR_DIR)
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
