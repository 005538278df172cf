"""The headline figures a reviewer checks before publishing: grants by year, budget, Band D and reserves."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..core.formatting import money
from ..model.records import Site
from ..pages.money import yearly_totals


def figures(site: Site) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    by_year: dict[str, Decimal] = defaultdict(Decimal)
    for grant in site.grants:
        by_year[grant.financial_year] += grant.amount
    for year in sorted(by_year):
        found[f"Grants awarded in {year}"] = by_year[year]
    budget = [r for r in site.records.get("budget", []) if r["kind"] == "budget"]
    for year, total in yearly_totals(budget) if budget else []:
        found[f"Budget {year}"] = total
    for row in sorted(site.records.get("precept", []), key=lambda r: r["financial_year"]):
        found[f"Band D precept {row['financial_year']}"] = row["band_d"]
    reserves: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in site.records.get("reserves", []):
        reserves[(row["as_at"], row["kind"])] += row["amount"]
    for (as_at, kind), total in sorted(reserves.items()):
        found[f"Total reserves at {as_at.isoformat()} ({kind})"] = total
    return found


def changes(before: Site, after: Site) -> list[str]:
    """A table of the figures that change, before → after; figures that stay the same are not listed."""
    old, new = figures(before), figures(after)
    names = list(new) + [n for n in old if n not in new]
    moved = [n for n in names if old.get(n) != new.get(n)]
    if not moved:
        return ["No headline figure changes.", ""]
    lines = ["| Figure | Before | After | Change |", "|---|---:|---:|---:|"]
    for name in moved:
        was, now = old.get(name), new.get(name)
        change = (now or Decimal(0)) - (was or Decimal(0))
        sign = "+" if change > 0 else "−" if change < 0 else ""
        shown = [money(v, exact=True) if v is not None else "–" for v in (was, now)]
        lines.append(f"| {name} | {shown[0]} | {shown[1]} | {sign}{money(abs(change), exact=True)} |")
    return [*lines, ""]
