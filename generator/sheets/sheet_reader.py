"""Spreadsheets in: read an .xlsx, .ods or CSV as the canonical text each cell stands for.

Workbooks are read with calamine (python-calamine); anything else a file dialog might offer (an old .xls,
a PDF, a Word file) gets a message saying how to save it, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from ..core.dates import UK_DATE
from ..core.problems import Problem

DATA_SHEET = "data"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, allowing for its 1900 leap-year bug
SAVE_AS = "open it in Excel (or LibreOffice) and save it as .xlsx (Excel Workbook), or as CSV UTF-8"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """What a file is, from its content (a renamed file keeps its real kind): xlsx, ods, csv, or what it is not."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
                    return "ods"
        except (zipfile.BadZipFile, OSError):
            return "damaged"
        return "other"
    if head.startswith(OLE_SIGNATURE):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"\x00" in head:
        return "other"
    return "csv"


REFUSALS = {
    "xls": "is an old Excel 97-2003 workbook (.xls)",
    "pdf": "is a PDF, not a spreadsheet",
    "damaged": "looks like a workbook but cannot be opened (it may be damaged or still downloading)",
    "other": "is not a spreadsheet that can be read",
}


def read_grid(path: Path) -> tuple[str, list[list[object]], list[Problem]]:
    kind = sniff(path)
    if kind in REFUSALS:
        return path.name, [], [Problem(path.name, None, None, REFUSALS[kind], SAVE_AS)]
    if kind == "csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # what Excel on Windows writes for "CSV (Comma delimited)"
        try:
            return path.name, list(csv.reader(io.StringIO(text, newline=""))), []
        except csv.Error as error:
            return path.name, [], [Problem(path.name, None, None, f"cannot be read as CSV ({error})", SAVE_AS)]
    try:
        book = CalamineWorkbook.from_path(str(path))
        name = DATA_SHEET if DATA_SHEET in book.sheet_names else book.sheet_names[0]
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, IndexError, ValueError, OSError) as error:
        return path.name, [], [Problem(path.name, None, None, f"cannot be opened ({error})", SAVE_AS)]
    return f"{path.name} (sheet {name})", grid, []


def read_rows(path: Path, fields: list[dict]) -> tuple[str, list[str], list[dict[str, str]], list[Problem]]:
    """The sheet's headings and rows as text, undoing what Excel does to dates and money."""
    kinds = {f["name"]: f.get("type", "string") for f in fields}
    label, grid, problems = read_grid(path)
    if problems:
        return label, [], [], problems
    if not grid:
        return label, [], [], [Problem(label, None, None, "is empty", "it needs the row of column headings")]
    header = [_heading(h) for h in grid[0]]
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        if not any(c not in (None, "") and str(c).strip() for c in cells):
            continue
        row = {}
        for index, column in enumerate(header):
            value = cells[index] if index < len(cells) else None
            row[column] = to_text(value, kinds.get(column, "string"))
        row["__row__"] = str(number)
        rows.append(row)
    return label, header, rows, problems


def _heading(value: object) -> str:
    return "" if value is None else str(value).strip()


def to_text(value: object, kind: str) -> str:
    """One cell as the canonical text the data package expects (a value it cannot read is kept for the checks)."""
    if value is None or value == "":
        return ""
    if kind == "date":
        return _date_text(value)
    if kind in ("number", "integer") and not isinstance(value, bool):
        return _number_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number, e.g. a charity number
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _date_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    text = str(value).strip()
    if text.isdigit() and 20000 < int(text) < 80000:  # an Excel serial saved as text
        return (EXCEL_EPOCH + dt.timedelta(days=int(text))).isoformat()
    match = UK_DATE.fullmatch(text)
    if match:
        day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def _number_text(value: object) -> str:
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return str(value).strip()
        if not number.is_finite():
            return str(value).strip()
    if number == number.to_integral_value():
        return str(int(number))
    number = number.normalize()
    if number.as_tuple().exponent == -1:  # 1250.5 from Excel was 1250.50: keep pence as two digits
        number = number.quantize(Decimal("0.01"))
    return format(number, "f")
