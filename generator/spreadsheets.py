"""Spreadsheets out: the one place that writes workbooks. Text is always a text cell, never a formula;
numbers and dates are real cells with formats; drop-downs refuse values not in their list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .howto import import_command
from .sheet_reader import DATA_SHEET

MONEY_FORMAT = "#,##0.00"
INTEGER_FORMAT = "0"
DATE_FORMAT = "yyyy-mm-dd"
MAX_ROWS = 5000  # rows given drop-downs and checks in a template
FORMULA_START = ("=", "+", "-", "@")  # what Excel would read as the start of a formula


def set_value(cell: Cell, value: object) -> None:
    """Put a value in a cell; text stays text even when it starts with = (openpyxl would make it a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel keeps it text even after the cell is edited


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


def append_row(sheet: Worksheet, values: list[object], formats: list[str | None] | None = None) -> None:
    """Add a row below the last one (for short sheets: finding the last row looks at every cell)."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    write_row(sheet, row, values, formats)


def write_row(sheet: Worksheet, row: int, values: list[object], formats: list[str | None] | None = None) -> None:
    if not values:
        sheet.cell(row=row, column=1)  # an empty row, kept as a gap
    for index, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=index)
        set_value(cell, value)
        if formats and formats[index - 1] and value is not None:
            cell.number_format = formats[index - 1]


def write_template(
    resource: dict, lists: dict[str, list[str]], rows: list[dict], path: Path, strict: set[str] | None = None
) -> None:
    """A workbook: instructions, the data sheet (headings in row 1) with drop-downs and checks, hidden lists.

    Columns in `strict` (and any with a fixed list of values) refuse anything not in their list; other
    lists only warn, so a new fund name can still be typed.
    """
    fields = resource["schema"]["fields"]
    formats = [number_format(f) for f in fields]
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    write_row(sheet, 1, [f["name"] for f in fields])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        write_row(sheet, number, [typed_value(f, row.get(f["name"], "")) for f in fields], formats)
    sheet.freeze_panes = "A2"
    lists_sheet = book.create_sheet("lists")
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(field["name"]) + 4))
        cells = f"{letter}2:{letter}{MAX_ROWS + 1}"
        enum = field.get("constraints", {}).get("enum")
        choices = [str(v) for v in enum] if enum else lists.get(field["name"])
        rule = None
        if choices:
            column = lists_sheet.max_column + 1 if lists_sheet.cell(1, 1).value is not None else 1
            for number, value in enumerate([field["name"], *choices], start=1):
                set_value(lists_sheet.cell(row=number, column=column), value)
            list_letter = get_column_letter(column)
            rule = DataValidation(type="list", formula1=f"lists!${list_letter}$2:${list_letter}${len(choices) + 1}")
            rule.error = f"Choose a value from the list for {field['name']}."
            rule.errorStyle = "stop" if enum or field["name"] in (strict or set()) else "warning"
        else:
            rule = _type_rule(field)
        if rule is not None:
            rule.allow_blank = True
            rule.showErrorMessage = True
            rule.errorTitle = rule.errorTitle or "Not allowed here"
            sheet.add_data_validation(rule)
            rule.add(cells)
        if formats[index - 1]:
            # A column style, so new rows typed in Excel get the format too.
            sheet.column_dimensions[letter].number_format = formats[index - 1]
    lists_sheet.sheet_state = "hidden"
    _instructions(book, resource, lists, path)
    book.active = 1
    book.save(path)


def _type_rule(field: dict) -> DataValidation | None:
    """Excel's own check that a number column holds a number and a date column a date."""
    kind = field.get("type")
    if kind == "number":
        rule = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
        rule.error = "Type a number, such as 1250.50 (no £ sign needed)."
    elif kind == "integer":
        rule = DataValidation(type="whole", operator="between", formula1="-1000000000", formula2="1000000000")
        rule.error = "Type a whole number, such as 12."
    elif kind == "date":
        rule = DataValidation(type="date", operator="between", formula1="1", formula2="2958465")
        rule.error = "Type a date, such as 31/03/2025 or 2025-03-31."
    else:
        return None
    rule.errorStyle = "stop"
    return rule


def _instructions(book: Workbook, resource: dict, lists: dict[str, list[str]], path: Path) -> None:
    fields = resource["schema"]["fields"]
    sheet = book.create_sheet("instructions", 0)
    append_row(sheet, [f"How to fill in: {resource.get('title', resource['name'])}"])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, ["Fill in the 'data' sheet: one row per record, from row 2. Rows already there are published."])
    append_row(
        sheet,
        [
            "Then save this file and run, in the project folder: "
            f"{import_command(path.name)}. Give the file's full path if you saved it somewhere else."
        ],
    )
    append_row(
        sheet,
        [
            "Rows are matched by their identifier: changed rows are updated, new rows added, and nothing is removed "
            "unless you add REPLACE=1 (or --replace), which lists the rows it removes."
        ],
    )
    append_row(sheet, [])
    append_row(sheet, ["Column", "Type", "Required", "Allowed values", "Example", "Description"])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for field in fields:
        constraints = field.get("constraints", {})
        allowed = ", ".join(map(str, constraints.get("enum", []))) or (
            "from the drop-down list" if field["name"] in lists else ""
        )
        append_row(
            sheet,
            [
                field["name"],
                field.get("type", "string"),
                "yes" if constraints.get("required") else "no",
                allowed,
                example(field),
                field.get("description", ""),
            ],
        )
    for letter, width in zip("ABCDEF", (28, 10, 10, 30, 22, 60), strict=True):
        sheet.column_dimensions[letter].width = width


def example(field: dict) -> str:
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return str(enum[0])
    return {"date": "2025-03-31", "number": "1250.50", "integer": "12", "datetime": "2025-03-31T09:00:00Z"}.get(
        kind, ""
    )
