"""No broken internal link or anchor anywhere in the built site, and a strict CSP on every page."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for key in ("href", "src"):
            if tag in ("a", "link", "script", "img") and attributes.get(key):
                self.links.append(attributes[key])


def parse(path):
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site_dir, page, href):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None, None
    base = "" if parts.path.startswith("/") else posixpath.dirname(str(page.relative_to(site_dir)))
    path = (
        posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
        if parts.path
        else str(page.relative_to(site_dir))
    )
    candidate = site_dir / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate, parts.fragment


def test_no_broken_internal_links_or_anchors(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    ids = {}
    broken = []
    for page in pages:
        parsed = parse(page)
        ids[page] = parsed.ids
        for href in parsed.links:
            target, fragment = target_file(site_dir, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site_dir)} -> {href}")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site_dir)} -> {href} (no such anchor)")
    assert broken == [], broken[:20]
    assert len(pages) > 100


def test_every_page_has_a_strict_content_security_policy(site_dir):
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, page
        script_src = re.search(r"script-src ([^;]+)", policy.group(1)).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        # Only the search page may run Pagefind's WebAssembly in the page; the header's box runs it in a worker.
        runs_search = "assets/js/search.js" in html
        assert ("'wasm-unsafe-eval'" in script_src) == runs_search, page
        assert "default-src 'self'" in policy.group(1)


def test_no_link_a_reader_follows_leads_to_a_placeholder_address(site_dir):
    """The demo's documents, policies, minutes and contract copies lead somewhere real: a note on the site's own
    demonstration page, or a real public body's page. example.gov.uk is left only where an address must be
    fake: the contact email (mailto:), and the site's own address (its canonical link), which a build without
    SITE_URL takes from website in data/profile.yaml and which the workflow replaces with the real one."""
    placeholders = []
    for page in site_dir.rglob("*.html"):
        parsed = AnchorParser()
        parsed.feed(page.read_text(encoding="utf-8"))
        placeholders += [
            f"{page.relative_to(site_dir)} -> {href}"
            for href in parsed.hrefs
            if "example.gov.uk" in href and not href.startswith("mailto:")
        ]
    assert placeholders == [], placeholders[:20]
    demo = (site_dir / "demo-documents/index.html").read_text(encoding="utf-8")
    assert "This is a demonstration site" in demo and 'id="contracts"' in demo
    register = (site_dir / "transparency/documents/index.html").read_text(encoding="utf-8")
    assert 'href="../../demo-documents/#police-and-crime-plan"' in register


def test_a_demo_document_link_works_under_a_project_address(built):
    """On GitHub Pages the site lives under /REPOSITORY/: a link to the site's own page is relative, never /demo-..."""
    decision = (built / "site/decisions/2025-006/index.html").read_text(encoding="utf-8")
    assert 'href="../../demo-documents/#decision-papers"' in decision


class AnchorParser(HTMLParser):
    """The addresses of the links on a page a reader can click (<a href>)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)
