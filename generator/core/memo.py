"""Results kept between rebuilds of one preview (`make serve`), so an edit only redoes what it touched.

Each result is stored under a kind and an identity (e.g. "table", "data/spend.csv") with the key it was
computed from (e.g. the file's size and modification time); a new key replaces the old result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_results: dict[tuple[str, Hashable], tuple[Hashable, object]] = {}


def remember(kind: str, identity: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
    if key is None:
        return compute()
    stored = _results.get((kind, identity))
    if stored is not None and stored[0] == key:
        return stored[1]  # type: ignore[return-value]
    value = compute()
    _results[(kind, identity)] = (key, value)
    return value


def signature(path: Path) -> tuple[str, int, int]:
    """What identifies a file's content cheaply: its path, size and modification time."""
    status = os.stat(path)
    return (str(path), status.st_size, status.st_mtime_ns)


def forget() -> None:
    """Let go of every result kept: a build has no next rebuild to keep them for."""
    _results.clear()
