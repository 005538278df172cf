"""Whether a search index Pagefind has written is whole: its entry file, each language's metadata, one fragment
per page, and no empty file.

Pagefind answers "written" once it has created every file and handed their contents to background writers; the
bytes reach the disk a moment later (at once on a quiet machine, seconds later on a loaded one). Stopping
Pagefind before then loses them: that is how a build once published an empty pagefind-entry.json. So the build
waits until the index is whole, and fails, leaving site/ as it was, if it never becomes whole."""

from __future__ import annotations

import json
import time
from pathlib import Path

ENTRY = "pagefind-entry.json"
SETTLED = 5.0  # seconds without any change after which a still incomplete index is taken as final
LIMIT = 300.0  # seconds to wait at most


def missing(folder: Path, pages: int) -> list[str]:
    """What the index in `folder` lacks for `pages` pages; empty when it is whole."""
    entry_path = folder / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        counts = [int(language["page_count"]) for language in languages.values()]
        hashes = [str(language["hash"]) for language in languages.values()]
    except FileNotFoundError:
        return [f"{ENTRY} is missing"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return [f"{ENTRY} is empty or cut short"]
    found = []
    if sum(counts) != pages:
        found.append(f"{ENTRY} counts {sum(counts):,} pages, not the {pages:,} given")
    for digest in hashes:
        meta = folder / f"pagefind.{digest}.pf_meta"
        if not meta.is_file():
            found.append(f"{meta.name} is missing")
    # Only this index's languages' fragments (Pagefind names each after its language): another language's
    # index may have been written into the folder before (generator/search/entries.py).
    fragments = sum(len(list((folder / "fragment").glob(f"{name}_*.pf_fragment"))) for name in languages)
    if fragments != sum(counts):
        found.append(f"{fragments:,} page fragments, not {sum(counts):,}")
    empty = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.stat().st_size)
    if empty:
        found.append(f"{len(empty):,} empty file{'s' if len(empty) > 1 else ''} (e.g. {empty[0]})")
    return found


def state(folder: Path) -> tuple:
    """The folder's files and sizes: while Pagefind's writes land, this changes."""
    return tuple(sorted((str(p), p.stat().st_size) for p in folder.rglob("*") if p.is_file()))


def wait_until_whole(folder: Path, pages: int, settled: float = SETTLED, limit: float = LIMIT) -> list[str]:
    """Wait for Pagefind's writes to land; what the index still lacks when it has stopped changing (or at the
    limit), or [] once it is whole."""
    started = changed = time.monotonic()
    last = state(folder)
    while found := missing(folder, pages):
        now = time.monotonic()
        if now - changed >= settled or now - started >= limit:
            return found
        time.sleep(0.05)
        current = state(folder)
        if current != last:
            last, changed = current, time.monotonic()
    return []
