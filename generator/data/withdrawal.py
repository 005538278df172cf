"""Withdrawing a row: a reason typed in a sheet's Withdraw column takes it out of lists, totals, feeds and files.

Every dataset may carry two optional columns, declared here for any descriptor that does not declare them:
`withdrawn` (the date, set by the import) and `withdrawn_reason`. A row with a reason is withdrawn; nothing
is withdrawn without one. A withdrawn grant's page stays at its address and says when and why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from ..core.memo import remember
from ..core.problems import Problem, quote

if TYPE_CHECKING:  # load.py declares the columns through this module, so it is not imported at run time
    from .load import RawPackage, Table

DATE, REASON = "withdrawn", "withdrawn_reason"
SHEET_HEADING = "Withdraw"  # the sheet's column for the reason
FIELDS = [
    {
        "name": DATE,
        "type": "date",
        "description": "When the row was withdrawn (set by the import from the sheet's Withdraw column)",
        "description_cy": "Pryd y tynnwyd y rhes yn ôl (gosodir gan y mewnforio o golofn Tynnu'n ôl y daenlen)",
    },
    {
        "name": REASON,
        "type": "string",
        "description": "Why the row was withdrawn: it then leaves lists, totals, feeds and downloads, "
        "and its own page, if it has one, says so",
        "description_cy": "Pam y tynnwyd y rhes yn ôl: mae wedyn yn gadael rhestrau, cyfansymiau, ffrydiau a "
        "lawrlwythiadau, ac mae ei thudalen ei hun, os oes ganddi un, yn dweud hynny",
    },
]
NAMES = {DATE, REASON}


def declare(descriptor: dict) -> None:
    """Add the two optional columns to every resource that does not declare them."""
    for resource in descriptor.get("resources", []) if isinstance(descriptor, dict) else []:
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            continue
        names = {f.get("name") for f in schema["fields"] if isinstance(f, dict)}
        schema["fields"] += [dict(f) for f in FIELDS if f["name"] not in names]


def key_of(row: dict[str, str], columns: list[str]) -> tuple[str, ...]:
    return tuple(row.get(c, "").strip() for c in columns)


def is_withdrawn(row: dict[str, str]) -> bool:
    return bool(row.get(REASON, "").strip())


def split(tables: dict[str, Table]) -> tuple[dict[str, Table], dict[str, list[dict[str, str]]]]:
    """The tables without their withdrawn rows, and the withdrawn rows of each."""
    live, gone = {}, {}
    for name, table in tables.items():
        # Every row of every table is read: a preview keeps each table's answer until the table changes.
        live[name], withdrawn = remember("withdrawal-split", table.file, table.signature, lambda t=table: _split(t))
        if withdrawn:
            gone[name] = withdrawn
    return live, gone


def _split(table: Table) -> tuple[Table, list[dict[str, str]]]:
    withdrawn = [row for row in table.rows if is_withdrawn(row)]
    if not withdrawn:
        return table, withdrawn
    return dataclasses.replace(table, rows=[r for r in table.rows if not is_withdrawn(r)]), withdrawn


def check(raw: RawPackage) -> list[Problem]:
    """A withdrawal has a date and a reason; a row still published never points at a withdrawn one."""
    # It reads every row of every table: a preview keeps each table's answer, and each reference's, until a
    # table it reads changes (a table read leniently, without its problem rows, has no signature and is never kept).
    found = []
    for table in raw.tables.values():
        found += remember("withdrawal-dates", table.file, table.signature, lambda t=table: _dated(t))
    for table in raw.tables.values():
        for foreign in table.descriptor.get("schema", {}).get("foreignKeys", []):
            target = raw.tables.get(foreign.get("reference", {}).get("resource"))
            if target is None:
                continue
            signatures = (table.signature, target.signature)
            key = None if None in signatures else (*signatures, repr(foreign))
            identity = (table.file, target.file, repr(foreign))
            found += remember(
                "withdrawal-references", identity, key, lambda t=table, f=foreign, g=target: _uses(t, f, g)
            )
    return found


def _dated(table: Table) -> list[Problem]:
    """Each withdrawn row has a date and a reason."""
    found = []
    for row in table.rows:
        number = int(row["__row__"])
        if row.get(DATE, "").strip() and not is_withdrawn(row):
            found.append(
                Problem(
                    table.file,
                    number,
                    REASON,
                    "is empty, but the row has a withdrawn date",
                    "say why it was withdrawn (nothing is withdrawn without a reason), or clear the date",
                )
            )
        if is_withdrawn(row) and not row.get(DATE, "").strip():
            found.append(
                Problem(
                    table.file,
                    number,
                    DATE,
                    "is empty, but the row has a reason for withdrawing it",
                    "write the date it was withdrawn, e.g. 2026-11-23",
                )
            )
    return found


def _uses(table: Table, foreign: dict, target: Table) -> list[Problem]:
    """The rows of `table` still published that point (by this foreign key) at a withdrawn row of `target`."""
    withdrawn = {key_of(r, foreign["reference"]["fields"]) for r in target.rows if is_withdrawn(r)}
    found = []
    for row in table.rows:
        value = key_of(row, foreign["fields"])
        if not is_withdrawn(row) and value in withdrawn:
            found.append(
                Problem(
                    table.file,
                    int(row["__row__"]),
                    foreign["fields"][0],
                    f"{quote(', '.join(value))} is withdrawn from {target.name}, but this row still uses it",
                    f"withdraw this row too, or clear the withdrawal in {target.file}",
                )
            )
    return found


def stamp(header: list[str], rows: list[dict[str, str]], today: dt.date) -> list[dict[str, str]]:
    """Date each newly withdrawn row (a reason, no date yet) and undate a row whose reason was cleared; the rows
    newly withdrawn. Adds the date column to the header when it is needed, or beside a reason column."""
    newly = []
    for row in rows:
        if is_withdrawn(row) and not row.get(DATE, "").strip():
            row[DATE] = today.isoformat()
            newly.append(row)
        elif not is_withdrawn(row) and row.get(DATE, "").strip():
            row[DATE] = ""
    if (newly or REASON in header) and DATE not in header:
        header.insert(header.index(REASON) if REASON in header else len(header), DATE)
    return newly
