"""Indicator status in words: against target, against the previous period and a year before, and staleness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..core.formatting import N_, long_date, money, number
from ..core.i18n import _
from .plan import period_name

if TYPE_CHECKING:
    from .records import Indicator

STALE_AFTER = dt.timedelta(days=183)  # two quarters
YEAR = dt.timedelta(days=365)
YEAR_TOLERANCE = dt.timedelta(days=20)


@dataclass(frozen=True)
class Reading:
    period_end: dt.date
    value: Decimal
    period: str  # as the data names it ("2025/26 Q1")

    @property
    def label(self) -> str:
        """The period in the page's language."""
        return period_name(self.period)


@dataclass(frozen=True)
class Status:
    english: str  # marked with N_ where it is made; `words` gives it in the page's language
    tone: str  # good, bad or neutral: drives the icon and colour, never alone
    icon: str

    @property
    def words(self) -> str:
        return _(self.english)


@dataclass
class IndicatorSummary:
    latest: Reading | None
    previous: Reading | None
    year_before: Reading | None
    target_status: Status
    year_status: Status | None
    stale: str  # a sentence when the latest figure is old, else ""


GOOD, BAD, NEUTRAL = "good", "bad", "neutral"
ICONS = {GOOD: "✓", BAD: "✗", NEUTRAL: "–"}


def _status(words: str, tone: str) -> Status:
    return Status(words, tone, ICONS[tone])


def is_better(value: Decimal, other: Decimal, better: str) -> bool:
    return value > other if better == "higher" else value < other


def summarise(readings: list[Reading], better: str, target: Decimal | None, today: dt.date) -> IndicatorSummary:
    readings = sorted(readings, key=lambda r: r.period_end)
    latest = readings[-1] if readings else None
    previous = readings[-2] if len(readings) > 1 else None
    year_before = None
    if latest:
        wanted = latest.period_end - YEAR
        candidates = [r for r in readings[:-1] if abs(r.period_end - wanted) <= YEAR_TOLERANCE]
        year_before = min(candidates, key=lambda r: abs(r.period_end - wanted)) if candidates else None
    return IndicatorSummary(
        latest,
        previous,
        year_before,
        target_status(latest, better, target),
        year_status(latest, year_before, better),
        stale_note(latest, today),
    )


def target_status(latest: Reading | None, better: str, target: Decimal | None) -> Status:
    if latest is None:
        return _status(N_("No figures yet"), NEUTRAL)
    if target is None:
        return _status(N_("No target"), NEUTRAL)
    if latest.value == target:
        return _status(N_("On target"), GOOD)
    if is_better(latest.value, target, better):
        return _status(N_("Better than target"), GOOD)
    return _status(N_("Worse than target"), BAD)


def year_status(latest: Reading | None, year_before: Reading | None, better: str) -> Status | None:
    if latest is None or year_before is None:
        return None
    if latest.value == year_before.value:
        return _status(N_("Same as last year"), NEUTRAL)
    if is_better(latest.value, year_before.value, better):
        return _status(N_("Better than last year"), GOOD)
    return _status(N_("Worse than last year"), BAD)


def stale_note(latest: Reading | None, today: dt.date) -> str:
    if latest and today - latest.period_end > STALE_AFTER:
        return _("Not updated since %(date)s: the latest figure is more than two quarters old.") % {
            "date": long_date(latest.period_end)
        }
    return ""


@dataclass(frozen=True)
class Headline:
    """The indicators a headline may count against target, and how many it leaves out and why."""

    judged: int  # with a target and a figure that is not out of date
    good: int  # of those, on or better than target
    bad: int  # of those, worse than target
    no_target: int  # with figures but no target (or no figures yet)
    out_of_date: int  # with a target, but the latest figure is more than two quarters old

    @property
    def left_out(self) -> int:
        return self.no_target + self.out_of_date


def counted(summary: IndicatorSummary) -> bool:
    """Whether a headline may count this indicator: it has a target and a figure that is not out of date."""
    return summary.target_status.tone != NEUTRAL and not summary.stale


def headline(summaries: list[IndicatorSummary]) -> Headline:
    """Count only indicators with a target and a current figure: the rest cannot be on or off target today.

    The one rule for every count of indicators on target: the performance page, the home page and each quarterly
    report (which passes summaries made as of the day after its quarter ended).
    """
    no_target = sum(1 for s in summaries if s.target_status.tone == NEUTRAL)
    judged = [s for s in summaries if counted(s)]
    good = sum(1 for s in judged if s.target_status.tone == GOOD)
    out_of_date = len(summaries) - no_target - len(judged)
    return Headline(len(judged), good, len(judged) - good, no_target, out_of_date)


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "gbp":
        return money(value)
    if unit == "days":
        return _("%(number)s days") % {"number": number(value)}
    return number(value)


def format_change(now: Decimal, before: Decimal, unit: str) -> str:
    change = now - before
    sign = "+" if change > 0 else ""
    if unit == "percent":
        return _("%(change)s points") % {"change": sign + number(change)}
    if unit == "gbp":
        return f"{sign}{money(change)}" if change >= 0 else money(change)
    return f"{sign}{number(change)}"


def card(indicator: Indicator) -> dict:
    """What a reader needs to judge one indicator, already in words."""
    s = indicator.summary
    unit = indicator.unit
    return {
        "latest": format_value(s.latest.value, unit) if s.latest else "",
        "period": s.latest.label if s.latest else "",
        "target": format_value(indicator.target, unit) if indicator.target is not None else "",
        "since_previous": format_change(s.latest.value, s.previous.value, unit) if s.previous else "",
        "previous_period": s.previous.label if s.previous else "",
        "since_year": format_change(s.latest.value, s.year_before.value, unit) if s.year_before else "",
    }
