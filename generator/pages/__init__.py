"""Generated pages: one module per section, each exposing pages(site) -> Iterable[Page]."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model.records import Site


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


def all_pages(site: Site) -> list[Page]:
    from . import decisions, duties, glossary, grants, money, opendata, performance, plan, procurement, search, updates

    sections = (grants, decisions, money, procurement, performance, plan, duties, opendata, updates, glossary)
    pages: list[Page] = []
    for section in sections:
        pages.extend(section.pages(site))
    pages.append(search.page(site, pages))
    return pages


def decision_sources(decisions: Iterable) -> frozenset[str]:
    """What a page showing these decisions depends on: each one's record ("decision:<reference>")."""
    return frozenset(f"decision:{decision.reference}" for decision in decisions)


def section_nav(pages: Iterable[Page]) -> list[dict[str, str]]:
    return [{page.nav_title: page.path} for page in pages if page.nav_title]


def priority_options(site: Site) -> list[tuple[str, str]]:
    """(id, title) of each priority, for a filter drop-down."""
    return sorted(((p.id, p.title) for p in site.priorities.values()), key=lambda p: p[1])


def body_filter(site: Site) -> list[tuple]:
    """A "Made by" drop-down, when more than one body has held the functions."""
    if len(site.bodies) < 2:
        return []
    return [("body", "Made by", "All", [(b.role_short, b.role_short) for b in site.bodies])]
