"""Sentences that put money in context: like compared with like, two figures for one thing, funding against spending."""

from __future__ import annotations

from decimal import Decimal

from ..core.formatting import long_date, money
from ..core.i18n import _


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


SAME = Decimal(50_000)  # under £0.05m: equal in £m to one decimal
RESERVES_KIND = {"actual": "outturn", "forecast": "forecast"}  # the funding figures a reserves figure goes with


def funding_gap(funding: list[dict], budget: list[dict], year: str, reserves: list[dict]) -> list[str]:
    """For one year, funding against spending for each kind of figure both have, then the change in reserves and,
    where it differs from the gap, by how much: only what the figures show, no reason they do not give."""
    sentences, gaps = [], {}
    for kind in ("budget", "forecast", "outturn"):
        received = totals_of_kind(funding, kind).get(year)
        spent = totals_of_kind(budget, kind).get(year)
        if received is None or spent is None:
            continue
        gap = gaps[kind] = spent - received
        figures = {"year": year, "kind": _(kind), "received": money(received), "spent": money(spent)}
        if abs(gap) < SAME:
            said = _("The %(year)s %(kind)s puts funding at %(received)s and spending at %(spent)s: they balance.")
        elif gap > 0:
            said = _(
                "The %(year)s %(kind)s puts funding at %(received)s and spending at %(spent)s: "
                "%(gap)s more is spent than received."
            )
        else:
            said = _(
                "The %(year)s %(kind)s puts funding at %(received)s and spending at %(spent)s: "
                "%(gap)s more is received than spent."
            )
        sentences.append(said % {**figures, "gap": money(abs(gap))})
    movement = reserves_movement(reserves, year)
    if sentences and movement:
        change, kind_of_reserves, sentence = movement
        sentences.append(sentence)
        kind = RESERVES_KIND.get(kind_of_reserves)
        kind = kind if kind in gaps else list(gaps)[-1]
        sentences.append(gap_against_reserves(gaps[kind], change, kind))
    return sentences


def gap_against_reserves(gap: Decimal, change: Decimal, kind: str) -> str:
    """Whether the change in reserves equals the year's gap (a gap of £6m would take £6m from reserves)."""
    if abs(gap) < SAME:
        said = _("the %(kind)s, in which funding and spending balance") % {"kind": _(kind)}
    elif gap > 0:
        said = _("the %(gap)s by which spending exceeds funding in the %(kind)s") % {"gap": money(gap), "kind": _(kind)}
    else:
        said = _("the %(gap)s by which funding exceeds spending in the %(kind)s") % {
            "gap": money(-gap),
            "kind": _(kind),
        }
    difference = abs(change + gap)
    if difference < SAME:
        return _("The change in reserves matches %(what)s.") % {"what": said}
    return _(
        "The change in reserves is not the same as %(what)s: the two differ by %(difference)s. "
        "The published figures do not show what makes up the difference."
    ) % {"what": said, "difference": money(difference)}


def reserves_movement(reserves: list[dict], year: str) -> tuple[Decimal, str, str] | None:
    """How total reserves move over a financial year, from the reserves data, if it covers both ends:
    the change, the kind of the closing figure (actual or forecast) and a sentence saying so."""
    start, end = int(year[:4]), int(year[:4]) + 1
    totals: dict = {}
    for row in reserves:
        totals[row["as_at"]] = totals.get(row["as_at"], Decimal(0)) + row["amount"]
    before = next((d for d in totals if d.year == start and d.month == 3 and d.day == 31), None)
    after = next((d for d in totals if d.year == end and d.month == 3 and d.day == 31), None)
    if before is None or after is None:
        return None
    kind = next(r["kind"] for r in reserves if r["as_at"] == after)
    change = totals[after] - totals[before]
    sentences = {
        ("forecast", "fall"): _(
            "Total reserves are forecast to fall by %(change)s over the year, from %(before)s on %(start)s to "
            "%(after)s on %(end)s."
        ),
        ("forecast", "rise"): _(
            "Total reserves are forecast to rise by %(change)s over the year, from %(before)s on %(start)s to "
            "%(after)s on %(end)s."
        ),
        ("actual", "fall"): _(
            "Total reserves did fall by %(change)s over the year, from %(before)s on %(start)s to %(after)s on %(end)s."
        ),
        ("actual", "rise"): _(
            "Total reserves did rise by %(change)s over the year, from %(before)s on %(start)s to %(after)s on %(end)s."
        ),
    }
    sentence = sentences["forecast" if kind == "forecast" else "actual", "fall" if change < 0 else "rise"]
    return (
        change,
        kind,
        sentence
        % {
            "change": money(abs(change)),
            "before": money(totals[before]),
            "start": long_date(before),
            "after": money(totals[after]),
            "end": long_date(after),
        },
    )


def council_tax_two_ways(funding: list[dict], precept: list[dict], year: str) -> str:
    """Where the funding figures' council tax and the precept raised differ for a year: what each is."""
    raised = next((r.get("total") for r in precept if r["financial_year"] == year and r.get("total")), None)
    rows = [r for r in funding if r["financial_year"] == year and "council tax" in r["source"].lower()]
    if raised is None or not rows:
        return ""
    kind = next(k for k in ("outturn", "forecast", "budget") if any(r["kind"] == k for r in rows))
    income = sum((r["amount"] for r in rows if r["kind"] == kind), Decimal(0))
    what = {
        "outturn": _("what was collected"),
        "forecast": _("the latest forecast of what will be collected"),
    }.get(kind) or _("as budgeted")
    said = _("In the funding figures, council tax income for %(year)s is %(income)s, %(what)s.") % {
        "year": year,
        "income": money(income),
        "what": what,
    }
    if income == raised:
        return said + " " + _("It is the precept raised for the year.")
    return (
        said
        + " "
        + _(
            "The precept raised for %(year)s, set before the year began for councils to collect, is %(raised)s. "
            "The two differ when councils collect more or less council tax than expected."
        )
        % {"year": year, "raised": money(raised)}
    )
