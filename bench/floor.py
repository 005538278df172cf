"""The floor: the same pages rendered by plain Jinja2 with no framework, from the same data and templates."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from generator import build

SHELL = Environment(autoescape=True).from_string(
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title>'
    '<meta name="description" content="{{ description }}"></head><body><main>{{ body | safe }}</main></body></html>'
)


def render_floor(project: Path, out: Path) -> int:
    result = build.prepare(project / "data", project / "content", project / "theme")
    for page in result.pages:
        target = out / page.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = build.render(result, page)
        target.write_text(SHELL.render(title=page.title, description=page.description, body=body), encoding="utf-8")
    for path, data in result.downloads.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(result.pages)
