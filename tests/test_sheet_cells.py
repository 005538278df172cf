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


def stored_workbook(store: bool) -> bytes:
    """The same cells written a row at a time (store_row) or one at a time by XlsxWriter itself."""
    out = io.BytesIO()
    options = {"constant_memory": True, "strings_to_formulas": False, "nan_inf_to_errors": True}
    book = xlsxwriter.Workbook(out, options)
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    book.worksheet_class = PlainCellsWorksheet if store else Worksheet
    bold, money = book.add_format({"bold": True}), book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet("data")
    sheet.set_column(2, 2, 14, money)
    sheet.set_row(3, None, bold)
    long_text = "x" * 20000  # near Excel's limit: XlsxWriter checks its length
    for row, text in enumerate([*TEXTS, long_text]):
        cells = [
            (0, text, bold if row % 2 else None),
            (1, row * 1.25 - 3, money if row % 3 else None),
            (2, 10**row // 7 if row % 2 else 10**row / 7, None),
            (3, dt.date(2026, 1, 1) + dt.timedelta(days=row), money),
            (4, dt.datetime(2026, 1, 1, row % 24), None),
            (6, float("nan") if row == 5 else row, None),
        ]
        if store:
            sheet.store_row(row, cells)
        else:
            for column, value, cell_format in cells:
                if isinstance(value, str):
                    sheet.write_string(row, column, value, cell_format)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(row, column, value, cell_format)
                else:
                    sheet.write_number(row, column, value, cell_format)
        sheet.write_blank(row, 5, None, bold)
    late = "a row already written is left as it was"
    sheet.store_row(2, [(0, late, None)]) if store else sheet.write_string(2, 0, late)
    book.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


def test_a_row_stored_at_once_is_written_as_its_cells_one_by_one():
    assert stored_workbook(store=True) == stored_workbook(store=False)
