"""The Procurement Act 2023's duties: commencement by nation, reporting periods, deadlines, judged from the data."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.formatting import N_, long_date, month_name, plural
from ..core.i18n import _

PERIODIC = ("each six-month period, within 30 days", "each quarter, within 30 days")
CONTRACT_NOTICE = "within 30 days of entering the contract"
FREQUENCIES = (*PERIODIC, CONTRACT_NOTICE)
NATIONS = ("England", "Wales")
PUBLISHED, DUE_SOON, OVERDUE = "Published", "Due soon", "Overdue"
NOT_DUE_YET = N_("Not due yet")
DATA_COMPLETE = N_("Data complete for the period")
COUNTED = (N_("contract"),)  # the noun plural() counts here, for the catalogue


def nation(profile: dict) -> str:
    """profile.yaml's optional nation: Wales, or England when it says nothing (or anything else)."""
    return "Wales" if str(profile.get("nation") or "").strip().lower() == "wales" else "England"


def in_force(timing: dict, where: str) -> dt.date | None:
    """The date the duty came into force in this nation; None: not in force there."""
    value = (timing.get("from") or {}).get(where)
    return dt.date.fromisoformat(str(value)) if value else None


def applies(timing: dict | None, where: str) -> bool:
    return not timing or in_force(timing, where) is not None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        """'April to June 2026', 'October 2025 to March 2026', or '1 January to 31 March 2026' when cut short."""
        if self.start.day != 1:
            first = long_date(self.start).removesuffix(f" {self.start.year}")
            return _("%(first)s to %(last)s") % {"first": first, "last": long_date(self.end)}
        first = month_name(self.start.year, self.start.month)  # in the page's language: "Ebrill 2026"
        if self.start.year == self.end.year:
            first = first.removesuffix(f" {self.start.year}")
        return _("%(first)s to %(last)s") % {"first": first, "last": month_name(self.end.year, self.end.month)}

    @property
    def slug(self) -> str:
        return f"{self.start.year}-{self.start.month:02d}-to-{self.end.year}-{self.end.month:02d}"


def deadline(first_day: dt.date, days: int = 30) -> dt.date:
    """The Act's deadline: "before the end of the period of 30 days beginning with" a day (ss.53, 69, 70).

    The period counts that day as its first, so 30 days beginning with 30 June 2026 end on 29 July 2026.
    """
    return first_day + dt.timedelta(days=days - 1)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def periods(timing: dict, where: str, until: dt.date) -> list[Period]:
    """Every reporting period from the duty's commencement to the one holding `until`, oldest first."""
    start = in_force(timing, where)
    ends = sorted(int(m) for m in timing.get("period_ends", []))
    if start is None or not ends:
        return []
    found: list[Period] = []
    year, natural_start = start.year - 1, None
    while True:
        for month in ends:
            end = _month_end(year, month)
            if natural_start is not None and end >= start:
                found.append(Period(max(natural_start, start), end, deadline(end, int(timing["due_days"]))))
                if end >= until:
                    return found
            natural_start = end + dt.timedelta(days=1)
        year += 1


def period_of(timing: dict, where: str, day: dt.date) -> Period | None:
    found = periods(timing, where, day)
    return found[-1] if found and found[-1].start <= day else None


def judge_periodic(timing: dict, where: str, latest: dt.date | None, today: dt.date) -> tuple[str, str, dt.date]:
    """Each period that has ended is met once the data runs to its end (the figures and the file are then here)."""
    every = periods(timing, where, today)
    ended = [p for p in every if p.end < today]
    if not ended:
        return (
            PUBLISHED,
            _("Not due yet: the first, for %(period)s, is due by %(date)s.")
            % {"period": every[0].label, "date": long_date(every[0].due)},
            every[0].due,
        )
    gap = next((p for p in ended if latest is None or latest < p.end), None)
    if gap is None:
        upcoming = next(p for p in periods(timing, where, today + dt.timedelta(days=200)) if p.end >= today)
        return (
            PUBLISHED,
            _(
                "The spending data covers %(period)s, ready for the Central Digital Platform (due there by %(due)s; "
                "this site cannot see the upload itself). Next due by %(next)s, for %(next_period)s."
            )
            % {
                "period": ended[-1].label,
                "due": long_date(ended[-1].due),
                "next": long_date(upcoming.due),
                "next_period": upcoming.label,
            },
            upcoming.due,
        )
    words = {"period": gap.label, "date": long_date(gap.due), "latest": long_date(latest)}
    if today > gap.due:
        late = (
            _("%(period)s was due by %(date)s; the spending data runs only to %(latest)s.")
            if latest
            else _("%(period)s was due by %(date)s; there is no spending data.")
        )
        return OVERDUE, late % words, gap.due
    soon = (
        _("%(period)s is due by %(date)s; the spending data runs only to %(latest)s.")
        if latest
        else _("%(period)s is due by %(date)s; there is no spending data.")
    )
    return DUE_SOON, soon % words, gap.due


def periodic_label(status: str, note: str) -> str:
    """What a met periodic duty's status says: the data is ready; only the platform shows the upload itself."""
    if status != PUBLISHED:
        return ""
    return NOT_DUE_YET if note.startswith(_(NOT_DUE_YET)) else DATA_COMPLETE


def judge_contract_notices(
    timing: dict, where: str, rows: list[dict], today: dt.date
) -> tuple[str, str, dt.date | None]:
    """A contract procured under the Act, worth the threshold or more, needs a notice (its ocid) within 30 days."""
    if not any(isinstance(r.get("procurement_start"), dt.date) for r in rows):
        return PUBLISHED, _("Add procurement_start and ocid to contracts.csv so that this can be checked."), None
    start, threshold = in_force(timing, where), Decimal(str(timing.get("threshold", "0")))
    days = int(timing["due_days"])
    needed = [
        r
        for r in rows
        if isinstance(r.get("procurement_start"), dt.date)
        and start is not None
        and r["procurement_start"] >= start
        and r["value"] >= threshold
        and not r.get("ocid")
    ]
    late = [r for r in needed if deadline(r["start_date"], days) < today]
    if late:
        return (
            OVERDUE,
            _(
                "No contract details notice (ocid) is recorded for %(contracts)s whose 30 days beginning with its "
                "start date have ended: %(references)s."
            )
            % {"contracts": plural(len(late), "contract"), "references": ", ".join(r["reference"] for r in late)},
            deadline(min(r["start_date"] for r in late), days),
        )
    if needed:
        due = deadline(min(r["start_date"] for r in needed), days)
        names = ", ".join(r["reference"] for r in needed)
        return (
            DUE_SOON,
            _("A contract details notice is due by %(date)s for: %(references)s.")
            % {
                "date": long_date(due),
                "references": names,
            },
            due,
        )
    return PUBLISHED, "", None
