"""Finance: funding and budget, council tax precept, reserves, spending over £500 and contracts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..core.formatting import financial_year, money, money_format, month_name, percent, signed_percent, slug
from ..core.i18n import _
from ..data import bodies
from ..model.as_known import as_known
from ..model.budget import actual_kind, budget_lines, previous_year, total_line
from ..model.contract_payments import applies_from, notice_url
from ..model.records import Site, group_by
from ..model.summaries import totals_by
from ..render.charts import bar_chart, line_chart
from . import Page
from .money_context import council_tax_two_ways, funding_gap, trend_series
from .reserves import reserves

WEEKS_IN_YEAR = Decimal(52)


def pages(site: Site) -> Iterator[Page]:
    if site.has("funding") or site.has("budget"):
        yield overview(site)
    if site.has("precept"):
        yield council_tax(site)
    if site.has("reserves"):
        yield reserves(site, yearly_totals)
    if site.has("spend"):
        # 100,000 payments at a large office's size: a preview works them out again only when they change.
        yield from site.derived("spending-pages", ["spend"], lambda: list(spending(site)), site.holders)
    if site.has("contracts"):
        yield contracts(site)


def _latest_kind(rows: list[dict], year: str) -> str:
    """For one year, the best figures there are: outturn, else forecast, else budget."""
    kinds = {r["kind"] for r in rows if r["financial_year"] == year}
    return next(k for k in ("outturn", "forecast", "budget") if k in kinds)


def yearly_totals(rows: list[dict]) -> list[tuple[str, Decimal]]:
    """Each year's total, from the best figures that year has."""
    best = {year: _latest_kind(rows, year) for year in {r["financial_year"] for r in rows}}
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row["kind"] == best[row["financial_year"]]:
            totals[row["financial_year"]] = totals.get(row["financial_year"], Decimal(0)) + row["amount"]
    return sorted(totals.items())


def overview(site: Site) -> Page:
    funding, budget = as_known(site, "funding"), as_known(site, "budget")
    charts, tables = [], {}
    year = max(r["financial_year"] for r in funding + budget)
    if funding:
        year = max(r["financial_year"] for r in funding)  # funding and budget may reach different years
        charts += funding_charts(funding, year)
    if budget:
        year = max(r["financial_year"] for r in budget)
        tables["areas"], budget_charts = budget_table_and_charts(budget, year)
        charts += budget_charts
    return Page(
        "money/index.md",
        "Money",
        "money.html",
        {
            "year": year,
            "charts": charts,
            "tables": tables,
            "has": {n: site.has(n) for n in ("precept", "reserves", "spend", "contracts")}
            | {"contract_payments": site.has("spend") and applies_from(site.profile) is not None},
            "gap": funding_gap(funding, budget, year, as_known(site, "reserves")) if funding and budget else [],
            "council_tax": council_tax_two_ways(funding, site.records.get("precept", []), year),
        },
        description="Where the money for policing comes from and where it goes: funding, budget, council tax, reserves, spending and contracts.",
        nav_title=_("Money"),
        charts=True,
        search=True,
        sources=frozenset({"funding", "budget", "precept", "reserves", "spend", "contracts"}),
    )


def budget_table_and_charts(budget: list[dict], year: str) -> tuple[dict, list]:
    """The budget table (areas, and their items with the same columns) and its charts: areas, then items."""
    lines = budget_lines(budget, year)
    total = total_line(lines)
    figures = [v for line in [*lines, *(i for a in lines for i in a.items), total] for v in _figures(line)]
    table = {
        "lines": lines,
        "total": total,
        "actual_kind": actual_kind(budget, year),
        "previous_year": previous_year(year),
        "format": money_format(figures, millions=True),
    }
    shown = money_format([line.budget for line in lines])
    top = lines[0]
    charts = [
        bar_chart(
            "budget-areas",
            f"{top.name} is {percent(top.budget, total.budget)} of the {year} budget",
            f"The {year} budget is {shown(total.budget)}, of which {top.name} is {shown(top.budget)}.",
            [(line.name, line.budget) for line in lines],
            "Budget",
            shown,
        )
    ]
    for area in (line for line in lines if line.items):
        item_format = money_format([i.budget for i in area.items])
        largest = area.items[0]
        charts.append(
            bar_chart(
                f"budget-{slug(area.name)}",
                f"{area.name}: {largest.name} is the largest item of its {year} budget",
                f"{area.name} has a budget of {item_format(area.budget)} in {year}, in {len(area.items)} items; "
                f"{largest.name} is {item_format(largest.budget)} ({percent(largest.budget, area.budget)}).",
                [(i.name, i.budget) for i in area.items],
                "Budget",
                item_format,
            )
        )
    return table, charts


