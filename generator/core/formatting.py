"""Money, dates, financial years and percentages: the one place numbers become words.

The rules for money, so one sum reads the same on every page (tests/test_figures.py collects them):
- exact: whole pounds as "£1,250", and to the penny where the figure has pence ("£742,500.50"), never rounded;
- in millions: "£1.3m", to one decimal, for a figure of £1m or more in a sentence or headline, and for every
  figure of a chart whose figures are all £100,000 or more with one of £1m or more; a figure under £1m there
  shows two decimals and is never rounded up to a million: £956,401 reads "£0.96m" beside "£1.2m", never "£1.0m";
- a budget table in millions (money_format(millions=True)) shows two decimals when a figure is under £100,000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from . import i18n

TENTHS, PENCE = Decimal("0.1"), Decimal("0.01")
MONTHS = "January February March April May June July August September October November December".split()


def money(value: Decimal | int | float | None, exact: bool = False) -> str:
    """£183.1m for millions (unless exact), £1,250 for whole pounds, £278.01 with pence."""
    if type(value) is Decimal:  # nearly every call (a page of payments has thousands): the fewest steps
        amount = value
    elif value is None or value == "":
        return ""
    else:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if amount < 0:
        sign, amount = "-", abs(amount)
    else:
        sign = ""
    if not exact and amount >= 1_000_000:
        millions = (amount / 1_000_000).quantize(TENTHS, ROUND_HALF_UP)
        return f"{sign}£{millions}m"
    if amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount.quantize(PENCE, ROUND_HALF_UP):,}"


def money_format(values, millions: bool = False, exact: bool = False) -> Callable[[Decimal | int | float | None], str]:
    """One money format for a whole chart or table, chosen once from its figures (GAF: one unit per chart).

    In millions when one figure reaches £1m and every figure is at least £100,000 (or always, with millions=True,
    for a table of budgets and their differences): £1.2m, or £0.96m and £4.20m when some are under £1m.
    Otherwise exactly: whole pounds (£57,851), or to the penny throughout when one figure has pence (£722,100.50
    beside £20,400.00), so a chart never rounds pence up to a pound the data does not have. exact=True forces that.
    """
    present = [abs(Decimal(str(v))) for v in values if v not in (None, "")]
    unit = Decimal("0.01") if any(v != v.to_integral_value() for v in present) else Decimal(1)
    exactly = lambda v: "" if v in (None, "") else _signed(v, lambda a: f"£{a.quantize(unit, ROUND_HALF_UP):,}")  # noqa: E731
    if exact:
        return exactly
    largest = max(present, default=Decimal(0))
    smallest = min((v for v in present if v), default=Decimal(0))
    if largest >= 1_000_000 and (smallest >= 100_000 or millions):
        places = Decimal("0.1") if smallest >= 100_000 else Decimal("0.01")
        return lambda v: "" if v in (None, "") else _signed(v, lambda a: _millions(a, places))
    return exactly


def _millions(amount: Decimal, places: Decimal) -> str:
    """£1.2m; a figure under £1m has two decimals and never rounds up to a million it is not (£0.96m, £0.99m)."""
    places = min(places, Decimal("0.01")) if amount < 1_000_000 else places
    millions = (amount / 1_000_000).quantize(places, ROUND_HALF_UP)
    if amount < 1_000_000 and millions >= 1:
        millions = (amount / 1_000_000).quantize(places, ROUND_DOWN)
    return f"£{millions:,}m"


def _signed(value, body: Callable[[Decimal], str]) -> str:
    amount = Decimal(str(value))
    text = body(abs(amount))
    return ("-" + text) if amount < 0 and text.strip("£0.,m") else text


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


def long_date(value: dt.date | str | None) -> str:
    """23 November 2026, as GOV.UK writes dates (from a date, or an ISO date as the data package writes it)."""
    if isinstance(value, str) and value:
        value = dt.date.fromisoformat(value[:10])
    if value and i18n.current() != i18n.ENGLISH:
        return _babel_date(value, "d MMMM y")  # Welsh: "14 Mai 2026"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


def month_name(year: int, month: int) -> str:
    if i18n.current() != i18n.ENGLISH:
        return _babel_date(dt.date(year, month, 1), "LLLL y")  # Welsh: "Mai 2026"
    return f"{MONTHS[month - 1]} {year}"


def _babel_date(value: dt.date, pattern: str) -> str:
    """A date in the current language, written by Babel from the Unicode CLDR's names of months."""
    from babel.dates import format_date

    return format_date(value, pattern, locale=i18n.current())


def financial_year(value: dt.date) -> str:
    """The financial year a date falls in: 1 April to 31 March, written 2024/25."""
    return _financial_year(value.year, value.month)


@lru_cache(maxsize=4096)
def _financial_year(year: int, month: int) -> str:  # asked of every grant and payment, of a few hundred months
    start = year if month >= 4 else year - 1
    return f"{start}/{str(start + 1)[-2:]}"


def N_(text: str) -> str:  # noqa: N802 (gettext's name for a word marked for the catalogue, translated later)
    return text


# The nouns pages count ("3 grants"), for the catalogue (`make translations`): plural() translates them.
COUNTED = (
    N_("grant"), N_("payment"), N_("decision"), N_("row"), N_("other payment"), N_("organisation"), N_("indicator"),
    N_("entry"), N_("earlier record"), N_("current contract"),
)  # fmt: skip


def plural(count: int, word: str, many: str | None = None) -> str:
    noun = i18n.ngettext(word, many or word + "s", count)
    return f"{count:,} {i18n.after_number(count, noun)}"


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
