"""Spreadsheets out: the one place that writes workbooks. Text is always a text cell, never a formula;
numbers and dates are real cells with formats; drop-downs refuse values not in their list."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..core.howto import import_command
from ..data import withdrawal
from ..data.rowkeys import row_key
from . import base_sheet
from .cells import PlainCellsWorksheet
from .sheet_reader import DATA_SHEET

MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
MAX_ROWS = 5000  # rows below the published ones given drop-downs and checks in a template
FORMULA_START = ("=", "+", "-", "@")  # what Excel would read as the start of a formula


WITHDRAW_FIELD = {
    "name": withdrawal.SHEET_HEADING,
    "type": "string",
    "description": "To withdraw a published row, type why here (e.g. entered by mistake): it leaves lists, totals "
    "and downloads, and its page says it was withdrawn, when and why. Leave it empty otherwise.",
}


class Formats:
    """A workbook's cell formats, made once each (XlsxWriter wants one object per distinct format)."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.made: dict[tuple, object] = {}

    def __call__(self, **properties: object) -> object:
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.book.add_format(properties)
        return self.made[key]


class TidyWorkbook(Workbook):
    """A workbook whose temporary files go in a folder of its own, removed when it is closed: XlsxWriter leaves
    behind the temporary file of each sheet written without rows (every build left a dozen in the system's
    temporary folder, and each preview rebuild more)."""

    def close(self) -> None:
        try:
            super().close()
        finally:
            shutil.rmtree(self.tmpdir, ignore_errors=True)


def open_workbook(target) -> tuple[Workbook, Formats]:
    """A workbook written row by row straight to target (a path or a binary file), never all in memory.

    Text is only ever written as text (XlsxWriter would otherwise turn "=..." into a formula and addresses
    into links), so rows must be written in order, each sheet's rows top to bottom."""
    scratch = tempfile.mkdtemp(prefix="transparency-workbook-")
    book = TidyWorkbook(target, {"constant_memory": True, "strings_to_formulas": False, "tmpdir": scratch})
    book.worksheet_class = PlainCellsWorksheet
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    return book, Formats(book)


def write_row(
    sheet: PlainCellsWorksheet, formats: Formats, row: int, values: list[object], number_formats=None, **style
) -> None:
    """Write a row (0-based) of values: text as text (with Excel's quote prefix when it looks like a formula),
    numbers and dates as numbers and dates in their number format, None as an empty cell."""
    cells: list[tuple[int, object, object]] = []  # stored at once (PlainCellsWorksheet.store_row)
    for column, value in enumerate(values):
        number_format = number_formats[column] if number_formats else None
        if value is None or value == "":
            if style:
                sheet.write_blank(row, column, None, formats(**style))
            continue
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value, formats(**style) if style else None)
        elif isinstance(value, (int, float, Decimal)):
            cell = (
                formats(**style, num_format=number_format) if number_format else (formats(**style) if style else None)
            )
            cells.append((column, float(value) if isinstance(value, Decimal) else value, cell))
        elif isinstance(value, (dt.date, dt.datetime)):
            cells.append((column, value, formats(**style, num_format=number_format or DATE_FORMAT)))
        else:
            text = str(value)
            quoted = text.startswith(FORMULA_START)  # Excel keeps it text even after the cell is edited
            cell = formats(**style, quote_prefix=True) if quoted else (formats(**style) if style else None)
            cells.append((column, text, cell))
    sheet.store_row(row, cells)


def typed_value(field: dict, text: str) -> object:
    """A CSV value as the cell a spreadsheet expects: numbers as numbers, dates as dates, the rest as text."""
    if text in ("", None):
        return None
    kind = field.get("type", "string")
    try:
        if kind == "number":
            return Decimal(text)
        if kind == "integer":
            return int(text)
        if kind == "date" and len(text) == 10:
            return dt.date.fromisoformat(text)
    except (InvalidOperation, ValueError):
        pass
    return text


def is_money(field: dict) -> bool:
    return field.get("type") == "number" and "pound" in str(field.get("description", "")).lower()


def number_format(field: dict) -> str | None:
    kind = field.get("type")
    if kind == "date":
        return DATE_FORMAT
    if kind == "integer":
        return INTEGER_FORMAT
    return MONEY_FORMAT if is_money(field) else None


