"""How references look in a spreadsheet: "Name (identifier)" in drop-downs and cells, plain identifiers in data/.

A sheet shows a reference to another dataset (a grant's recipient, its priority) as the record's name with
its identifier in brackets, so a person can pick from a list they recognise; importing turns it back.
"""

from __future__ import annotations

import re

from ..data.checks.suggest import label_column
from ..data.load import RawPackage, Table
from ..data.rowkeys import row_key

BRACKETED = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>[^()]+)\)$")
# A column that repeats another dataset's name for readers; filled in a sheet, kept empty in data/ when it
# only repeats the name (the site fills it), so a sheet with data imports back unchanged.
DERIVED = {("grants", "Recipient Org:Name"): ("Recipient Org:Identifier", "organisations")}


def references(raw_tables: dict[str, Table], resource: dict) -> dict[str, tuple[Table, str, str]]:
    """column -> (target table, its key column, its name column), for references whose target has names."""
    found = {}
    for key in resource["schema"].get("foreignKeys", []):
        target = raw_tables.get(key["reference"]["resource"])
        label = label_column(target)
        if target is not None and label:
            found[key["fields"][0]] = (target, key["reference"]["fields"][0], label)
    return found


def choices(raw_tables: dict[str, Table], resource: dict) -> dict[str, list[str]]:
    """Drop-down lists: "Name (identifier)" for each reference."""
    return {
        column: [f"{row.get(label, '')} ({row.get(key, '')})" for row in target.rows]
        for column, (target, key, label) in references(raw_tables, resource).items()
    }


def display_rows(raw_tables: dict[str, Table], resource: dict, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Published rows as a sheet shows them."""
    refs = references(raw_tables, resource)
    names = {
        column: {r.get(key, ""): r.get(label, "") for r in target.rows} for column, (target, key, label) in refs.items()
    }
    shown = []
    for row in rows:
        row = dict(row)
        for column, lookup in names.items():
            if row.get(column) in lookup:
                row[column] = f"{lookup[row[column]]} ({row[column]})"
        for (dataset, column), (source, target) in DERIVED.items():
            if dataset == resource["name"] and not row.get(column) and target in raw_tables:
                row[column] = _name_of(raw_tables[target], _identifier(row.get(source, "")))
        shown.append(row)
    return shown


def undo_display_values(
    raw: RawPackage, resource: dict, rows: list[dict[str, str]], previous: Table | None
) -> list[dict[str, str]]:
    """Sheet rows as data/ stores them: identifiers for references, derived names left empty as published."""
    refs = references(raw.tables, resource)
    key_columns = row_key(resource)
    published = {tuple(r.get(c, "") for c in key_columns): r for r in previous.rows} if previous and key_columns else {}
    result = []
    for row in rows:
        row = dict(row)
        for column, (target, key, _label) in refs.items():
            match = BRACKETED.match(row.get(column, ""))
            if match and any(r.get(key) == match["id"].strip() for r in target.rows):
                row[column] = match["id"].strip()
        for (dataset, column), (source, target) in DERIVED.items():
            if dataset != resource["name"] or not row.get(column) or target not in raw.tables:
                continue
            before = published.get(tuple(row.get(c, "") for c in key_columns), {})
            if not before.get(column) and row[column] == _name_of(raw.tables[target], row.get(source, "")):
                row[column] = ""
        result.append(row)
    return result


def _identifier(text: str) -> str:
    match = BRACKETED.match(text)
    return match["id"].strip() if match else text


def _name_of(table: Table, identifier: str) -> str:
    label = label_column(table)
    return next((r.get(label, "") for r in table.rows if label and r.get("id") == identifier), "")
