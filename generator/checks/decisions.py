"""Check the front matter of each decision record in content/decisions/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from ..load import RawDecision
from ..problems import Problem, quote

REQUIRED = ("reference", "title", "date", "decision_maker", "summary")
OPTIONAL = ("amount", "priorities", "category", "exempt", "documents")


def check(decisions: list[RawDecision]) -> list[Problem]:
    found = []
    seen: dict[str, str] = {}
    for record in decisions:
        found += _check_one(record)
        reference = str(record.meta.get("reference") or "")
        if reference in seen:
            found.append(
                Problem(
                    record.file,
                    None,
                    "reference",
                    f"{quote(reference)} is also used by {seen[reference]}",
                    "give each decision its own reference",
                )
            )
        seen.setdefault(reference, record.file)
    return found


def _check_one(record: RawDecision) -> list[Problem]:
    meta, file = record.meta, record.file
    found = [
        Problem(file, None, key, "is missing or empty", "every decision needs it")
        for key in REQUIRED
        if not str(meta.get(key) or "").strip()
    ]
    for key in meta:
        if key not in REQUIRED + OPTIONAL:
            found.append(
                Problem(file, None, key, "is not a known key", "the keys are " + ", ".join(REQUIRED + OPTIONAL))
            )
    if meta.get("date") and parse_date(meta["date"]) is None:
        found.append(Problem(file, None, "date", f"{quote(meta['date'])} is not a real date", "write it as YYYY-MM-DD"))
    if meta.get("amount") not in (None, "") and parse_amount(meta["amount"]) is None:
        found.append(
            Problem(
                file, None, "amount", f"{quote(meta['amount'])} is not a number", "write a plain number such as 25000"
            )
        )
    priorities = meta.get("priorities")
    if priorities is not None and not (isinstance(priorities, list) and all(isinstance(p, str) for p in priorities)):
        found.append(
            Problem(file, None, "priorities", "should be a list of priority ids", "write e.g. [vulnerable, fairness]")
        )
    documents = meta.get("documents")
    if documents is not None and not (
        isinstance(documents, list) and all(isinstance(d, dict) and d.get("title") and d.get("url") for d in documents)
    ):
        found.append(
            Problem(
                file,
                None,
                "documents",
                "each document needs a title and a url",
                "write - {title: Report, url: https://...}",
            )
        )
    return found


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def parse_amount(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None
