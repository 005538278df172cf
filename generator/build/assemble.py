"""Turn data/ and content/ into everything the site needs: model, pages and downloads."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment

from ..core import i18n, memo, stages
from ..core.i18n import _
from ..core.problems import InputError, Problem
from ..data.checks import check_all
from ..data.load import load_package
from ..data.welsh import in_welsh
from ..model.glossary import glossary_rows, link_first_uses, terms_of
from ..model.records import Site, build_site
from ..pages import all_pages, section_nav
from ..publish import exports
from ..publish.feeds import feeds
from ..render import chrome
from ..render.csp import add_policy
from ..render.html import forget_rendered, make_environment, render_page
from ..render.page import Page
from ..render.theme_markup import correct
from ..search import entries
from . import lenient, staging
from .beside import Pending, checkpoint
from .row_digests import RowDigests

EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


@dataclass
class Result:
    site: Site
    pages: list[Page]
    pending: Pending  # the downloads, made beside the page rendering where the machine allows
    environment: Environment
    feeds: list[dict[str, str]]
    address: str = ""  # the site's absolute address, ending in "/", or "" when it has none

    @property
    def downloads(self) -> dict[str, bytes]:
        """Every file to download (path in the site: bytes); waits for them if they are still being made."""
        return self.pending.result()


def build_date() -> dt.date:
    """The date the site is built for: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def validate(data_dir: Path, docs_dir: Path, language: str = "en") -> Site:
    return checked(data_dir, docs_dir, language)[0]


def checked(data_dir: Path, docs_dir: Path, language: str = "en") -> tuple[Site, list[Problem]]:
    """The site model and the warnings (which do not stop publishing); any other problem is raised.
    In Welsh (language "cy"), the model has the office's Welsh text in place of its English."""
    with stages.stage("load"):
        raw = load_package(data_dir, docs_dir)
    with stages.stage("validation"):
        problems = check_all(raw)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise InputError(errors)
    with stages.stage("model"):
        site = build_site(in_welsh(raw) if language == "cy" else raw, build_date())
    return site, [p for p in problems if p.warning]


def prepare(
    data_dir: Path, docs_dir: Path, theme_dir: Path, site_url: str = "", preview: bool = False, language: str = "en"
) -> Result:
    return assemble(validate(data_dir, docs_dir, language), theme_dir, site_url, preview)


def prepare_preview(
    data_dir: Path, docs_dir: Path, theme_dir: Path, site_url: str = ""
) -> tuple[Result | None, InputError | None]:
    """For `make serve`: the site and the data's problems; with problems, pages are built without what has them."""
    try:
        return prepare(data_dir, docs_dir, theme_dir, site_url, preview=True), None
    except InputError as error:
        site = lenient.site_without_problems(data_dir, docs_dir, build_date())
        return (assemble(site, theme_dir, site_url, preview=True) if site else None), error


def assemble(site: Site, theme_dir: Path, site_url: str = "", preview: bool = False) -> Result:
    address = site.address = site_address(site_url, site.profile)
    with stages.stage("model: pages"):
        pages = all_pages(site)
    templates = tuple(sorted(memo.signature(p) for p in (theme_dir / "generated").glob("*")))
    environment = memo.remember("environment", str(theme_dir), templates, lambda: make_environment(theme_dir))
    forget_rendered(environment)
    attachments = {path: data for page in pages for path, data in page.attachments.items()}
    # Atom ids and links must be absolute (RFC 4287): without the site's address there are no feeds.
    published = feeds(site) if address else []
    atom = environment.get_template("atom.html")
    files = {
        feed.path: atom.render(feed=feed, base=address, profile=site.profile).encode("utf-8") for feed in published
    }
    english = i18n.current() == i18n.ENGLISH
    if english:  # the Welsh pages are in cy/ of the same site, whose robots.txt is the English one
        files["robots.txt"] = robots_txt(address).encode("utf-8")
    if published:
        # Material's script fetches sitemap.xml beside every <link rel="alternate"> (for language
        # alternates); an empty one here keeps that request tiny instead of a 404 or the full sitemap.
        files["feeds/sitemap.xml"] = EMPTY_SITEMAP

    stopped = threading.Event()

    def downloads() -> dict[str, bytes]:
        with stages.stage("downloads: made"):  # beside the rendering, in a second process where it can
            made = {}
            for path, data in attachments.items():
                checkpoint(stopped)  # a preview rebuild with newer data stops the last one's downloads here
                made[path] = data() if callable(data) else data
            checkpoint(stopped)
            # The open data is the English build's (its columns the same in both languages, the Welsh ones
            # among them); the Welsh pages link to it (build/welsh_files.py).
            exported = exports.downloads(site, address or "/", compress=not preview) if english else {}
            return exported | made | files

    links = [{"title": feed.title, "href": feed.path} for feed in published]
    return Result(site, pages, Pending(downloads, beside=not preview, stopped=stopped), environment, links, address)


