"""Site search: what each page tells the index (its kind, key fact, section and year), and the Pagefind run.

Pagefind reads HTML and writes an index split into small chunks, so a query downloads only what it needs. It
is given each page's indexed part only (IndexInput: language, title and main content, without the regions the
templates mark as not indexed), which halves its work against whole pages with their navigation; it writes
the index into the staging folder before the swap, so a failed index never reaches site/.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
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


BODY = "<div data-pagefind-body>"  # theme/main.html wraps each indexed page's main content in it
DIV_TAG = re.compile(r"<(/?)div\b")
# Templates put big regions the index leaves out between these comments (explorer rows, charts), so that
# Pagefind never has to read them: it uses memory for everything it parses, even what it then excludes.
SKIPPED = re.compile(r"<!--search:skip-->.*?<!--/search:skip-->", re.DOTALL)
LANGUAGE = re.compile(r'<html\b[^>]*\blang="([^"]*)"')
TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


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


def indexed_part(page_html: str) -> str | None:
    """The page as the search index needs it: a document with its language, title and main content, without
    the regions marked as skipped. None for a page that is not indexed. When the main content cannot be
    delimited, the whole page (Pagefind then finds the content itself)."""
    start = page_html.find(BODY)
    if start < 0:
        return None
    depth = 0
    for tag in DIV_TAG.finditer(page_html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = page_html.find(">", tag.end())
            break
    else:
        return page_html
    if end < 0:
        return page_html
    language = LANGUAGE.search(page_html, 0, start)
    title = TITLE.search(page_html, 0, start)
    content = SKIPPED.sub("", page_html[start : end + 1])
    head = f'<html lang="{language.group(1) if language else "en"}"><head><meta charset="utf-8">'
    return f"<!doctype html>\n{head}{title.group(0) if title else ''}</head><body>{content}</body></html>\n"


class IndexInput:
    """A folder beside the staging folder with each built page's indexed part, at the page's own path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    def add(self, path: str, page_html: str) -> None:
        part = indexed_part(page_html)
        if part is not None:
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(part, encoding="utf-8")

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def index(source: Path, site_dir: Path) -> None:
    """Index the pages in source (an IndexInput's folder, or a built site), writing into site_dir/pagefind/."""
    output = (site_dir / INDEX_FOLDER).resolve()
    command = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output)]
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