def _figures(line) -> list:
    return [line.budget, line.actual, line.previous, line.difference, line.change]


def funding_charts(funding: list[dict], year: str) -> list:
    kind = _latest_kind(funding, year)
    sources = totals_by(
        [r for r in funding if r["financial_year"] == year and r["kind"] == kind],
        lambda r: r["source"],
        lambda r: r["amount"],
    )
    total = sum((v for _, v in sources), Decimal(0))
    top, top_value = sources[0]
    shown = money_format([v for _, v in sources])
    history, compared = trend_series(funding, yearly_totals(funding))
    trend_format = money_format([v for _, v in history])
    title, sentence = funding_trend(history, _sources_by_year(funding), trend_format, compared)
    return [
        bar_chart(
            "funding-sources",
            f"{top} is the largest source of {kind} funding in {year}",
            f"Total {kind} funding in {year} is {shown(total)}; the largest source is {top} at {shown(top_value)} ({percent(top_value, total)}).",
            sources,
            "Amount",
            shown,
        ),
        line_chart(
            "funding-trend",
            title,
            sentence,
            history,
            f"Total funding ({compared})" if compared else "Total funding",
            trend_format,
        ),
    ]


def _sources_by_year(funding: list[dict]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in funding:
        found.setdefault(row["financial_year"], set()).add(row["source"])
    return {year: frozenset(names) for year, names in found.items()}


def funding_trend(history, sources: dict[str, frozenset[str]], shown, compared: str = "") -> tuple[str, str]:
    """The trend's title and sentence, comparing only years that list the same sources of funding, and only
    one kind of figure (compared: "budget", every year's budget) with itself."""
    last_year, last = history[-1]
    comparable = [(y, v) for y, v in history if sources.get(y) == sources.get(last_year)]
    first_year, first = comparable[0]
    what = "Budgeted funding" if compared == "budget" else "Total funding"
    if first_year == last_year:
        sentence = f"{what} is {shown(last)} in {last_year}."
        if len(history) > 1:
            sentence += " Earlier years list different sources of funding, so they are not compared with it."
        return f"{what} is {shown(last)} in {last_year}", sentence
    change = (last - first) * 100 / first
    direction = "rose" if last > first else "fell"
    title = f"{what} {direction} by {abs(change).quantize(Decimal('0.1'))}% from {first_year} to {last_year}"
    sentence = (
        f"{what} went from {shown(first)} in {first_year} to {shown(last)} in {last_year} ({signed_percent(change)})."
    )
    if compared == "budget":
        sentence += " This compares budget with budget: each year's budget is set before the year begins."
    if comparable[0] != history[0]:
        sentence += f" Years before {first_year} list different sources of funding, so they are shown but not compared."
    return title, sentence


def council_tax(site: Site) -> Page:
    rows = sorted(site.records["precept"], key=lambda r: r["financial_year"])
    table = []
    for before, row in zip([None, *rows], rows, strict=False):
        change = row["band_d"] - before["band_d"] if before else None
        table.append(
            {
                "year": row["financial_year"],
                "band_d": row["band_d"],
                "change": change,
                "change_percent": signed_percent(change * 100 / before["band_d"]) if before else "",
                "weekly": row["band_d"] / WEEKS_IN_YEAR,
                "total": row.get("total"),
            }
        )
    latest = table[-1]
    sentence = f"In {latest['year']} the police precept for a Band D home is {money(latest['band_d'])} a year, about {money(latest['weekly'].quantize(Decimal('0.01')))} a week"
    if latest["change"] is not None:
        sentence += f", {money(abs(latest['change']))} ({latest['change_percent']}) {'more' if latest['change'] >= 0 else 'less'} than the year before"
    first = table[0]
    title = f"The Band D police precept is {money(latest['band_d'])} in {latest['year']}"
    if len(table) > 1:
        direction = "rose" if latest["band_d"] > first["band_d"] else "fell"
        title = f"The Band D police precept {direction} from {money(first['band_d'])} in {first['year']} to {money(latest['band_d'])} in {latest['year']}"
    chart = line_chart(
        "band-d", title, sentence + ".", [(r["year"], r["band_d"]) for r in table], "Band D precept a year", money
    )
    return Page(
        "money/council-tax.md",
        "Council tax (police precept)",
        "council_tax.html",
        {
            "rows": table,
            "trend": chart,
            "sentence": sentence + ".",
            "two_ways": council_tax_two_ways(as_known(site, "funding"), rows, latest["year"]),
        },
        sources=frozenset({"precept", "funding"}),
        description=sentence[:300] + ".",
        charts=True,
    )


CHIEF_CONSTABLE = "Chief Constable"
COPY_OVER = Decimal(10000)  # the Order: a copy of each contract over £10,000; a list of those up to it


def paid_by(site: Site, row: dict) -> str:
    """Who made a payment: the Chief Constable, the body the office named, or the body holding the police and
    crime functions on its date (for spend.csv's generic value, bodies.GENERIC_PAYER). The downloads say the same."""
    return bodies.paid_by(site.bodies, row.get("spending_body") or "", row["date"])


def spending(site: Site) -> Iterator[Page]:
    rows = sorted(site.records["spend"], key=lambda r: (r["date"], r["transaction_id"]))
    months = group_by(rows, lambda r: (r["date"].year, r["date"].month))
    years = group_by(sorted(months), lambda ym: financial_year(dt.date(ym[0], ym[1], 1)))
    index = []
    for year in sorted(years, reverse=True):
        entries = [
            {
                "slug": f"{y}-{m:02d}",
                "name": month_name(y, m),
                "count": len(months[(y, m)]),
                "total": sum((r["amount"] for r in months[(y, m)]), Decimal(0)),
            }
            for y, m in sorted(years[year], reverse=True)
        ]
        index.append((year, entries, sum((e["total"] for e in entries), Decimal(0))))
    yield Page(
        "spending/index.md",
        "Spending over £500",
        "spending.html",
        {"years": index, "count": len(rows), "holders": site.holders, "in_progress": financial_year(site.build_date)},
        description=f"Every payment over £500 by {site.holders}, and by the Chief Constable, month by month.",
        search=True,
        sources=frozenset({"spend"}),
    )
    for (y, m), month_rows in sorted(months.items()):
        yield Page(
            f"spending/{y}-{m:02d}.md",
            f"Spending over £500: {month_name(y, m)}",
            "spending_month.html",
            {
                "rows": [{**r, "paid_by": paid_by(site, r)} for r in month_rows],
                "bodies": site.bodies_between(dt.date(y, m, 1), month_rows[-1]["date"]) if site.predecessors else [],
                "month": month_name(y, m),
                "slug": f"{y}-{m:02d}",
                "total": sum((r["amount"] for r in month_rows), Decimal(0)),
                "suppliers": totals_by(month_rows, lambda r: r["supplier"], lambda r: r["amount"]),
            },
            description=f"Every payment over £500 in {month_name(y, m)}: {len(month_rows)} payments.",
            explorer=True,
            sources=frozenset({"spend"}),
        )


def contracts(site: Site) -> Page:
    everything = sorted(site.records["contracts"], key=lambda r: (r["start_date"], r["reference"]), reverse=True)
    # The Order asks for a copy of each contract over £10,000, and only a list of those up to it.
    rows = [r for r in everything if r["value"] > COPY_OVER]
    small = [r for r in everything if r["value"] <= COPY_OVER]
    current = [r for r in rows if r.get("end_date") is None or r["end_date"] >= site.build_date]
    ended = [r for r in rows if r not in current]
    return Page(
        "contracts/index.md",
        "Contracts" if small else "Contracts over £10,000",
        "contracts.html",
        {
            "current": current,
            "ended": ended,
            "small": small,
            "copy_over": COPY_OVER,
            "total_current": sum((r["value"] for r in current), Decimal(0)),
            # Each contract's notices on the Central Digital Platform, where it has an ocid.
            "notices": {r["reference"]: notice_url(r["ocid"]) for r in everything if r.get("ocid")},
        },
        description="The register of contracts worth more than £10,000, current and ended, each with a copy, "
        "and the list of contracts up to £10,000."
        if small
        else "The register of contracts worth more than £10,000, current and ended.",
        search=True,
        sources=frozenset({"contracts"}),
    )
