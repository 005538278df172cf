"""Per-column checks compiled once from a Table Schema: the rows Frictionless must see, leaving out those that pass.

Frictionless reads each cell through several layers of Python (about 100 µs a row), which for 100,000 payments
was most of the build's validation. Here each column becomes one small test, applied once per distinct value,
that says whether a cell certainly passes: it is stricter than Frictionless (1250.50 passes, " 1250.5" or 1e3 is
left for Frictionless to judge) and checks the same constraints the same way. The rows with a cell that does not
certainly pass, or a value repeated in a column that must be unique, go to Frictionless as before, so every
problem is found by Frictionless and worded exactly as before; rows that certainly pass would have given none.
A column this does not know how to test (a format, a constraint or a setting other than those below) is tested
cell by cell with Frictionless' own reader.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from frictionless import Schema

from ...core.i18n import ENGLISH, NAMES

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
PLAIN_KEYS = {"name", "type", "format", "description", "title", "example", "constraints", "rdfType"}
# A column's words in another language (description_cy: the Welsh pages' data dictionary) change nothing Frictionless
# checks: without these, a schema written for a site in Welsh too had every column read cell by cell by Frictionless.
PLAIN_KEYS |= {f"{key}_{code}" for key in ("title", "description", "example") for code in NAMES if code != ENGLISH}
BOUNDS = {
    "minimum": lambda value, bound: value >= bound,
    "maximum": lambda value, bound: value <= bound,
    "exclusiveMinimum": lambda value, bound: value > bound,
    "exclusiveMaximum": lambda value, bound: value < bound,
}
CONSTRAINTS = {
    "string": {"required", "unique", "pattern", "enum", "minLength", "maxLength"},
    "number": {"required", "unique", "enum", *BOUNDS},
    "integer": {"required", "unique", "enum", *BOUNDS},
    "date": {"required", "unique", "enum", *BOUNDS},
}
DOUBT = object()  # the value of a cell that does not certainly pass
MISSING = object()  # the value of a missing cell, as Frictionless' own reader finds it
Reader = Callable[[str], object]  # a non-empty cell's value if it certainly passes, else DOUBT


def rows_to_check(schema: Schema, fields: list[dict], rows: list[dict[str, str]]) -> list[int]:
    """The indexes (in order) of the rows Frictionless must check; the others would give no problem."""
    names = [field["name"] for field in fields]
    if len(set(names)) != len(names):
        return list(range(len(rows)))
    doubtful: set[int] = set()
    for field in fields:
        column = [row.get(field["name"], "") for row in rows]
        found = column_doubts(schema.get_field(field["name"]), field, column)
        if found is None:
            return list(range(len(rows)))
        doubtful |= found
    return sorted(doubtful)


def column_doubts(field, descriptor: dict, cells: list[str]) -> set[int] | None:
    """The rows whose cell in this column may have a problem, or None when every row may."""
    fast = fast_reader(field, descriptor)
    read = fast or frictionless_reader(field)
    required = bool(field.constraints.get("required")) and fast is not None
    values: dict[str, object] = {}
    doubtful: set[int] = set()
    for index, cell in enumerate(cells):
        if cell == "" and fast is not None:
            if required:
                doubtful.add(index)
            continue
        value = values.get(cell)
        if value is None:
            value = values[cell] = read(cell)
        if value is DOUBT:
            doubtful.add(index)
    if field.constraints.get("unique"):
        repeats = repeated(field, fast is not None, cells, values)
        if repeats is None:
            return None
        doubtful |= repeats
    return doubtful


def repeated(field, fast: bool, cells: list[str], values: dict[str, object]) -> set[int] | None:
    """Rows holding a value another row holds too (Frictionless reports the second and later), or None when a
    doubtful cell's value is not known, so repeats cannot be ruled out."""
    if field.type == "string" and fast:
        keys: list[object] = [cell or None for cell in cells]  # a text cell's value is its text, doubtful or not
    elif any(value is DOUBT for value in values.values()):
        return None
    else:
        keys = [values.get(cell) for cell in cells]  # None: an empty cell (in a plain column)
    first: dict[object, int] = {}
    found: set[int] = set()
    for index, key in enumerate(keys):
        if key is None or key is MISSING:
            continue
        if key in first:
            found |= {first[key], index}
        else:
            first[key] = index
    return found


def frictionless_reader(field) -> Reader:
    """Frictionless' own test of a cell: exact, but slow."""
    cell_reader = field.create_cell_reader()

    def read(cell: str) -> object:
        value, notes = cell_reader(cell)
        if notes:
            return DOUBT
        return MISSING if value is None else value

    return read


def fast_reader(field, descriptor: dict) -> Reader | None:
    """A test stricter than Frictionless' for a column of a plain type, or None when it has anything else."""
    constraints = field.constraints
    if (
        not set(descriptor) <= PLAIN_KEYS
        or field.format != "default"
        or field.type not in CONSTRAINTS
        or not set(constraints) <= CONSTRAINTS[field.type]
    ):
        return None
    if field.type == "string":
        return text_reader(constraints)
    parse = {"number": number, "integer": integer, "date": date}[field.type]
    value_reader = field.create_value_reader()
    bounds = []
    for name, test in BOUNDS.items():
        if name in constraints:
            bound = value_reader(constraints[name])
            if bound is None:
                return None
            bounds.append((test, bound))
    allowed = [value_reader(value) for value in constraints["enum"]] if "enum" in constraints else None

    def read(cell: str) -> object:
        value = parse(cell)
        if value is DOUBT or (allowed is not None and value not in allowed):
            return DOUBT
        return value if all(test(value, bound) for test, bound in bounds) else DOUBT

    return read


def text_reader(constraints: dict) -> Reader | None:
    pattern = re.compile(f"^{constraints['pattern']}$") if "pattern" in constraints else None
    enum = constraints.get("enum")
    if enum is not None and not all(isinstance(value, str) for value in enum):
        return None
    allowed = set(enum) if enum is not None else None
    shortest, longest = constraints.get("minLength"), constraints.get("maxLength")

    def read(cell: str) -> object:
        if pattern is not None and not pattern.match(cell):
            return DOUBT
        if allowed is not None and cell not in allowed:
            return DOUBT
        if (shortest is not None and len(cell) < shortest) or (longest is not None and len(cell) > longest):
            return DOUBT
        return cell

    return read


def number(cell: str) -> object:
    return Decimal(cell) if NUMBER.fullmatch(cell) else DOUBT


def integer(cell: str) -> object:
    return int(cell) if INTEGER.fullmatch(cell) else DOUBT


def date(cell: str) -> object:
    if not DATE.fullmatch(cell):
        return DOUBT
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        return DOUBT
