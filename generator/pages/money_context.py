"""Sentences that put money in context: like compared with like, two figures for one thing, funding against spending."""

from __future__ import annotations

from decimal import Decimal

from ..formatting import long_date, money


def totals_of_kind(rows: list[dict], kind: str) -> dict[str, Decimal]:
    """Each year's total of one kind of figure: budget, forecast or outturn."""
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row["kind"] == kind:
            totals[row["financial_year"]] = totals.get(row["financial_year"], Decimal(0)) + row["amount"]
    return dict(sorted(totals.items()))


def trend_series(funding: list[dict], best: list[tuple[str, Decimal]]) -> tuple[list[tuple[str, Decimal]], str]:
    """The years to draw and compare, and the kind they all are: each year's budget where every year has one,
    so a trend never sets an outturn against a forecast; else the best figures each year has ("")."""
    budgets = totals_of_kind(funding, "budget")
    if len(budgets) > 1 and set(budgets) == {year for year, _ in best}:
        return list(budgets.items()), "budget"
    return best, ""


def funding_gap(funding: list[dict], budget: list[dict], year: str, reserves: list[dict]) -> list[str]:
    """For one year, funding against spending for each kind of figure both have, and what covers a gap."""
    sentences = []
    for kind in ("budget", "forecast", "outturn"):
        received = totals_of_kind(funding, kind).get(year)
        spent = totals_of_kind(budget, kind).get(year)
        if received is None or spent is None:
            continue
        gap = spent - received
        said = f"The {year} {kind} puts funding at {money(received)} and spending at {money(spent)}"
        if abs(gap) < Decimal(50_000):  # under £0.05m: equal in £m to one decimal
            sentences.append(said + ": they balance.")
        elif gap > 0:
            sentences.append(
                said
                + f": {money(gap)} more is spent than received, a gap met from reserves (money kept from earlier years)."
            )
        else:
            sentences.append(said + f": {money(-gap)} more is received than spent, which is added to reserves.")
    movement = reserves_movement(reserves, year)
    if sentences and movement:
        sentences.append(movement)
    return sentences


def reserves_movement(reserves: list[dict], year: str) -> str:
    """How total reserves move over a financial year, from the reserves data, if it covers both ends."""
    start, end = int(year[:4]), int(year[:4]) + 1
    totals: dict = {}
    for row in reserves:
        totals[row["as_at"]] = totals.get(row["as_at"], Decimal(0)) + row["amount"]
    before = next((d for d in totals if d.year == start and d.month == 3 and d.day == 31), None)
    after = next((d for d in totals if d.year == end and d.month == 3 and d.day == 31), None)
    if before is None or after is None:
        return ""
    kind = next(r["kind"] for r in reserves if r["as_at"] == after)
    change = totals[after] - totals[before]
    direction = "fall" if change < 0 else "rise"
    verb = "are forecast to" if kind == "forecast" else "did"
    return (
        f"Total reserves {verb} {direction} by {money(abs(change))} over the year, from {money(totals[before])} on "
        f"{long_date(before)} to {money(totals[after])} on {long_date(after)}. Reserves also pay for things outside "
        "the yearly budget, such as capital investment, so this need not equal the gap."
    )


def council_tax_two_ways(funding: list[dict], precept: list[dict], year: str) -> str:
    """Where the funding figures' council tax and the precept raised differ for a year: what each is."""
    raised = next((r.get("total") for r in precept if r["financial_year"] == year and r.get("total")), None)
    rows = [r for r in funding if r["financial_year"] == year and "council tax" in r["source"].lower()]
    if raised is None or not rows:
        return ""
    kind = next(k for k in ("outturn", "forecast", "budget") if any(r["kind"] == k for r in rows))
    income = sum((r["amount"] for r in rows if r["kind"] == kind), Decimal(0))
    what = {"outturn": "what was collected", "forecast": "the latest forecast of what will be collected"}
    said = f"In the funding figures, council tax income for {year} is {money(income)}, {what.get(kind, 'as budgeted')}."
    if income == raised:
        return said + " It is the precept raised for the year."
    return (
        f"{said} The precept raised for {year}, set before the year began for councils to collect, is "
        f"{money(raised)}. The two differ when councils collect more or less council tax than expected."
    )
