"""The Procurement Act 2023's pages: payments over £30,000 under contracts, quarter by quarter, and payment times."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from ..core.formatting import long_date, money_format, month_name, percent
from ..core.i18n import ENGLISH, _, current
from ..data.bodies import CHIEF_CONSTABLE
from ..model.contract_payments import (
    THRESHOLD,
    UPLOAD_COLUMNS,
    PaymentTimes,
    Quarter,
    applies_from,
    notice_url,
    payment_times,
    quarters,
    upload_csv,
)
from ..model.records import Site
from ..render.charts import bar_chart
from . import Page
from .money import payer

SOURCES = frozenset({"spend", "contracts"})


def pages(site: Site) -> Iterator[Page]:
    if not site.has("spend"):
        return
    # Worked out from the payments, contracts and profile alone: a preview keeps them until one of those changes.
    profile = json.dumps(site.profile, sort_keys=True, default=str)
    yield from site.derived(
        "procurement-pages", sorted(SOURCES), lambda: list(_pages(site)), profile, site.build_date, current()
    )


def _pages(site: Site) -> Iterator[Page]:
    found = quarters(site.records["spend"], site.records.get("contracts", []), site.profile, site.build_date)
    since = applies_from(site.profile)
    if since is not None:
        split = {q.period.slug: _split(site, q) for q in found}
        yield _index(site, found, since, split)
        for quarter in found:
            yield _quarter(site, quarter, since, *split[quarter.period.slug])
    yield _payment_times(site)


def _index(site: Site, found: list[Quarter], since, split: dict) -> Page:
    return Page(
        "money/contract-payments/index.md",
        _("Payments over £30,000 under contracts"),
        "contract_payments.html",
        {
            "quarters": [(q, split[q.period.slug][1]) for q in reversed(found)],
            "labels": {q.period.slug: period_label(q.period) for q in found},
            "since": since,
            "today": site.build_date,
            "own": site.current_body.role_short,
            "chief_constable": _(CHIEF_CONSTABLE),
        },
        description=_(
            "Each quarter's payments over £30,000 including VAT under contracts whose procurement began on or after "
            "%(date)s, by who paid them (Procurement Act 2023 s.70)."
        )
        % {"date": long_date(since)},
        search=True,
        sources=SOURCES,
    )


def _authorities(site: Site, quarter: Quarter, rows: list[dict]) -> list[dict]:
    """The quarter's payments split by the contracting authority that made them, each with its own upload file.

    The body holding the functions and the Chief Constable are separate contracting authorities: each publishes
    its own. A payment whose spend.csv row does not say who made it is in neither file.
    """
    slug = quarter.period.slug
    groups = [
        (
            "own",
            site.body_on(min(quarter.period.end, site.build_date)).role_short,
            f"money/contract-payments/{slug}.csv",
        ),
        ("chief-constable", _(CHIEF_CONSTABLE), f"money/contract-payments/{slug}-chief-constable.csv"),
    ]
    found = []
    for key, name, upload in groups:
        listed = [r for r in rows if r["authority"] == key]
        total = sum((r["with_vat"] for r in listed), Decimal(0))
        found.append({"key": key, "name": name, "rows": listed, "total": total, "upload": upload})
    return found


def _authority(site: Site, payment: dict) -> tuple[str, str]:
    """("own" | "chief-constable" | "", the name shown as "Paid by")."""
    who = payer(site, payment)
    if who == CHIEF_CONSTABLE:
        return "chief-constable", _(who)
    return ("own", who) if who else ("", _("Not recorded"))


def _split(site: Site, quarter: Quarter) -> tuple[list[dict], list[dict]]:
    """The quarter's rows, each saying who paid it, and its authorities (see _authorities)."""
    rows = []  # the template shows each payment with who made it, its contract and the contract's notices
    for item in quarter.listed:
        key, who = _authority(site, item["payment"])
        rows.append(dict(item, notice=notice_url(item["contract"].get("ocid")), authority=key, paid_by=who))
    return rows, _authorities(site, quarter, rows)


def _quarter(site: Site, quarter: Quarter, since, rows: list[dict], authorities: list[dict]) -> Page:
    period = quarter.period
    label = period_label(period)
    shown_label = label if period.end < site.build_date else _("%(period)s (so far)") % {"period": label}
    return Page(
        f"money/contract-payments/{period.slug}.md",
        _("Payments over £30,000 under contracts: %(period)s") % {"period": shown_label},
        "contract_payments_quarter.html",
        {
            "quarter": quarter,
            "period": period,
            "label": label,
            "rows": rows,
            "since": since,
            "threshold": THRESHOLD,
            "ended": period.end < site.build_date,
            "authorities": authorities,
            "unattributed": [r for r in rows if not r["authority"]],
            "columns": UPLOAD_COLUMNS,
            # One format for the money in the table: £5,200.00 beside £120,833.33, never £5,200.
            "shown": money_format(
                [v for r in rows for v in (r["payment"]["amount"], r["payment"].get("vat"), r["with_vat"])]
                + [quarter.total]
                + [a["total"] for a in authorities],
                exact=True,
            ),
        },
        description=_(
            "%(count)s payments over £30,000 including VAT under contracts whose procurement began on or after "
            "%(date)s, in %(period)s, by who paid them, with each one's file."
        )
        % {"count": len(rows), "date": long_date(since), "period": label},
        attachments={a["upload"]: partial(upload_csv, a["rows"]) for a in authorities},
        search=True,
        sources=SOURCES,
    )


