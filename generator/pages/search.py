"""The search page, and what each kind of page is called in search results and filters."""

from __future__ import annotations

import datetime as dt

from ..core.formatting import financial_year
from ..model.records import Site
from . import Page

# Template -> (what one such page is, the section a reader filters by). Pages not listed are "Page".
KINDS: dict[str, tuple[str, str]] = {
    "grant.html": ("Grant", "Grants"),
    "grants.html": ("List of grants", "Grants"),
    "grants_year.html": ("Grants in a year", "Grants"),
    "organisation.html": ("Funded organisation", "Funded organisations"),
    "organisations.html": ("List of organisations", "Funded organisations"),
    "decision.html": ("Decision", "Decisions"),
    "decisions.html": ("Decisions log", "Decisions"),
    "decisions_year.html": ("Decisions in a year", "Decisions"),
    "spending_month.html": ("Spending month", "Spending and contracts"),
    "spending.html": ("Spending over £500", "Spending and contracts"),
    "contracts.html": ("Contracts register", "Spending and contracts"),
    "money.html": ("Budget", "Money"),
    "council_tax.html": ("Council tax", "Money"),
    "reserves.html": ("Reserves", "Money"),
    "performance.html": ("Performance", "Performance and the plan"),
    "priority.html": ("Priority", "Performance and the plan"),
    "tracker.html": ("Plan tracker", "Performance and the plan"),
    "ambition.html": ("Plan ambition", "Performance and the plan"),
    "reports.html": ("Quarterly reports", "Performance and the plan"),
    "report_performance.html": ("Quarterly report", "Performance and the plan"),
    "report_resources.html": ("Quarterly report", "Performance and the plan"),
    "compliance.html": ("What we must publish", "Registers and duties"),
    "register.html": ("Register", "Registers and duties"),
    "opendata.html": ("Open data", "Open data"),
    "dictionary.html": ("Data dictionary", "Open data"),
}


def sections() -> list[str]:
    """The sections a reader can narrow a search to, in the order the site presents them."""
    return list(dict.fromkeys(section for _, section in KINDS.values()))


def spending_years(site: Site) -> set[str]:
    return {financial_year(dt.date(r["date"].year, r["date"].month, 1)) for r in site.records.get("spend", [])}


def page(site: Site, pages: list[Page]) -> Page:
    years = {g.financial_year for g in site.grants} | {d.financial_year for d in site.decisions}
    years |= site.derived("spending-years", ["spend"], lambda: spending_years(site))
    return Page(
        "search.md",
        "Search",
        "search.html",
        {
            "sections": [s for s in sections() if any(KINDS.get(p.template, ("", ""))[1] == s for p in pages)],
            "years": sorted(years, reverse=True),
            "lists": [(page.nav_title, page.url) for page in pages if page.nav_title],
        },
        description="Search every grant, organisation, decision, payment month, indicator and register on this site.",
        search=False,
    )
