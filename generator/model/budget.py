"""Budget by area and by item: the same comparison columns for each, from data/budget.csv's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..core.formatting import N_
from ..core.i18n import _

# The kinds of figure budget.csv and funding.csv give (and reserves.csv's actual), as pages name them.
KINDS = (N_("budget"), N_("forecast"), N_("outturn"), N_("actual"))


@dataclass
class BudgetLine:
    """One area (its items added up) or one item within an area, for one financial year."""

    name: str
    budget: Decimal
    actual: Decimal | None  # the outturn or forecast, when there is one
    previous: Decimal | None  # last year's budget
    items: list[BudgetLine] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.budget

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.budget - self.previous


def previous_year(year: str) -> str:
    return f"{int(year[:4]) - 1}/{year[2:4]}"


def actual_kind(rows: list[dict], year: str) -> str | None:
    """The figure to set against the budget: the outturn when there is one, else the forecast."""
    kinds = {r["kind"] for r in rows if r["financial_year"] == year}
    return next((k for k in ("outturn", "forecast") if k in kinds), None)


def _sums(rows: list[dict], year: str, kind: str | None, key) -> dict:
    totals: dict = {}
    for row in rows:
        if kind and row["financial_year"] == year and row["kind"] == kind:
            totals[key(row)] = totals.get(key(row), Decimal(0)) + row["amount"]
    return totals


def budget_lines(rows: list[dict], year: str) -> list[BudgetLine]:
    """Each area of the year's budget, largest first, with its items (largest first) where it lists them."""
    kind = actual_kind(rows, year)
    before = previous_year(year)
    by_area = [_sums(rows, y, k, lambda r: r["area"]) for y, k in ((year, "budget"), (year, kind), (before, "budget"))]
    by_item = [
        _sums(rows, y, k, lambda r: (r["area"], r.get("item") or ""))
        for y, k in ((year, "budget"), (year, kind), (before, "budget"))
    ]
    plan, actual, previous = by_area
    lines = []
    for area, amount in plan.items():
        items = [
            BudgetLine(item, value, by_item[1].get((a, item)), by_item[2].get((a, item)))
            for (a, item), value in by_item[0].items()
            if a == area and item
        ]
        lines.append(
            BudgetLine(
                area,
                amount,
                actual.get(area) if kind else None,
                previous.get(area),
                sorted(items, key=lambda i: -i.budget) if len(items) > 1 else [],
            )
        )
    return sorted(lines, key=lambda line: -line.budget)


def total_line(lines: list[BudgetLine]) -> BudgetLine:
    """The total row: each column added up over the areas that have a figure in it."""

    def add(values) -> Decimal | None:
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None

    return BudgetLine(
        _("Total"),
        sum((line.budget for line in lines), Decimal(0)),
        add(line.actual for line in lines),
        add(line.previous for line in lines),
    )
