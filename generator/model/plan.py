"""Delivering the Police and Crime Plan: each ambition's current status, staleness and overdue flags, and quarters."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..core.formatting import N_, slug
from ..core.i18n import _

# "overdue" is never written in the data: it is what an unfinished ambition past its due date is, whatever
# its latest update says ("on track" past the due date would flatter it).
STATUSES = ("not started", "on track", "at risk", "delayed", "overdue", "complete")
ICONS = {"not started": "○", "on track": "✓", "at risk": "!", "delayed": "✗", "overdue": "✗", "complete": "★"}
TONES = {
    "not started": "neutral",
    "on track": "good",
    "at risk": "warn",
    "delayed": "bad",
    "overdue": "bad",
    "complete": "good",
}
# What a reader sees for each status (the data writes the English words; a page shows them in its language).
STATUS_WORDS = {
    "not started": N_("not started"),
    "on track": N_("on track"),
    "at risk": N_("at risk"),
    "delayed": N_("delayed"),
    "overdue": N_("overdue"),
    "complete": N_("complete"),
}
STALE_AFTER = dt.timedelta(days=92)  # a quarter


def status_words(status: str) -> str:
    """A status in the language being written ("on track", Welsh "ar y trywydd iawn"); unknown ones as given."""
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status


@dataclass(frozen=True)
class PlanUpdate:
    date: dt.date
    status: str
    note: str

    @property
    def status_words(self) -> str:
        return status_words(self.status)


@dataclass(eq=False)
class Ambition:
    id: str
    priority: object  # model.Priority
    theme: str
    title: str
    lead: str
    due: dt.date | None
    indicators: list  # model.Indicator
    description: str
    updates: list[PlanUpdate] = field(default_factory=list)  # oldest first
    stale: bool = False
    overdue: bool = False

    @property
    def slug(self) -> str:
        return slug(self.id)

    @property
    def latest(self) -> PlanUpdate | None:
        return self.updates[-1] if self.updates else None

    @property
    def reported_status(self) -> str:
        """The status its latest update gives."""
        return self.latest.status if self.latest else "not started"

    @property
    def status(self) -> str:
        """The status a reader sees: "overdue" once past the due date unfinished, else the reported one."""
        return "overdue" if self.overdue else self.reported_status

    @property
    def status_words(self) -> str:
        """The status as a reader sees it, in the page's language."""
        return status_words(self.status)

    @property
    def reported_status_words(self) -> str:
        return status_words(self.reported_status)

    @property
    def icon(self) -> str:
        return ICONS[self.status]

    @property
    def tone(self) -> str:
        return TONES[self.status]


def build_ambitions(
    rows: list[dict], update_rows: list[dict], priorities: dict, indicators: dict, today: dt.date
) -> list[Ambition]:
    by_ambition: dict[str, list[PlanUpdate]] = {}
    for row in update_rows:
        by_ambition.setdefault(row["ambition"], []).append(
            PlanUpdate(row["date"], row["status"], row.get("note") or "")
        )
    ambitions = []
    for row in rows:
        kpi_ids = [k.strip() for k in (row.get("kpis") or "").split(";") if k.strip()]
        ambition = Ambition(
            id=row["id"],
            priority=priorities[row["priority"]],
            theme=row.get("theme") or "",
            title=row["title"],
            lead=row.get("lead") or "",
            due=row.get("due"),
            indicators=[indicators[k] for k in kpi_ids if k in indicators],
            description=row.get("description") or "",
            updates=sorted(by_ambition.get(row["id"], []), key=lambda u: u.date),
        )
        unfinished = ambition.reported_status != "complete"
        ambition.stale = unfinished and (ambition.latest is None or today - ambition.latest.date > STALE_AFTER)
        ambition.overdue = unfinished and ambition.due is not None and ambition.due < today
        ambitions.append(ambition)
    return ambitions


def counts(ambitions: list[Ambition]) -> dict[str, int]:
    found = {status: 0 for status in STATUSES}
    for ambition in ambitions:
        found[ambition.status] += 1
    return found


def quarter_of(date: dt.date) -> tuple[int, int]:
    """(financial year start, quarter 1-4): April to June is Q1."""
    start = date.year if date.month >= 4 else date.year - 1
    return start, (date.month - 4) % 12 // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 4 + (quarter - 1) * 3
    start = dt.date(year + (first_month > 12), (first_month - 1) % 12 + 1, 1)
    end_month = first_month + 2
    end_year = year + (end_month > 12)
    end_month = (end_month - 1) % 12 + 1
    following = dt.date(end_year + (end_month == 12), end_month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def quarter_label(year: int, quarter: int) -> str:
    """A financial year's quarter as a page writes it: "2026/27 Q2" (Welsh "Ch2 2026/27", Chwarter 2)."""
    return _("%(year)s Q%(quarter)s") % {"year": f"{year}/{str(year + 1)[-2:]}", "quarter": quarter}


QUARTER = re.compile(r"(\d{4})/(\d{2}) Q([1-4])")


def period_name(text: str) -> str:
    """A period as the data names it, in the page's language: a quarter written "2025/26 Q1" as quarter_label
    writes it; any other name as given."""
    found = QUARTER.fullmatch(text)
    if not found or str(int(found[1]) + 1)[-2:] != found[2]:
        return text
    return quarter_label(int(found[1]), int(found[3]))


def status_changes(ambitions: list[Ambition], start: dt.date, end: dt.date) -> list[tuple[Ambition, str, PlanUpdate]]:
    """Ambitions whose status changed within the dates: (ambition, status before, the update that changed it)."""
    changes = []
    for ambition in ambitions:
        before = "not started"
        for update in ambition.updates:
            if start <= update.date <= end and update.status != before:
                changes.append((ambition, before, update))
            before = update.status
    return changes


def report_quarters(ambitions: list[Ambition], indicators: list, today: dt.date) -> list[tuple[int, int]]:
    """Every quarter with plan updates or indicator figures that has ended by today, newest first.

    A report for the quarter in progress would present part of a quarter as the whole of it, so it waits.
    """
    dates = [u.date for a in ambitions for u in a.updates] + [r.period_end for i in indicators for r in i.readings]
    return sorted((q for q in set(map(quarter_of, dates)) if quarter_bounds(*q)[1] < today), reverse=True)


# The datasets each quarterly report shows figures from: its date follows their publication (report_date).
REPORT_DATASETS = {
    "performance": frozenset({"grants", "organisations", "priorities", "kpis", "kpi_values", "plan", "plan_updates"}),
    "resources": frozenset({"budget", "spend", "grants", "priorities"}),
}


def report_date(year: int, quarter: int, published: dict[str, dt.date], datasets: frozenset[str]) -> dt.date:
    """A quarterly report's date: the day after its quarter ended, or, if later, the day its latest figures were
    published (a dataset's last_updated, when that falls after the quarter ended and by the end of the next
    quarter, the time an office publishes a quarter's figures; a later update is taken to be a later quarter's)."""
    end = quarter_bounds(year, quarter)[1]
    next_end = quarter_bounds(*quarter_of(end + dt.timedelta(days=1)))[1]
    after = [published[name] for name in datasets if name in published and end < published[name] <= next_end]
    return max([end + dt.timedelta(days=1), *after])


def quarter_in_progress(today: dt.date) -> tuple[int, int, dt.date]:
    """The quarter today falls in and the day it ends: its report follows that day."""
    quarter = quarter_of(today)
    return *quarter, quarter_bounds(*quarter)[1]
