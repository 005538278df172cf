"""The duties register and the compliance status of each duty, worked out from the data's own dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..core.formatting import N_, long_date
from ..core.i18n import _
from ..core.installed import STANDARDS
from . import act_duties as act
from . import completeness

REGISTER = STANDARDS / "duties.yaml"
PUBLISHED, DUE_SOON, OVERDUE, MISSING = "Published", "Due soon", "Overdue", "Missing"
# For each frequency: (age in days after which it is due soon, age after which it is overdue).
AGE_LIMITS = {
    "monthly": (31, 62),  # last month due as soon as practicable; two months old is late
    "quarterly": (92, 123),
    "annual": (365, 396),
    "keep current": (335, 366),  # reviewed at least once a year
}
FREQUENCIES = (*AGE_LIMITS, "before each financial year", "when it happens", "within 56 days", *act.FREQUENCIES)
RESPONSE_DAYS = 56
# How often, as a note's sentence says it ("it should be updated quarterly"), for the catalogue.
UPDATED = (N_("monthly"), N_("quarterly"), N_("annual"), N_("at least once a year"))


@dataclass(frozen=True)
class Duty:
    id: str
    para: str
    title: str
    frequency: str
    source: dict
    link: str
    group: str
    timing: dict | None = field(default=None, compare=False)  # the Procurement Act's periods and commencement


@dataclass(frozen=True)
class Compliance:
    duty: Duty
    status: str
    latest: dt.date | None
    note: str
    archive: int = 0  # records from before the current body took the functions: the earlier bodies' archive
    due: dt.date | None = None  # the next deadline, where the law sets one (the Procurement Act's duties)
    # The words shown for the status where "Published" would claim too much: for the Act's periodic duties the data
    # shows only that the period's figures are ready, not that they were uploaded to the Central Digital Platform.
    shown: str = ""

    @property
    def label(self) -> str:
        return self.shown or self.status


@lru_cache(maxsize=1)
def _register_text() -> dict:
    return yaml.safe_load(REGISTER.read_text(encoding="utf-8"))


def load_register(timetable: dict | None = None, changes: list | None = None, nation: str = "England") -> list[Duty]:
    """The statutory register, with this office's changes (data/duties.yaml) and timetable applied, citing the
    law of the body's nation (act.nation). Retired duties are left out; see retired()."""
    timetable = timetable or {}
    return [
        Duty(
            d["id"],
            str(d.get("para_wales") if nation == "Wales" and d.get("para_wales") else d["para"]),
            d["title"],
            timetable.get(d["id"], d["frequency"]),
            d["source"],
            d["link"],
            d["group"],
            d.get("timing"),
        )
        for d in _entries(changes or [])
        if not d.get("retired")
    ]


def register_for(site) -> list[Duty]:
    """The register as it applies to this office: its timetable, its changes and its nation's law."""
    return load_register(site.profile.get("publication_timetable"), site.duty_changes, act.nation(site.profile))


def retired(changes: list | None) -> list[dict]:
    """Duties this office has retired in data/duties.yaml: their title and the reason given."""
    return [d for d in _entries(changes or []) if d.get("retired")]


def _entries(changes: list) -> list[dict]:
    """Register entries in group order, each with its group's title, after the office's changes: a change
    naming a known id updates that duty; any other id adds a duty (at the end of its group)."""
    entries = [dict(d, group=group["title"]) for group in _register_text()["groups"] for d in group["duties"]]
    by_id = {d["id"]: d for d in entries}
    for change in changes:
        if change["id"] in by_id:
            by_id[change["id"]].update(change)
        else:
            entries.append(dict(change))
            by_id[change["id"]] = entries[-1]
    groups = list(dict.fromkeys(d["group"] for d in entries))
    return sorted(entries, key=lambda d: groups.index(d["group"]))


def due_by_age(frequency: str, latest: dt.date) -> dt.date:
    """The last day an update counts as on time: after it, the duty is overdue."""
    return latest + dt.timedelta(days=AGE_LIMITS[frequency][1])


def status_by_age(frequency: str, latest: dt.date, today: dt.date) -> tuple[str, str]:
    due_soon, overdue = AGE_LIMITS[frequency]
    age = (today - latest).days
    due = long_date(due_by_age(frequency, latest))
    if age > overdue:
        return (
            OVERDUE,
            _("The latest data is %(age)s days old; it should be updated %(frequency)s. An update was due by %(due)s.")
            % {"age": age, "frequency": _(frequency.replace("keep current", "at least once a year")), "due": due},
        )
    if age > due_soon:
        return DUE_SOON, _("An update is due by %(due)s.") % {"due": due}
    return PUBLISHED, ""


