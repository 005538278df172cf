"""A digest of each row of a table by its row key, so a preview can tell which rows an edit changed.

The digests are Python's hashes, which are the same only within one process: a preview compares them with the
ones of its own last rebuild, never with another process's (hashing a row's cells is a sixth of what a SHA-1 of
their text costs, and a grant edit rehashes 5,000 rows at a large office).
"""

from __future__ import annotations

from ..core.memo import remember
from ..data.load import Table
from ..data.rowkeys import row_key


class RowDigests:
    """Answers a row source ("<table>#<key>", pages.row_sources) with a digest of that row's cells, or None."""

    def __init__(self, tables: dict[str, Table]) -> None:
        self.tables = tables
        self.digests: dict[str, dict[str, int]] = {}

    def get(self, source: str) -> int | None:
        name, _, key = source.partition("#")
        table = self.tables.get(name)
        if table is None:
            return None
        if name not in self.digests:
            self.digests[name] = remember("row-digests", name, table.signature, lambda: of_rows(table))
        digests = self.digests[name]
        return digests.get(key, digests.get(WHOLE))


WHOLE = "*"  # a table without a row key: every row source of it stands for the whole table


def of_rows(table: Table) -> dict[str, int]:
    """Each row's key (its key columns' values joined by "|"): a digest of its cells (not of its row number, which
    moves when a row above is added, and which no page shows). Rows that share a key share one digest."""
    columns = row_key(table.descriptor)
    cells: dict[str, list[int]] = {}
    for row in table.rows:
        key = "|".join(row.get(column, "").strip() for column in columns) if columns else WHOLE
        shown = dict(row)
        shown.pop("__row__", None)
        cells.setdefault(key, []).append(hash(frozenset(shown.items())))
    return {key: hash(tuple(rows)) for key, rows in cells.items()}
