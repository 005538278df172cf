"""Build into a staging folder and swap it into place only when the whole build succeeded.

The swap is two renames, so site_dir always holds a whole site: the previous one until the new one takes its
place. The previous site, renamed aside, is then removed by a process of its own, so that the build does not
wait for thousands of files to be deleted (a large office's site took seconds); any such folder a removal left
behind (the machine stopped first) is removed the same way by the next build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

# What the removing process runs: each folder (or file) named on its command line, deleted.
REMOVE = """
import os, shutil, sys
for path in sys.argv[1:]:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.remove(path)
        except OSError:
            pass
"""


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.staging")


def aside_dir(site_dir: Path) -> Path:
    """Where previous sites are renamed to before they are removed: a folder .gitignore already leaves out."""
    return site_dir.with_name(f".{site_dir.name}.old")


def previous_sites(site_dir: Path) -> list[Path]:
    """Earlier sites renamed aside and not yet (wholly) removed (or the files of one an earlier version put aside)."""
    aside = aside_dir(site_dir)
    return sorted(aside.iterdir()) if aside.is_dir() else []


def begin(site_dir: Path) -> Path:
    folder = staging_dir(site_dir)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    remove_later(previous_sites(site_dir))
    return folder


def publish(folder: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = aside_dir(site_dir) / f"{os.getpid()}-{time.time_ns()}"
        old.parent.mkdir(exist_ok=True)
        site_dir.rename(old)
    try:
        folder.rename(site_dir)
    except OSError:
        if old is not None:
            old.rename(site_dir)  # the previous site stays published
        raise
    if old is not None:
        remove_later([old])


def remove_later(folders: list[Path]) -> None:
    """Delete the folders in a process of their own, which goes on after this one has ended."""
    if not folders:
        return
    remover = subprocess.Popen(
        [sys.executable, "-c", REMOVE, *map(str, folders)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C that stops the build does not stop the removal
    )
    # Collected when it ends, if this process is still running then (a test session, the preview).
    threading.Thread(target=remover.wait, daemon=True).start()


def discard(site_dir: Path) -> None:
    shutil.rmtree(staging_dir(site_dir), ignore_errors=True)
