"""Finance: funding and budget, council tax precept, reserves, spending over £500 and contracts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..core.formatting import N_, financial_year, money, money_format, month_name, percent, signed_percent, slug
from ..core.i18n import _, current
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
        yield from site.derived("spending-pages", ["spend"], lambda: list(spending(site)), site.holders, current())
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
        _("Money"),
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
        description=_(
            "Where the money for policing comes from and where it goes: funding, budget, council tax, reserves, "
            "spending and contracts."
        ),
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
            _("%(area)s is %(share)s of the %(year)s budget")
            % {"area": top.name, "share": percent(top.budget, total.budget), "year": year},
            _("The %(year)s budget is %(total)s, of which %(area)s is %(amount)s.")
            % {"year": year, "total": shown(total.budget), "area": top.name, "amount": shown(top.budget)},
            [(line.name, line.budget) for line in lines],
            _("Budget"),
            shown,
        )
    ]
    for area in (line for line in lines if line.items):
        item_format = money_format([i.budget for i in area.items])
        largest = area.items[0]
        charts.append(
            bar_chart(
                f"budget-{slug(area.name)}",
                _("%(area)s: %(item)s is the largest item of its %(year)s budget")
                % {"area": area.name, "item": largest.name, "year": year},
                _(
                    "%(area)s has a budget of %(total)s in %(year)s, in %(count)s items; %(item)s is %(amount)s (%(share)s)."
                )
                % {
                    "area": area.name,
                    "total": item_format(area.budget),
                    "year": year,
                    "count": len(area.items),
                    "item": largest.name,
                    "amount": item_format(largest.budget),
                    "share": percent(largest.budget, area.budget),
                },
                [(i.name, i.budget) for i in area.items],
                _("Budget"),
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
            _("%(source)s is the largest source of %(kind)s funding in %(year)s")
            % {"source": top, "kind": _(kind), "year": year},
            _(
                "Total %(kind)s funding in %(year)s is %(total)s; the largest source is %(source)s at %(amount)s (%(share)s)."
            )
            % {
                "kind": _(kind),
                "year": year,
                "total": shown(total),
                "source": top,
                "amount": shown(top_value),
                "share": percent(top_value, total),
            },
            sources,
            _("Amount"),
            shown,
        ),
        line_chart(
            "funding-trend",
            title,
            sentence,
            history,
            _("Total funding (%(kind)s)") % {"kind": _(compared)} if compared else _("Total funding"),
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
    what = _("Budgeted funding") if compared == "budget" else _("Total funding")
    if first_year == last_year:
        title = _("%(what)s is %(amount)s in %(year)s") % {"what": what, "amount": shown(last), "year": last_year}
        sentence = title + "."
        if len(history) > 1:
            sentence += " " + _("Earlier years list different sources of funding, so they are not compared with it.")
        return title, sentence
    change = (last - first) * 100 / first
    rose = _("%(what)s rose by %(change)s%% from %(first)s to %(last)s")
    fell = _("%(what)s fell by %(change)s%% from %(first)s to %(last)s")
    title = (rose if last > first else fell) % {
        "what": what,
        "change": abs(change).quantize(Decimal("0.1")),
        "first": first_year,
        "last": last_year,
    }
    sentence = _("%(what)s went from %(first)s in %(first_year)s to %(last)s in %(last_year)s (%(change)s).") % {
        "what": what,
        "first": shown(first),
        "first_year": first_year,
        "last": shown(last),
        "last_year": last_year,
        "change": signed_percent(change),
    }
    if compared == "budget":
        sentence += " " + _("This compares budget with budget: each year's budget is set before the year begins.")
    if comparable[0] != history[0]:
        sentence += " " + _(
            "Years before %(year)s list different sources of funding, so they are shown but not compared."
        ) % {"year": first_year}
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
    figures = {
        "year": latest["year"],
        "band_d": money(latest["band_d"]),
        "weekly": money(latest["weekly"].quantize(Decimal("0.01"))),
    }
    sentence = (
        _("In %(year)s the police precept for a Band D home is %(band_d)s a year, about %(weekly)s a week") % figures
    )
    if latest["change"] is not None:
        more = _("%(sentence)s, %(change)s (%(percent)s) more than the year before")
        less = _("%(sentence)s, %(change)s (%(percent)s) less than the year before")
        sentence = (more if latest["change"] >= 0 else less) % {
            "sentence": sentence,
            "change": money(abs(latest["change"])),
            "percent": latest["change_percent"],
        }
    first = table[0]
    title = _("The Band D police precept is %(band_d)s in %(year)s") % figures
    if len(table) > 1:
        rose = _("The Band D police precept rose from %(first)s in %(first_year)s to %(last)s in %(last_year)s")
        fell = _("The Band D police precept fell from %(first)s in %(first_year)s to %(last)s in %(last_year)s")
        title = (rose if latest["band_d"] > first["band_d"] else fell) % {
            "first": money(first["band_d"]),
            "first_year": first["year"],
            "last": money(latest["band_d"]),
            "last_year": latest["year"],
        }
    chart = line_chart(
        "band-d", title, sentence + ".", [(r["year"], r["band_d"]) for r in table], _("Band D precept a year"), money
    )
    return Page(
        "money/council-tax.md",
        _("Council tax (police precept)"),
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
# The usual ways of procuring a contract (contracts.csv's procurement_route), which a Welsh page gives in Welsh;
# any other route the office writes is shown as written.
ROUTES = (
    N_("Open procedure"), N_("Competitive flexible procedure"), N_("Direct award"), N_("Open tender"),
    N_("Framework call-off"), N_("G-Cloud framework"), N_("Request for quotation"),
    N_("Below-threshold open competition"),
)  # fmt: skip


def payer(site: Site, row: dict) -> str:
    """Who made a payment: the Chief Constable, the body the office named, or the body holding the police and
    crime functions on its date (for spend.csv's generic value, bodies.GENERIC_PAYER). The downloads say the same."""
    return bodies.paid_by(site.bodies, row.get("spending_body") or "", row["date"])


def paid_by(site: Site, row: dict) -> str:
    """Who made a payment, as a page in its language says it (the Chief Constable is named in Welsh on a Welsh page)."""
    name = payer(site, row)
    return _("Chief Constable") if name == CHIEF_CONSTABLE else name


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
        _("Spending over £500"),
        "spending.html",
        {"years": index, "count": len(rows), "holders": site.holders, "in_progress": financial_year(site.build_date)},
        description=_("Every payment over £500 by %(holders)s, and by the Chief Constable, month by month.")
        % {"holders": site.holders},
        search=True,
        sources=frozenset({"spend"}),
    )
    for (y, m), month_rows in sorted(months.items()):
        yield Page(
            f"spending/{y}-{m:02d}.md",
            _("Spending over £500: %(month)s") % {"month": month_name(y, m)},
            "spending_month.html",
            {
                "rows": [{**r, "paid_by": paid_by(site, r)} for r in month_rows],
                "bodies": site.bodies_between(dt.date(y, m, 1), month_rows[-1]["date"]) if site.predecessors else [],
                "month": month_name(y, m),
                "slug": f"{y}-{m:02d}",
                "total": sum((r["amount"] for r in month_rows), Decimal(0)),
                "suppliers": totals_by(month_rows, lambda r: r["supplier"], lambda r: r["amount"]),
            },
            description=_("Every payment over £500 in %(month)s: %(count)s payments.")
            % {"month": month_name(y, m), "count": len(month_rows)},
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
        _("Contracts") if small else _("Contracts over £10,000"),
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
        description=_(
            "The register of contracts worth more than £10,000, current and ended, each with a copy, "
            "and the list of contracts up to £10,000."
        )
        if small
        else _("The register of contracts worth more than £10,000, current and ended."),
        search=True,
        sources=frozenset({"contracts"}),
    )
