"""The grants explorer, a page per grant and a page per funded organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..core.formatting import financial_year, long_date, money, money_format, slug
from ..core.i18n import _
from ..model.records import Site, amount_of, group_by
from ..model.summaries import grants_sentence, totals_by
from ..render.charts import bar_chart
from . import Page, decision_source, priority_options, row_source, row_sources, value_source
from .explorer_data import as_json, grant_rows
from .performance import trend_chart

TOP_RECIPIENTS = 10
GRANT_SOURCES = frozenset({"grants", "organisations", "priorities"})
INDICATOR_SOURCES = frozenset({"kpis", "kpi_values"})
EXPLORER_SOURCES = ("grants", "organisations", "priorities", "kpis")  # what the explorer's rows show


def shown_grants(grants) -> frozenset[str]:
    """What a page showing these grants (as a table, or one grant) depends on: their rows, their recipients' and
    priorities' rows and the decisions they cite, and which organisations have indicators ("kpis"). An edit of
    one grant then changes only the pages that show it."""
    if not grants:
        return frozenset()
    sources = {"kpis"}  # one set for all, as a preview asks this of each of thousands of grants
    for g in grants:
        sources.add(row_source("grants", g.id))
        sources.add(row_source("organisations", g.organisation.id))
        sources.add(row_source("priorities", g.priority.id))
        if g.decision:
            sources.add(decision_source(g.decision))
    return frozenset(sources)


def pages(site: Site) -> Iterator[Page]:
    if not site.has("grants"):
        return
    yield explorer(site)
    for year, grants in sorted(group_by(site.grants, lambda g: g.financial_year).items()):
        yield Page(
            f"grants/year-{slug(year)}.md",
            _("Grants awarded in %(year)s") % {"year": year},
            "grants_year.html",
            {
                "year": year,
                "grants": grants,
                "total": amount_of(grants),
                "so_far": site.build_date if year == financial_year(site.build_date) else None,
            },
            description=_("Every grant awarded in %(year)s, with who awarded it.") % {"year": year},
            sources=shown_grants(grants),
        )
    for grant in site.grants:
        yield Page(
            f"grants/{grant.slug}.md",
            grant.title,
            "grant.html",
            {"grant": grant, "current": site.current_body},
            sources=shown_grants([grant]),
            description=(
                _("%(amount)s to %(organisation)s on %(date)s: %(description)s")
                % {
                    "amount": money(grant.amount, exact=True),
                    "organisation": grant.organisation.name,
                    "date": grant.award_date.isoformat(),
                    "description": grant.description,
                }
            )[:300],
        )
    for row in site.withdrawn.get("grants", []):
        # A withdrawn grant's page stays at its address, saying when and why (search leaves it out).
        yield Page(
            f"grants/{slug(row['Identifier'])}.md",
            _("Withdrawn: %(title)s") % {"title": row.get("Title", "")},
            "grant_withdrawn.html",
            {"row": row, "withdrawn_on": _long(row.get("withdrawn", ""))},
            sources=GRANT_SOURCES,
            description=(_("This grant was withdrawn: %(reason)s") % {"reason": row.get("withdrawn_reason", "")})[:300],
            search=False,
        )
    funded = [o for o in site.organisations.values() if o.grants]
    yield Page(
        "organisations/index.md",
        _("Funded organisations"),
        "organisations.html",
        {"organisations": sorted(funded, key=lambda o: o.name.lower()), "holders": site.holders},
        description=_("Every organisation funded by %(holders)s, with its total grants.") % {"holders": site.holders},
        nav_title=_("Funded organisations"),
        search=True,
        sources=GRANT_SOURCES,
    )
    grant_years = sorted({g.financial_year for g in site.grants})
    for organisation in funded:
        yield Page(
            f"organisations/{organisation.slug}.md",
            organisation.name,
            "organisation.html",
            {
                "organisation": organisation,
                "by_year": yearly_totals_from_first(organisation.grants, grant_years),
                "by_body": by_body(organisation.grants) if len(site.bodies) > 1 else [],
                "charts": {i.id: trend_chart(i) for i in organisation.kpis if i.readings},
            },
            description=_("Grants to %(organisation)s: %(total)s in all.")
            % {"organisation": organisation.name, "total": money(organisation.total)},
            charts=bool(organisation.kpis),
            sources=shown_grants(organisation.grants)
            | row_sources("organisations", [organisation.id])
            | INDICATOR_SOURCES
            | {value_source("grant-years", grant_years), value_source("bodies", len(site.bodies))},
        )


def _long(text: str) -> str:
    try:
        return long_date(dt.date.fromisoformat(text.strip()))
    except ValueError:
        return text


def yearly_totals_from_first(grants, years: list[str]) -> list[tuple[str, Decimal]]:
    """Each financial year from an organisation's first grant to the latest year of grants, £0 where it had none."""
    totals = dict(totals_by(grants, lambda g: g.financial_year, lambda g: g.amount))
    return [(year, totals.get(year, Decimal(0))) for year in years if year >= min(totals)]


