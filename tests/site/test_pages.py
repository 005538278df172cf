"""Every page type, as a reader meets it in Chromium: accessible, self-contained, usable on a phone."""

from __future__ import annotations

import pytest

PAGE_TYPES = {
    "home": "",
    "grants explorer": "grants/",
    "a grant": "grants/360g-demopcc-2024-046/",
    "organisations": "organisations/",
    "an organisation": "organisations/gb-chc-1115164/",
    "decisions log": "decisions/",
    "a decision": "decisions/2025-021/",
    "open data": "data/",
    "data dictionary": "data/grants/",
    "about": "about/",
    "accessibility statement": "accessibility/",
    "404": "404.html",
    "performance": "performance/",
    "a priority": "priorities/vulnerable/",
    "money": "money/",
    "council tax": "money/council-tax/",
    "reserves": "money/reserves/",
    "spending index": "spending/",
    "spending month": "spending/2025-10/",
    "contracts": "contracts/",
    "payments over £30,000": "money/contract-payments/",
    "payments over £30,000 in a quarter": "money/contract-payments/2026-07-to-2026-09/",
    "payment times": "money/payment-times/",
    "compliance": "transparency/",
    "a register": "transparency/expenses/",
    "documents register": "transparency/documents/",
    "latest updates": "updates/",
    "plan tracker": "plan/",
    "grants in a year": "grants/year-2024-25/",
    "decisions in a year": "decisions/year-2024-25/",
    "an ambition": "plan/ca-04/",
    "reports": "reports/",
    "performance report": "reports/2026-q2-performance/",
    "resources report": "reports/2026-q2-resources/",
    "search": "search/",
}


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_is_accessible_and_self_contained(visit, name):
    page = visit(PAGE_TYPES[name])
    assert page.response.ok
    assert page.axe() == []
    assert page.errors == []
    assert page.hosts == {page.page.url.split("/")[2]}


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_horizontal_scroll_at_320px(visit, name):
    page = visit(PAGE_TYPES[name], width=320)
    overflow = page.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_interactive_chart_loads_on_demand_from_the_site(visit):
    page = visit("money/")
    assert not any("plotly" in h for h in page.hosts)
    page.page.locator("#funding-sources button.chart__show").click()
    page.page.wait_for_selector("#funding-sources .chart__interactive .main-svg")
    assert page.errors == []
    assert page.hosts == {page.page.url.split("/")[2]}


@pytest.mark.parametrize("name", ["home", "money", "grants explorer", "a priority", "compliance"])
def test_dark_scheme_is_accessible(visit, name):
    page = visit(PAGE_TYPES[name], color_scheme="dark")
    assert page.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.axe() == []


# Records every change to the <body>'s attributes, from before the page's first script runs.
WATCH_BODY = """
window.__bodyChanges = [];
new MutationObserver(() => {
  if (!document.body || window.__watching) return;
  window.__watching = true;
  new MutationObserver(records => records.forEach(r => window.__bodyChanges.push(r.attributeName)))
    .observe(document.body, {attributes: true});
}).observe(document, {childList: true, subtree: true});
"""


def test_a_page_opens_in_its_scheme_without_restyling_the_whole_page(visit):
    # Material's own colour switch rewrote the body's colour attributes as each page opened, and marked it
    # "switching" and back: every element was restyled three times (a quarter of a second of a phone's main
    # thread on the money page). The page now opens in its scheme with no change to the body at all.
    page = visit("money/", before_scripts=WATCH_BODY)
    page.page.wait_for_timeout(500)
    assert page.page.evaluate("window.__watching") is True
    assert page.page.evaluate("window.__bodyChanges") == []
    assert page.page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "light"
    assert page.page.evaluate("document.querySelector('meta[name=theme-color]').content") == "#1d3f73"


def test_the_colour_switch_changes_the_scheme_and_keeps_it_for_the_next_page(visit):
    page = visit("money/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    switch = page.page.locator("[data-site-palette] label:visible")
    assert switch.count() == 1 and switch.get_attribute("title") == "Switch to dark mode"
    switch.click()
    assert page.page.evaluate(scheme) == "slate"
    assert page.page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    assert page.page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False
    page.page.goto(page.page.url.replace("money/", "grants/"))
    assert page.page.evaluate(scheme) == "slate"
    switch = page.page.locator("[data-site-palette] label:visible")
    assert switch.get_attribute("title") == "Switch to light mode"
    page.page.locator("#__palette_1").focus()
    page.page.keyboard.press("Enter")  # the keyboard switches too
    assert page.page.evaluate(scheme) == "default"
    assert page.errors == []


def test_a_choice_of_scheme_outlasts_the_systems(visit):
    page = visit("", color_scheme="dark")
    assert page.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.page.locator("[data-site-palette] label:visible").click()
    page.page.reload()
    assert page.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
