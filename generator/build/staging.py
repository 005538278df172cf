"""Build into a staging folder and swap it into place only when the whole build succeeded."""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.staging")


def begin(site_dir: Path) -> Path:
    folder = staging_dir(site_dir)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def publish(folder: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    folder.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(site_dir: Path) -> None:
    shutil.rmtree(staging_dir(site_dir), ignore_errors=True)
