"""Combine a filled-in sheet with the published rows: add and update by identifier, remove only when asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..data.load import Table
from ..data.rowkeys import row_key

# Rows kept from the published file are numbered from here while the merged table is checked, so a
# problem can be traced back to the file (not the sheet) it came from.
KEPT_ROW_OFFSET = 1_000_000


@dataclass
class Merge:
    header: list[str]
    rows: list[dict[str, str]]
    added: list[dict[str, str]] = field(default_factory=list)
    changed: list[dict[str, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    kept: list[dict[str, str]] = field(default_factory=list)  # published rows the sheet left out (merge only)
    renamed: list[tuple[dict[str, str], dict[str, str]]] = field(default_factory=list)  # (was, now): key changed
    keyed: bool = True  # False: the dataset has no identifier column, so rows match only when identical

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)


def merge(old: Table | None, sheet: Table, replace: bool, renamed: dict[str, dict[str, str]] | None = None) -> Merge:
    """The rows to write. By default published rows stay, sheet rows update theirs (same identifier) or are added.
    `renamed`: sheet rows (by row number) that change the given published row though their key differs."""
    kinds = {f["name"]: f.get("type", "string") for f in sheet.descriptor["schema"]["fields"]}
    key_columns = row_key(sheet.descriptor)
    old_header = old.header if old else []
    header = list(old_header) + [c for c in sheet.header if c not in old_header]
    if replace or old is None:
        header = list(sheet.header)
    columns = key_columns or list(sheet.header)

    def identity(row: dict[str, str]) -> tuple:
        return tuple(normal(kinds.get(c, "string"), row.get(c, "")) for c in columns)

    old_rows = [dict(r, __row__=str(KEPT_ROW_OFFSET + int(r["__row__"]))) for r in (old.rows if old else [])]
    index: dict[tuple, int] = {}
    for position, row in enumerate(old_rows):
        index.setdefault(identity(row), position)
    result = Merge(header, [], keyed=bool(key_columns))
    updated: dict[int, dict[str, str]] = {}
    appended: list[dict[str, str]] = []
    renamed = renamed or {}
    for row in sheet.rows:
        was = renamed.get(row["__row__"])
        position = index.get(identity(was if was is not None else row))
        if position is None or position in updated:
            new = {c: row.get(c, "") for c in header} | {"__row__": row["__row__"]}
            appended.append(new)
            result.added.append(new)
            continue
        before = old_rows[position]
        differs = any(
            normal(kinds.get(c, "string"), before.get(c, "")) != normal(kinds.get(c, "string"), row.get(c, ""))
            for c in sheet.header
        )
        if differs:
            updated[position] = before | {c: row.get(c, "") for c in sheet.header} | {"__row__": row["__row__"]}
            result.changed.append(updated[position])
            if was is not None:
                result.renamed.append((before, updated[position]))
        else:
            # Unchanged: keep the published text exactly (e.g. 34550.00 stays as it was written).
            updated[position] = dict(before, __row__=row["__row__"])
    for position, row in enumerate(old_rows):
        if position in updated:
            result.rows.append(updated[position])
        elif replace:
            result.removed.append(row)
        else:
            result.rows.append(row)
            result.kept.append(row)
    result.rows += appended
    if replace:
        # The sheet is the whole dataset: its order is the file's order.
        result.rows.sort(key=lambda r: int(r["__row__"]))
    return result


def normal(kind: str, text: str) -> object:
    """A value as compared: 1250.5 and 1250.50 are the same amount."""
    text = text.strip()
    if kind in ("number", "integer") and text:
        try:
            return Decimal(text)
        except InvalidOperation:
            return text
    return text


def original_row(row: dict[str, str]) -> tuple[bool, int]:
    """Whether a merged row came from the published file, and its row number there or in the sheet."""
    number = int(row["__row__"])
    return (number >= KEPT_ROW_OFFSET, number - KEPT_ROW_OFFSET if number >= KEPT_ROW_OFFSET else number)
