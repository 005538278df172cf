"""What an import did, in a few lines a person can check: rows added, changed, removed, and key totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .formatting import financial_year, money, plural
from .merging import Merge

LISTED = 50  # rows named one by one, of those added, changed or removed


@dataclass
class Totals:
    """Count (and money total, where the dataset has an amount in pounds) per financial year."""

    group_label: str
    money_column: str | None
    groups: dict[str, tuple[int, Decimal]]


def key_totals(resource: dict, rows: list[dict[str, str]]) -> Totals:
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    money_column = next(
        (f["name"] for f in fields if f.get("type") == "number" and "pound" in str(f.get("description", "")).lower()),
        None,
    )
    date_column = resource.get("date_field") or next((f["name"] for f in fields if f.get("type") == "date"), None)
    groups: dict[str, tuple[int, Decimal]] = {}
    for row in rows:
        if "financial_year" in names:
            group = row.get("financial_year", "") or "no year"
        elif date_column:
            group = _year_of(row.get(date_column, ""))
        else:
            group = "all rows"
        count, total = groups.get(group, (0, Decimal(0)))
        groups[group] = (count + 1, total + _amount(row.get(money_column, "") if money_column else ""))
    label = "financial year" if ("financial_year" in names or date_column) else ""
    return Totals(label, money_column, groups)


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


def describe(resource: dict, result: Merge, before: list[dict[str, str]], replace: bool, sheet_label: str) -> list[str]:
    """The summary printed after an import (or a dry run), before the line saying what was written."""
    name = resource["name"]
    lines = [
        f"{sheet_label}: {plural(len(result.added), 'row')} added, {len(result.changed):,} changed, "
        f"{len(result.removed):,} removed."
    ]
    for heading, rows in (
        ("Added", result.added),
        ("Changed", result.changed),
        ("Removed (--replace)", result.removed),
    ):
        lines += named_rows(resource, heading, rows)
    if result.kept and not replace:
        lines.append(
            f"{plural(len(result.kept), 'published row')} not in the sheet {'was' if len(result.kept) == 1 else 'were'} "
            "kept. To remove rows, import the sheet with --replace (make import FILE=… REPLACE=1)."
        )
    if not result.keyed and result.added and not replace:
        lines.append(
            f"The {name} dataset has no identifier column, so a row that was edited in the sheet is added as a new "
            "row; to change or remove rows, import the whole dataset with --replace."
        )
    lines += totals_lines(resource, before, result.rows)
    return lines


def named_rows(resource: dict, heading: str, rows: list[dict[str, str]]) -> list[str]:
    """The rows one by one (the first LISTED of them), so a person can check they are the ones they meant."""
    if not rows:
        return []
    lines = [f"{heading}, {plural(len(rows), 'row')}:"] + [f"  - {row_label(resource, row)}" for row in rows[:LISTED]]
    if len(rows) > LISTED:
        lines.append(f"  … and {len(rows) - LISTED:,} more")
    return lines


def totals_lines(resource: dict, before_rows: list[dict[str, str]], after_rows: list[dict[str, str]]) -> list[str]:
    before, after = key_totals(resource, before_rows), key_totals(resource, after_rows)
    what = f"rows and total {after.money_column}" if after.money_column else "rows"
    by = f" by {after.group_label}" if after.group_label else ""
    lines = [f"{resource.get('title', resource['name'])}, {what}{by} (before → after):"]
    for group in sorted(before.groups.keys() | after.groups.keys()):
        old, new = before.groups.get(group, (0, Decimal(0))), after.groups.get(group, (0, Decimal(0)))
        mark = "" if old == new else "   ← changed"
        lines.append(f"  {group}: {_figures(old, after.money_column)} → {_figures(new, after.money_column)}{mark}")
    total_old = (sum(c for c, _ in before.groups.values()), sum((t for _, t in before.groups.values()), Decimal(0)))
    total_new = (sum(c for c, _ in after.groups.values()), sum((t for _, t in after.groups.values()), Decimal(0)))
    if len(before.groups.keys() | after.groups.keys()) > 1:
        lines.append(f"  all: {_figures(total_old, after.money_column)} → {_figures(total_new, after.money_column)}")
    return lines


def _figures(figures: tuple[int, Decimal], money_column: str | None) -> str:
    count, total = figures
    return f"{count:,}, {money(total, exact=True)}" if money_column else f"{count:,}"


def row_label(resource: dict, row: dict[str, str]) -> str:
    """A row as a person recognises it: its identifier and its title (or name, or first text column)."""
    key = resource["schema"].get("primaryKey") or []
    names = [f["name"] for f in resource["schema"]["fields"]]
    title_column = next((c for c in names if c.lower() in ("title", "name") and c not in key), None)
    parts = [row.get(c, "") for c in key]
    if title_column:
        parts.append(row.get(title_column, ""))
    if not key and not title_column:
        parts = [row.get(c, "") for c in names[:3]]
    return ", ".join(p for p in parts if p)
