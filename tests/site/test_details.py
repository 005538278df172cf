"""The details a resident notices: readable footer text, results as they type in the header at any width, phone
pages that never shrink while read, and a chart's numbers on paper."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader


@pytest.mark.parametrize("width", [320, 375, 768, 1280, 1600, 2560])
def test_footer_text_is_at_least_12_px(visit, width):
    page = visit("", width=width)
    # Every piece of text in the footer, at widths on each side of the theme's breakpoints.
    sizes = page.page.evaluate(
        """() => { const sizes = [], walk = document.createTreeWalker(document.querySelector('footer'), NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) if (walk.currentNode.textContent.trim())
          sizes.push(parseFloat(getComputedStyle(walk.currentNode.parentElement).fontSize));
        return sizes; }"""
    )
    assert sizes and min(sizes) >= 12


@pytest.mark.parametrize("width", [375, 1280])
def test_header_search_lists_results_as_you_type(visit, width):
    page = visit("grants/", width=width)
    if width < 960:
        page.page.click(".site-search__button")  # on a phone the magnifier opens the box
        assert page.page.url.endswith("/grants/")
    box = page.page.locator(".site-search input[name=q]")
    assert box.is_visible()
    box.press_sequentially("domestic abuse", delay=20)
    # The results for the whole query (those for its first letters may show while it is typed).
    page.page.locator(".site-search__status", has_text="domestic abuse").wait_for()
    status = page.page.locator(".site-search__status").inner_text()
    assert status.startswith("The first 5 of ") and "domestic abuse" in status
    first = page.page.locator(".site-search__list a").first
    assert first.is_visible() and "Domestic Abuse" in first.inner_text()
    assert page.page.locator(".site-search__all a").get_attribute("href").endswith("search/?q=domestic%20abuse")
    page.page.keyboard.press("Escape")
    assert not page.page.locator(".site-search__list").is_visible()
    assert page.errors == []


@pytest.mark.parametrize("width", [375, 700])
def test_a_phone_page_never_shrinks_while_it_is_read(visit, width):
    page = visit("decisions/", width=width)
    page.page.wait_for_selector("[data-explorer][data-ready]")  # the log's explorer replaces its plain list first
    heights, y = [page.page.evaluate("document.documentElement.scrollHeight")], 0
    while y < heights[-1]:
        y += 600
        page.page.evaluate(f"window.scrollTo(0, {y})")
        page.page.wait_for_timeout(50)
        heights.append(page.page.evaluate("document.documentElement.scrollHeight"))
    assert len(heights) > 8
    shrinks = [(a, b) for a, b in zip(heights, heights[1:], strict=False) if b < a]
    assert shrinks == []


@pytest.mark.parametrize("path", ["grants/", "money/"])
def test_a_charts_numbers_are_printed(visit, path):
    page = visit(path)
    cells = page.page.evaluate(
        "() => [...document.querySelectorAll('details.chart__data tbody td')].map(c => c.textContent.trim())"
    )
    assert cells and not page.page.evaluate("document.querySelector('details.chart__data').open")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.page.pdf())).pages).split())
    assert "The numbers in this chart" in text
    missing = [c for c in cells if c.replace(" ", "") not in text.replace(" ", "")]
    assert missing == []
    assert not page.page.evaluate("document.querySelector('details.chart__data').open")  # folded again after


def test_on_a_phone_a_tap_opens_the_header_search_and_its_results_as_you_type(visit):
    # A phone's browser (touch, taps), not a narrow desktop window: the magnifier opens the box, results are
    # listed under the header while typing, the menu button stays uncovered, and a tap on a result opens it.
    page = visit("money/", width=375, touch=True)
    box = page.page.locator(".site-search input[name=q]")
    assert not box.is_visible()
    page.page.locator(".site-search__button").tap()
    assert box.is_visible() and page.page.evaluate("document.activeElement.name") == "q"
    menu = page.page.locator(".md-header label[for=__drawer]").bounding_box()
    covering = page.page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.md-header label[for=__drawer]') !== null",
        [menu["x"] + menu["width"] / 2, menu["y"] + menu["height"] / 2],
    )
    assert covering, "the open search box covers the menu button"
    page.page.keyboard.type("domestic abuse", delay=20)
    page.page.locator(".site-search__status", has_text="domestic abuse").wait_for()
    first = page.page.locator(".site-search__list a").first
    assert first.is_visible() and first.bounding_box()["x"] >= 0
    assert first.bounding_box()["x"] + first.bounding_box()["width"] <= 375
    href = first.get_attribute("href")
    first.tap()
    page.page.wait_for_url("**" + href)
    assert page.errors == []
