"""A worksheet that writes its plain cells faster, byte for byte as XlsxWriter (3.3, pinned) writes them.

A large office's spreadsheets to edit hold over a million cells, and XlsxWriter spends most of their time on each
cell: checking its arguments and the sheet's bounds one cell at a time, then escapes and checks that plain text
and numbers never need in its XML. Here a row's cells are stored at once (store_row) and a row of plain cells is
written as one piece of XML. Cells that need any of XlsxWriter's care (markup characters, control characters,
Excel's own _xHHHH_ escapes, whitespace to preserve, text near Excel's length limit, numbers that are not
finite), rows with their own formatting, and every other kind of cell, are written by XlsxWriter itself.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

# What XlsxWriter escapes or marks in an inline string (xmlwriter.py: _escape_control_characters, _escape_data;
# a leading or trailing space is checked apart).
NEEDS_ESCAPING = re.compile(r'[\x00-\x08\x0b-\x1f&<>"\n\ufffe\uffff]|_x[0-9a-fA-F]{4}_')
NUMBERS = (CellNumberTuple, CellDatetimeTuple)


def is_plain(text: str) -> bool:
    """Whether XlsxWriter writes this text as it is: nothing to escape or mark, no whitespace to preserve."""
    return not (NEEDS_ESCAPING.search(text) or text[:1].isspace() or text[-1:].isspace())


def plain_cell_xml(address: str, style: int | None, cell) -> str:
    """A plain text cell (inline) or number cell at address (A1), as XlsxWriter writes it."""
    where = f'r="{address}"' if style is None else f'r="{address}" s="{style}"'
    if cell.__class__ is CellStringTuple:
        return f'<c {where} t="inlineStr"><is><t>{cell.string}</t></is></c>'
    return f"<c {where}><v>{cell.number:.16G}</v></c>"


class PlainCellsWorksheet(Worksheet):
    def __init__(self) -> None:
        super().__init__()
        self.column_letters: list[str] = []  # each column's letters (A, B, ... AA), as cells' addresses need them

    def store_row(self, row: int, cells: list[tuple[int, object, object]]) -> None:
        """Store a row's cells, (column, value, format) with columns in ascending order, as XlsxWriter's
        write_string, write_number and write_datetime store them one at a time (text, int or float, date)."""
        if not cells:
            return
        first, last = cells[0][0], cells[-1][0]
        if not self.constant_memory or row < self.previous_row or not self._in_bounds(row, first, last):
            for column, value, cell_format in cells:
                self._store_one(row, column, value, cell_format)
            return
        stored = []
        for column, value, cell_format in cells:
            kind = value.__class__
            if kind is str and len(value) <= self.xls_strmax // 2:
                stored.append((column, CellStringTuple(value, cell_format)))
            elif (kind is int or kind is float) and math.isfinite(value):
                stored.append((column, CellNumberTuple(value, cell_format)))
            elif kind is dt.date or kind is dt.datetime:
                number = self._convert_date_time(value)
                stored.append((column, CellDatetimeTuple(number, cell_format or self.default_date_format)))
            else:
                break
        else:
            # As _check_dimensions does for each cell, then the previous row is written, as each write does.
            if self.dim_rowmin is None or row < self.dim_rowmin:
                self.dim_rowmin = row
            if self.dim_rowmax is None or row > self.dim_rowmax:
                self.dim_rowmax = row
            if self.dim_colmin is None or first < self.dim_colmin:
                self.dim_colmin = first
            if self.dim_colmax is None or last > self.dim_colmax:
                self.dim_colmax = last
            if row > self.previous_row:
                self._write_single_row(row)
            self.table[row].update(stored)
            return
        for column, value, cell_format in cells:
            self._store_one(row, column, value, cell_format)

    def _in_bounds(self, row: int, first: int, last: int) -> bool:
        return 0 <= row < self.xls_rowmax and 0 <= first and last < self.xls_colmax

    def _store_one(self, row: int, column: int, value: object, cell_format) -> None:
        if isinstance(value, str):
            self._write_string(row, column, value, cell_format)
        elif isinstance(value, (dt.date, dt.datetime)):
            self._write_datetime(row, column, value, cell_format)
        else:
            self._write_number(row, column, value, cell_format)

    def _write_single_row(self, current_row_num=0) -> None:
        """Write the previous row, as Worksheet._write_single_row does, in one piece when it is a plain row."""
        row = self.previous_row
        cells = self.table.get(row)
        plain_row = (
            cells
            and row not in self.row_info
            and row not in self.comments
            and self.default_row_height == self.original_row_height
            and self.excel_version != 2010
        )
        if not plain_row:
            return super()._write_single_row(current_row_num)
        self.previous_row = current_row_num
        number = str(row + 1)
        parts = [f'<row r="{number}">']
        letters = self.column_letters
        for column in sorted(cells):
            cell = cells[column]
            kind = cell.__class__
            if kind is CellStringTuple:
                plain = is_plain(cell.string)
            else:
                plain = kind is CellNumberTuple or kind is CellDatetimeTuple
            if not plain or not self.dim_colmin <= column <= self.dim_colmax:
                if self.dim_colmin <= column <= self.dim_colmax:  # written by XlsxWriter, after what comes before
                    self.fh.write("".join(parts))
                    parts = []
                    super()._write_cell(row, column, cell)
                continue
            if column >= len(letters):
                letters.extend(xl_col_to_name(index) for index in range(len(letters), column + 1))
            style = cell.format._get_xf_index() if cell.format else self._style_index(row, column, cell)
            parts.append(plain_cell_xml(f"{letters[column]}{number}", style, cell))
        parts.append("</row>")
        self.fh.write("".join(parts))
        self.table.clear()

    def _write_cell(self, row: int, col: int, cell) -> None:
        xml = self._plain_xml(row, col, cell)
        if xml is None:
            return super()._write_cell(row, col, cell)
        self.fh.write(xml)

    def _plain_xml(self, row: int, col: int, cell) -> str | None:
        """The cell's XML when it is plain text or a number, else None."""
        kind = cell.__class__
        if kind is CellStringTuple:
            if not self.constant_memory or not is_plain(cell.string):
                return None
        elif kind not in NUMBERS:
            return None
        return plain_cell_xml(xl_rowcol_to_cell_fast(row, col), self._style_index(row, col, cell), cell)

    def _style_index(self, row: int, col: int, cell) -> int | None:
        """The cell's format, else its row's, else its column's (as Worksheet._write_cell chooses)."""
        if cell.format:
            return cell.format._get_xf_index()
        if row in self.row_info and self.row_info[row].row_format:
            return self.row_info[row].row_format._get_xf_index()
        if col in self.col_info:
            column_format = self.col_info[col].column_format
            if column_format is not None:
                return column_format._get_xf_index()
        return None
