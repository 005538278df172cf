"""The grants explorer and decisions log: filter, search and sort in the browser; plain lists without JavaScript."""

from __future__ import annotations

import csv
from decimal import Decimal

from generator.formatting import money


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
    page.page.wait_for_selector("[data-explorer][data-ready]")
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
    page.page.wait_for_selector("[data-explorer][data-ready]")
    assert page.page.locator("table[data-results] tbody tr:visible").count() == len(expected)


def test_grants_search_and_sort(built, visit):
    page = visit("grants/")
    page.page.wait_for_selector("[data-explorer][data-ready]")
    page.page.fill("input[name=q]", "boxing")
    visible = page.page.locator("table[data-results] tbody tr:visible")
    expected = [r for r in grants(built) if "boxing" in (r["Title"] + r["Description"]).lower()]
    assert visible.count() >= len(expected) > 0
    page.page.fill("input[name=q]", "")
    page.page.get_by_role("button", name="Amount").click()
    first = page.page.locator("table[data-results] tbody tr").first.locator("td.num").get_attribute("data-sort")
    assert Decimal(first) == min(Decimal(r["Amount Awarded"]) for r in grants(built))


def test_filters_work_by_keyboard(visit):
    page = visit("grants/")
    page.page.wait_for_selector("[data-explorer][data-ready]")
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
    page.page.wait_for_selector("[data-explorer][data-ready]")
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
    page.page.wait_for_selector("[data-explorer][data-ready]")
    page.page.select_option("select[name=recipient]", recipient)
    assert page.page.locator("table[data-results] tbody tr:visible").count() == sum(
        1 for r in rows if r["Recipient Org:Identifier"] == recipient
    )


def test_keyboard_reaches_skip_link_filters_and_sorting(visit):
    page = visit("grants/")
    page.page.wait_for_selector("[data-explorer][data-ready]")
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
