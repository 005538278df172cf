"""The plan tracker, a page per ambition, and the generated quarterly reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from ..core import i18n
from ..core.i18n import _
from ..model.indicators import headline, summarise
from ..model.plan import (
    REPORT_DATASETS,
    STATUSES,
    counts,
    quarter_bounds,
    quarter_in_progress,
    quarter_label,
    quarter_of,
    report_quarters,
    status_changes,
    status_words,
)
from ..model.records import Site, amount_of, group_by
from ..model.summaries import totals_by
from ..model.updates import report_title
from . import Page, decision_sources, value_source
from .grants import shown_grants
from .performance import trend_chart

# An ambition's page shows its priority's number and total of grants, not the grants (priority_grants).
AMBITION_SOURCES = frozenset({"plan", "plan_updates", "kpis", "kpi_values", "priorities"})
SHOWN_DECISIONS = 5  # an ambition's page names its priority's latest decisions (theme/generated/ambition.html)


def shown_decisions(priority) -> frozenset[str]:
    """What an ambition's page shows of the decisions: how many its priority has, and the latest few."""
    if priority is None:
        return frozenset({"decisions"})
    return decision_sources(priority.decisions[:SHOWN_DECISIONS]) | {f"priority-decisions:{priority.id}"}


def priority_grants(priority) -> frozenset[str]:
    """What an ambition's page shows of the grants: how many its priority has, and their total."""
    if priority is None:
        return frozenset({"grants"})
    return frozenset({value_source(f"priority-grants:{priority.id}", (len(priority.grants), priority.grants_total))})


def pages(site: Site) -> Iterator[Page]:
    if site.ambitions:
        yield tracker(site)
        grants_shown = cache(priority_grants)  # a priority's grants are summed once, not once for each ambition
        for ambition in site.ambitions:
            yield Page(
                f"plan/{ambition.slug}.md",
                ambition.title,
                "ambition.html",
                {"a": ambition, "charts": {i.id: trend_chart(i) for i in ambition.indicators if i.readings}},
                description=(
                    _("Progress on the Police and Crime Plan: %(ambition)s. Status: %(status)s.")
                    % {"ambition": ambition.title, "status": ambition.status_words}
                )[:300],
                charts=any(i.readings for i in ambition.indicators),
                sources=AMBITION_SOURCES | shown_decisions(ambition.priority) | grants_shown(ambition.priority),
            )
    quarters = report_quarters(site.ambitions, site.indicators, site.build_date)
    current = quarter_in_progress(site.build_date)
    if quarters:
        yield Page(
            "reports/index.md",
            _("Quarterly reports"),
            "reports.html",
            {
                "quarters": [(quarter_label(*q), f"{q[0]}-q{q[1]}") for q in quarters],
                "in_progress": quarter_label(*current[:2]),
                "in_progress_ends": current[2],
                "so_far": [
                    (path, name)
                    for path, name, shown in (
                        ("performance/", _("performance"), site.indicators),
                        ("plan/", _("plan tracker"), site.ambitions),
                    )
                    if shown
                ],
            },
            description=_("Quarterly performance and resources reports, generated from the published data."),
            nav_title=_("Reports"),
            search=True,
            sources=REPORT_SOURCES,
        )
        # Per language: a payment without a service area is "Not stated" in the page's words.
        spending = site.derived(("spending-by-quarter", i18n.current()), ["spend"], lambda: spending_by_quarter(site))
        grants = group_by(site.grants, lambda g: quarter_of(g.award_date))
        decisions = group_by(site.decisions, lambda d: quarter_of(d.date))
        for q in quarters:
            yield from quarterly_reports(
                site, *q, grants.get(q, []), decisions.get(q, []), spending.get(q, NO_SPENDING)
            )


def report_indicators(site: Site, end: dt.date, as_of: dt.date) -> list[tuple]:
    """Each indicator with figures by a quarter's end: (the indicator, its latest reading then, its summary as
    of the day after). The readings and summaries come from the indicators' data alone, so a preview works them
    out again only when that changes (a grant or decision edit left 2,000 summaries to redo)."""
    summaries = site.derived(
        ("report-indicators", end, i18n.current()),  # a summary's sentences are in the page's language
        ["kpis", "kpi_values"],
        lambda: [
            (number, readings[-1], summarise(readings, indicator.better, indicator.target, as_of))
            for number, indicator in enumerate(site.indicators)
            if (readings := [r for r in indicator.readings if r.period_end <= end])
        ],
        as_of,
    )
    return [(site.indicators[number], latest, summary) for number, latest, summary in summaries]


