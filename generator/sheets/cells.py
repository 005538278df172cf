"""A worksheet that writes its plain cells' XML faster, byte for byte as XlsxWriter (3.3, pinned) writes them.

A large office's spreadsheets to edit hold over a million cells, and XlsxWriter spends most of their time on each
cell's XML: escapes and checks that plain text and numbers never need. Cells that need any of them (markup
characters, control characters, Excel's own _xHHHH_ escapes, whitespace to preserve), and every other kind of
cell, are written by XlsxWriter itself.
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet

# What XlsxWriter escapes or marks in an inline string (xmlwriter.py: _escape_control_characters, _escape_data;
# a leading or trailing space is checked apart).
NEEDS_ESCAPING = re.compile(r'[\x00-\x08\x0b-\x1f&<>"\n\ufffe\uffff]|_x[0-9a-fA-F]{4}_')
NUMBERS = (CellNumberTuple, CellDatetimeTuple)


class PlainCellsWorksheet(Worksheet):
    def _write_cell(self, row: int, col: int, cell) -> None:
        kind = cell.__class__
        if kind is CellStringTuple:
            text = cell.string
            if not self.constant_memory or NEEDS_ESCAPING.search(text) or text[:1].isspace() or text[-1:].isspace():
                return super()._write_cell(row, col, cell)
        elif kind not in NUMBERS:
            return super()._write_cell(row, col, cell)
        style = self._style_index(row, col, cell)
        attributes = f'r="{xl_rowcol_to_cell_fast(row, col)}"' + ("" if style is None else f' s="{style}"')
        if kind is CellStringTuple:
            self.fh.write(f'<c {attributes} t="inlineStr"><is><t>{text}</t></is></c>')
        else:
            self.fh.write(f"<c {attributes}><v>{cell.number:.16G}</v></c>")

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
