"""The physical floor of a build: read the same files, write as many pages, and nothing else.

It reads every CSV in data/ with the csv module and every Markdown file in content/ as text, shares their rows
out over the same number of pages as the real site has (given on the command line), renders each page's title
and text with one plain Jinja template, and writes each page to its own folder. No validation, no model, no
search index, no downloads: what no build of these files onto that many pages can do without.

    python -m bench.floor PROJECT OUT PAGES   (prints its wall-clock and CPU seconds as JSON)
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

from jinja2 import Environment

PAGE = Environment(autoescape=True).from_string(
    '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title></head>'
    "<body><main><h1>{{ title }}</h1>{% for line in lines %}<p>{{ line }}</p>{% endfor %}</main></body></html>\n"
)


def records(project: Path) -> list[tuple[str, str]]:
    """Every row of every CSV (its first cell, all its cells) and every Markdown file (its name, its text)."""
    found = []
    for path in sorted((project / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            next(rows, None)
            found += [(row[0] if row else "", ", ".join(row)) for row in rows]
    for path in sorted((project / "content").rglob("*.md")):
        found.append((path.stem, path.read_text(encoding="utf-8")))
    return found


def build_floor(project: Path, out: Path, pages: int) -> None:
    found = records(project)
    share = -(-len(found) // pages)  # rows per page, rounded up, so every row is on a page
    for number in range(pages):
        part = found[number * share : (number + 1) * share]
        title = part[0][0] if part else f"Page {number}"
        target = out / f"page-{number}" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.render(title=title, lines=[text for _, text in part]), encoding="utf-8")


if __name__ == "__main__":
    started, cpu = time.perf_counter(), time.process_time()
    build_floor(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu}))
