"""The floor: the same pages rendered by plain Jinja2 with no framework, with the data already loaded.

Only the rendering and writing of pages and downloads is timed: loading, validating and modelling the data
(`build.prepare`) happens first and is reported separately.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from jinja2 import Environment

from generator import build

SHELL = Environment(autoescape=True).from_string(
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title>'
    '<meta name="description" content="{{ description }}"></head><body><main>{{ body | safe }}</main></body></html>'
)


def render_floor(project: Path, out: Path) -> dict[str, float]:
    started = time.perf_counter()
    result = build.prepare(project / "data", project / "content", project / "theme")
    downloads = result.downloads  # made before the clock starts: the floor only renders and writes
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    for page in result.pages:
        target = out / page.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = build.render(result, page)
        target.write_text(SHELL.render(title=page.title, description=page.description, body=body), encoding="utf-8")
    for path, data in downloads.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return {
        "prepare_seconds": loaded - started,
        "render_seconds": time.perf_counter() - loaded,
        "render_cpu_seconds": time.process_time() - loaded_cpu,
    }


if __name__ == "__main__":
    print(json.dumps(render_floor(Path(sys.argv[1]), Path(sys.argv[2]))))
