"""The Welsh pages of the shipped demo (tests/welsh_office.make_welsh_demo, built once for this module): no page
shows a sentence of English interface text; the open data, the registers, the glossary, decisions and search speak
Welsh; the office's optional Welsh for its data dictionary and decision categories is shown, and English where
it wrote none, marked as English."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from helpers import run_build
from welsh_office import english_runs, make_welsh_demo, visible_text

# Text the office wrote in English with no Welsh version (a data dictionary's column descriptions): the page
# marks it lang="en", as WCAG 3.1.2 asks, and it is the office's own text, not the interface's.
MARKED_ENGLISH = re.compile(r'(?s)<(\w+)\b[^>]*\slang="en"[^>]*>.*?</\1>')


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    folder = make_welsh_demo(tmp_path_factory.mktemp("welsh-demo") / "office")
    profile_path = folder / "data" / "profile.yaml"
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    profile["decision_categories_cy"] = [
        "Comisiynu",
        "Cyllid",
        "Ystadau",
        "Llywodraethu",
        "Partneriaethau",
        "Perfformiad",
    ]
    profile_path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    package_path = folder / "data" / "datapackage.yaml"
    package = package_path.read_text(encoding="utf-8")
    # A field the office left without its Welsh description: the page shows the English, marked as English.
    welsh = ', description_cy: "Rhif Tŷ\'r Cwmnïau"}'
    assert welsh in package
    package = package.replace(welsh, "}")
    package_path.write_text(package, encoding="utf-8")
    result = run_build(folder)
    assert result.returncode == 0, result.stderr
    return folder


def names(office: Path) -> frozenset[str]:
    """The names the body did not write (organisations, suppliers, recipients): never translated."""
    found = set()
    for dataset, columns in {
        "organisations": ["name"],
        "spend": ["supplier"],
        "contracts": ["supplier"],
        "grants": ["Recipient Org:Name"],
        "gifts": ["offered_by"],
    }.items():
        with (office / "data" / f"{dataset}.csv").open(encoding="utf-8-sig") as file:
            found |= {row[c] for row in csv.DictReader(file) for c in columns if row.get(c)}
    return frozenset(found)


def welsh_text(page: Path) -> str:
    return visible_text(MARKED_ENGLISH.sub(" ", page.read_text(encoding="utf-8")))


def section(site: Path, page: Path) -> str:
    parts = page.relative_to(site).parts
    return parts[0] if len(parts) > 1 else "home"


def test_no_welsh_page_shows_english_interface_text(office):
    site = office / "site" / "cy"
    pages = sorted(site.rglob("index.html")) + [site / "404.html"]
    scanned = [p for p in pages if section(site, p) not in {"pagefind", "assets"}]
    assert len(scanned) > 100
    kinds = {section(site, p) for p in scanned}
    assert {
        "home",
        "data",
        "transparency",
        "glossary",
        "decisions",
        "grants",
        "organisations",
        "search",
        "money",
        "spending",
        "contracts",
        "performance",
        "plan",
        "reports",
    } <= kinds
    leftover = {}
    for page in scanned:
        runs = english_runs(welsh_text(page), names(office), run=2)
        if runs:
            leftover[str(page.relative_to(site))] = runs[:5]
    assert leftover == {}


def text_of(office: Path, path: str) -> str:
    return " ".join(welsh_text(office / "site" / "cy" / path).split())


def test_open_data_and_the_data_dictionary_are_in_welsh(office):
    index = text_of(office, "data/index.html")
    assert "Setiau data" in index and "Diweddarwyd y data ddiwethaf" in index
    assert "Grantiau a ddyfarnwyd" in index  # the starting set's title_cy
    assert "Gwiriadau ansawdd data 360Giving" in index
    grants = text_of(office, "data/grants/index.html")
    assert "Meysydd" in grants and "Cyhoeddi diweddariad" in grants and "dyma allwedd y rhes" in grants
    organisations = (office / "site" / "cy" / "data" / "organisations" / "index.html").read_text(encoding="utf-8")
    assert '<td data-label="Disgrifiad">Rhif elusen gofrestredig</td>' in organisations  # a field's description_cy
    assert '<td lang="en" data-label="Disgrifiad">Companies House number</td>' in organisations  # none: marked
    english = (office / "site" / "data" / "organisations" / "index.html").read_text(encoding="utf-8")
    assert '<td data-label="Description">Registered charity number</td>' in english and "Rhif elusen" not in english


def test_registers_glossary_decisions_and_search_are_in_welsh(office):
    gifts = text_of(office, "transparency/gifts/index.html")
    assert "Rhoddion a lletygarwch" in gifts and "diweddarwyd y gofrestr hon ddiwethaf" in gifts
    assert "Testun Cymraeg" in gifts  # the office's Welsh column in place of its English one
    assert "Rhodd neu letygarwch" in gifts and "Cynigiwyd gan" in gifts  # the starting set's headings
    registers = (office / "site" / "cy" / "transparency").glob("*/index.html")
    english_heading = re.compile(r'<th [^>]*lang="en"')
    assert [p.parent.name for p in registers if english_heading.search(p.read_text(encoding="utf-8"))] == []
    assert "Title cy" not in text_of(office, "transparency/policies/index.html")  # a Welsh column is no column
    assert "Geiriau plaen am y termau" in text_of(office, "glossary/index.html")
    compliance = text_of(office, "transparency/index.html")
    assert "Cymerodd" in compliance and "fel ei harchif" in compliance
    decisions = text_of(office, "decisions/index.html")
    assert "Cyllid" in decisions and "Finance" not in decisions  # decision_categories_cy
    assert "Finance" in text_of(office, "../decisions/index.html")
    search = (office / "site" / "cy" / "search" / "index.html").read_text(encoding="utf-8")
    assert "Dim canlyniadau" in search and "Yn chwilio" in search  # the words search.js writes
    assert "Tudalen " in (office / "site" / "cy" / "404.html").read_text(encoding="utf-8")  # printed page numbers


def test_the_standard_glossary_has_every_term_in_welsh():
    from generator.core.i18n import writing_in
    from generator.model.glossary import glossary_rows

    english = glossary_rows({})
    with writing_in("cy"):
        welsh = glossary_rows({})
    assert len(welsh) == len(english) > 20
    for before, after in zip(english, welsh, strict=True):
        assert after["term_cy"] and after["definition_cy"], before["term"]
        assert after["definition"] == after["definition_cy"] != before["definition"]
    assert {"Praesept", "Cronfeydd wrth gefn", "Alldro"} <= {row["term"] for row in welsh}
    assert "Precept" in {row["term"] for row in glossary_rows({})}  # English pages keep the English
