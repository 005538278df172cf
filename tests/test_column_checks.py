"""Validation gives Frictionless only the rows that may have problems; it finds exactly what checking every row finds."""

from __future__ import annotations

import copy
import random

import pytest
from helpers import ROOT

from generator.data.checks import columns, tables
from generator.data.load import load_package

# Values Frictionless accepts or rejects in ways a quick test could get wrong: spaces, signs, exponents,
# grouping, impossible and unpadded dates, other digits, text that only matches a pattern before a newline.
AWKWARD = [
    "",
    " ",
    "12",
    " 12",
    "12 ",
    "+5",
    "-0",
    "1e3",
    "1_000",
    "1,000",
    "£1,000",
    "NaN",
    "Infinity",
    "0.0",
    "-1",
    "12.50",
    ".5",
    "5.",
    "٣",
    "2024-02-29",
    "2023-02-29",
    "2024-2-3",
    "2024-03-31T09:00:00Z",
    "2024/25",
    "2024/2025",
    "abc",
    "abc\n",
    "GB-CHC-1234567",
    "360G-DEMO-1",
    "vulnerable",
    "true",
    "10:00",
    "x" * 300,
]


def all_rows(schema, fields, rows):
    return list(range(len(rows)))


def both_ways(table, monkeypatch) -> tuple[list, list]:
    quick = tables._check(table)
    with monkeypatch.context() as patched:
        patched.setattr(tables, "rows_to_check", all_rows)
        every_row = tables._check(table)
    return quick, every_row


@pytest.fixture(scope="module")
def demo_tables():
    return load_package(ROOT / "data", ROOT / "content").tables


def test_the_demo_passes_without_frictionless_reading_a_row(demo_tables):
    for table in demo_tables.values():
        fields = {f["name"]: f for f in table.descriptor["schema"]["fields"]}
        present = [fields[c] for c in table.header if c in fields]
        schema = tables.Schema.from_descriptor({"fields": present})
        assert columns.rows_to_check(schema, present, table.rows) == [], table.file


@pytest.mark.parametrize("seed", range(6))
def test_awkward_cells_give_the_same_problems_as_checking_every_row(demo_tables, monkeypatch, seed):
    chance = random.Random(seed)
    differences, broken_tables = [], 0
    for table in demo_tables.values():
        if not table.rows:
            continue
        broken = copy.deepcopy(table)
        for row in broken.rows:
            for column in broken.header:
                if chance.random() < 0.15:
                    row[column] = chance.choice(AWKWARD)
        # A value repeated from another row, in every column (some must be unique).
        if len(broken.rows) > 1:
            for column in broken.header:
                broken.rows[-1][column] = broken.rows[0][column]
        quick, every_row = both_ways(broken, monkeypatch)
        broken_tables += bool(every_row)
        if quick != every_row:
            differences.append((table.file, quick, every_row))
    assert not differences
    assert broken_tables >= len(demo_tables) // 2  # the awkward cells were problems in most tables


def test_a_schema_with_settings_the_quick_checks_do_not_know_is_still_checked_exactly(demo_tables, monkeypatch):
    table = copy.deepcopy(demo_tables["grants"])
    for field in table.descriptor["schema"]["fields"]:
        if field["name"] == "Amount Awarded":
            field["groupChar"] = ","  # 1,000 is now a number
            field["constraints"] = {**field.get("constraints", {}), "maximum": 5_000_000}
    table.rows[0]["Amount Awarded"] = "1,000"
    table.rows[1]["Amount Awarded"] = "6,000,000"
    quick, every_row = both_ways(table, monkeypatch)
    assert quick == every_row
    assert [(p.row, p.column) for p in quick if p.column == "Amount Awarded"] == [
        (int(table.rows[1]["__row__"]), "Amount Awarded")
    ]


def test_a_columns_words_in_welsh_leave_it_to_the_quick_checks(demo_tables):
    """description_cy (the Welsh data dictionary's) changes nothing Frictionless checks: a column with it is
    tested as quickly as one without (it was read cell by cell by Frictionless, twice as slow for 5,000 grants)."""
    compared = 0
    for table in demo_tables.values():
        for field in table.descriptor["schema"]["fields"]:
            in_english = {key: value for key, value in field.items() if not key.endswith("_cy")}
            if in_english == field:
                continue
            schema = tables.Schema.from_descriptor({"fields": [field]})
            quick = columns.fast_reader(schema.get_field(field["name"]), field)
            english = columns.fast_reader(schema.get_field(field["name"]), in_english)
            assert (quick is None) == (english is None), (table.file, field["name"])
            compared += english is not None
    assert compared >= 50  # the demo's schema has Welsh words for most of its columns
