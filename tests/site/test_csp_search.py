"""WebAssembly is allowed only on the search page; the header's search still answers as you type elsewhere."""

from __future__ import annotations

import re

import pytest


def script_src(html: str) -> str:
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    return re.search(r"script-src ([^;]+)", policy).group(1)


def test_only_the_search_page_allows_webassembly(site_dir):
    assert "'wasm-unsafe-eval'" in script_src((site_dir / "search/index.html").read_text(encoding="utf-8"))
    for page in ("index.html", "money/index.html", "grants/index.html", "transparency/inspections/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert "assets/js/header-search.js" in html, page  # the page has the header's search box
        assert "'wasm-unsafe-eval'" not in script_src(html), page


@pytest.mark.parametrize("path", ["", "money/"])
def test_the_header_search_answers_as_you_type_without_webassembly_in_the_page(visit, path):
    opened = visit(path)
    page = opened.page
    page.evaluate(
        "() => { window.__violations = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"
    )
    page.fill(".site-search input[name=q]", "custody")
    page.locator("[data-header-results] ul li a").first.wait_for(timeout=15000)
    assert page.locator("[data-header-results] ul li a").count() >= 1
    assert page.evaluate("() => window.__violations") == []
    assert opened.errors == []
