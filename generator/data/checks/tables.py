"""Check each CSV resource against its Table Schema with Frictionless, in plain English."""

from __future__ import annotations

import re

from frictionless import FrictionlessException, Resource, Schema

from ...core.dates import date_mistake, written_otherwise
from ...core.memo import remember
from ...core.problems import Problem, quote
from ..load import Table
from ..rowkeys import duplicates
from .columns import rows_to_check

TYPE_HINTS = {
    "number": "write a plain number such as 1250.50, with no £ sign or commas",
    "integer": "write a whole number such as 12",
    "date": "write a real date as YYYY-MM-DD, e.g. 2024-03-31",
    "datetime": "write a date and time as 2024-03-31T09:00:00Z",
    "boolean": "write true or false",
}


def check(table: Table) -> list[Problem]:
    return remember("table-check", table.file, table.signature, lambda: _check(table))


def _check(table: Table) -> list[Problem]:
    fields = {f["name"]: f for f in table.descriptor.get("schema", {}).get("fields", [])}
    found = check_header(table) + duplicates(table)
    present = [fields[c] for c in table.header if c in fields]
    if not present or not table.rows:
        return found
    columns = [f["name"] for f in present]
    try:
        schema = Schema.from_descriptor({"fields": present})
    except FrictionlessException as error:
        return [
            Problem(
                "data/datapackage.yaml", None, None, f'the schema of "{table.name}" is not valid: {error.error.note}'
            )
        ]
    # Frictionless checks only the rows that may have a problem (checks/columns.py): the others would give none.
    rows = [table.rows[index] for index in rows_to_check(schema, present, table.rows)]
    data = [columns, *([row.get(c, "") for c in columns] for row in rows)]
    report = Resource(data=data, schema=schema).validate(limit_errors=100_000)
    for task in report.tasks:
        for error in task.errors:
            problem = _translate(table.file, rows, fields, error)
            if problem:
                found.append(problem)
    return found


def check_header(table: Table) -> list[Problem]:
    """Required columns present, no heading twice, no unknown heading."""
    fields = {f["name"]: f for f in table.descriptor.get("schema", {}).get("fields", [])}
    found = []
    for name, spec in fields.items():
        if spec.get("constraints", {}).get("required") and name not in table.header:
            found.append(
                Problem(table.file, 1, name, "this required column is missing", "add a column with this heading")
            )
    known = ", ".join(f'"{n}"' for n in fields)
    seen = set()
    for column in table.header:
        if column in seen:
            found.append(Problem(table.file, 1, column, "this column heading appears twice", "remove one of them"))
        seen.add(column)
        if column not in fields:
            found.append(
                Problem(table.file, 1, column or "(blank)", "is not a known column", f"the columns are {known}")
            )
    return found


def _translate(file: str, rows: list[dict[str, str]], fields: dict, error) -> Problem | None:
    """A Frictionless error in plain English; `rows` are the rows Frictionless was given (after the header)."""
    kind = error.type
    position = getattr(error, "row_number", None)
    row = int(rows[position - 2]["__row__"]) if position and position - 2 < len(rows) else position
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", "")
    spec = fields.get(column, {})
    if kind == "type-error":
        if spec.get("type") == "date" and (iso := written_otherwise(str(cell))):  # a date, but not as YYYY-MM-DD
            return Problem(file, row, column, f"{quote(cell)} is not written as YYYY-MM-DD", _iso_hint(iso, file))
        return Problem(file, row, column, f"{quote(cell)} is not {_type_word(spec)}", _type_hint(spec, cell, file))
    if kind == "constraint-error":
        return _constraint(file, row, column, cell, spec, error.note)
    if kind in ("unique-error", "primary-key"):
        return Problem(
            file, row, column, f"{quote(cell)} is used more than once", "each value in this column must be unique"
        )
    if kind in ("blank-row", "extra-cell", "missing-cell"):
        return None  # already reported by load with clearer words, or harmless
    return Problem(file, row, column, error.message)


TYPE_WORDS = {
    "number": "a number",
    "integer": "a whole number",
    "date": "a date",
    "datetime": "a date and time",
    "boolean": "true or false",
}


def _type_word(spec: dict) -> str:
    return TYPE_WORDS.get(spec.get("type", ""), "valid")


def _type_hint(spec: dict, cell: str, file: str) -> str:
    kind = spec.get("type", "")
    if kind == "number":
        cleaned = re.sub(r"[£,\s]", "", str(cell))
        if re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
            return f"write {cleaned} (a plain number, no £ sign or commas)"
    if kind == "date" and (mistake := date_mistake(str(cell))):
        if file.endswith(".csv"):  # a CSV holds dates as written: 19/06/2022 is refused there too
            return f"{mistake}: write the real date as YYYY-MM-DD, e.g. 2024-03-31"
        return f"{mistake}: type the real date (as YYYY-MM-DD, or as a date your spreadsheet shows as one)"
    return TYPE_HINTS.get(kind, "")


def _iso_hint(iso: str, file: str) -> str:
    if file.endswith(".csv"):
        return f"write {iso}"
    return f"type {iso}, or a date your spreadsheet shows as one"


def _constraint(file: str, row: int, column: str, cell, spec: dict, note: str) -> Problem:
    constraints = spec.get("constraints", {})
    if '"required"' in note:
        return Problem(file, row, column, "is empty", "this column must be filled in")
    if '"enum"' in note:
        allowed = ", ".join(str(v) for v in constraints.get("enum", []))
        return Problem(file, row, column, f"{quote(cell)} is not allowed", f"use one of: {allowed}")
    if '"exclusiveMinimum"' in note:
        return Problem(
            file, row, column, f"{quote(cell)} is too small", f"it must be more than {constraints['exclusiveMinimum']}"
        )
    if '"minimum"' in note:
        return Problem(
            file, row, column, f"{quote(cell)} is too small", f"it must be at least {constraints['minimum']}"
        )
    if '"pattern"' in note:
        return Problem(file, row, column, f"{quote(cell)} is not in the expected form", spec.get("description", ""))
    if "Length" in note:
        return Problem(file, row, column, f"{quote(cell)} is too long", "shorten it")
    return Problem(file, row, column, f"{quote(cell)} breaks the rule {note}")