def status_before_year(years: set[str], today: dt.date) -> tuple[str, str]:
    """Budget and precept must be published before the financial year starts."""
    start = today.year if today.month >= 4 else today.year - 1
    current, following = f"{start}/{str(start + 1)[-2:]}", f"{start + 1}/{str(start + 2)[-2:]}"
    if current not in years:
        return (
            OVERDUE,
            _("Nothing is published for %(year)s, which started on %(date)s; it was due before then.")
            % {"year": current, "date": long_date(dt.date(start, 4, 1))},
        )
    if today.month in (2, 3) and following not in years:
        return DUE_SOON, _("%(year)s is due by %(date)s, before it starts on %(start)s.") % {
            "year": following,
            "date": long_date(dt.date(start + 1, 3, 31)),
            "start": long_date(dt.date(start + 1, 4, 1)).removesuffix(f" {start + 1}"),
        }
    return PUBLISHED, ""


def status_of_responses(rows: list[dict], today: dt.date, since: dt.date | None = None) -> tuple[str, str]:
    if since:  # a response that fell due before the handover was the earlier body's to publish
        rows = [r for r in rows if r["published"] + dt.timedelta(days=RESPONSE_DAYS) >= since]
    late = [r for r in rows if not r.get("response_date") and (today - r["published"]).days > RESPONSE_DAYS]
    waiting = [r for r in rows if not r.get("response_date") and r not in late]
    if late:
        overdue = "; ".join(
            _("%(title)s (due by %(date)s)")
            % {"title": r["title"], "date": long_date(r["published"] + dt.timedelta(days=RESPONSE_DAYS))}
            for r in late
        )
        return OVERDUE, _("No response yet to: %(reports)s. A response is due within %(days)s days of a report.") % {
            "reports": overdue,
            "days": RESPONSE_DAYS,
        }
    if waiting:
        due = min(r["published"] for r in waiting) + dt.timedelta(days=RESPONSE_DAYS)
        return DUE_SOON, _("A response is due by %(date)s.") % {"date": long_date(due)}
    return PUBLISHED, ""


def assess(site, register: list[Duty]) -> list[Compliance]:
    """Each duty in force for this body (a Welsh body's follow the Welsh commencement), judged from the data."""
    where = act.nation(site.profile)
    return [_assess_one(site, duty) for duty in register if act.applies(duty.timing, where)]


def not_in_force(site, register: list[Duty]) -> list[Duty]:
    """Duties the law has not brought into force for this body (the Act's payment duties, in Wales)."""
    where = act.nation(site.profile)
    return [duty for duty in register if not act.applies(duty.timing, where)]


def _rows(site, source: dict) -> list[dict] | None:
    name = source["resource"]
    if name not in site.records:
        return None
    where = source.get("where", {})
    if not where:  # read only: no copy of (say) 100,000 payments for each question asked of them
        return completeness.covered(site.records[name], source)
    rows = [r for r in site.records[name] if all(str(r.get(k)) == v for k, v in where.items())]
    return completeness.covered(rows, source)


def latest_date(site, source: dict) -> dt.date | None:
    """The date of the newest data behind a duty: from the data itself where it has dates."""
    if source.get("decisions"):
        return site.decisions[0].date if site.decisions else None
    if "page" in source:
        meta = site.content_meta.get(source["page"])
        value = (meta or {}).get("last_reviewed")
        return dt.date.fromisoformat(str(value)) if value else None
    rows = _rows(site, source)
    if not rows:
        return None
    resource = site.resource(source["resource"])
    # The newest of: the newest dated row (date_field), the start of the newest financial year, and the
    # resource's last_updated (a month with nothing new to publish is still up to date once checked).
    candidates = []
    field = resource.get("date_field")
    if field:
        candidates += [r[field] for r in rows if isinstance(r.get(field), dt.date)]
    if "financial_year" in rows[0]:
        candidates.append(dt.date(int(max(r["financial_year"] for r in rows)[:4]), 4, 1))
    if resource.get("last_updated") and not source.get("where"):
        candidates.append(dt.date.fromisoformat(str(resource["last_updated"])))
    return max(candidates) if candidates else None


