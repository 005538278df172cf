"""Delivering the plan: status from the latest update, stale and overdue flags, counts, and quarterly reports."""

from __future__ import annotations

import csv
import datetime as dt
import re

from helpers import ROOT

from generator.model.plan import build_ambitions, counts, quarter_bounds, quarter_of, status_changes

TODAY = dt.date(2026, 11, 23)


class Priority:
    id = "p"


def ambition(updates, due=None):
    rows = [{"id": "a", "priority": "p", "title": "A", "due": due}]
    update_rows = [{"ambition": "a", "date": d, "status": s, "note": ""} for d, s in updates]
    return build_ambitions(rows, update_rows, {"p": Priority()}, {}, TODAY)[0]


def test_status_is_the_latest_update_whatever_the_order():
    a = ambition(
        [(dt.date(2026, 10, 1), "at risk"), (dt.date(2026, 4, 1), "complete"), (dt.date(2026, 7, 1), "on track")]
    )
    assert a.status == "at risk"


def test_no_updates_means_not_started_and_stale():
    a = ambition([])
    assert a.status == "not started" and a.stale


def test_stale_after_a_quarter_but_not_when_complete():
    assert ambition([(dt.date(2026, 8, 1), "on track")]).stale
    assert not ambition([(dt.date(2026, 9, 1), "on track")]).stale
    assert not ambition([(dt.date(2025, 1, 1), "complete")]).stale


def test_overdue_when_past_due_and_not_complete():
    assert ambition([(dt.date(2026, 11, 1), "on track")], due=dt.date(2026, 9, 30)).overdue
    assert not ambition([(dt.date(2026, 11, 1), "complete")], due=dt.date(2026, 9, 30)).overdue
    assert not ambition([(dt.date(2026, 11, 1), "on track")], due=dt.date(2027, 3, 31)).overdue


def test_counts_and_quarters():
    a = [ambition([(dt.date(2026, 10, 1), "complete")]), ambition([(dt.date(2026, 10, 1), "at risk")]), ambition([])]
    assert counts(a) == {"not started": 1, "on track": 0, "at risk": 1, "delayed": 0, "overdue": 0, "complete": 1}
    assert quarter_of(dt.date(2026, 4, 1)) == (2026, 1) and quarter_of(dt.date(2027, 3, 31)) == (2026, 4)
    assert quarter_bounds(2026, 3) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter_bounds(2026, 4) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))


def test_status_changes_within_a_quarter():
    a = ambition(
        [(dt.date(2026, 4, 10), "on track"), (dt.date(2026, 7, 10), "on track"), (dt.date(2026, 8, 10), "at risk")]
    )
    changes = status_changes([a], dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert [(before, u.status) for _, before, u in changes] == [("on track", "at risk")]


def test_tracker_counts_match_the_csv(site_dir):
    latest = {}
    for row in csv.DictReader(open(ROOT / "data/plan_updates.csv", encoding="utf-8")):
        if row["ambition"] not in latest or row["date"] > latest[row["ambition"]][0]:
            latest[row["ambition"]] = (row["date"], row["status"])
    complete = sum(1 for _, s in latest.values() if s == "complete")
    total = len(list(csv.DictReader(open(ROOT / "data/plan.csv", encoding="utf-8"))))
    html = (site_dir / "plan/index.html").read_text(encoding="utf-8")
    assert f"<strong>{complete} of {total}</strong> ambitions of the Police and Crime Plan are complete" in html
    assert html.count("<tr data-priority=") == total


def test_quarterly_report_lists_exactly_that_quarter(site_dir):
    start, end = dt.date(2026, 7, 1), dt.date(2026, 9, 30)
    html = (site_dir / "reports/2026-q2-performance/index.html").read_text(encoding="utf-8")
    decisions = re.findall(
        r'<a href="../../decisions/([^/]+)/">', html.split('id="decisions"')[1].split('id="grants"')[0]
    )
    expected = []
    for path in sorted((ROOT / "content/decisions").glob("*.md")):
        date = re.search(r"date: '?(\d{4}-\d{2}-\d{2})", path.read_text(encoding="utf-8")).group(1)
        if start <= dt.date.fromisoformat(date) <= end:
            expected.append(path.stem)
    assert sorted(decisions) == sorted(expected) and expected
    grants = [
        r
        for r in csv.DictReader(open(ROOT / "data/grants.csv", encoding="utf-8"))
        if start.isoformat() <= r["Award Date"] <= end.isoformat()
    ]
    assert html.count("<tr data-year=") == len(grants)
    changed = set()
    previous = {}
    for row in sorted(
        csv.DictReader(open(ROOT / "data/plan_updates.csv", encoding="utf-8")), key=lambda r: (r["ambition"], r["date"])
    ):
        before = previous.get(row["ambition"], "not started")
        if start.isoformat() <= row["date"] <= end.isoformat() and row["status"] != before:
            changed.add(row["ambition"])
        previous[row["ambition"]] = row["status"]
    section = html.split('id="plan"')[1].split('id="decisions"')[0]
    assert set(re.findall(r'plan/([^/]+)/"', section)) == changed


def test_organisation_page_shows_its_indicators(site_dir):
    html = (site_dir / "organisations/gb-chc-1115164/index.html").read_text(encoding="utf-8")
    assert "Outcomes of the funded service" in html
    assert "Victims offered help by the victims&#39; service: 3,838 in 2026/27 Q2, target 3,500." in html
    assert 'id="trend-victims-offered-help"' in html
