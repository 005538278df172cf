"""Who held the police and crime functions over time: the current body and its predecessors, from profile.yaml."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.i18n import _, definite

ROLE_DEFAULTS = {"role": "Police and Crime Commissioner", "role_short": "Commissioner"}
# Words in a role that mean a group decides together, at a meeting, rather than one person signing.
COLLECTIVE_WORDS = ("board", "committee", "panel", "cabinet", "bwrdd", "pwyllgor")  # English and Welsh


@dataclass(frozen=True)
class Body:
    """One body that held the functions, for a period. `commissioner` is whoever held them: the
    commissioner, the mayor, or a board's chair."""

    body_name: str
    short_name: str
    role: str
    role_short: str
    commissioner: str
    funder_identifier: str
    start: dt.date | None  # None: since before any record
    end: dt.date | None  # None: still in office
    current: bool

    @property
    def the_role(self) -> str:
        """ "the Commissioner", "the Mayor", "the Board" (Welsh "y Comisiynydd"): how a sentence names the office
        holder."""
        return definite(self.role_short)

    @property
    def collective(self) -> bool:
        """A board decides at a meeting; one person signs."""
        return any(word in self.role.lower().split() for word in COLLECTIVE_WORDS)

    @property
    def held_by(self) -> str:
        """Who held the functions: "the Mayor of Example County (Sam Example)", "the Board (chair: Jo Bloggs)"."""
        if not self.commissioner:
            return _("the %(role)s") % {"role": self.role}
        if self.collective:
            return _("the %(role)s (chair: %(name)s)") % {"role": self.role, "name": self.commissioner}
        return _("the %(role)s (%(name)s)") % {"role": self.role, "name": self.commissioner}

    def holds_on(self, date: dt.date) -> bool:
        return (self.start is None or date >= self.start) and (self.end is None or date <= self.end)


def as_date(value: object) -> dt.date | None:
    """A date from YAML (already a date) or ISO text; None when it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def history(profile: dict) -> list[Body]:
    """Every body that held the functions, oldest first; the last is the current body. Expects a valid profile."""
    bodies = [
        _body(p, as_date(p.get("from")), as_date(p.get("until")), current=False)
        for p in profile.get("predecessors") or []
    ]
    since = as_date(profile.get("since")) if profile.get("since") else None
    bodies.append(_body(profile, since, None, current=True))
    return bodies


def _body(entry: dict, start: dt.date | None, end: dt.date | None, current: bool) -> Body:
    values = ROLE_DEFAULTS | {k: v for k, v in entry.items() if v not in (None, "")}
    return Body(
        body_name=str(values.get("body_name", "")),
        short_name=str(values.get("short_name", "")),
        role=str(values["role"]),
        role_short=str(values["role_short"]),
        commissioner=str(values.get("commissioner", "")),
        funder_identifier=str(values.get("funder_identifier", "")),
        start=start,
        end=end,
        current=current,
    )


def body_on(bodies: list[Body], date: dt.date) -> Body:
    """The body in office on a date. Validation makes sure every record's date falls in a period;
    a date before them all (only possible in unvalidated data) goes to the earliest body."""
    for body in reversed(bodies):
        if body.holds_on(date):
            return body
    return bodies[0]


def bodies_between(bodies: list[Body], first: dt.date, last: dt.date) -> list[Body]:
    """The bodies in office at some time from first to last, oldest first (a quarter can span a handover)."""
    return [b for b in bodies if (b.start is None or b.start <= last) and (b.end is None or b.end >= first)] or [
        body_on(bodies, last)
    ]


CHIEF_CONSTABLE = "Chief Constable"
# spend.csv's spending_body "Commissioner" means the police and crime body as against the Chief Constable,
# whoever held the functions: it names no particular body.
GENERIC_PAYER = "Commissioner"


def names_of(body: Body) -> set[str]:
    """Every name a cell may give a body by: its role, short role, name or short name."""
    return {name for name in (body.role, body.role_short, body.body_name, body.short_name) if name}


def named_body(bodies: list[Body], value: str) -> Body | None:
    """The body a cell names (by any of its names, the generic "Commissioner" aside), or None."""
    if value == GENERIC_PAYER:
        return None
    return next((body for body in reversed(bodies) if value in names_of(body)), None)


def paid_by(bodies: list[Body], value: str, date: dt.date) -> str:
    """Who made a payment, as the page and the downloads both say: the Chief Constable, a body the office
    named, or (for the generic "Commissioner") the body holding the functions on the payment's date.
    An empty cell stays empty: the data does not say who paid."""
    value = (value or "").strip()
    if not value or value == CHIEF_CONSTABLE or named_body(bodies, value):
        return value
    return body_on(bodies, date).role_short