def period_label(period) -> str:
    """'April to June 2026' (law/act_duties.py's label); in Welsh with Babel's month names, 'Ebrill–Mehefin 2026'
    (a dash rather than "i", which would mutate the month's name)."""
    if current() == ENGLISH:
        return period.label
    if period.start.day != 1:
        return f"{long_date(period.start).removesuffix(f' {period.start.year}')}–{long_date(period.end)}"
    first = month_name(period.start.year, period.start.month)
    if period.start.year == period.end.year:
        first = first.removesuffix(f" {period.start.year}")
    return f"{first}–{month_name(period.end.year, period.end.month)}"


def _times_chart(times: PaymentTimes, key: str, who: str, today, first=None, last=None) -> dict:
    """The chart of one authority's figures; first and last: the days of its part of a period split by a handover."""
    label = period_label(times.period)
    if times.period.end >= today:
        label = _("%(period)s (so far)") % {"period": label}
    if first:  # a body's part of a period split by a handover
        label = _("%(first)s to %(last)s") % {"first": long_date(first), "last": long_date(last)}
    within = times.shares[0][1]
    summary = _(
        "From %(start)s to %(end)s, %(count)s invoices paid by the %(who)s took %(days)s days on average to pay; "
        "%(within)s were paid within 30 days, %(middle)s in 31 to 60 days and %(late)s in 61 days or more."
    ) % {
        "start": long_date(first or times.period.start),
        "end": long_date(last or min(times.period.end, today)),
        "count": times.count,
        "who": who,
        "days": times.average_days,
        "within": percent(within, times.count),
        "middle": percent(times.shares[1][1], times.count),
        "late": percent(times.shares[2][1], times.count),
    }
    return bar_chart(
        f"payment-times-{times.period.slug}-{key}",
        _("%(share)s of invoices paid by the %(who)s were paid within 30 days: %(period)s")
        % {"share": percent(within, times.count), "who": who, "period": label},
        summary,
        [(_(band), Decimal(count) * 100 / times.count) for band, count in times.shares],
        _("Share of invoices"),
        lambda value: f"{value.quantize(Decimal(1), ROUND_HALF_UP)}%",
    )


def _own_parts(site: Site, rows: list[dict], period) -> list[tuple]:
    """A period's own figures, one part per body in office during it (the functions may pass part way through):
    (body, first day, last day, its payments)."""
    today = site.build_date
    parts = []
    for body in site.bodies_between(period.start, min(period.end, today)):
        first = max(d for d in (period.start, body.start) if d is not None)
        last = min(d for d in (period.end, body.end, today) if d is not None)
        paid = [r for r in rows if first <= r["date"] <= last and site.body_on(r["date"]) == body]
        parts.append((body, first, last, paid))
    return parts


def _payment_times(site: Site) -> Page:
    """Each period, completed ones first (newest first), then the one still running; per contracting authority.

    A period during which the functions passed to a new body shows each body's part apart, with its dates."""
    today = site.build_date
    by_period: dict[str, dict] = {}
    own = [r for r in site.records["spend"] if _authority(site, r)[0] == "own"]
    for times in payment_times(own, site.profile, today):
        period = times.period
        parts = _own_parts(site, own, period)
        split = len(parts) > 1
        entry = by_period.setdefault(period.slug, {"period": period, "authorities": [], "handover": None})
        if split:
            entry["handover"] = {"before": parts[0][0], "after": parts[-1][0], "on": parts[-1][1]}
        for number, (body, first, last, paid) in enumerate(parts, start=1):
            found = next((t for t in payment_times(paid, site.profile, today) if t.period == period), None)
            if found is None:
                continue
            key = f"own-{number}" if split else "own"
            dates = (first, last) if split else (None, None)
            entry["authorities"].append(
                {
                    "key": key,
                    "name": body.role_short,
                    "part": dates if split else None,
                    "times": found,
                    "chart": _times_chart(found, key, body.role_short, today, *dates),
                }
            )
    chief = [r for r in site.records["spend"] if _authority(site, r)[0] == "chief-constable"]
    for times in payment_times(chief, site.profile, today):
        entry = by_period.setdefault(times.period.slug, {"period": times.period, "authorities": [], "handover": None})
        entry["authorities"].append(
            {
                "key": "chief-constable",
                "name": _(CHIEF_CONSTABLE),
                "part": None,
                "times": times,
                "chart": _times_chart(times, "chief-constable", _(CHIEF_CONSTABLE), today),
            }
        )
    ordered = sorted(by_period.values(), key=lambda e: (e["period"].end >= today, -e["period"].end.toordinal()))
    for entry in ordered:
        entry["label"] = period_label(entry["period"])
    return Page(
        "money/payment-times.md",
        _("How quickly invoices are paid"),
        "payment_times.html",
        {"periods": ordered, "today": today, "chief_constable": _(CHIEF_CONSTABLE)},
        description=_(
            "How many days invoices took to pay in each six-month period, by who paid them, and the share "
            "paid within 30 days, in 31 to 60 days and in 61 days or more (Procurement Act 2023 s.69)."
        ),
        charts=bool(ordered),
        search=True,
        sources=SOURCES,
    )