def write_template(
    resource: dict,
    lists: dict[str, list[str]],
    rows: list[dict],
    path: Path,
    strict: set[str] | None = None,
    identifiers: tuple[str, str] | None = None,
    published: list[list[str]] | None = None,
    route: str = "command",
) -> None:
    """A workbook: instructions, the data sheet (headings in row 1) with drop-downs and checks, hidden lists.
    `identifiers`: the highest identifier published and the next one, for the instructions (next_identifier).
    `published`: the very hidden sheet recording the published version (base_sheet.grid), so an import can
    tell the cells a person changed. `route`: "site" (upload it to the inbox) or "command" (import it).

    Columns in `strict` (and any with a fixed list of values) refuse anything not in their list; other
    lists only warn, so a new fund name can still be typed. The drop-downs and checks reach MAX_ROWS rows
    below the published ones.
    """
    # The withdrawal columns are the import's to fill: the sheet has a Withdraw column for the reason instead.
    fields = [f for f in resource["schema"]["fields"] if f["name"] not in withdrawal.NAMES] + [WITHDRAW_FIELD]
    resource = resource | {"schema": resource["schema"] | {"fields": fields}}
    number_formats = [number_format(f) for f in fields]
    book, formats = open_workbook(str(path))
    _instructions(book.add_worksheet("instructions"), formats, resource, lists, path, identifiers, route)
    sheet = book.add_worksheet(DATA_SHEET)
    lists_sheet = book.add_worksheet("lists")
    write_row(sheet, formats, 0, [f["name"] for f in fields], bold=True)
    for number, row in enumerate(rows, start=1):
        write_row(sheet, formats, number, [typed_value(f, row.get(f["name"], "")) for f in fields], number_formats)
    sheet.freeze_panes(1, 0)
    last_row = len(rows) + MAX_ROWS
    columns: list[list[str]] = []  # the lists sheet, a column per drop-down: its heading, then its choices
    for index, field in enumerate(fields):
        width = max(14, min(40, len(field["name"]) + 4))
        # A column format, so new rows typed in Excel get the number format too.
        sheet.set_column(
            index, index, width, formats(num_format=number_formats[index]) if number_formats[index] else None
        )
        enum = field.get("constraints", {}).get("enum")
        choices = [str(v) for v in enum] if enum else lists.get(field["name"])
        if choices:
            columns.append([field["name"], *choices])
            letter = xl_col_to_name(len(columns) - 1)
            rule = {
                "validate": "list",
                "source": f"=lists!${letter}$2:${letter}${len(choices) + 1}",
                "error_message": f"Choose a value from the list for {field['name']}."
                + (
                    ""
                    if enum or field["name"] in (strict or set()) or field["name"] not in _references(resource)
                    else " A new one is accepted only when it is added in the same upload (for example a new "
                    "organisation in organisations.xlsx); the checks refuse it otherwise."
                ),
                "error_type": "stop" if enum or field["name"] in (strict or set()) else "warning",
            }
        else:
            rule = _type_rule(field)
        if rule is not None:
            rule |= {"ignore_blank": True, "show_error": True, "error_title": "Not allowed here"}
            if sheet.data_validation(1, index, last_row, index, rule) != 0:
                raise ValueError(f"Excel would not accept the check on column {field['name']}: {rule}")
    for number in range(max((len(column) for column in columns), default=0)):
        write_row(
            lists_sheet, formats, number, [column[number] if number < len(column) else None for column in columns]
        )
    lists_sheet.hide()
    if published is not None:
        record = book.add_worksheet(base_sheet.SHEET)
        for number, cells in enumerate(published):
            record.store_row(number, [(column, str(text), None) for column, text in enumerate(cells) if text != ""])
        record.very_hidden()
    sheet.activate()
    book.close()


# Excel's own check that a number column holds a number and a date column a date: (Excel's kind of check,
# lowest and highest values, what to do when refused), by the schema's field type.
TYPE_RULES = {
    "number": ("decimal", -1e15, 1e15, "Type a number, such as 1250.50 (no £ sign needed)."),
    "integer": ("integer", -1000000000, 1000000000, "Type a whole number, such as 12."),
    "date": ("date", 1, 2958465, "Type a date, such as 31/03/2025 or 2025-03-31."),
}


