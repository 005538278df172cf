"""A page per decision record and the searchable decisions log."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.formatting import slug
from ..core.i18n import _
from ..model.records import Site, group_by
from . import Page, body_filter, decision_sources, priority_options, row_sources
from .explorer_data import as_json, decision_rows
from .grants import shown_grants


def pages(site: Site) -> Iterator[Page]:
    if not site.decisions:
        return
    by_year = group_by(site.decisions, lambda d: d.financial_year)
    yield Page(
        "decisions/index.md",
        _("Decisions"),
        "decisions.html",
        {
            "years": [(year, len(by_year[year])) for year in sorted(by_year, reverse=True)],
            "count": len(site.decisions),
            "filters": [
                ("year", _("Financial year"), _("All years"), [(y, y) for y in sorted(by_year, reverse=True)]),
                (
                    "category",
                    _("Category"),
                    _("All categories"),
                    [(c, c) for c in sorted({d.category for d in site.decisions if d.category})],
                ),
                ("priority", _("Priority"), _("All priorities"), priority_options(site)),
                *body_filter(site),
            ],
            "show_body": len(site.bodies) > 1,
        },
        description=_("Every decision of significant public interest made by %(holders)s, newest first.")
        % {"holders": site.holders},
        nav_title=_("Decisions"),
        search=True,
        explorer=True,
        sources=frozenset({"decisions", "priorities"}),
        # Made with the downloads (beside the rendering; in a preview rebuild, after the pages are written).
        attachments={
            "decisions/explorer.json": lambda: as_json(
                decision_rows(site.decisions, "../", show_body=len(site.bodies) > 1)
            )
        },
    )
    for year, decisions in sorted(by_year.items()):
        yield Page(
            f"decisions/year-{slug(year)}.md",
            _("Decisions in %(year)s") % {"year": year},
            "decisions_year.html",
            {"year": year, "decisions": decisions, "show_body": len(site.bodies) > 1},
            description=_("Every decision of significant public interest made in %(year)s.") % {"year": year},
            sources=decision_sources(decisions),
        )
    for decision in site.decisions:
        yield Page(
            f"decisions/{decision.slug}.md",
            f"{decision.reference}: {decision.title}",
            "decision.html",
            {"decision": decision, "current": site.current_body},
            description=decision.summary[:300],
            sources=decision_sources([decision])
            | shown_grants(decision.grants)
            | row_sources("priorities", [p.id for p in decision.priorities]),
        )
