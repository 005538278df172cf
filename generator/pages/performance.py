"""Performance against the Police and Crime Plan: an overview, and a page per priority with its indicators."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..core.i18n import _
from ..core.memo import remember
from ..model.indicators import format_value
from ..model.records import Indicator, Site
from ..render.charts import Chart, line_chart
from . import Page, decision_sources

KPI_SOURCES = frozenset({"priorities", "kpis", "kpi_values"})


def pages(site: Site) -> Iterator[Page]:
    priorities = list(site.priorities.values())
    charts = {i.id: trend_chart(i) for i in site.indicators if i.readings}
    if site.indicators:
        yield Page(
            "performance/index.md",
            "Performance",
            "performance.html",
            {
                "priorities": priorities,
                "indicators": site.indicators,
                "headline": site.indicator_headline,
                "funder": site.current_body.the_role,
            },
            description=f"How the police and the services {site.current_body.the_role} funds are doing against the Police and Crime Plan.",
            nav_title=_("Performance"),
            search=True,
            sources=KPI_SOURCES,
        )
    for priority in priorities:
        yield Page(
            f"priorities/{priority.slug}.md",
            priority.title,
            "priority.html",
            {
                "priority": priority,
                "charts": charts,
                "decisions_total": sum((d.amount or Decimal(0) for d in priority.decisions), Decimal(0)),
            },
            description=(priority.summary or f"The Police and Crime Plan priority {priority.title}.")[:300],
            charts=bool(priority.kpis),
            # It lists every decision for the priority, and its grants with their recipients.
            sources=KPI_SOURCES
            | {"grants", "organisations", f"priority-decisions:{priority.id}"}
            | decision_sources(priority.decisions),
        )


def trend_chart(indicator: Indicator) -> Chart:
    """One chart per indicator, however many pages show it (priority, ambition, organisation)."""
    key = (tuple(indicator.readings), indicator.target, indicator.title, indicator.unit)
    return remember("trend-chart", indicator.id, key, lambda: _trend_chart(indicator))


# The value axis is named in the indicator's unit (kpis.csv's unit column).
AXIS_TITLES = {"percent": "Per cent (%)", "days": "Days", "gbp": "Pounds (£)", "count": "Number", "rate": "Rate"}


def _trend_chart(indicator: Indicator) -> Chart:
    unit = indicator.unit
    readings = indicator.readings
    first, last = readings[0], readings[-1]
    summary = f"{indicator.title} was {format_value(last.value, unit)} in {last.label}"
    if len(readings) > 1:
        summary += f", against {format_value(first.value, unit)} in {first.label}"
    if indicator.target is not None:
        summary += f"; the target is {format_value(indicator.target, unit)}"
    return line_chart(
        f"trend-{indicator.slug}",
        _trend_title(indicator),
        summary + ".",
        [(r.label, r.value) for r in readings],
        AXIS_TITLES.get(unit, unit.capitalize() if unit else "Number"),
        lambda v: format_value(v, unit),
        indicator.target,
    )


def _trend_title(indicator: Indicator) -> str:
    """The chart's message: the latest figure and how it stands against the target."""
    latest = indicator.readings[-1]
    title = f"{indicator.title}: {format_value(latest.value, indicator.unit)} in {latest.label}"
    status = indicator.summary.target_status
    return title + (f", {status.words.lower()}" if indicator.target is not None else "")
