"""Check spend.csv's invoice dates: an invoice is received before it is paid (payment times count from it)."""

from __future__ import annotations

import datetime as dt

from ...core.problems import Problem
from ..load import RawPackage


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None  # not a date: the table check says so


def check(raw: RawPackage) -> list[Problem]:
    spend = raw.tables.get("spend")
    if spend is None or "invoice_date" not in spend.header:
        return []
    found = []
    for row in spend.rows:
        received, paid = _date(row.get("invoice_date", "")), _date(row.get("date", ""))
        if received and paid and received > paid:
            found.append(
                Problem(
                    spend.file,
                    int(row["__row__"]),
                    "invoice_date",
                    f'"{received.isoformat()}" is after the payment date, {paid.isoformat()}',
                    "an invoice is received before it is paid: check both dates",
                )
            )
    return found
