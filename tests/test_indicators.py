"""Indicator status rules: better is higher or lower, with or without a target, one value, gaps, staleness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator.model.indicators import Reading, summarise

TODAY = dt.date(2025, 11, 23)


def quarterly(*values, end=dt.date(2025, 9, 30)) -> list[Reading]:
    ends = [
        dt.date(2023, 12, 31),
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
        dt.date(2025, 3, 31),
        dt.date(2025, 6, 30),
        end,
    ]
    ends = ends[-len(values) :]
    return [Reading(e, Decimal(v), e.isoformat()) for e, v in zip(ends, values, strict=True)]


def test_higher_is_better_against_target():
    s = summarise(quarterly(70, 75, 82), "higher", Decimal(80), TODAY)
    assert s.target_status.words == "Better than target" and s.target_status.icon == "✓"


def test_lower_is_better_against_target():
    s = summarise(quarterly(70, 75, 82), "lower", Decimal(80), TODAY)
    assert s.target_status.words == "Worse than target" and s.target_status.tone == "bad"


def test_without_target():
    assert summarise(quarterly(1, 2), "higher", None, TODAY).target_status.words == "No target"


def test_on_target():
    assert summarise(quarterly(80), "lower", Decimal(80), TODAY).target_status.words == "On target"


def test_single_value_has_no_changes():
    s = summarise(quarterly(5), "higher", None, TODAY)
    assert s.previous is None and s.year_before is None and s.year_status is None


def test_year_before_compares_the_same_quarter():
    s = summarise(quarterly(10, 11, 12, 13, 9), "lower", None, TODAY)
    assert s.year_before.value == Decimal(10)
    assert s.year_status.words == "Better than last year"


def test_missing_periods_mean_no_year_comparison():
    readings = [Reading(dt.date(2025, 3, 31), Decimal(5), "Q4"), Reading(dt.date(2025, 9, 30), Decimal(6), "Q2")]
    s = summarise(readings, "higher", None, TODAY)
    assert s.previous.value == Decimal(5) and s.year_before is None


def test_stale_after_two_quarters():
    old = summarise(quarterly(5, end=dt.date(2025, 3, 31)), "higher", None, TODAY)
    fresh = summarise(quarterly(5), "higher", None, TODAY)
    assert old.stale.startswith("Not updated since 31 March 2025")
    assert fresh.stale == ""


def test_no_figures():
    assert summarise([], "higher", Decimal(1), TODAY).target_status.words == "No figures yet"
