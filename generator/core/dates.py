"""Why something typed as a date is not one, in words a person can act on ("April has 30 days")."""

from __future__ import annotations

import calendar
import re

from .formatting import MONTHS

UK_DATE = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")
ISO_NUMBERS = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")


def date_mistake(text: str) -> str | None:
    """For a day/month/year or year-month-day that is no real date, why not, e.g. "April has 30 days"; "" when it
    is one; None when the text is not written as a date at all."""
    match = _written_as_date(text)
    if not match:
        return None
    day, month, year = (int(match["day"]), int(match["month"]), int(match["year"]))
    if not 1 <= month <= 12:
        return f"there is no month {month} (months are 1 to 12; is the day and month the wrong way round?)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = f"{MONTHS[month - 1]} {year}" if month == 2 else MONTHS[month - 1]
        return f"{name} has {days} days"
    return ""


def written_otherwise(text: str) -> str | None:
    """A real date written as day/month/year (the UK's way) or with its month or day in one digit, as YYYY-MM-DD
    ("04/05/2025": "2025-05-04"); None for anything else."""
    if date_mistake(text) != "":  # not written as a date, or no real one
        return None
    match = _written_as_date(text)
    return f"{match['year']}-{int(match['month']):02d}-{int(match['day']):02d}"


def _written_as_date(text: str) -> re.Match | None:
    """The day, month and year of text written as day/month/year or year-month-day, or None."""
    return UK_DATE.fullmatch(text.strip()) or ISO_NUMBERS.fullmatch(text.strip())