def site_address(site_url: str, profile: dict) -> str:
    """The site's absolute address, ending in "/": SITE_URL, else the website in data/profile.yaml, else ""."""
    address = (site_url or str(profile.get("website") or "")).strip()
    return address.rstrip("/") + "/" if address.startswith(("https://", "http://")) else ""


def robots_txt(address: str) -> str:
    """Every page may be indexed; with the site's address, crawlers are told where its sitemap is (the sitemap
    needs the full address, so without one there is none to name). Crawlers read robots.txt only at a host's
    root: a site published under a sub-path (e.g. GitHub Pages' owner.github.io/repository/) gives theirs to
    whoever runs that host's root."""
    lines = ["# Every page of this site may be crawled and indexed.", "User-agent: *", "Disallow:"]
    if address:
        lines += ["", f"Sitemap: {address}sitemap.xml"]
    return "\n".join(lines) + "\n"


NO_ADDRESS = (
    "The site has no address: set SITE_URL, or website in data/profile.yaml. Until then the feeds and "
    "sitemap.xml are not published and pages have no canonical link, because each needs the full address."
)


def drop_sitemap(site_dir: Path) -> None:
    """A sitemap lists absolute addresses; without the site's address it would be empty, so there is none."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)


def navigation(pages: list[Page], docs_dir: Path) -> list:
    nav: list = [{_("Home"): "index.md"}]
    nav += section_nav(pages)
    if (docs_dir / "about.md").exists():
        nav.append({_("About"): "about.md"})
    return nav


def page_stub(page: Page) -> str:
    """The Markdown MkDocs reads for a generated page: nothing. Its body is rendered separately, and its front
    matter (page_meta) is given to MkDocs by the plugin, which is much faster than MkDocs parsing it as YAML."""
    return ""


def page_meta(page: Page) -> dict:
    """A generated page's front matter: its title and description, scripts, and how Material lays it out."""
    # Material prints titles and descriptions without escaping them, so escape data here.
    meta = {
        "title": escape(page.title),
        "description": escape(page.description),
        "charts": page.charts,
        "explorer": page.explorer,
        # Generated pages use the whole width: their sections are in the tabs, their headings need no contents list.
        "hide": ["navigation", "toc"],
    }
    if not page.search:
        meta["noindex"] = True
    elif not page.nav_title and page.url != GLOSSARY_URL:
        meta["template"] = chrome.TEMPLATE  # a record page: its chrome comes from a shell
    return meta


def record_kind(page: Page) -> tuple | None:
    """The kind of record page this is (pages of a kind share their chrome), or None for other pages."""
    if not page.search or page.nav_title or page.url == GLOSSARY_URL:
        return None  # the glossary is linked from the footer: its own footer link differs from its kind's
    return chrome.kind_of(page.url, {"charts": page.charts, "explorer": page.explorer})


def record_html(result: Result, page: Page, shell: str, before: str, site_url: str, site_description: str) -> str:
    """A record page put into its kind's chrome, as MkDocs and the plugin would make it in a preview (`before`:
    the problem box a preview shows)."""
    parts = chrome.Parts.of(
        escape(page.title),
        escape(page.description) or site_description,
        urljoin(site_url, page.url) if site_url else "",
        before + render(result, page),
        page.url,
    )
    return add_policy(correct(chrome.fill(shell, parts)), preview=True)


def render(result: Result, page: Page) -> str:
    """A generated page's content, its glossary terms linked, with its search facets."""
    with stages.each("rendering: page bodies"):
        content = with_glossary(result, render_page(result.environment, page, result.site.profile), page.url)
        return content + entries.facets_html(result.environment, page)


# Hand-written pages that get a generated part added at their end: the home page's headline figures, and who
# holds the police and crime functions (home and about).
PAGES_WITH_DATA = {"index.md": "_home.html", "about.md": "_about.html"}


def with_glossary(result: Result, html: str, url: str) -> str:
    """A page's content with the first use of each glossary term linked to its entry (not on the glossary)."""
    if result is None or url == GLOSSARY_URL:
        return html
    terms = result.site.derived(  # in this language: the standard glossary's Welsh terms on a Welsh page
        "glossary-terms", ["glossary"], lambda: terms_of(glossary_rows(result.site.records)), i18n.current()
    )
    return link_first_uses(html, terms, "../" * url.count("/") + GLOSSARY_URL)


GLOSSARY_URL = "glossary/"


