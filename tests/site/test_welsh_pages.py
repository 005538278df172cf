"""The Welsh pages in a browser: accessible (axe) and in Welsh, with the switch reaching the English twin."""

from __future__ import annotations

import functools
import re
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


@pytest.fixture
def demo_url(welsh_demo_url):
    """The shipped demo in Welsh too (every section, so every tab of the navigation)."""
    return welsh_demo_url


@pytest.mark.parametrize("path", PAGES)
def test_welsh_page_is_accessible_and_switches_to_its_twin(browser, welsh_url, path):
    page = Visit(browser, welsh_url, path)
    try:
        assert page.page.evaluate("document.documentElement.lang") == "cy"
        assert page.axe() == []
        # Material's script looks for sitemaps once the page is shown: wait for its request (slow on a loaded
        # machine), then a little longer for any other it would make.
        for _ in range(100):
            if any("sitemap.xml" in url for url in page.requests):
                break
            page.page.wait_for_timeout(100)
        page.page.wait_for_timeout(300)
        assert page.errors == []
        # Material's script asks for sitemap.xml beside each <link rel="alternate">: only the feeds' small one,
        # never beside the hreflang links (a request that would find nothing; build/welsh_files.py).
        sitemaps = {url.removeprefix(welsh_url) for url in page.requests if "sitemap.xml" in url}
        assert sitemaps == {"cy/feeds/sitemap.xml"}
        assert page.hosts == {welsh_url.split("/")[2]}
        page.page.click("a.site-language")
        # The URL changes before the English document has loaded: wait for it before reading its language.
        page.page.wait_for_url(welsh_url + path.removeprefix("cy/"), wait_until="load")
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
        # The switch to English keeps the search, and so do an explorer's filters.
        switch = page.page.locator("a.site-language")
        assert switch.get_attribute("href").endswith("/search/?q=dioddefwyr")
        page.page.fill("#search-query", "grant")
        page.page.wait_for_url("**/cy/search/?q=grant")
        assert switch.get_attribute("href").endswith("/search/?q=grant")
    finally:
        page.close()


def toolbar_titles(page) -> list[str]:
    page.page.locator("button.chart__show").first.click()
    page.page.wait_for_selector(".modebar-btn")
    return page.page.evaluate("[...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title'))")


def test_the_interactive_charts_toolbar_speaks_welsh_and_shares_nothing(browser, welsh_url):
    welsh = Visit(browser, welsh_url, "cy/grants/")
    english = Visit(browser, welsh_url, "grants/")
    try:
        titles = toolbar_titles(welsh)
        assert {"Chwyddo", "Chwyddo i mewn", "Ailosod yr echelinau", "Lawrlwytho'r siart fel delwedd PNG"} <= set(
            titles
        )
        assert not [t for t in titles if re.search(r"\b(Zoom|Pan|Reset|Download|Share|plot)\b", t)], titles
        in_english = toolbar_titles(english)
        assert {"Zoom", "Reset axes"} <= set(in_english)
        # No "Share chart..." button: it would send the chart to Plotly's cloud.
        assert not [t for t in in_english + titles if "Share" in t or "Rhannu" in t]
        assert welsh.errors == english.errors == []
    finally:
        welsh.close()
        english.close()


@pytest.mark.parametrize("width", [1280, 1920])
def test_every_welsh_tab_shows_though_the_welsh_names_are_longer(browser, demo_url, width):
    for path in ("cy/", ""):
        page = Visit(browser, demo_url, path, width=width)
        try:
            tabs = page.page.locator(".md-tabs__list")
            assert tabs.evaluate("list => list.scrollWidth <= list.clientWidth")  # none hidden past the edge
            last = page.page.locator(".md-tabs__item").last
            assert last.is_visible() and last.bounding_box()["x"] + last.bounding_box()["width"] <= width
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
        page.wait_for_url(welsh_url + to, wait_until="load")
        assert page.evaluate("document.documentElement.lang") == language
    finally:
        context.close()
