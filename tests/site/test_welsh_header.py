"""The Welsh demo's header in a browser: every tab of the top menu is on screen at 1280 px (the Welsh names are
longer, so the menu wraps), the language switch is as large as the menu's words, and the explorers' "Sort by:"
is Welsh on a phone."""

from __future__ import annotations

import pytest
from conftest import Visit


@pytest.fixture
def demo_url(welsh_demo_url):
    return welsh_demo_url


TABS = """() => [...document.querySelectorAll('.md-tabs__link')].map(a => {
  const box = a.getBoundingClientRect();
  const list = a.closest('.md-tabs__list').getBoundingClientRect();
  return {text: a.textContent.trim(), left: box.left, right: box.right, shown: box.left >= list.left - 1
          && box.right <= Math.min(list.right, window.innerWidth) + 1};
})"""
SIZE = "(selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)"


@pytest.mark.parametrize("path", ["cy/", ""])
def test_every_tab_of_the_menu_is_on_screen_at_1280_px(browser, demo_url, path):
    page = Visit(browser, demo_url, path, width=1280)
    try:
        tabs = page.page.evaluate(TABS)
        assert len(tabs) >= 10
        assert [t["text"] for t in tabs if not t["shown"]] == []
        if path == "cy/":
            assert {"Diweddariadau diweddaraf", "Amdanom ni"} <= {t["text"] for t in tabs}
        assert page.page.evaluate(SIZE, "a.site-language") >= page.page.evaluate(SIZE, ".md-tabs__link") >= 14
    finally:
        page.close()


def test_the_explorer_says_sort_by_in_welsh_on_a_phone(browser, demo_url):
    before = (
        "(lang) => getComputedStyle(document.querySelector('table[data-results] > thead > tr'), '::before').content"
    )
    for path, words in (("cy/decisions/", '"Trefnu yn ôl:"'), ("decisions/", '"Sort by:"')):
        page = Visit(browser, demo_url, path, width=375)
        try:
            assert page.page.evaluate(before, None) == words
        finally:
            page.close()