def spending_by_quarter(site: Site) -> dict[tuple[int, int], dict]:
    """Each quarter's payments over £500 in the figures its resources report shows."""
    by_quarter = group_by(site.records.get("spend", []), lambda r: quarter_of(r["date"]))
    return {
        quarter: {
            "spend_by_area": totals_by(rows, lambda r: r.get("service_area") or _("Not stated"), lambda r: r["amount"]),
            "spend_total": sum((r["amount"] for r in rows), Decimal(0)),
            "spend_count": len(rows),
        }
        for quarter, rows in by_quarter.items()
    }


NO_SPENDING = {"spend_by_area": [], "spend_total": Decimal(0), "spend_count": 0}


def tracker(site: Site) -> Page:
    ambitions = site.ambitions
    by_priority = [
        (p, group_by([a for a in ambitions if a.priority is p], lambda a: a.theme)) for p in site.priorities.values()
    ]
    return Page(
        "plan/index.md",
        _("Plan tracker"),
        "tracker.html",
        {
            "by_priority": [(p, sorted(themes.items())) for p, themes in by_priority if themes],
            "counts": counts(ambitions),
            "total": len(ambitions),
            "stale": sum(1 for a in ambitions if a.stale),
            "overdue": sum(1 for a in ambitions if a.overdue),
            "statuses": STATUSES,
            "status_names": {s: status_words(s) for s in STATUSES},
            "filters": [
                ("priority", _("Priority"), _("All priorities"), [(p.id, p.title) for p in site.priorities.values()]),
                (
                    "theme",
                    _("Theme"),
                    _("All themes"),
                    [(t, t) for t in sorted({a.theme for a in ambitions if a.theme})],
                ),
                ("status", _("Status"), _("All statuses"), [(s, status_words(s)) for s in STATUSES]),
                ("lead", _("Lead"), _("All leads"), [(x, x) for x in sorted({a.lead for a in ambitions if a.lead})]),
            ],
        },
        description=_("Every ambition of the Police and Crime Plan, with its status and latest progress."),
        nav_title=_("Plan tracker"),
        explorer=True,
        search=True,
        sources=AMBITION_SOURCES,
    )


# A quarter's decisions are listed by reference, so the performance report depends on those records only.
REPORT_SOURCES = REPORT_DATASETS["performance"]


def quarterly_reports(
    site: Site, year: int, quarter: int, grants: list, decisions: list, spending: dict
) -> Iterator[Page]:
    """The quarter's two reports, given its grants, its decisions and its spending figures."""
    start, end = quarter_bounds(year, quarter)
    label = quarter_label(year, quarter)
    slug = f"{year}-q{quarter}"
    as_of = end + dt.timedelta(days=1)  # figures are judged as they stood once the quarter was over
    indicators = report_indicators(site, end, as_of)
    yield Page(
        f"reports/{slug}-performance.md",
        report_title("performance", label),
        "report_performance.html",
        {
            "label": label,
            "start": start,
            "end": end,
            "indicators": indicators,
            "headline": headline([summary for _, _, summary in indicators]),
            "as_of": as_of,
            "changes": [(a, status_words(before), u) for a, before, u in status_changes(site.ambitions, start, end)],
            "decisions": decisions,
            "grants": grants,
            "grants_total": amount_of(grants),
            "bodies": site.bodies_between(start, end) if site.predecessors else [],
        },
        description=_(
            "How the Police and Crime Plan was delivered in %(quarter)s: indicators, plan progress, decisions and grants."
        )
        % {"quarter": label},
        # The quarter's grants as rows: an edit of another quarter's grant leaves the report as it is.
        sources=(REPORT_SOURCES - {"grants", "organisations"}) | shown_grants(grants) | decision_sources(decisions),
    )
    fy = f"{year}/{str(year + 1)[-2:]}"
    budget = [r for r in site.records.get("budget", []) if r["financial_year"] == fy]
    areas = sorted({r["area"] for r in budget})
    budget_rows = [
        (
            area,
            *(
                sum((r["amount"] for r in budget if r["area"] == area and r["kind"] == kind), Decimal(0))
                for kind in ("budget", "outturn", "forecast")
            ),
        )
        for area in areas
    ]
    grants_by_priority = totals_by(grants, lambda g: g.priority.title, lambda g: g.amount)
    grants_total = amount_of(grants)
    yield Page(
        f"reports/{slug}-resources.md",
        report_title("resources", label),
        "report_resources.html",
        {
            "label": label,
            "start": start,
            "end": end,
            "fy": fy,
            "budget_rows": budget_rows,
            **spending,
            "grants_by_priority": grants_by_priority,
            "grants_total": grants_total,
            "bodies": site.bodies_between(start, end) if site.predecessors else [],
        },
        description=_(
            "Money in %(quarter)s: budget against outturn, spending over £500 and grants by area and priority."
        )
        % {"quarter": label},
        sources=(REPORT_DATASETS["resources"] - {"grants"})
        | {value_source("quarter-grants", (grants_by_priority, grants_total))},
    )
