"""Check spend.csv's dates and payers: an invoice is received before it is paid; a named payer held office then."""

from __future__ import annotations

import datetime as dt

from ...core.memo import remember
from ...core.problems import Problem
from ..bodies import CHIEF_CONSTABLE, GENERIC_PAYER, history, named_body
from ..load import RawPackage


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None  # not a date: the table check says so


def check(raw: RawPackage) -> list[Problem]:
    # It reads every payment: a preview keeps its answer until spend.csv, contracts.csv or the profile changes (a
    # table read leniently, without its problem rows, has no signature and is never kept).
    tables = [raw.tables.get(name) for name in ("spend", "contracts")]
    signatures = tuple(table.signature if table is not None else "" for table in tables)
    key = None if None in signatures else (*signatures, repr(raw.profile))
    return list(
        remember(
            "payments-check", "spend", key, lambda: invoice_dates(raw) + invoices_before_contracts(raw) + payers(raw)
        )
    )


def invoices_before_contracts(raw: RawPackage) -> list[Problem]:
    """A warning for an invoice under a contract dated before the contract started (published anyway)."""
    spend, contracts = raw.tables.get("spend"), raw.tables.get("contracts")
    if spend is None or contracts is None or not {"invoice_date", "contract_reference"} <= set(spend.header):
        return []
    starts = {row.get("reference", "").strip(): _date(row.get("start_date", "")) for row in contracts.rows}
    found = []
    for row in spend.rows:
        received, start = _date(row.get("invoice_date", "")), starts.get(row.get("contract_reference", "").strip())
        if received and start and received < start:
            found.append(
                Problem(
                    spend.file,
                    int(row["__row__"]),
                    "invoice_date",
                    f'"{received.isoformat()}" is before its contract, {row["contract_reference"].strip()}, '
                    f"started on {start.isoformat()}",
                    "check the invoice date and the contract's start_date in contracts.csv",
                    warning=True,
                )
            )
    return found


def invoice_dates(raw: RawPackage) -> list[Problem]:
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


def payers(raw: RawPackage) -> list[Problem]:
    """Warnings: spending_body is the Chief Constable, the generic "Commissioner", or a body in profile.yaml that
    held the functions on the payment's date (a data package may also limit it by enum). A warning, not an
    error, so that a change to profile.yaml (a role renamed, a handover date corrected) never stops a build."""
    spend = raw.tables.get("spend")
    if spend is None or "spending_body" not in spend.header or not isinstance(raw.profile, dict):
        return []
    try:
        bodies = history(raw.profile)
    except (AttributeError, KeyError, TypeError, ValueError):
        return []  # the profile's own check says what is wrong
    known = ", ".join(dict.fromkeys([CHIEF_CONSTABLE, GENERIC_PAYER, *(b.role_short for b in bodies)]))
    found = []
    for row in spend.rows:
        value, paid = row.get("spending_body", "").strip(), _date(row.get("date", ""))
        if not value or value in (CHIEF_CONSTABLE, GENERIC_PAYER):
            continue
        body = named_body(bodies, value)
        if body is None:
            found.append(
                Problem(
                    spend.file,
                    int(row["__row__"]),
                    "spending_body",
                    f'"{value}" is neither the Chief Constable nor a body in data/profile.yaml',
                    f"use one of: {known}; until then it is published as paid by the body in office on its date",
                    warning=True,
                )
            )
        elif paid and not body.holds_on(paid):
            found.append(
                Problem(
                    spend.file,
                    int(row["__row__"]),
                    "spending_body",
                    f'"{value}" did not hold the police and crime functions on {paid.isoformat()}',
                    f"write {GENERIC_PAYER} (the site shows the body in office on the payment's date) "
                    f"or {CHIEF_CONSTABLE}",
                    warning=True,
                )
            )
    return found
