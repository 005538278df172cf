"""Site search: what each page tells the index (its kind, key fact, section and year), and the Pagefind run.

Pagefind reads the built HTML and writes an index split into small chunks, so a query downloads only what it
needs. It runs on the staging folder before the swap, so a failed index never reaches site/.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from jinja2 import Environment

from .formatting import financial_year, long_date, money, plural
from .pages import Page
from .pages.search import KINDS

INDEX_FOLDER = "pagefind"
# Inside the indexed content, these repeat what the page says elsewhere (chart pictures and their tables,
# the explorers' controls and tables, whose rows are records with their own pages or, for a spending month,
# payments whose suppliers the month's "By supplier" table names), so indexing them would only push the
# records themselves down the results, and make the index several times larger to build.
NOT_INDEXED = ".chart, .explorer form, .explorer table, [data-results], .md-source-file"
# Pagefind also writes ready-made interfaces; the site has its own, so they are not published.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    """Pagefind could not index the built site."""


def facets(page: Page) -> dict[str, str]:
    """What a search result says about this page: kind and key fact; and the section and year it filters by."""
    kind, section = KINDS.get(page.template, ("Page", ""))
    found = {"kind": kind, "section": section, "year": "", "fact": ""}
    context = page.context
    if page.template == "grant.html":
        grant = context["grant"]
        found["year"] = grant.financial_year
        found["fact"] = (
            f"{money(grant.amount, exact=True)} to {grant.organisation.name}, awarded {long_date(grant.award_date)}"
        )
    elif page.template == "decision.html":
        decision = context["decision"]
        found["year"] = decision.financial_year
        amount = f", {money(decision.amount, exact=True)}" if decision.amount is not None else ""
        found["fact"] = f"{decision.reference}, signed {long_date(decision.date)}{amount}"
    elif page.template == "organisation.html":
        organisation = context["organisation"]
        found["fact"] = f"{money(organisation.total, exact=True)} in {plural(len(organisation.grants), 'grant')}"
    elif page.template == "spending_month.html":
        year, month = (int(part) for part in context["slug"].split("-"))
        found["year"] = financial_year(dt.date(year, month, 1))
        found["fact"] = f"{plural(len(context['rows']), 'payment')} totalling {money(context['total'], exact=True)}"
    elif page.template in ("grants_year.html", "decisions_year.html"):
        found["year"] = context["year"]
    elif page.template == "ambition.html":
        found["fact"] = f"Status: {context['a'].status}"
    return found


def facets_html(environment: Environment, page: Page) -> str:
    return environment.get_template("_search_facets.html").render(**facets(page))


def index(site_dir: Path) -> None:
    """Index every page of the built site in site_dir, writing the index into site_dir/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", INDEX_FOLDER]
    command += ["--exclude-selectors", NOT_INDEXED, "--quiet"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"The search index could not be built: {error}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("The search index could not be built (Pagefind said: " + " / ".join(detail) + ")")
    for name in UNUSED:
        (site_dir / INDEX_FOLDER / name).unlink(missing_ok=True)
