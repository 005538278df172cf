"""Site search: what each page tells the index (its kind, key fact, section and year), and the Pagefind run.

Pagefind reads HTML and writes an index split into small chunks, so a query downloads only what it needs. It
is given each page's indexed part only (its language, title and main content, without the regions the
templates mark as skipped) as soon as the page is built, which is a fraction of the work of reading whole
pages with their navigation; it writes the index into the staging folder before the swap, so a failed index
never reaches site/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path

from jinja2 import Environment

from ..core import stages
from ..core.formatting import financial_year, long_date, money, plural
from ..core.i18n import _
from ..pages.search import KINDS
from ..render.page import Page
from . import index_check
from .indexer import Indexer
from .search_stable import stabilise

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


def facets(page: Page) -> dict[str, str]:
    """What a search result says about this page: kind and key fact; and the section and year it filters by."""
    kind, section = KINDS.get(page.template, ("Page", ""))
    found = {"kind": kind, "section": section, "year": "", "fact": ""}
    context = page.context
    if page.template == "grant.html":
        grant = context["grant"]
        found["year"] = grant.financial_year
        found["fact"] = _("%(amount)s to %(organisation)s, awarded %(date)s") % {
            "amount": money(grant.amount, exact=True),
            "organisation": grant.organisation.name,
            "date": long_date(grant.award_date),
        }
    elif page.template == "decision.html":
        decision = context["decision"]
        found["year"] = decision.financial_year
        amount = f", {money(decision.amount, exact=True)}" if decision.amount is not None else ""
        signed = _("%(reference)s, signed %(date)s") % {
            "reference": decision.reference,
            "date": long_date(decision.date),
        }
        found["fact"] = signed + amount
    elif page.template == "organisation.html":
        organisation = context["organisation"]
        found["fact"] = _("%(amount)s in %(grants)s") % {
            "amount": money(organisation.total, exact=True),
            "grants": plural(len(organisation.grants), "grant"),
        }
    elif page.template == "spending_month.html":
        year, month = (int(part) for part in context["slug"].split("-"))
        found["year"] = financial_year(dt.date(year, month, 1))
        found["fact"] = _("%(payments)s totalling %(total)s") % {
            "payments": plural(len(context["rows"]), "payment"),
            "total": money(context["total"], exact=True),
        }
    elif page.template in ("grants_year.html", "decisions_year.html"):
        found["year"] = context["year"]
    elif page.template == "ambition.html":
        status = context["a"].status_words  # in the page's language
        found["fact"] = status[:1].upper() + status[1:]  # "Plan ambition: On track"
    return found


def facets_html(environment: Environment, page: Page) -> str:
    return environment.get_template("_search_facets.html").render(**facets(page))


def without_skipped(html: str) -> str:
    """html without the regions marked as skipped, as SKIPPED.sub("", html) gives it: with str.find, which skips
    over a region's rows at once, where the pattern tries each of their characters for the region's end."""
    kept, done = [], 0
    while (start := html.find(SKIP_START, done)) >= 0 and (end := html.find(SKIP_END, start + len(SKIP_START))) >= 0:
        kept.append(html[done:start])
        done = end + len(SKIP_END)
    kept.append(html[done:])
    return "".join(kept)


SKIP_START, SKIP_END = "<!--search:skip-->", "<!--/search:skip-->"


def indexed_part(page_html: str) -> str | None:
    """The page as the search index needs it: a document with its language, title and main content, without
    the regions marked as skipped. None for a page that is not indexed. When the main content cannot be
    delimited, the whole page (Pagefind then finds the content itself)."""
    start = page_html.find(BODY)
    if start < 0:
        return None
    rest = without_skipped(page_html[start:])  # first, so the skipped regions' many rows are never scanned
    depth = 0
    for tag in DIV_TAG.finditer(rest):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = rest.find(">", tag.end())
            break
    else:
        return page_html
    if end < 0:
        return page_html
    language = LANGUAGE.search(page_html, 0, start)
    title = TITLE.search(page_html, 0, start)
    head = f'<html lang="{language.group(1) if language else "en"}"><head><meta charset="utf-8">'
    return f"<!doctype html>\n{head}{title.group(0) if title else ''}</head><body>{rest[: end + 1]}</body></html>\n"


def start_indexer() -> Indexer:
    """A Pagefind process ready to be given the pages as they are built (generator/search/indexer.py)."""
    return Indexer([selector.strip() for selector in NOT_INDEXED.split(",")])


def add_page(indexer: Indexer, url: str, page_html: str) -> None:
    """Give the indexer a built page's indexed part; url is its address in the site (e.g. grants/abc/)."""
    with stages.each("search: pages given to Pagefind"):
        part = indexed_part(page_html)
        if part is not None:
            indexer.add("/" + url, part)


class IndexBeingWritten:
    """An index Pagefind is writing on its own (start_index); finish() waits for it and puts it in order."""

    def __init__(self, indexer: Indexer, folder: Path) -> None:
        self.indexer, self.folder = indexer, folder
        self.earlier = written_languages(folder)
        self.present = listing(folder)
        indexer.start_writing(folder.resolve())

    def wait_until_built(self, limit: float = 300.0) -> None:
        """Wait until Pagefind has built the index and begun writing its files (or has stopped). Building it,
        Pagefind takes over twice the memory it holds before and while it writes the files (a large office's
        English pages: up to 0.5 GB for about 4 s, then 0.2 GB for about 3 s)."""
        deadline = time.monotonic() + limit
        while self.indexer.writing and listing(self.folder) == self.present and time.monotonic() < deadline:
            time.sleep(0.02)

    def finish(self) -> None:
        self.indexer.finish_writing()
        for name in UNUSED:
            (self.folder / name).unlink(missing_ok=True)
        stabilise(self.folder)  # the same pages give the same bytes (generator/search/search_stable.py)
        if self.earlier:
            add_languages(self.folder, self.earlier)

    def abandon(self) -> None:
        """Stop Pagefind, written or not (the build failed)."""
        self.indexer.abandon()


def start_index(indexer: Indexer, site_dir: Path) -> IndexBeingWritten:
    """Have Pagefind start writing the index of every page given to the indexer into site_dir/pagefind/, while
    this process goes on, beside the languages an earlier indexer wrote there (each language's files are its own;
    the entry file lists them all); finish() waits for it. Only one language's index may be being written at a
    time."""
    return IndexBeingWritten(indexer, site_dir / INDEX_FOLDER)


def listing(folder: Path) -> set[str]:
    """The names in folder (none when there is no folder)."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def written_languages(folder: Path) -> dict:
    """The languages of the index already written in folder, as its entry file lists them ({} if none: then
    Pagefind, asked to write there, says what is wrong)."""
    try:
        return json.loads((folder / index_check.ENTRY).read_text(encoding="utf-8"))["languages"]
    except OSError:
        return {}


def add_languages(folder: Path, languages: dict) -> None:
    """List languages written earlier in the entry file again (Pagefind's lists only the ones it wrote), in the
    order and form search_stable gives it, so that the index is the one a single Pagefind run would write."""
    path = folder / index_check.ENTRY
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted((languages | entry["languages"]).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
