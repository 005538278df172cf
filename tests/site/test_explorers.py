"""The grants explorer and decisions log: filter, search and sort in the browser; plain lists without JavaScript."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

from playwright.sync_api import expect

from generator.core.formatting import money


def ready(page) -> None:
    """Scroll to the explorer, as a reader would (it loads its rows when near), and wait until it is ready."""
    page.locator("[data-explorer]").scroll_into_view_if_needed()
    page.wait_for_selector("[data-explorer][data-ready]")


def grants(built) -> list[dict]:
    return list(csv.DictReader(open(built / "data/grants.csv", encoding="utf-8-sig")))


def fy(date: str) -> str:
    year, month = int(date[:4]), int(date[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}/{str(start + 1)[-2:]}"


def test_grants_explorer_filters_rows_and_totals(built, visit):
    rows = grants(built)
    year, fund = "2024/25", "Victims of Crime"
    expected = [r for r in rows if fy(r["Award Date"]) == year and r["Grant Programme:Title"] == fund]
    assert expected, "the demo data should have such grants"
    page = visit("grants/")
    ready(page.page)
    page.page.select_option("select[name=year]", year)
    page.page.select_option("select[name=fund]", fund)
    visible = page.page.locator("table[data-results] tbody tr:visible")
    assert visible.count() == len(expected)
    total = sum(Decimal(r["Amount Awarded"]) for r in expected)
    status = page.page.locator("[data-status]").inner_text()
    assert status == f"Showing {len(expected)} of {len(rows)} grants, totalling {money(total)}."
    assert "year=2024%2F25" in page.page.url and "fund=Victims+of+Crime" in page.page.url
    assert page.errors == []


def test_grants_filter_is_kept_in_the_url(built, visit):
    rows = grants(built)
    expected = [r for r in rows if r["Priority"] == "fairness"]
    page = visit("grants/?priority=fairness")
    ready(page.page)
    assert page.page.locator("table[data-results] tbody tr:visible").count() == len(expected)


def test_grants_search_and_sort(built, visit):
    page = visit("grants/")
    ready(page.page)
    page.page.fill("form.filters input[name=q]", "boxing")
    visible = page.page.locator("table[data-results] tbody tr:visible")
    expected = [r for r in grants(built) if "boxing" in (r["Title"] + r["Description"]).lower()]
    assert visible.count() >= len(expected) > 0
    page.page.fill("form.filters input[name=q]", "")
    page.page.get_by_role("button", name="Amount").click()
    first = page.page.locator("table[data-results] tbody tr").first.locator("td.num").get_attribute("data-sort")
    assert Decimal(first) == min(Decimal(r["Amount Awarded"]) for r in grants(built))


def test_filters_work_by_keyboard(visit):
    page = visit("grants/")
    ready(page.page)
    page.page.focus("select[name=year]")
    page.page.keyboard.press("ArrowDown")
    assert page.page.locator("select[name=year]").input_value() != ""
    assert "year=" in page.page.url


def test_without_javascript_every_grant_is_listed(built, visit):
    page = visit("grants/", javascript=False)
    assert not page.page.locator("form.filters").is_visible()
    years = page.page.locator("[data-groups] a")
    hrefs = [years.nth(i).get_attribute("href") for i in range(years.count())]
    listed = 0
    for href in hrefs:
        year_page = page.page.context.new_page()
        year_page.goto(page.page.url + href.removeprefix("../grants/"))
        listed += year_page.locator("tbody tr").count()
        year_page.close()
    assert listed == len(grants(built))


def test_decisions_log_filters_by_year_and_category(built, visit):
    page = visit("decisions/")
    ready(page.page)
    page.page.select_option("select[name=year]", "2025/26")
    page.page.select_option("select[name=category]", "Estates")
    visible = page.page.locator("table[data-results] tbody tr:visible")
    assert visible.count() == 1
    assert "2025/021" in visible.first.inner_text()
    page.page.select_option("select[name=category]", "")
    counts = visible.count()
    assert counts > 1
    assert all(r.inner_text() for r in visible.all())


def test_grants_filter_by_recipient(built, visit):
    rows = grants(built)
    recipient = rows[0]["Recipient Org:Identifier"]
    page = visit("grants/")
    ready(page.page)
    page.page.select_option("select[name=recipient]", recipient)
    assert page.page.locator("table[data-results] tbody tr:visible").count() == sum(
        1 for r in rows if r["Recipient Org:Identifier"] == recipient
    )


def test_keyboard_reaches_skip_link_filters_and_sorting(visit):
    page = visit("grants/")
    ready(page.page)
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.page.keyboard.press("Enter")
    seen = []
    for _ in range(80):
        page.page.keyboard.press("Tab")
        seen.append(
            page.page.evaluate(
                "(document.activeElement.name || '') + ':' + document.activeElement.textContent.trim().slice(0, 20)"
            )
        )
    assert any(s.startswith("year:") for s in seen) and any(s.startswith("q:") for s in seen)
    assert any(s == ":Amount" for s in seen)
    page.page.focus("select[name=priority]")
    page.page.keyboard.press("ArrowDown")
    assert "priority=" in page.page.url


def test_grants_explorer_at_5000_rows_lists_a_page_at_a_time(built, visit, browser, base_url):
    """A large office's 5,000 grants: filters, sorting and totals cover every row; the table holds 100 at a time."""
    source = json.loads((built / "site/grants/explorer.json").read_text(encoding="utf-8"))["rows"]
    rows = []
    for i in range(5000):
        row = json.loads(json.dumps(source[i % len(source)]))
        row["attrs"]["amount"] = str(1000 + i)
        row["cells"][0]["text"] = f"Grant number {i}"
        row["cells"][2] = {"text": money(Decimal(1000 + i), exact=True), "sort": str(1000 + i), "num": True}
        rows.append(row)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/grants/explorer.json", lambda route: route.fulfill(json={"rows": rows}))
    page.goto(base_url + "grants/")
    assert page.locator("[data-explorer][data-ready]").count() == 0  # below the charts: nothing loaded yet
    ready(page)
    body = page.locator("table[data-results] tbody tr")
    assert body.count() == 100
    status = page.locator("[data-status]").inner_text()
    total = sum(1000 + i for i in range(5000))
    assert status.startswith(f"Showing 5,000 of 5,000 grants, totalling {money(Decimal(total))}.")
    page.get_by_role("button", name="Amount").click()
    page.get_by_role("button", name="Amount").click()
    assert body.first.locator("td.num").get_attribute("data-sort") == "5999"
    more = page.locator("[data-more]")
    assert more.inner_text() == "Show 100 more of 4,900 not yet listed"
    more.click()
    expect(body).to_have_count(200)  # the next hundred are laid out after the click returns: wait, on a busy machine
    assert page.evaluate("document.activeElement.textContent") == "Grant number 4899"
    page.fill("form.filters input[name=q]", "grant number 4321")
    assert body.count() == 1 and more.is_hidden()
    context.close()
    assert errors == []
