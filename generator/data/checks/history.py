"""Check who held the functions over time (profile.yaml `since` and `predecessors`) against the records' dates."""

from __future__ import annotations

import datetime as dt

from ...core.problems import Problem
from ..bodies import as_date
from ..load import RawPackage

FILE = "data/profile.yaml"
# A predecessor's unknown keys are reported by checks/keys.py (PROFILE_KEYS["predecessors"]).
PREDECESSOR_REQUIRED = ("body_name", "short_name", "commissioner", "from", "until")


def check(raw: RawPackage) -> list[Problem]:
    profile = raw.profile
    if not profile or ("since" not in profile and "predecessors" not in profile):
        return []
    found: list[Problem] = []
    since = _since(profile, found)
    periods = _predecessors(profile.get("predecessors"), found)
    if found:
        return found
    found += _sequence(periods, since, "predecessors" in profile)
    if found:
        return found
    first = periods[0][1] if periods else since
    if first is not None:
        found += _records_before(raw, first, "predecessors[1].from" if periods else "since")
    found += _funders(raw, profile.get("predecessors") or [], periods)
    return found


def _since(profile: dict, found: list[Problem]) -> dt.date | None:
    if "since" not in profile:
        if profile.get("predecessors"):
            found.append(
                Problem(
                    FILE,
                    None,
                    "since",
                    "is missing",
                    "add since: with the date the current body took the functions (the day after the last until)",
                )
            )
        return None
    since = as_date(profile["since"])
    if since is None:
        found.append(Problem(FILE, None, "since", f'"{profile["since"]}" is not a date', "write it as YYYY-MM-DD"))
    return since


def _predecessors(value: object, found: list[Problem]) -> list[tuple[int, dt.date, dt.date]]:
    """(position, from, until) of each predecessor that is well formed; problems for the rest."""
    if value is None:
        return []
    if not isinstance(value, list):
        found.append(
            Problem(
                FILE, None, "predecessors", "should be a list", "start each earlier body with a line '  - body_name: …'"
            )
        )
        return []
    periods = []
    for number, entry in enumerate(value, start=1):
        key = f"predecessors[{number}]"
        if not isinstance(entry, dict):
            found.append(Problem(FILE, None, key, "should be a set of key: value lines", "see README.md for the keys"))
            continue
        for name in PREDECESSOR_REQUIRED:
            if not str(entry.get(name) or "").strip():
                found.append(Problem(FILE, None, f"{key}.{name}", "is missing or empty", "every earlier body needs it"))
        start, end = (as_date(entry.get(k)) if entry.get(k) else None for k in ("from", "until"))
        for name, date in (("from", start), ("until", end)):
            if entry.get(name) and date is None:
                found.append(
                    Problem(FILE, None, f"{key}.{name}", f'"{entry[name]}" is not a date', "write it as YYYY-MM-DD")
                )
        if start and end:
            if end < start:
                found.append(
                    Problem(
                        FILE,
                        None,
                        f"{key}.until",
                        f"{end.isoformat()} is before its from ({start.isoformat()})",
                        "a body's period must end after it starts",
                    )
                )
            periods.append((number, start, end))
    return periods


def _sequence(periods: list[tuple[int, dt.date, dt.date]], since: dt.date | None, listed: bool) -> list[Problem]:
    """Oldest first, no gap, no overlap; the last until is the day before since."""
    found = []
    for (number, start, end), (_, next_start, _) in zip(periods, periods[1:], strict=False):
        key = f"predecessors[{number + 1}].from"
        expected = end + dt.timedelta(days=1)
        if next_start < start:
            found.append(
                Problem(
                    FILE,
                    None,
                    key,
                    f"{next_start.isoformat()} is before the body listed above it",
                    "list earlier bodies oldest first",
                )
            )
        elif next_start < expected:
            found.append(
                Problem(
                    FILE,
                    None,
                    key,
                    f"{next_start.isoformat()} overlaps the period above it (until {end.isoformat()})",
                    f"only one body holds the functions on a day; start it on {expected.isoformat()}",
                )
            )
        elif next_start > expected:
            found.append(
                Problem(
                    FILE,
                    None,
                    key,
                    f"{next_start.isoformat()} leaves a gap after the period above it (until {end.isoformat()})",
                    f"start it on {expected.isoformat()}, the day after",
                )
            )
    if periods and since is not None:
        number, _, end = periods[-1]
        if end + dt.timedelta(days=1) != since:
            found.append(
                Problem(
                    FILE,
                    None,
                    f"predecessors[{number}].until",
                    f"{end.isoformat()} is not the day before since ({since.isoformat()})",
                    f"the last earlier body's until is the day before the current body took over: "
                    f"{(since - dt.timedelta(days=1)).isoformat()}",
                )
            )
    return found


def _records_before(raw: RawPackage, first: dt.date, key: str) -> list[Problem]:
    """A decision or grant dated before anyone held the functions is a typo or a missing predecessor."""
    found = []
    for decision in raw.decisions:
        date = as_date(decision.meta.get("date"))
        if date is not None and date < first:
            found.append(_too_early(decision.file, None, "date", date, first, key))
    grants = raw.tables.get("grants")
    for row in grants.rows if grants else []:
        date = as_date(row.get("Award Date", ""))
        if date is not None and date < first:
            found.append(_too_early(grants.file, int(row["__row__"]), "Award Date", date, first, key))
    return found


def _too_early(file: str, row: int | None, column: str, date: dt.date, first: dt.date, key: str) -> Problem:
    return Problem(
        file,
        row,
        column,
        f"{date.isoformat()} is before the first body in data/profile.yaml took the functions ({key}: {first.isoformat()})",
        "correct the date, or add the body that held the functions then to predecessors in data/profile.yaml",
    )


def _funders(raw: RawPackage, entries: list, periods: list[tuple[int, dt.date, dt.date]]) -> list[Problem]:
    """A predecessor that awarded grants needs its own 360Giving funder identifier."""
    grants = raw.tables.get("grants")
    if not grants:
        return []
    found = []
    for number, start, end in periods:
        if str(entries[number - 1].get("funder_identifier") or "").strip():
            continue
        awarded = [r for r in grants.rows if (d := as_date(r.get("Award Date", ""))) is not None and start <= d <= end]
        if awarded:
            found.append(
                Problem(
                    FILE,
                    None,
                    f"predecessors[{number}].funder_identifier",
                    f"is missing, and {len(awarded)} grant{'s' if len(awarded) != 1 else ''} in data/grants.csv "
                    f"{'were' if len(awarded) != 1 else 'was'} awarded in its period (first: row {awarded[0]['__row__']})",
                    "add the body's org-id (e.g. GB-GOR-PC000123), used as the grants' 360Giving Funding Org:Identifier",
                )
            )
    return found
