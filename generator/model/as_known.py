"""Finance figures as known on the data's date: an outturn or actual for a period not yet ended is a forecast."""

from __future__ import annotations

import datetime as dt

from .records import Site

# The kind a finance file gives a period's final figure, and the date its period ends.
FINAL = {"budget": "outturn", "funding": "outturn", "reserves": "actual"}


def data_date(site: Site, name: str) -> dt.date:
    """The day the file's figures were current: its last_updated in the data package, never after the build."""
    updated = str(site.resource(name).get("last_updated") or "")
    try:
        return min(dt.date.fromisoformat(updated), site.build_date)
    except ValueError:
        return site.build_date


def period_end(name: str, row: dict) -> dt.date:
    """The last day a row's figure covers: a reserve's balance date, or 31 March ending a financial year."""
    if name == "reserves":
        return row["as_at"]
    return dt.date(int(row["financial_year"][:4]) + 1, 3, 31)


def as_known(site: Site, name: str) -> list[dict]:
    """The file's rows, with any final figure for a period that had not ended by the data's date called a
    forecast, as it must have been (where the year also has a forecast, that forecast is kept instead)."""
    rows = site.records.get(name, [])
    if name not in FINAL or not rows:
        return rows
    final, known = FINAL[name], data_date(site, name)
    early = {id(r) for r in rows if r["kind"] == final and period_end(name, r) > known}
    if not early:
        return rows
    forecast = {_period(name, r) for r in rows if r["kind"] == "forecast"}
    return [
        r | {"kind": "forecast"} if id(r) in early else r
        for r in rows
        if not (id(r) in early and _period(name, r) in forecast)
    ]


def _period(name: str, row: dict) -> object:
    return row["as_at"] if name == "reserves" else row["financial_year"]
