"""The Procurement Act 2023's pages: payments over £30,000 under contracts, quarter by quarter, and payment times."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from ..charts import bar_chart
from ..contract_payments import (
    THRESHOLD,
    UPLOAD_COLUMNS,
    Quarter,
    applies_from,
    notice_url,
    payment_times,
    quarters,
    upload_csv,
)
from ..formatting import long_date, money_format, percent
from ..model import Site
from . import Page

SOURCES = frozenset({"spend", "contracts"})


def pages(site: Site) -> Iterator[Page]:
    if not site.has("spend"):
        return
    found = quarters(site.records["spend"], site.records.get("contracts", []), site.profile, site.build_date)
    since = applies_from(site.profile)
    if since is not None:
        yield _index(site, found, since)
        for quarter in found:
            yield _quarter(site, quarter, since)
    yield _payment_times(site)


def _index(site: Site, found: list[Quarter], since) -> Page:
    return Page(
        "money/contract-payments/index.md",
        "Payments over £30,000 under contracts",
        "contract_payments.html",
        {"quarters": list(reversed(found)), "since": since, "today": site.build_date},
        description="Each quarter's payments over £30,000 including VAT under contracts procured from "
        f"{long_date(since)}, as published on the Central Digital Platform under the Procurement Act 2023 s.70.",
        search=True,
        sources=SOURCES,
    )


def _quarter(site: Site, quarter: Quarter, since) -> Page:
    period = quarter.period
    upload = f"money/contract-payments/{period.slug}.csv"
    rows = [
        dict(item, notice=notice_url(item["contract"].get("ocid"))) for item in quarter.listed
    ]  # the template shows each payment with its contract and the contract's notices
    return Page(
        f"money/contract-payments/{period.slug}.md",
        f"Payments over £30,000 under contracts: {period.label}",
        "contract_payments_quarter.html",
        {
            "quarter": quarter,
            "period": period,
            "rows": rows,
            "since": since,
            "threshold": THRESHOLD,
            "ended": period.end < site.build_date,
            "upload": upload,
            "columns": UPLOAD_COLUMNS,
            # One format for the money in the table: £5,200.00 beside £120,833.33, never £5,200.
            "shown": money_format(
                [v for r in rows for v in (r["payment"]["amount"], r["payment"].get("vat"), r["with_vat"])]
                + [quarter.total],
                exact=True,
            ),
        },
        description=f"{len(rows)} payments over £30,000 including VAT under contracts procured from "
        f"{long_date(since)}, in {period.label}, with the file for the Central Digital Platform.",
        attachments={upload: partial(upload_csv, quarter)},
        search=True,
        sources=SOURCES,
    )


def _payment_times(site: Site) -> Page:
    periods = payment_times(site.records["spend"], site.profile, site.build_date)
    charts = []
    for times in periods:
        label = times.period.label + (" (so far)" if times.period.end >= site.build_date else "")
        within = times.shares[0][1]
        summary = (
            f"From {long_date(times.period.start)} to {long_date(min(times.period.end, site.build_date))}, "
            f"{times.count} invoices took "
            f"{times.average_days} days on average to pay; {percent(within, times.count)} were paid within 30 days, "
            f"{percent(times.shares[1][1], times.count)} in 31 to 60 days and "
            f"{percent(times.shares[2][1], times.count)} in 61 days or more."
        )
        charts.append(
            bar_chart(
                f"payment-times-{times.period.slug}",
                f"{percent(within, times.count)} of invoices were paid within 30 days: {label}",
                summary,
                [(band, Decimal(count) * 100 / times.count) for band, count in times.shares],
                "Share of invoices",
                lambda value: f"{value.quantize(Decimal(1), ROUND_HALF_UP)}%",
            )
        )
    return Page(
        "money/payment-times.md",
        "How quickly we pay invoices",
        "payment_times.html",
        {"periods": list(zip(periods, charts, strict=True))[::-1], "today": site.build_date},
        description="How many days we took to pay invoices in each six-month period, and the share paid within "
        "30 days, in 31 to 60 days and in 61 days or more (Procurement Act 2023 s.69).",
        charts=bool(charts),
        search=True,
        sources=SOURCES,
    )
