"""A page per decision record and the searchable decisions log."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Site, group_by
from . import Page


def pages(site: Site) -> Iterator[Page]:
    if not site.decisions:
        return
    by_year = group_by(site.decisions, lambda d: d.financial_year)
    yield Page(
        "decisions/index.md",
        "Decisions",
        "decisions.html",
        {
            "years": [(year, by_year[year]) for year in sorted(by_year, reverse=True)],
            "count": len(site.decisions),
            "categories": sorted({d.category for d in site.decisions if d.category}),
            "priorities": sorted(site.priorities.values(), key=lambda p: p.title),
        },
        description="Every decision of significant public interest made by the Commissioner, newest first.",
        nav_title="Decisions",
        search=True,
        explorer=True,
    )
    for decision in site.decisions:
        yield Page(
            f"decisions/{decision.slug}.md",
            f"{decision.reference}: {decision.title}",
            "decision.html",
            {"decision": decision},
            description=decision.summary[:300],
        )
