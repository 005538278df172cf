"""Spreadsheets in and out: an .xlsx template per resource, and turning a filled-in sheet back into canonical CSV text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from .problems import Problem

DATA_SHEET = "data"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, allowing for its 1900 leap-year bug
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
MAX_ROWS = 5000  # rows given drop-downs in a template
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def write_template(resource: dict, lists: dict[str, list[str]], rows: list[dict], path: Path) -> None:
    """A workbook with the data sheet (headings in row 1), an instructions sheet, and drop-downs."""
    fields = resource["schema"]["fields"]
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    sheet.append([f["name"] for f in fields])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(f["name"], "") for f in fields])
    sheet.freeze_panes = "A2"
    lists_sheet = book.create_sheet("lists")
    for index, field in enumerate(fields, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, min(40, len(field["name"]) + 4))
        cells = f"{letter}2:{letter}{MAX_ROWS + 1}"
        choices = field.get("constraints", {}).get("enum") or lists.get(field["name"])
        if choices:
            lists_sheet.append([field["name"], *choices])
            row = lists_sheet.max_row
            end = lists_sheet.cell(row=row, column=len(choices) + 1).column_letter
            rule = DataValidation(type="list", formula1=f"lists!$B${row}:${end}${row}", allow_blank=True)
            rule.error, rule.errorTitle = f"Choose a value from the list for {field['name']}", "Not in the list"
            sheet.add_data_validation(rule)
            rule.add(cells)
        # A column style, so new rows typed in Excel get the format too.
        if field.get("type") == "date":
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        elif field.get("type") == "number":
            sheet.column_dimensions[letter].number_format = MONEY_FORMAT
    lists_sheet.sheet_state = "hidden"
    instructions = book.create_sheet("instructions", 0)
    instructions.append([f"How to fill in: {resource.get('title', resource['name'])}"])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.append(
        ["Fill in the 'data' sheet: one row per record, from row 2. Then run: transparency import THIS-FILE.xlsx"]
    )
    instructions.append([])
    instructions.append(["Column", "Type", "Required", "Allowed values", "Example", "Description"])
    for cell in instructions[4]:
        cell.font = Font(bold=True)
    for field in fields:
        constraints = field.get("constraints", {})
        allowed = ", ".join(map(str, constraints.get("enum", []))) or (
            "from the drop-down list" if field["name"] in lists else ""
        )
        instructions.append(
            [
                field["name"],
                field.get("type", "string"),
                "yes" if constraints.get("required") else "no",
                allowed,
                example(field),
                field.get("description", ""),
            ]
        )
    for letter, width in zip("ABCDEF", (28, 10, 10, 30, 22, 60), strict=True):
        instructions.column_dimensions[letter].width = width
    book.active = 1
    book.save(path)


def example(field: dict) -> str:
    kind = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return str(enum[0])
    return {"date": "2025-03-31", "number": "1250.50", "integer": "12", "datetime": "2025-03-31T09:00:00Z"}.get(
        kind, ""
    )


def read_rows(path: Path, fields: list[dict]) -> tuple[str, list[str], list[dict[str, str]], list[Problem]]:
    """Read an .xlsx or a CSV exported from Excel as text cells, undoing what Excel does to dates and money."""
    kinds = {f["name"]: f.get("type", "string") for f in fields}
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book[DATA_SHEET] if DATA_SHEET in book.sheetnames else book.worksheets[0]
        label = f"{path.name} (sheet {sheet.title})"
        grid = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")  # what Excel on Windows writes for "CSV (Comma delimited)"
        label = path.name
        grid = list(csv.reader(io.StringIO(text, newline="")))
    if not grid:
        return label, [], [], [Problem(label, None, None, "is empty", "it needs the row of column headings")]
    header = [str(h).strip() if h is not None else "" for h in grid[0]]
    while header and not header[-1]:
        header.pop()
    rows, problems = [], []
    for number, cells in enumerate(grid[1:], start=2):
        if not any(c not in (None, "") and str(c).strip() for c in cells):
            continue
        row = {}
        for index, column in enumerate(header):
            value = cells[index] if index < len(cells) else None
            row[column], problem = to_text(value, kinds.get(column, "string"))
            if problem:
                problems.append(Problem(label, number, column, problem))
        row["__row__"] = str(number)
        rows.append(row)
    return label, header, rows, problems


def to_text(value: object, kind: str) -> tuple[str, str]:
    """One cell as the canonical text the data package expects, or a problem."""
    if value is None:
        return "", ""
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat(), ""
        if isinstance(value, dt.date):
            return value.isoformat(), ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat(), ""
        text = str(value).strip()
        if text.isdigit() and 20000 < int(text) < 80000:  # an Excel serial saved as text
            return (EXCEL_EPOCH + dt.timedelta(days=int(text))).isoformat(), ""
        match = UK_DATE.fullmatch(text)
        if match:
            day, month, year = map(int, match.groups())
            try:
                return dt.date(year, month, day).isoformat(), ""
            except ValueError:
                return text, ""
        return text, ""
    if kind in ("number", "integer"):
        if isinstance(value, bool):
            return str(value), ""
        if isinstance(value, (int, float)):
            number = Decimal(str(value))
        else:
            text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
            try:
                number = Decimal(text) if text else None
            except InvalidOperation:
                return str(value).strip(), ""
            if number is None:
                return "", ""
        if number == number.to_integral_value():
            return str(int(number)), ""
        number = number.normalize()
        if number.as_tuple().exponent == -1:  # 1250.5 from Excel was 1250.50: keep pence as two digits
            number = number.quantize(Decimal("0.01"))
        return format(number, "f"), ""
    if isinstance(value, dt.datetime):
        return value.isoformat(), ""
    return str(value).strip(), ""
