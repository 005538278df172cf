"""The Welsh pages in a browser: accessible (axe) and in Welsh, with the switch reaching the English twin."""

from __future__ import annotations

import functools
import threading
from urllib.request import urlopen

import pytest
from conftest import QuietHandler, QuietServer, Visit
from helpers import run_build
from welsh_office import make_welsh_office

PAGES = ["cy/", "cy/grants/", "cy/grants/360g-exmpboard-2025-001/", "cy/decisions/2025-001/", "cy/transparency/"]


@pytest.fixture(scope="module")
def welsh_url(tmp_path_factory):
    folder = make_welsh_office(tmp_path_factory.mktemp("welsh-browser") / "office")
    result = run_build(folder)
    assert result.returncode == 0, result.stderr
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("path", PAGES)
def test_welsh_page_is_accessible_and_switches_to_its_twin(browser, welsh_url, path):
    page = Visit(browser, welsh_url, path)
    try:
        assert page.page.evaluate("document.documentElement.lang") == "cy"
        assert page.axe() == []
        # Known, not yet solved (README): Material's script asks for sitemap.xml beside each hreflang link, which
        # points at the site's published address; every other error fails.
        assert [e for e in page.errors if "sitemap.xml" not in e] == []
        assert page.hosts - {"transparency.exampleshire.example"} == {welsh_url.split("/")[2]}
        page.page.click("a.site-language")
        assert page.page.url == welsh_url + path.removeprefix("cy/")
        assert page.page.evaluate("document.documentElement.lang") == "en-GB"
    finally:
        page.close()


def test_the_welsh_search_page_finds_welsh_pages(browser, welsh_url):
    page = Visit(browser, welsh_url, "cy/search/?q=dioddefwyr")
    try:
        results = page.page.locator("[data-search-results] a")
        results.first.wait_for(timeout=10000)
        links = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert links and all("/cy/" in link for link in links), links
        assert "/cy/grants/360g-exmpboard-2025-001/" in links
    finally:
        page.close()


@pytest.mark.parametrize(("page_404", "to", "language"), [("404.html", "cy/", "cy"), ("cy/404.html", "", "en-GB")])
def test_the_404_page_switches_language_from_any_depth(browser, welsh_url, page_404, to, language):
    """A server answers any missing address with the 404 page, at whatever depth: its switch is absolute from the
    site's root, so it reaches the other language's home page from a page three folders deep."""
    context = browser.new_context()
    try:
        page = context.new_page()
        missing = welsh_url + ("cy/" if language == "en-GB" else "") + "grants/no-such-grant/here/"
        html = urlopen(welsh_url + page_404).read()
        page.route(missing, lambda route: route.fulfill(status=404, body=html, content_type="text/html"))
        page.goto(missing)
        page.click("a.site-language")
        assert page.url == welsh_url + to
        assert page.evaluate("document.documentElement.lang") == language
    finally:
        context.close()
