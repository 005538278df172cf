"""The search page, and what each kind of page is called in search results and filters."""

from __future__ import annotations

import datetime as dt

from ..core.formatting import N_, financial_year
from ..core.i18n import _
from ..model.records import Site
from . import Page

# Template -> (what one such page is, the section a reader filters by). Pages not listed are "Page".
KINDS: dict[str, tuple[str, str]] = {
    "grant.html": (N_("Grant"), N_("Grants")),
    "grants.html": (N_("List of grants"), N_("Grants")),
    "grants_year.html": (N_("Grants in a year"), N_("Grants")),
    "organisation.html": (N_("Funded organisation"), N_("Funded organisations")),
    "organisations.html": (N_("List of organisations"), N_("Funded organisations")),
    "decision.html": (N_("Decision"), N_("Decisions")),
    "decisions.html": (N_("Decisions log"), N_("Decisions")),
    "decisions_year.html": (N_("Decisions in a year"), N_("Decisions")),
    "spending_month.html": (N_("Spending month"), N_("Spending and contracts")),
    "spending.html": (N_("Spending over £500"), N_("Spending and contracts")),
    "contracts.html": (N_("Contracts register"), N_("Spending and contracts")),
    "money.html": (N_("Budget"), N_("Money")),
    "council_tax.html": (N_("Council tax"), N_("Money")),
    "reserves.html": (N_("Reserves"), N_("Money")),
    "performance.html": (N_("Performance"), N_("Performance and the plan")),
    "priority.html": (N_("Priority"), N_("Performance and the plan")),
    "tracker.html": (N_("Plan tracker"), N_("Performance and the plan")),
    "ambition.html": (N_("Plan ambition"), N_("Performance and the plan")),
    "reports.html": (N_("Quarterly reports"), N_("Performance and the plan")),
    "report_performance.html": (N_("Quarterly report"), N_("Performance and the plan")),
    "report_resources.html": (N_("Quarterly report"), N_("Performance and the plan")),
    "compliance.html": (N_("What we must publish"), N_("Registers and duties")),
    "register.html": (N_("Register"), N_("Registers and duties")),
    "opendata.html": (N_("Open data"), N_("Open data")),
    "dictionary.html": (N_("Data dictionary"), N_("Open data")),
}


def sections() -> list[str]:
    """The sections a reader can narrow a search to, in the order the site presents them."""
    return list(dict.fromkeys(section for _, section in KINDS.values()))


def spending_years(site: Site) -> set[str]:
    return {financial_year(dt.date(r["date"].year, r["date"].month, 1)) for r in site.records.get("spend", [])}


def page(site: Site, pages: list[Page]) -> Page:
    years = {g.financial_year for g in site.grants} | {d.financial_year for d in site.decisions}
    years |= site.derived("spending-years", ["spend"], lambda: spending_years(site))
    shown = {KINDS.get(p.template, ("", ""))[1] for p in pages}  # the sections that have pages to search
    return Page(
        "search.md",
        _("Search"),
        "search.html",
        {
            "sections": [s for s in sections() if s in shown],
            "years": sorted(years, reverse=True),
            "lists": [(page.nav_title, page.url) for page in pages if page.nav_title],
        },
        description=_(
            "Search every grant, organisation, decision, payment month, indicator and register on this site."
        ),
        search=False,
    )
