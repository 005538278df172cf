"""Charts by the Government Analysis Function and ONS rules, and the budget shown by area and item."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from decimal import Decimal

from helpers import run_build

from generator.core.formatting import money_format
from generator.render.charts import nice_ticks

FIGURE = re.compile(r'<figure class="chart" id="([^"]+)".*?</figure>', re.S)


def charts(site_dir):
    """Every chart on the site: (page, id, its HTML, its Plotly spec)."""
    for page in sorted(site_dir.rglob("*.html")):
        for match in FIGURE.finditer(page.read_text(encoding="utf-8")):
            spec = re.search(r'<script type="application/json">(.*?)</script>', match.group(0), re.S).group(1)
            yield page, match.group(1), match.group(0), json.loads(spec)


def test_ticks_are_few_round_and_start_at_zero():
    assert nice_ticks(Decimal(269_100_000), Decimal(335_300_000)) == [Decimal(n) * 100_000_000 for n in range(5)]
    ticks = nice_ticks(Decimal("213.28"), Decimal("279.28"))
    assert ticks[0] == 0 and ticks[-1] >= Decimal("279.28") and 3 <= len(ticks) <= 7
    assert nice_ticks(Decimal(-5), Decimal(20))[0] < 0
    assert nice_ticks(Decimal("0.2"), Decimal("0.8")) == [
        Decimal("0"),
        Decimal("0.2"),
        Decimal("0.4"),
        Decimal("0.6"),
        Decimal("0.8"),
    ]


def test_one_money_format_per_chart():
    mixed = money_format([Decimal(957_851), Decimal(1_203_000)])
    # A figure under £1m in millions keeps two decimals and never reads as a million it is not.
    assert [mixed(Decimal(957_851)), mixed(Decimal(1_203_000))] == ["£0.96m", "£1.2m"]
    assert money_format([Decimal(999_999), Decimal(1_203_000)])(Decimal(999_999)) == "£0.99m"
    small = money_format([Decimal(57_851), Decimal(1_203_000)])
    assert [small(Decimal(57_851)), small(Decimal(1_203_000))] == ["£57,851", "£1,203,000"]
    large = money_format([Decimal(322_100_000), Decimal(2_000_000)])
    assert [large(Decimal(322_100_000)), large(Decimal(2_000_000))] == ["£322.1m", "£2.0m"]
    table = money_format([Decimal(4_200_000), Decimal(-80_948)], millions=True)
    assert [table(Decimal(4_200_000)), table(Decimal(-80_948))] == ["£4.20m", "-£0.08m"]
    # Below the millions, exactly: pence are never rounded up to a pound the data does not have.
    assert money_format([Decimal("12.5"), Decimal(3)])(Decimal(3)) == "£3.00"
    assert money_format([Decimal("1250.75")])(Decimal("1250.75")) == "£1,250.75"
    assert money_format([Decimal("722100.50")])(Decimal("722100.50")) == "£722,100.50"


def test_every_chart_has_a_zero_baseline_and_the_same_scale_as_its_svg(site_dir):
    seen = {"bar": 0, "line": 0}
    for page, chart_id, html, spec in charts(site_dir):
        layout = spec["layout"]
        if 'class="chart__svg chart__svg--line"' in html:
            axis = layout["yaxis"]
            assert axis["range"][0] <= 0 <= axis["range"][1], (page, chart_id)
            svg_ticks = [html_lib.unescape(t) for t in re.findall(r'<text class="chart__tick"[^>]*>(.*?)</text>', html)]
            assert svg_ticks == axis["ticktext"] and 3 <= len(svg_ticks) <= 8, (page, chart_id)
            assert axis["title"]["text"] and axis["showgrid"], (page, chart_id)
            assert re.search(r'<text class="chart__axis-title"[^>]*>[^<]+</text>', html), (page, chart_id)
            assert layout["showlegend"] is False and layout["annotations"], (page, chart_id)  # labelled directly
            seen["line"] += 1
        else:
            assert layout["xaxis"]["range"][0] == 0, (page, chart_id)
            seen["bar"] += 1
        # The numbers are always there, collapsed until asked for.
        assert '<details class="chart__data">' in html and "<table" in html, (page, chart_id)
    assert seen["bar"] >= 6 and seen["line"] >= 5, seen


def test_each_money_chart_uses_one_number_format(site_dir):
    for page, chart_id, html, _spec in charts(site_dir):
        body = html.split("<tbody>")[1]
        cells = [html_lib.unescape(c) for c in re.findall(r'<td class="num"[^>]*>(.*?)</td>', body)]
        money_cells = [c for c in cells if c.startswith(("£", "-£"))]
        if money_cells:
            units = {
                ("m" if c.endswith("m") else "pence" if re.search(r"\.\d\d$", c) else "pounds") for c in money_cells
            }
            assert len(units) == 1, (page, chart_id, money_cells)


def test_trend_never_compares_years_with_different_sources(project):
    path = project / "data" / "funding.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    # The earliest year lists only one small source: its total is not comparable with later years.
    kept = [r for r in rows if r["financial_year"] != "2021/22" or r["source"] == "Proceeds of Crime Act"]
    out = io.StringIO()
    writer = csv.DictWriter(out, rows[0].keys(), lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert run_build(project).returncode == 0
    html = (project / "site/money/index.html").read_text(encoding="utf-8")
    sentence = re.search(r'id="funding-trend".*?<p class="chart__summary">(.*?)</p>', html, re.S).group(1)
    assert "from 2022/23" in html_lib.unescape(sentence) or "went from £" in sentence
    assert "in 2021/22" not in sentence.split("Years before")[0]
    assert "list different sources of funding" in html_lib.unescape(sentence)
    assert not re.search(r"\+\d{4,}\.\d%", html)


def test_budget_shows_each_area_with_its_items(built, site_dir):
    budget = list(csv.DictReader(open(built / "data/budget.csv", encoding="utf-8-sig")))
    year = max(r["financial_year"] for r in budget)
    items = [
        r for r in budget if r["financial_year"] == year and r["kind"] == "budget" and r["area"] == "Victims of Crime"
    ]
    assert len(items) > 1 and any(r["item"] == "Direct commissioning" for r in items)
    html = (site_dir / "money/index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="budget-table".*?</table>', html, re.S).group(0)
    row = re.search(
        r'<tr class="budget-row budget-row--item"[^>]*>\s*<th scope="row"[^>]*><span class="md-visually-hidden">Victims of Crime: </span>Direct commissioning</th>(.*?)</tr>',
        table,
        re.S,
    )
    area = re.search(
        r'<tr class="budget-row budget-row--area"[^>]*>\s*<th scope="row"[^>]*>Victims of Crime</th>(.*?)</tr>',
        table,
        re.S,
    )
    assert row and area
    # Items have the same comparison columns as their area.
    assert row.group(1).count("<td") == area.group(1).count("<td") == 5
    # A chart drills from the area to its items, largest first, adding up to the area.
    chart = re.search(r'<figure class="chart" id="budget-victims-of-crime".*?</figure>', html, re.S).group(0)
    spec = json.loads(re.search(r'<script type="application/json">(.*?)</script>', chart, re.S).group(1))
    bars = spec["data"][0]
    assert set(bars["y"]) == {r["item"] for r in items}
    assert Decimal(str(round(sum(bars["x"]), 2))) == sum(Decimal(r["amount"]) for r in items)
    # Areas with a single line get no drill-down chart.
    assert 'id="budget-capital-financing"' not in html


def test_difference_column_has_one_format_and_a_total(site_dir):
    html = (site_dir / "money/index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="budget-table".*?</table>', html, re.S).group(0)
    differences = [html_lib.unescape(c) for c in re.findall(r'data-label="Difference">([^<]*)</td>', table)]
    assert differences and all(re.fullmatch(r"-?£\d+\.\d\dm|–", d) for d in differences), differences
    total = re.search(r'<tr class="budget-row budget-row--total"[^>]*>(.*?)</tr>', table, re.S).group(1)
    assert re.search(r'data-label="Difference">-?£\d', total)


def test_register_money_has_one_format_per_column(site_dir):
    html = (site_dir / "transparency/expenses/index.html").read_text(encoding="utf-8")
    claimed = re.findall(r'data-label="Amount claimed">([^<]*)</td>', html)
    assert claimed and all(re.fullmatch(r"£\d[\d,]*\.\d\d", c) for c in claimed), claimed


def test_a_chart_kept_between_preview_rebuilds_is_the_chart_its_data_makes_now():
    """A chart's interactive figure is kept between rebuilds of a preview while what it shows is unchanged: when a
    value, a label, the format or the language changes, the figure is the one made afresh."""
    from generator.core import i18n, memo
    from generator.render.charts import bar_chart, line_chart

    def both(values, labels=("Victims", "Youth"), target=None, band=None):
        items = list(zip(labels, values, strict=True))
        return (
            bar_chart("kept-bar", "Title", "", items, "Amount", money_format([v for _, v in items])).figure,
            line_chart("kept-line", "Title", "", items, "Amount", money_format(values), target, band).figure,
        )

    def fresh(*args, **options):
        memo.forget()
        return both(*args, **options)

    memo.forget()
    first = both([Decimal(1200), Decimal(800)])
    assert both([Decimal(1200), Decimal(800)]) == first
    for args, options in [
        (([Decimal(1200), Decimal(801)],), {}),
        (([Decimal(1200), Decimal(800)], ("Victims", "Young people")), {}),
        (([Decimal(1_200_000), Decimal(800)],), {}),  # another money format: £m
        (([Decimal(1200), Decimal(800)],), {"target": Decimal(1000)}),
        (([Decimal(1200), Decimal(800)],), {"band": (Decimal(500), None, "Minimum")}),
    ]:
        memo.forget()
        expected = both(*args, **options)
        memo.forget()
        both([Decimal(1200), Decimal(800)])  # kept, then asked for with the change
        assert both(*args, **options) == expected, (args, options)
    both([Decimal(1200), Decimal(800)], target=Decimal(1000))
    i18n.set_language("cy")
    try:
        in_welsh = both([Decimal(1200), Decimal(800)], target=Decimal(1000))
        assert in_welsh == fresh([Decimal(1200), Decimal(800)], target=Decimal(1000))
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert in_welsh[1] != both([Decimal(1200), Decimal(800)], target=Decimal(1000))[1]  # "Targed", not "Target"
    memo.forget()
