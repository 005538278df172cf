"""Generated pages: one module per section, each exposing pages(site) -> Iterable[Page].

May import: core, law, data, model, render, sheets, publish.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.i18n import _
from ..model.records import Site
from ..render.page import Page


def all_pages(site: Site) -> list[Page]:
    from . import (
        decisions,
        duties,
        glossary,
        grants,
        held_back,
        money,
        opendata,
        performance,
        plan,
        procurement,
        search,
        updates,
    )

    sections = (grants, decisions, money, procurement, performance, plan, duties, opendata, updates, glossary)
    pages: list[Page] = []
    for section in sections:
        pages.extend(section.pages(site))
    pages.extend(held_back.pages(site, {page.path for page in pages}))  # only in a preview with problems
    pages.append(search.page(site, pages))
    return pages


def decision_sources(decisions: Iterable) -> frozenset[str]:
    """What a page showing these decisions depends on: each one's record ("decision:<reference>")."""
    return frozenset(decision_source(decision) for decision in decisions)


def decision_source(decision) -> str:
    return f"decision:{decision.reference}"


def row_sources(table: str, keys: Iterable[str]) -> frozenset[str]:
    """What a page showing these rows of a table depends on: each row alone ("<table>#<key>", its key columns'
    values joined by "|"), so that a preview leaves the page as it is when another row of the table is edited."""
    return frozenset(row_source(table, key) for key in keys)


def row_source(table: str, key: str) -> str:
    return f"{table}#{key}"


def value_source(name: str, value: object) -> str:
    """A source that is the value itself: what a page shows that is worked out from more than its own rows
    (e.g. every financial year of grants), so that the page changes when the value does."""
    return f"{name}:{value!r}"


def section_nav(pages: Iterable[Page]) -> list[dict[str, str]]:
    return [{page.nav_title: page.path} for page in pages if page.nav_title]


def priority_options(site: Site) -> list[tuple[str, str]]:
    """(id, title) of each priority, for a filter drop-down."""
    return sorted(((p.id, p.title) for p in site.priorities.values()), key=lambda p: p[1])


def body_filter(site: Site) -> list[tuple]:
    """A "Made by" drop-down, when more than one body has held the functions."""
    if len(site.bodies) < 2:
        return []
    return [("body", _("Made by"), _("All"), [(b.role_short, b.role_short) for b in site.bodies])]
