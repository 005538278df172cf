"""The published version a spreadsheet was made from, kept in the workbook itself (a very hidden sheet).

Its first row is a stamp: the dataset, the date the sheet was made, the route it came from, and a
fingerprint of the rows below; then the headings and each published row as data/ stores it (plain text).
An import compares the sheet with it to find the cells a person changed (three-way merge, see rebase.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from python_calamine import CalamineError, CalamineWorkbook

SHEET = "published"
MARK = "transparency published version"
ROUTES = ("site", "command")  # downloaded from the site (upload it to the inbox), made by `transparency template`


@dataclass
class Base:
    dataset: str
    made: str  # ISO date the sheet was made
    route: str  # one of ROUTES
    shown: bool  # whether the data sheet was given the published rows (an empty template has only new rows)
    header: list[str]
    rows: list[dict[str, str]]


def fingerprint(header: list[str], rows: list[dict[str, str]]) -> str:
    text = json.dumps([header, *([row.get(c, "") for c in header] for row in rows)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def grid(
    dataset: str, made: str, route: str, header: list[str], rows: list[dict[str, str]], shown: bool
) -> list[list[str]]:
    """The hidden sheet's cells, row by row, every one text."""
    stamp = [MARK, dataset, made, route, fingerprint(header, rows), "shown" if shown else "empty"]
    return [stamp, list(header), *([row.get(c, "") for c in header] for row in rows)]


def read(path) -> tuple[Base | None, str]:
    """The recorded version, or None and why not ("" when the file simply has none, e.g. a CSV)."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        if SHEET not in book.sheet_names:
            return None, ""
        cells = book.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError, IndexError):
        return None, ""
    cells = [[_text(c) for c in row] for row in cells]
    if len(cells) < 2 or len(cells[0]) < 6 or cells[0][0] != MARK:
        return None, "its record of the published version it was made from cannot be read"
    _, dataset, made, route, recorded, shown = cells[0][:6]
    header = list(cells[1])
    while header and not header[-1]:
        header.pop()
    rows = [{c: (row[i] if i < len(row) else "") for i, c in enumerate(header)} for row in cells[2:]]
    rows = [row for row in rows if any(row.values())]
    if fingerprint(header, rows) != recorded:
        return None, "its record of the published version it was made from has been changed"
    return Base(dataset, made, route if route in ROUTES else "command", shown != "empty", header, rows), ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