def explorer(site: Site) -> Page:
    grants = site.grants
    by_year = group_by(grants, lambda g: g.financial_year)
    years = sorted(by_year, reverse=True)
    latest = years[0]
    amount = lambda g: g.amount  # noqa: E731
    by_priority = totals_by(by_year[latest], lambda g: g.priority.title, amount)
    by_fund = totals_by(by_year[latest], lambda g: g.fund, amount)
    # The year in progress is part of a year: labelled so, and never the one compared with full years.
    in_progress = financial_year(site.build_date)
    so_far = _("%(year)s so far (to %(date)s)") % {"year": in_progress, "date": long_date(site.build_date)}
    by_grant_year = [
        (so_far if year == in_progress else year, total)
        for year, total in sorted(totals_by(grants, lambda g: g.financial_year, amount))
    ]
    full_years = [year for year, _ in by_grant_year if year != so_far]
    by_year_title = (
        _("Grants by financial year, %(first)s to %(last)s") % {"first": full_years[0], "last": full_years[-1]}
        + (
            _(", and %(year)s so far, which is not a full year") % {"year": in_progress}
            if in_progress in by_year
            else ""
        )
        if full_years
        else _("Grants in %(year)s so far") % {"year": in_progress}
    )
    top = totals_by(grants, lambda g: g.organisation.name, amount)[:TOP_RECIPIENTS]
    charts = [
        bar_chart(
            "grants-by-priority",
            _("%(name)s received the most in grants in %(year)s")
            % {"name": by_priority[0][0], "year": so_far if latest == in_progress else latest},
            "",
            by_priority,
            _("Amount"),
            money_format([v for _, v in by_priority]),
        ),
        bar_chart(
            "grants-by-fund",
            _("%(name)s awarded the most in grants in %(year)s")
            % {"name": by_fund[0][0], "year": so_far if latest == in_progress else latest},
            "",
            by_fund,
            _("Amount"),
            money_format([v for _, v in by_fund]),
        ),
        bar_chart(
            "grants-by-year",
            by_year_title,
            "",
            by_grant_year,
            _("Amount"),
            money_format([v for _, v in by_grant_year]),
        ),
        bar_chart(
            "grants-top-recipients",
            _("%(name)s has received the most in grants, all years") % {"name": top[0][0]},
            "",
            top,
            _("Amount"),
            money_format([v for _, v in top]),
        ),
    ]
    for chart in charts:
        chart.summary = _chart_summary(chart)
    return Page(
        "grants/index.md",
        _("Grants"),
        "grants.html",
        {
            "years": [(year, len(by_year[year]), amount_of(by_year[year])) for year in years],
            "in_progress": in_progress,
            "today": site.build_date,
            "total": site.grants_total,
            "count": len(grants),
            "sentence": grants_sentence(so_far if latest == in_progress else latest, by_year[latest]),
            "filters": [
                ("year", _("Financial year"), _("All years"), [(y, y) for y in years]),
                ("fund", _("Fund"), _("All funds"), [(f, f) for f in sorted({g.fund for g in grants})]),
                ("priority", _("Priority"), _("All priorities"), priority_options(site)),
                (
                    "recipient",
                    _("Recipient"),
                    _("All recipients"),
                    sorted({(g.organisation.id, g.organisation.name) for g in grants}, key=lambda r: r[1].lower()),
                ),
            ],
            "charts": charts,
        },
        description=_("Every grant awarded by %(holders)s: who got how much, when, from which fund and why.")
        % {"holders": site.holders},
        nav_title=_("Grants"),
        charts=True,
        search=True,
        explorer=True,
        sources=frozenset(EXPLORER_SOURCES),
        # Made with the downloads (beside the rendering; in a preview rebuild, after the pages are written).
        attachments={
            "grants/explorer.json": lambda: site.derived(
                "grants-explorer", EXPLORER_SOURCES, lambda: as_json(grant_rows(grants, "../"))
            )
        },
    )


def _chart_summary(chart) -> str:
    if not chart.rows:
        return _("There is nothing to show.")
    first = chart.rows[0]
    if chart.id == "grants-by-year":
        full = [row for row in chart.rows if " so far" not in row[0]]
        part = [row for row in chart.rows if " so far" in row[0]]
        said = (
            _("Grants totalled %(latest)s in %(year)s, the latest full year, against %(first)s in %(first_year)s.")
            % {"latest": full[-1][1], "year": full[-1][0], "first": full[0][1], "first_year": full[0][0]}
            if len(full) > 1
            else ""
        )
        if part:
            said += f" In {part[0][0]} they total {part[0][1]}."
        return said.strip()
    return _("The largest is %(name)s with %(amount)s, of %(count)s shown.") % {
        "name": first[0],
        "amount": first[1],
        "count": len(chart.rows),
    }


def by_body(grants) -> list[tuple]:
    """(body, number of grants, total) for each body that awarded some of these grants, oldest first."""
    bodies = list(dict.fromkeys(g.office for g in reversed(grants)))
    return [(b, len(mine := [g for g in grants if g.office is b]), amount_of(mine)) for b in bodies]
