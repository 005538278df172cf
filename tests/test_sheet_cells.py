"""The worksheet that writes plain cells itself writes every cell byte for byte as XlsxWriter does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from generator.sheets.cells import PlainCellsWorksheet

TEXTS = [
    "plain",
    "",
    " leading space",
    "trailing space ",
    "trailing newline\n",
    "\ttab",
    "line\nbreak",
    "a & b < c > d",
    'say "hi"',
    "control \x01 char",
    "_x0041_ Excel's own escape",
    "_x00zz_ not an escape",
    "<r>rich-looking</r>",
    "non-characters \ufffe \uffff",
    "Cymraeg: ŵ ŷ â",
    "=SUM(A1)",
    "\u00a0no-break space",
]


def workbook(worksheet_class: type[Worksheet]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    book.worksheet_class = worksheet_class
    bold, money = book.add_format({"bold": True}), book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet("data")
    sheet.set_column(2, 2, 14, money)
    sheet.set_row(3, None, bold)
    for row, text in enumerate(TEXTS):
        sheet.write_string(row, 0, text, bold if row % 2 else None)
        sheet.write_number(row, 1, row * 1.25 - 3, money if row % 3 else None)
        sheet.write_number(row, 2, 10**row / 7)
        sheet.write_datetime(row, 3, dt.date(2026, 1, 1) + dt.timedelta(days=row), money)
        sheet.write_boolean(row, 4, bool(row % 2))
        sheet.write_blank(row, 5, None, bold)
    book.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_plain_cells_are_written_as_xlsxwriter_writes_them():
    assert workbook(PlainCellsWorksheet) == workbook(Worksheet)
