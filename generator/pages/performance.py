"""Performance against the Police and Crime Plan: an overview, and a page per priority with its indicators."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..core import i18n
from ..core.formatting import N_
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
            _("Performance"),
            "performance.html",
            {
                "priorities": priorities,
                "indicators": site.indicators,
                "headline": site.indicator_headline,
                "funder": site.current_body.the_role,
            },
            description=_(
                "How the police and the services %(funder)s funds are doing against the Police and Crime Plan."
            )
            % {"funder": site.current_body.the_role},
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
            description=(
                priority.summary or _("The Police and Crime Plan priority %(priority)s.") % {"priority": priority.title}
            )[:300],
            charts=bool(priority.kpis),
            # It lists every decision for the priority, and its grants with their recipients.
            sources=KPI_SOURCES
            | {"grants", "organisations", f"priority-decisions:{priority.id}"}
            | decision_sources(priority.decisions),
        )


def trend_chart(indicator: Indicator) -> Chart:
    """One chart per indicator, however many pages show it (priority, ambition, organisation)."""
    key = (tuple(indicator.readings), indicator.target, indicator.title, indicator.unit)
    # One kept per language: a preview of a Welsh site rebuilds both without working either out again.
    return remember("trend-chart", (indicator.id, i18n.current()), key, lambda: _trend_chart(indicator))


# The value axis is named in the indicator's unit (kpis.csv's unit column).
AXIS_TITLES = {
    "percent": N_("Per cent (%)"),
    "days": N_("Days"),
    "gbp": N_("Pounds (£)"),
    "count": N_("Number"),
    "rate": N_("Rate"),
}


def _trend_chart(indicator: Indicator) -> Chart:
    unit = indicator.unit
    readings = indicator.readings
    first, last = readings[0], readings[-1]
    summary = _("%(indicator)s was %(value)s in %(period)s") % {
        "indicator": indicator.title,
        "value": format_value(last.value, unit),
        "period": last.label,
    }
    if len(readings) > 1:
        summary += _(", against %(value)s in %(period)s") % {
            "value": format_value(first.value, unit),
            "period": first.label,
        }
    if indicator.target is not None:
        summary += _("; the target is %(value)s") % {"value": format_value(indicator.target, unit)}
    return line_chart(
        f"trend-{indicator.slug}",
        _trend_title(indicator),
        summary + ".",
        [(r.label, r.value) for r in readings],
        _(AXIS_TITLES[unit]) if unit in AXIS_TITLES else (unit.capitalize() if unit else _("Number")),
        lambda v: format_value(v, unit),
        indicator.target,
    )


def _trend_title(indicator: Indicator) -> str:
    """The chart's message: the latest figure and how it stands against the target."""
    latest = indicator.readings[-1]
    title = _("%(indicator)s: %(value)s in %(period)s") % {
        "indicator": indicator.title,
        "value": format_value(latest.value, indicator.unit),
        "period": latest.label,
    }
    status = indicator.summary.target_status
    return title + (f", {status.words.lower()}" if indicator.target is not None else "")
