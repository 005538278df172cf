"""The money pages in Welsh (issue 27): funding and budget, council tax, reserves, payment times, spending over £500
month by month, and contracts read wholly in Welsh, with Welsh dates, on a Welsh tenant with every page type."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from helpers import ROOT, run_build
from welsh_office import english_runs, make_welsh_demo, visible_text

CATALOGUE = ROOT / "theme" / "locales" / "cy" / "LC_MESSAGES" / "messages.po"
SECTIONS = ("money", "spending", "contracts")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo in English and Welsh, built once: the folder holding site/."""
    folder = make_welsh_demo(tmp_path_factory.mktemp("welsh-money") / "office")
    result = run_build(folder)
    assert result.returncode == 0, result.stderr
    return folder


def names(folder: Path) -> frozenset[str]:
    """Names the body did not write, which stay as they are: organisations and suppliers."""
    found = set()
    for file, column in (("organisations", "name"), ("spend", "supplier"), ("contracts", "supplier")):
        with (folder / "data" / f"{file}.csv").open(encoding="utf-8-sig") as rows:
            found |= {row[column] for row in csv.DictReader(rows) if row.get(column)}
    return frozenset(found)


def welsh_pages(folder: Path) -> list[Path]:
    site = folder / "site" / "cy"
    return sorted(page for section in SECTIONS for page in (site / section).rglob("index.html"))


def test_every_welsh_money_page_has_no_english_words(demo):
    pages = welsh_pages(demo)
    kinds = {p.relative_to(demo / "site" / "cy").parent.as_posix() for p in pages}
    assert {"money", "money/council-tax", "money/reserves", "money/payment-times", "spending", "contracts"} <= kinds
    assert len([k for k in kinds if re.fullmatch(r"spending/\d{4}-\d\d", k)]) > 12
    known = names(demo)
    found = {}
    for page in pages:
        runs = english_runs(visible_text(page.read_text(encoding="utf-8")), known, run=2)
        if runs:
            found[page.relative_to(demo / "site").as_posix()] = runs
    assert found == {}


def test_no_english_sentence_of_the_money_templates_on_a_welsh_page(demo):
    """Each marked sentence's longest run of words between placeholders, where Welsh writes it differently: a
    sentence a template gives without _() would show it."""
    with CATALOGUE.open("rb") as file:
        catalogue = {m.id: m.string for m in read_po(file, locale="cy") if isinstance(m.id, str) and m.id}
    phrases = set()
    for english, welsh in catalogue.items():
        longest = max(re.split(r"%\(\w+\)s", english), key=len).strip(" ,.:;")
        if len(longest) >= 12 and " " in longest and longest not in welsh:
            phrases.add(longest)
    phrases |= {"Spending over", "Every payment", "Paid by", "Band D a year", "so far", "Download the"}
    found = {}
    for page in welsh_pages(demo):
        text = " ".join(visible_text(page.read_text(encoding="utf-8")).split())
        hits = sorted(p for p in phrases if p in text)
        if hits:
            found[page.relative_to(demo / "site").as_posix()] = hits
    assert found == {}


def read(demo: Path, path: str) -> str:
    return " ".join(visible_text((demo / "site" / "cy" / path / "index.html").read_text(encoding="utf-8")).split())


def test_the_money_pages_say_it_in_welsh_with_welsh_dates(demo):
    money = read(demo, "money")
    assert "O ble y daw'r arian ar gyfer plismona a throseddu" in money
    assert "yw'r ffynhonnell fwyaf o gyllid" in money and "Cyllideb yn erbyn rhagolwg" in money
    assert "Maes ac eitem" in money and "Gwahaniaeth" in money
    tax = read(demo, "money/council-tax")
    assert "praesept yr heddlu ar gyfer cartref Band D yw £279.28 y flwyddyn" in tax
    assert "Cododd praesept yr heddlu ar gyfer Band D o £213.28 yn 2021/22" in tax  # the chart's title says it
    reserves = read(demo, "money/reserves")
    assert "Rhagwelir y bydd cyfanswm y cronfeydd wrth gefn yn gostwng" in reserves
    assert "31 Mawrth 2025 (gwirioneddol)" in reserves  # Babel's Welsh months
    assert "Uwchlaw uchafswm 3% y polisi" in reserves
    times = read(demo, "money/payment-times")
    assert "o anfonebau'r Prif Gwnstabl o fewn 30 diwrnod: Ebrill–Medi 2026" in times
    assert "O fewn 30 diwrnod" in times and "61 diwrnod neu fwy" in times
    spending = read(demo, "spending")
    assert "Pob taliad dros £500 gan" in spending and "taliad i gyd" in spending
    assert "Mai 2026" in spending and "May 2026" not in spending
    month = read(demo, "spending/2025-05")
    assert "Gwariant dros £500: Mai 2025" in month and "Talwyd gan" in month and "Prif Gwnstabl" in month
    assert "Custody Healthcare Ltd" in month  # a supplier's name stays as it is
    contracts = read(demo, "contracts")
    assert "Contractau cyfredol" in contracts and "contract cyfredol dros £10,000 gwerth" in contracts
    assert "Gweithdrefn agored" in contracts and "Facilities Management Group" in contracts


def test_the_english_money_pages_are_unchanged_by_the_welsh_words(demo):
    money = " ".join(visible_text((demo / "site" / "money" / "index.html").read_text(encoding="utf-8")).split())
    assert "Where the money for policing and crime in" in money and "Budget against forecast" in money
    month = " ".join(
        visible_text((demo / "site" / "spending" / "2025-05" / "index.html").read_text(encoding="utf-8")).split()
    )
    assert "Spending over £500: May 2025" in month and "Chief Constable" in month
