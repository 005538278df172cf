"""What a generated page is: its path, title, template and the context it is rendered with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Page:
    """A page the plugin adds to the site, rendered from a template in theme/generated/."""

    path: str  # source path as MkDocs knows it, e.g. grants/index.md
    title: str
    template: str
    context: dict = field(default_factory=dict)
    description: str = ""
    nav_title: str | None = None  # set for a section's index page, which appears in the navigation
    charts: bool = False  # loads the chart script
    explorer: bool = False  # loads the filter-and-sort script
    # Files the page needs, e.g. its explorer's rows: the bytes, or what makes them (made beside the rendering).
    attachments: dict[str, bytes | Callable[[], bytes]] = field(default_factory=dict)
    # What the page shows, so a preview rebuild can skip it when none of it changed: resource names,
    # "decisions" (any decision) or "decision:<reference>". None means it may show anything.
    sources: frozenset[str] | None = None
    search: bool = True  # include in the site search (every page but the search page itself)

    @property
    def url(self) -> str:
        stem = self.path.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index").removesuffix("index") + "/"

    @property
    def root(self) -> str:
        """Relative path from this page back to the site root."""
        return "../" * self.url.count("/")
