"""The plan tracker filters by status in the browser; reports print on A4 without navigation."""

from __future__ import annotations

import csv

from helpers import ROOT


def current_statuses() -> dict[str, str]:
    latest = {}
    for row in csv.DictReader(open(ROOT / "data/plan_updates.csv", encoding="utf-8")):
        if row["ambition"] not in latest or row["date"] > latest[row["ambition"]][0]:
            latest[row["ambition"]] = (row["date"], row["status"])
    # An unfinished ambition past its due date reads "overdue", whatever its latest update says.
    due = {r["id"]: r.get("due") or "" for r in csv.DictReader(open(ROOT / "data/plan.csv", encoding="utf-8"))}
    built = "2026-11-23"  # helpers.BUILD_EPOCH
    return {k: "overdue" if s != "complete" and due.get(k) and due[k] < built else s for k, (_, s) in latest.items()}


def test_tracker_filters_by_status(visit):
    expected = sum(1 for s in current_statuses().values() if s == "at risk")
    page = visit("plan/")
    page.page.select_option("select[name=status]", "at risk")
    assert page.page.locator("table[data-results] tbody tr:visible").count() == expected > 0
    assert "status=at+risk" in page.page.url
    assert page.errors == []


def test_report_prints_without_navigation_and_keeps_rows_whole(visit):
    page = visit("reports/2026-q2-performance/")
    page.page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".site-footer"):
        assert page.page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.page.locator("tbody tr").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    pdf = page.page.pdf(format="A4")
    assert (
        pdf.count(b"/Type /Page\n")
        + pdf.count(b"/Type /Page\r")
        + pdf.count(b"/Type /Page>")
        + pdf.count(b"/Type /Page ")
        >= 1
    )
