"""Payments under public contracts (Procurement Act 2023 s.70) and the time taken to pay invoices (s.69)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.formatting import N_
from ..law import act_duties as act
from ..law.duties import load_register

THRESHOLD = Decimal("30000")  # s.70: payments of MORE than £30,000, including VAT
# The upload's columns, named as in the Cabinet Office's guidance on contract payment information
# (4 February 2026); README.md says which version. Change them here, and only here, if the guidance changes.
UPLOAD_COLUMNS = (
    "Contract OCID",
    "Contract reference",
    "Supplier name",
    "Payment date",
    "Payment amount (including VAT)",
)
# Find a Tender's OCDS record of a procurement, by its ocid: its notices.
NOTICE_URL = "https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/{ocid}"
# Named in English in the model and the downloads; a page shows each in its own language.
BANDS = ((N_("Within 30 days"), 0, 30), (N_("31 to 60 days"), 31, 60), (N_("61 days or more"), 61, None))


def notice_url(ocid: str | None) -> str:
    return NOTICE_URL.format(ocid=ocid) if ocid else ""


def with_vat(row: dict) -> Decimal:
    """The payment including VAT: amount plus vat (a payment with no vat recorded is its amount)."""
    return row["amount"] + (row.get("vat") or Decimal(0))


def _timing(duty: str) -> dict:
    return next(d.timing for d in load_register() if d.id == duty)


@dataclass
class Quarter:
    period: act.Period
    listed: list[dict] = field(default_factory=list)  # {"payment", "contract", "with_vat"}
    older: int = 0  # over £30,000 under contracts whose procurement began before the duty
    not_over: int = 0  # under contracts procured since, but £30,000 or less including VAT
    no_contract: int = 0  # payments not linked to a contract

    @property
    def total(self) -> Decimal:
        return sum((item["with_vat"] for item in self.listed), Decimal(0))


def applies_from(profile: dict) -> dt.date | None:
    """The date from which procurements count (1 April 2026 in England); None where s.70 is not in force."""
    return act.in_force(_timing("contract-payments"), act.nation(profile))


def quarters(spend: list[dict], contracts: list[dict], profile: dict, today: dt.date) -> list[Quarter]:
    """Every quarter from the duty's commencement to today's, each with the payments it must publish."""
    timing, where = _timing("contract-payments"), act.nation(profile)
    start = act.in_force(timing, where)
    if start is None or today < start:
        return []
    found = [Quarter(p) for p in act.periods(timing, where, today)]
    by_reference = {c["reference"]: c for c in contracts}
    for row in sorted(spend, key=lambda r: (r["date"], r["transaction_id"])):
        quarter = next((q for q in found if q.period.start <= row["date"] <= q.period.end), None)
        if quarter is None:
            continue
        contract = by_reference.get(row.get("contract_reference") or "")
        if contract is None:
            quarter.no_contract += 1
            continue
        begun = contract.get("procurement_start")
        gross = with_vat(row)
        if not isinstance(begun, dt.date) or begun < start:
            quarter.older += gross > THRESHOLD
        elif gross > THRESHOLD:
            quarter.listed.append({"payment": row, "contract": contract, "with_vat": gross})
        else:
            quarter.not_over += 1
    return found


def upload_csv(listed: list[dict]) -> bytes:
    """One contracting authority's file for a quarter, to upload to the Central Digital Platform: a row a payment."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(UPLOAD_COLUMNS)
    for item in listed:
        payment, contract = item["payment"], item["contract"]
        writer.writerow(
            [
                contract.get("ocid") or "",
                contract["reference"],
                payment["supplier"],
                payment["date"].isoformat(),
                f"{item['with_vat']:.2f}",
            ]
        )
    return out.getvalue().encode("utf-8")


@dataclass
class PaymentTimes:
    period: act.Period
    count: int
    average_days: Decimal
    shares: list[tuple[str, int]]  # (band, invoices in it)


def payment_times(spend: list[dict], profile: dict, today: dt.date) -> list[PaymentTimes]:
    """For each six-month reporting period, from the invoices with a received date: how long they took to pay."""
    timing, where = _timing("payments-compliance"), act.nation(profile)
    found = []
    for period in act.periods(timing, where, today):
        days = [
            (r["date"] - r["invoice_date"]).days
            for r in spend
            if isinstance(r.get("invoice_date"), dt.date)
            and r["invoice_date"] <= r["date"]
            and period.start <= r["date"] <= period.end
        ]
        if not days:
            continue
        average = (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
        shares = [(band, sum(1 for d in days if low <= d and (high is None or d <= high))) for band, low, high in BANDS]
        found.append(PaymentTimes(period, len(days), average, shares))
    return found
