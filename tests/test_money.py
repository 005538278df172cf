"""Finance pages: the numbers shown match the CSVs, and every chart's table matches its figure."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal

from generator.core.formatting import money


def rows(built, name):
    return list(csv.DictReader(open(built / "data" / f"{name}.csv", encoding="utf-8-sig")))


def test_band_d_change_and_weekly_cost(built, site_dir):
    precept = sorted(rows(built, "precept"), key=lambda r: r["financial_year"])
    last, before = Decimal(precept[-1]["band_d"]), Decimal(precept[-2]["band_d"])
    html = (site_dir / "money/council-tax/index.html").read_text(encoding="utf-8")
    change = ((last - before) * 100 / before).quantize(Decimal("0.1"))
    assert (
        f"is {money(last)} a year, about {money((last / 52).quantize(Decimal('0.01')))} a week, {money(last - before)} (+{change}%) more"
        in html
    )


def test_funding_total_for_latest_year(built, site_dir):
    funding = rows(built, "funding")
    year = max(r["financial_year"] for r in funding)
    kinds = {r["kind"] for r in funding if r["financial_year"] == year}
    kind = next(k for k in ("outturn", "forecast", "budget") if k in kinds)
    total = sum(Decimal(r["amount"]) for r in funding if r["financial_year"] == year and r["kind"] == kind)
    html = (site_dir / "money/index.html").read_text(encoding="utf-8")
    # Read as text: the kind may be a link to the glossary.
    assert f"Total {kind} funding in {year} is {money(total)}" in re.sub(r"<[^>]+>", "", html)
    # Two totals for one year (a forecast and a budget) each say which they are, in the title and the sentence.
    assert f"largest source of {kind} funding in {year}</" in html


def test_spending_month_lists_every_payment(built, site_dir):
    october = [r for r in rows(built, "spend") if r["date"].startswith("2025-10")]
    html = (site_dir / "spending/2025-10/index.html").read_text(encoding="utf-8")
    assert html.count("<tr data-amount=") == len(october)
    total = sum(Decimal(r["amount"]) for r in october)
    assert f"{len(october)} payments totalling {money(total, exact=True)}" in html
    published = (site_dir / "data/spend/2025-10.csv").read_text(encoding="utf-8")
    assert len(published.splitlines()) == len(october) + 1


def test_every_chart_table_matches_its_figure(site_dir):
    pattern = re.compile(
        r'<figure class="chart" id="([^"]+)".*?<script type="application/json">(.*?)</script>.*?<tbody>(.*?)</tbody>',
        re.S,
    )
    checked = 0
    for page in site_dir.rglob("*.html"):
        for chart_id, spec, body in pattern.findall(page.read_text(encoding="utf-8")):
            figure = json.loads(spec)
            trace = figure["data"][0]
            labels = trace["y"] if trace.get("orientation") == "h" else trace["x"]
            table_labels = re.findall(r'<th scope="row"[^>]*>(.*?)</th>', body)
            assert [str(label) for label in labels] == [
                t.replace("&amp;", "&").replace("&#39;", "'") for t in table_labels
            ], (page, chart_id)
            values = trace["x"] if trace.get("orientation") == "h" else trace["y"]
            cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', body)
            shown = cells[:: len(cells) // len(values)] if cells else []
            assert len(shown) == len(values)
            checked += 1
    assert checked >= 10
