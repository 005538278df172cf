"""What an import did, in a few lines a person can check: rows added, changed, removed, and key totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..core.formatting import financial_year, money, plural
from ..data.rowkeys import row_key
from ..data.withdrawal import is_withdrawn
from .merging import Merge

LISTED = 50  # rows named one by one, of those added, changed or removed


@dataclass
class Totals:
    """Count and a total for each money column (each on its own), per financial year and, where the dataset
    says which kind of figure a row is (budget, forecast, outturn), per kind: such figures are never added up."""

    group_label: str
    money_columns: list[str]
    groups: dict[str, tuple[int, dict[str, Decimal]]]


def key_totals(resource: dict, rows: list[dict[str, str]]) -> Totals:
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    money_columns = [
        f["name"] for f in fields if f.get("type") == "number" and "pound" in str(f.get("description", "")).lower()
    ]
    kind_column = next(
        (f["name"] for f in fields if f["name"] == "kind" and f.get("constraints", {}).get("enum")), None
    )
    split_by_kind = bool(kind_column and money_columns)
    date_column = resource.get("date_field") or next((f["name"] for f in fields if f.get("type") == "date"), None)
    groups: dict[str, tuple[int, dict[str, Decimal]]] = {}
    for row in rows:
        if "financial_year" in names:
            group = row.get("financial_year", "") or "no year"
        elif date_column:
            group = _year_of(row.get(date_column, ""))
        else:
            group = "all rows"
        if split_by_kind:
            group = f"{group} {row.get(kind_column, '') or 'no kind'}"
        count, totals = groups.get(group, (0, {}))
        totals = {c: totals.get(c, Decimal(0)) + _amount(row.get(c, "")) for c in money_columns}
        groups[group] = (count + 1, totals)
    label = "financial year" if ("financial_year" in names or date_column) else ""
    if split_by_kind:
        label = f"{label} and {kind_column}" if label else kind_column
    return Totals(label, money_columns, groups)


def _year_of(text: str) -> str:
    try:
        return financial_year(dt.date.fromisoformat(text.strip()))
    except ValueError:
        return "no date"


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text.strip()) if text.strip() else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def describe(
    resource: dict, result: Merge, before: list[dict[str, str]], replace: bool, sheet_label: str, checked: bool = False
) -> list[str]:
    """The summary printed after an import (or a dry run), before the line saying what was written."""
    name = resource["name"]
    lines = [
        f"{sheet_label}: {plural(len(result.added), 'row')} added, {len(result.changed):,} changed, "
        f"{len(result.removed):,} removed."
    ]
    renamed = {id(now): was for was, now in result.renamed}
    for heading, rows in (
        ("Added", result.added),
        ("Changed", result.changed),
        ("Removed (--replace)", result.removed),
    ):
        lines += named_rows(resource, heading, rows, renamed)
    if result.kept and not replace and not checked:
        lines.append(
            f"{plural(len(result.kept), 'published row')} not in the sheet {'was' if len(result.kept) == 1 else 'were'} "
            "kept. To remove a row, type why in its Withdraw column (the spreadsheet to edit from the site has one); "
            "with the commands, import the whole dataset with --replace (make import FILE=… REPLACE=1)."
        )
    lines += unmatched_note(resource, result, replace, checked)
    if not result.keyed and result.added and not replace:
        lines.append(
            f"The {name} dataset has no identifier column, so a row that was edited in the sheet is added as a new "
            "row; to remove the old one, type why in its Withdraw column in the spreadsheet to edit from the site (with "
            "the commands, import the whole dataset with --replace)."
        )
    lines += totals_lines(resource, before, result.rows)
    return lines


def named_rows(
    resource: dict, heading: str, rows: list[dict[str, str]], renamed: dict[int, dict[str, str]] | None = None
) -> list[str]:
    """The rows one by one (the first LISTED of them), so a person can check they are the ones they meant; a row
    whose key was changed in place is shown as it was and as it is now."""
    if not rows:
        return []
    renamed = renamed or {}
    lines = [f"{heading}, {plural(len(rows), 'row')}:"]
    for row in rows[:LISTED]:
        was = renamed.get(id(row))
        label = row_label(resource, row)
        lines.append(f"  - renamed: {row_label(resource, was)} → {label}" if was is not None else f"  - {label}")
    if len(rows) > LISTED:
        lines.append(f"  … and {len(rows) - LISTED:,} more")
    return lines


def unmatched_note(resource: dict, result: Merge, replace: bool, checked: bool) -> list[str]:
    """When a sheet without its published version adds rows to a dataset whose key is several columns: a row whose
    key a person changed cannot be told from a new one, so say plainly what happened and how to undo it."""
    key = row_key(resource)
    if checked or replace or len(key) < 2 or not result.added or not result.kept:
        return []
    kept = {tuple(row.get(c, "").strip() for c in key): row for row in result.kept}
    lines = [
        f"Without the published version the file was made from, a row whose {' or '.join(key)} was changed "
        "cannot be told from a new row: the rows above were added, and every published row stays. If you changed "
        "a published row rather than adding one, the old row is still published: remove it by typing why (e.g. "
        "replaced by a corrected line) in its Withdraw column, in a fresh spreadsheet of this dataset (downloaded "
        "from the site's Open data page), or import the whole dataset with --replace (make import FILE=… REPLACE=1)."
    ]
    others = [c for c in result.header if c not in key]
    for row in result.added[:LISTED]:
        added = tuple(row.get(c, "").strip() for c in key)
        # A published row with the same figures whose key differs in one cell: most likely the row it was.
        near = [
            k
            for k, published in kept.items()
            if sum(a != b for a, b in zip(k, added, strict=True)) == 1
            and all(published.get(c, "").strip() == row.get(c, "").strip() for c in others)
        ]
        if len(near) == 1:
            lines.append(
                f"  - {row_label(resource, row)} differs from the published {row_label(resource, kept[near[0]])} "
                "only in one of those, with the same figures: if it replaces it, remove the old one."
            )
    return lines


def totals_lines(resource: dict, before_rows: list[dict[str, str]], after_rows: list[dict[str, str]]) -> list[str]:
    """Withdrawn rows are left out, as the site leaves them out of its lists and totals."""
    before = key_totals(resource, [r for r in before_rows if not is_withdrawn(r)])
    after = key_totals(resource, [r for r in after_rows if not is_withdrawn(r)])
    columns = after.money_columns
    what = "rows"
    if len(columns) == 1:
        what = f"rows and total {columns[0]}"
    elif columns:
        what = "rows and the total of each of " + ", ".join(columns)
    by = f" by {after.group_label}" if after.group_label else ""
    lines = [f"{resource.get('title', resource['name'])}, {what}{by}, withdrawn rows left out (before → after):"]
    empty = (0, {c: Decimal(0) for c in columns})
    for group in sorted(before.groups.keys() | after.groups.keys()):
        old, new = before.groups.get(group, empty), after.groups.get(group, empty)
        mark = "" if _figures(old, columns) == _figures(new, columns) else "   ← changed"
        lines.append(f"  {group}: {_figures(old, columns)} → {_figures(new, columns)}{mark}")
    if len(before.groups.keys() | after.groups.keys()) > 1 and "kind" not in after.group_label:
        # Figures of different kinds (budget and outturn) are never added together, so no grand total then.
        lines.append(f"  all: {_figures(_all(before, columns), columns)} → {_figures(_all(after, columns), columns)}")
    return lines


def _all(totals: Totals, columns: list[str]) -> tuple[int, dict[str, Decimal]]:
    count = sum(c for c, _ in totals.groups.values())
    return count, {c: sum((t.get(c, Decimal(0)) for _, t in totals.groups.values()), Decimal(0)) for c in columns}


def _figures(figures: tuple[int, dict[str, Decimal]], columns: list[str]) -> str:
    count, totals = figures
    if len(columns) == 1:
        return f"{count:,}, {money(totals.get(columns[0], Decimal(0)), exact=True)}"
    amounts = ", ".join(f"{c} {money(totals.get(c, Decimal(0)), exact=True)}" for c in columns)
    return f"{count:,}, {amounts}" if columns else f"{count:,}"


def row_label(resource: dict, row: dict[str, str]) -> str:
    """A row as a person recognises it: its identifier and its title (or name, or first text column)."""
    key = row_key(resource)
    names = [f["name"] for f in resource["schema"]["fields"]]
    title_column = next((c for c in names if c.lower() in ("title", "name") and c not in key), None)
    parts = [row.get(c, "") for c in key]
    if title_column:
        parts.append(row.get(title_column, ""))
    if not key and not title_column:
        parts = [row.get(c, "") for c in names[:3]]
    return ", ".join(p for p in parts if p)
