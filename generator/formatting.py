"""Money, dates, financial years and percentages: the one place numbers become words."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

MONTHS = "January February March April May June July August September October November December".split()


def money(value: Decimal | int | float | None, exact: bool = False) -> str:
    """£183.1m for millions (unless exact), £1,250 for whole pounds, £278.01 with pence."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount >= 1_000_000 and not exact:
        millions = (amount / 1_000_000).quantize(Decimal("0.1"), ROUND_HALF_UP)
        return f"{sign}£{millions}m"
    if amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def number(value: Decimal | int | float | None, places: int | None = None) -> str:
    if value is None:
        return ""
    amount = Decimal(str(value))
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    if amount == amount.to_integral_value() and places is None:
        return f"{int(amount):,}"
    return f"{amount:,}"


def percent(part: Decimal | int, whole: Decimal | int, places: int = 0) -> str:
    if not whole:
        return ""
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{share}%"


def signed_percent(change: Decimal, places: int = 1) -> str:
    value = change.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"+{value}%" if value > 0 else f"{value}%"


def long_date(value: dt.date | None) -> str:
    """23 November 2026, as GOV.UK writes dates."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def financial_year(value: dt.date) -> str:
    """The financial year a date falls in: 1 April to 31 March, written 2024/25."""
    start = value.year if value.month >= 4 else value.year - 1
    return f"{start}/{str(start + 1)[-2:]}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A URL-safe, lower-case form of an identifier; '/' becomes '-'."""
    cleaned = "".join(c if c.isalnum() else "-" for c in text.strip().lower())
    return "-".join(part for part in cleaned.split("-") if part)


FILTERS = {
    "money": money,
    "number": number,
    "long_date": long_date,
    "financial_year": financial_year,
    "plural": plural,
    "slug": slug,
}