def _references(resource: dict) -> set[str]:
    """The columns holding another dataset's identifiers."""
    return {key["fields"][0] for key in resource["schema"].get("foreignKeys", []) if key.get("fields")}


def _type_rule(field: dict) -> dict | None:
    if field.get("type") not in TYPE_RULES:
        return None
    validate, minimum, maximum, message = TYPE_RULES[field["type"]]
    return {
        "validate": validate,
        "criteria": "between",
        "minimum": minimum,
        "maximum": maximum,
        "error_message": message,
        "error_type": "stop",
    }


def next_identifier(resource: dict, rows: list[dict]) -> tuple[str, str] | None:
    """For an office's own numbered identifiers (e.g. 360G-X-2026-007): (the highest published in the series of
    the last row, the next one). None without a single text identifier column, or when it is not numbered
    (a date, a financial year, a name)."""
    key = row_key(resource)
    field = next((f for f in resource["schema"]["fields"] if key and f["name"] == key[0]), {})
    if len(key) != 1 or field.get("type", "string") != "string" or not rows:
        return None
    last = str(rows[-1].get(key[0], ""))
    digits = len(last) - len(last.rstrip("0123456789"))
    stem = last[: len(last) - digits]
    if not digits or not any(c.isalpha() for c in stem):
        return None
    numbers = [
        int(value[len(stem) :])
        for value in (str(row.get(key[0], "")) for row in rows)
        if value.startswith(stem) and value[len(stem) :].isdigit() and len(value) == len(last)
    ]
    highest = max(numbers)
    return f"{stem}{highest:0{digits}d}", f"{stem}{highest + 1:0{digits}d}"


def _instructions(
    sheet: Worksheet,
    formats: Formats,
    resource: dict,
    lists: dict[str, list[str]],
    path: Path,
    identifiers: tuple[str, str] | None,
    route: str,
) -> None:
    fields = resource["schema"]["fields"]
    lines = [
        f"How to fill in: {resource.get('title', resource['name'])}",
        "Fill in the 'data' sheet: one row per record, from row 2. Rows already there are published.",
        *_route_lines(route, path),
        "Rows are matched by their row key (" + ", ".join(row_key(resource)) + "): only the cells you change are "
        "applied, so a correction a colleague published after this file was made is kept; a cell you both "
        "changed is refused with both values, and nothing is written until you choose.",
    ]
    if identifiers:
        column = row_key(resource)[0]
        lines.append(
            f"Leave the {column} of a new row blank: the import gives it the next free one, and its summary says "
            f"which. (The highest used so far, withdrawn rows included, is {identifiers[0]}; a number is never "
            "given twice.)"
        )
    write_row(sheet, formats, 0, [lines[0]], bold=True, font_size=14)
    for number, line in enumerate(lines[1:], start=1):
        write_row(sheet, formats, number, [line])
    header_row = len(lines) + 1  # after a gap
    write_row(
        sheet,
        formats,
        header_row,
        ["Column", "Type", "Required", "Allowed values", "Example", "Description"],
        bold=True,
    )
    for number, field in enumerate(fields, start=header_row + 1):
        constraints = field.get("constraints", {})
        allowed = ", ".join(map(str, constraints.get("enum", []))) or (
            "from the drop-down list" if field["name"] in lists else ""
        )
        values = [field["name"], field.get("type", "string"), "yes" if constraints.get("required") else "no"]
        write_row(sheet, formats, number, [*values, allowed, example(field), field.get("description", "")])
    for column, width in enumerate((28, 10, 10, 30, 22, 60)):
        sheet.set_column(column, column, width)


def _route_lines(route: str, path: Path) -> list[str]:
    """What to do with the saved file, for the route it came from."""
    if route == "site":
        return [
            "Then save this file (keep its name) and upload it to the 'inbox' folder of the site's GitHub repository: "
            "Add file, Upload files, then 'Create a new branch ... and start a pull request', Propose changes.",
            "The checks import it and show, on the pull request, what will change; merge the pull request to publish.",
        ]
    return [
        "Then save this file and run, in the project folder: "
        f"{import_command(path.name)}. Give the file's full path if you saved it somewhere else.",
    ]


def example(field: dict) -> str:
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return str(enum[0])
    return {"date": "2025-03-31", "number": "1250.50", "integer": "12", "datetime": "2025-03-31T09:00:00Z"}.get(
        kind, ""
    )