def render_addition(result: Result, src_uri: str) -> str:
    """What the site adds to a hand-written page from the data ("" for most pages)."""
    template = PAGES_WITH_DATA.get(src_uri)
    if template is None:
        return ""
    page = Page(src_uri, "", template, {"site": result.site})
    return render_page(result.environment, page, result.site.profile)


def write_downloads(result: Result, folder: Path) -> list[str]:
    """Write every download into the folder, then let go of them (a large office's are hundreds of MB); their
    paths."""
    with stages.stage("downloads: waited for and written"):
        written = result.pending.write(folder)
    result.pending.release()
    return written


def finish_index(writing: entries.IndexBeingWritten) -> None:
    """Wait for the index entries.start_index asked for, and put it in order."""
    with stages.stage("search: index written"):
        writing.finish()


def publish(folder: Path, site_dir: Path) -> None:
    """Swap the staging folder, whole, into site_dir."""
    staging.publish(folder, site_dir)
    stages.write()


def render_problems(theme_dir: Path, error: InputError, earlier: bool = False) -> str:
    """The box a preview shows on every page while the data has problems (`earlier`: the pages are as they were
    before the change, because nothing could be left out to show the rest)."""
    return (
        make_environment(theme_dir)
        .get_template("_problems.html")
        .render(problems=error.lines(), count=len(error.problems), shown=preview_note(earlier, len(error.problems)))
    )


PROBLEMS_FIXED = "The data has no problems now: the preview shows all of it again."


def preview_note(earlier: bool, count: int = 2) -> str:
    """What the preview shows while the data has problems (`count` of them)."""
    if earlier:
        return f"This preview shows the site as it was before the change that caused {'it' if count == 1 else 'them'}."
    return (
        f"This preview leaves out the rows and records that have {'this problem' if count == 1 else 'these problems'}."
    )


def salted(digest: str | None, salt: str) -> str | None:
    """A page digest that also changes when what every page shows (e.g. the problem box) changes."""
    return None if digest is None else hashlib.sha1((digest + salt).encode("utf-8")).hexdigest()


def shared_digest(result: Result, theme_dir: Path, config_file: Path) -> str:
    """A digest of what every page shows around its content: the profile (in the footer), the navigation, the
    build date, the templates and the site's settings (mkdocs.yml)."""
    templates = sorted(memo.signature(p) for p in theme_dir.rglob("*") if p.is_file())
    settings = memo.signature(config_file)
    return digest_of([result.site.profile, result.site.build_date, section_nav(result.pages), templates, settings])


def fingerprints(result: Result, docs_dir: Path, shared: str) -> dict[str, str | None]:
    """For each page, a digest of everything it shows, or None when it may show anything.

    A preview rebuild skips a page whose digest is unchanged. Every digest includes `shared`, what appears on
    every page (shared_digest).
    """
    site = result.site
    known: dict[str, object] = {name: table.signature for name, table in site.tables.items()}
    for decision in site.decisions:
        known[f"decision:{decision.reference}"] = decision.signature or memo.signature(
            docs_dir / decision.file.removeprefix("content/")
        )
    known["decisions"] = sorted(str(v) for k, v in known.items() if k.startswith("decision:"))
    for priority in site.priorities.values():
        known[f"priority-decisions:{priority.id}"] = [decision.reference for decision in priority.decisions]
    known["descriptor"] = json.dumps(site.descriptor, sort_keys=True, default=str)
    # Each source as a short digest, so a page listing every decision does not re-encode 2,000 signatures.
    short = {source: hashlib.sha1(repr(value).encode("utf-8")).hexdigest() for source, value in known.items()}
    hashes = SourceHashes(short, RowDigests(site.tables))
    digests: dict[str, str | None] = {}
    for page in result.pages:
        if page.sources is None:
            digests[page.path] = None
            continue
        # The page's sources summed, in whatever order the set gives them: the same sources, the same sum.
        sources = sum(map(hashes.__getitem__, page.sources))
        shown = (shared, page.template, page.title, page.description, page.charts, page.explorer, sources)
        digests[page.path] = f"{hash(shown):x}"
    return digests


class SourceHashes(dict):
    """Each source a page names, as a hash of the source and what it is now (a file's signature, a row's
    digest), worked out the first time a page names it. Python's hashes are the same only within one process,
    which is all a preview compares: its own rebuilds' digests (hashing these is a fraction of a SHA-1 of their
    text, for the 100,000 sources the pages of a large office name)."""

    def __init__(self, short: dict[str, str], rows: RowDigests) -> None:
        super().__init__()
        self.short, self.rows = short, rows

    def __missing__(self, source: str) -> int:
        short = self.short
        value = short[source] if source in short else self.rows.get(source) if "#" in source else None
        self[source] = made = hash((source, value))
        return made


def digest_of(value: object) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode("utf-8")).hexdigest()