def archive_size(site, source: dict, since: dt.date | None) -> int:
    """How many of the duty's records date from before the current body took the functions."""
    if since is None:
        return 0
    if source.get("decisions"):
        return sum(1 for d in site.decisions if d.date < since)
    if "resource" not in source or source["resource"] not in site.records:
        return 0
    field = site.resource(source["resource"]).get("date_field")
    rows = _rows(site, source) or []
    return sum(1 for r in rows if field and isinstance(r.get(field), dt.date) and r[field] < since)


def _assess_one(site, duty: Duty) -> Compliance:
    """Judged for the current body: its duties start on `since`; earlier records are the predecessors' archive.

    A duty judged from a dataset is judged again in a preview only when that dataset, the date or who holds
    the functions changes (the spending duty reads 100,000 rows at a large office's size)."""
    name = duty.source.get("resource")
    if name is None or "page" in duty.source or duty.source.get("decisions"):
        return _assessed(site, duty)
    return site.derived(
        ("duty", duty.id), [name], lambda: _assessed(site, duty), repr(duty), site.build_date, repr(site.bodies)
    )


def _assessed(site, duty: Duty) -> Compliance:
    since = site.current_body.start
    found = _judge(site, duty, since)
    archive = 0 if duty.timing else archive_size(site, duty.source, since)  # the Act's duties began in 2025-26
    return Compliance(found.duty, found.status, found.latest, found.note, archive, found.due, found.shown)


def _judge(site, duty: Duty, since: dt.date | None) -> Compliance:
    source = duty.source
    exists = (
        bool(site.decisions)
        if source.get("decisions")
        else (source.get("page") in site.content_meta if "page" in source else bool(_rows(site, source)))
    )
    latest = latest_date(site, source) if exists else None
    if not exists:
        return Compliance(duty, MISSING, None, _("Not published yet."))
    if duty.timing and duty.frequency in act.PERIODIC:
        status, note, due = act.judge_periodic(duty.timing, act.nation(site.profile), latest, site.build_date)
        return Compliance(duty, status, latest, note, due=due, shown=act.periodic_label(status, note))
    if duty.timing and duty.frequency == act.CONTRACT_NOTICE:
        rows = _rows(site, source) or []
        status, note, due = act.judge_contract_notices(duty.timing, act.nation(site.profile), rows, site.build_date)
        return Compliance(duty, status, latest, note, due=due)
    if duty.frequency == "before each financial year":
        status, note = status_before_year({r["financial_year"] for r in _rows(site, source)}, site.build_date)
    elif duty.frequency == "within 56 days":
        status, note = status_of_responses(_rows(site, source), site.build_date, since)
    elif duty.frequency == "when it happens":
        status, note = PUBLISHED, ""
    elif latest is None:
        status, note = DUE_SOON, _("The data has no date; set last_updated in data/datapackage.yaml.")
    elif since and latest < since:
        # Nothing yet from the current body: its clock starts when it took the functions, not at the
        # earlier body's last publication.
        status = status_by_age(duty.frequency, since, site.build_date)[0]
        due = long_date(due_by_age(duty.frequency, since))
        next_step = {
            PUBLISHED: _("An update is due by %(due)s."),
            DUE_SOON: _("An update is due by %(due)s."),
            OVERDUE: _("Nothing has been published since then; an update was due by %(due)s."),
        }[status] % {"due": due}
        note = _("The latest data is from %(earlier)s, before %(current)s took on the functions on %(date)s.") % {
            "earlier": site.body_on(latest).the_role,
            "current": site.current_body.the_role,
            "date": long_date(since),
        }
        note += " " + next_step
    else:
        status, note = status_by_age(duty.frequency, latest, site.build_date)
    # Each record must hold what the law asks of it (a copy of each contract over £10,000): else incomplete.
    # A column the file does not keep at all is optional: the note says what would complete the duty.
    header = _header(site, source)
    missing = (
        completeness.lacking(_rows(site, source), source, _file(site, source), header) if "complete" in source else ""
    )
    if missing and status == PUBLISHED:
        return Compliance(duty, DUE_SOON, latest, missing, shown=completeness.INCOMPLETE)
    advice = completeness.not_kept(source, header, _file(site, source)) if header is not None else ""
    return Compliance(duty, status, latest, f"{note} {missing} {advice}".strip())


def _header(site, source: dict) -> list[str] | None:
    """The columns the duty's data file has (None where the data is not a file read from data/)."""
    table = site.tables.get(source.get("resource", ""))
    return list(table.header) if table is not None else None


def _file(site, source: dict) -> str:
    """The data file behind a dataset duty, as the comms team knows it: contracts.csv."""
    return str(site.resource(source["resource"]).get("path", f"{source['resource']}.csv"))
