"""Where a build's time goes, stage by stage, when TRANSPARENCY_STAGE_TIMES names a file to add it to (make bench).

Each stage adds a line of JSON to that file: its name, wall-clock and CPU seconds, and how many times it ran. A
stage run once adds its line as it ends; one run for each page (its body, giving it to the search index) adds
up in memory and is written by write(). The build's processes (MkDocs, and the one making the downloads beside
it) each add their own lines, so nothing is shared between them. Without the variable, nothing is measured.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

TARGET = os.environ.get("TRANSPARENCY_STAGE_TIMES", "")
_open: dict[str, tuple[float, float]] = {}  # stages begun and not yet ended: name -> (wall, CPU) at the start
_totals: dict[str, list[float]] = {}  # stages run many times: name -> [wall, CPU, count]


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time what runs inside as a stage, and add its line to the file at once."""
    with _timed(lambda wall, cpu: append([(name, wall, cpu, 1)])):
        yield


@contextmanager
def each(name: str) -> Iterator[None]:
    """Time what runs inside as one of many runs of a stage (written, summed, by write())."""
    with _timed(lambda wall, cpu: add(name, wall, cpu)):
        yield


@contextmanager
def _timed(record: Callable[[float, float], None]) -> Iterator[None]:
    """Run what is inside, then record its wall and CPU seconds (nothing is timed unless stage times are asked for)."""
    if not TARGET:
        yield
        return
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        record(time.perf_counter() - wall, time.process_time() - cpu)


def begin(name: str) -> None:
    """Start a stage that ends in another function (end)."""
    if TARGET:
        _open[name] = (time.perf_counter(), time.process_time())


def end(name: str) -> None:
    if TARGET and name in _open:
        wall, cpu = _open.pop(name)
        append([(name, time.perf_counter() - wall, time.process_time() - cpu, 1)])


def add(name: str, wall: float, cpu: float) -> None:
    totals = _totals.setdefault(name, [0.0, 0.0, 0])
    totals[0] += wall
    totals[1] += cpu
    totals[2] += 1


def write() -> None:
    """Add the stages run once per page so far to the file, and start counting again."""
    if TARGET and _totals:
        append([(name, wall, cpu, int(count)) for name, (wall, cpu, count) in _totals.items()])
        _totals.clear()


def append(lines: list[tuple[str, float, float, int]]) -> None:
    with open(TARGET, "a", encoding="utf-8") as handle:
        for name, wall, cpu, count in lines:
            handle.write(json.dumps({"stage": name, "wall": wall, "cpu": cpu, "count": count}) + "\n")


def read(path: str) -> dict[str, dict[str, float]]:
    """The stages written to a file: name -> wall and CPU seconds and count, summed over the lines."""
    found: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            totals = found.setdefault(entry["stage"], {"wall": 0.0, "cpu": 0.0, "count": 0})
            for key in ("wall", "cpu", "count"):
                totals[key] += entry[key]
    return found
