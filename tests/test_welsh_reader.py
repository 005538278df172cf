"""What a Welsh-speaking reader found on the Welsh demo (tests/welsh_office.make_welsh_demo, built once for this
module): the header's controls, the 404 page's switch, the law's citations, a decision with no amount and the
360Giving checks are Welsh on Welsh pages, and a body in Wales is held to the Welsh accounts regulations."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from welsh_office import make_welsh_demo, visible_text

SWITCH = re.compile(r'<a class="site-language[^"]*" href="([^"]+)" hreflang="(\w+)"')


@pytest.fixture
def site(welsh_demo) -> Path:
    return welsh_demo / "site"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_header_controls_are_named_in_welsh(site):
    for page in ("cy/index.html", "cy/grants/index.html", "cy/transparency/index.html"):
        html = read(site / page)
        assert 'aria-label="Newid i\'r modd tywyll"' in html and 'title="Newid i\'r modd golau"' in html, page
        assert 'aria-label="Panel chwilio (heb ei ddefnyddio)"' in html, page
        assert "Switch to" not in html and "Search panel" not in html, page
    english = read(site / "grants" / "index.html")
    assert 'aria-label="Switch to dark mode"' in english and 'aria-label="Search panel (not used)"' in english


def test_the_404_pages_switch_language_from_the_site_root(site):
    """A 404 page is served at any depth, so its switch must not be relative (it was //cy/ and /cy//../)."""
    assert SWITCH.findall(read(site / "404.html")) == [("/cy/", "cy")]
    assert SWITCH.findall(read(site / "cy" / "404.html")) == [("/", "en")]
    # A host serves the one root 404 page for a missing Welsh address too: it says so in Welsh.
    assert '<p lang="cy">Heb ddod o hyd i\'r dudalen. Ewch i\'r <a href="/cy/">hafan Gymraeg</a>.</p>' in read(
        site / "404.html"
    )
    assert "<title>Heb ddod o hyd i'r dudalen - ACM De Swydd Efrog (demo)</title>" in read(site / "cy" / "404.html")


def test_the_compliance_page_cites_the_law_in_welsh_and_the_welsh_accounts_regulations(site):
    welsh = visible_text(read(site / "cy" / "transparency" / "index.html"))
    for citation in (
        "Deddf Caffael 2023 a.69",
        "Deddf Caffael 2023 a.70",  # not yet in force in Wales: listed apart, still cited in Welsh
        "Deddf yr Heddlu 1996 a.55",
        "Deddf 2011 a.5",
        "OS 2018/952 rhl. 8",
        "Rheoliadau Cyfrifon ac Archwilio (Cymru) 2014",
    ):
        assert citation in welsh, citation
    for english in ("Procurement Act", "Police Act", "2011 Act", "SI 2018/952", "Accounts and Audit"):
        assert english not in welsh, english
    # nation: Wales: the Accounts and Audit (Wales) Regulations 2014, not England's 2015 regulations.
    english = visible_text(read(site / "transparency" / "index.html"))
    assert "Accounts and Audit (Wales) Regulations 2014" in english
    assert "Accounts and Audit Regulations 2015" not in english


def test_a_decision_without_an_amount_and_the_360giving_checks_are_in_welsh(site):
    rows = json.loads(read(site / "cy" / "decisions" / "explorer.json"))["rows"]
    amounts = {row["cells"][2]["text"] for row in rows}
    assert "Dim wedi'i nodi" in amounts and "None stated" not in amounts
    year = visible_text(read(site / "cy" / "decisions" / "year-2025-26" / "index.html"))
    assert "None stated" not in year
    data = visible_text(read(site / "cy" / "data" / "index.html"))
    assert "Teitl sy'n hwy na 140 nod" in data and "Title longer than" not in data
    assert "Title longer than 140 characters" in visible_text(read(site / "data" / "index.html"))


def test_the_register_cites_the_accounts_regulations_of_the_body_s_nation():
    from generator.law.duties import load_register

    assert {d.id: d.para for d in load_register()}["accounts"] == "Accounts and Audit Regulations 2015"
    welsh = {d.id: d.para for d in load_register(nation="Wales")}
    assert welsh["accounts"] == "Accounts and Audit (Wales) Regulations 2014"  # SI 2014/3362 (W. 337)
    assert welsh["hmicfrs-responses"] == "Police Act 1996 s.55"  # the same law in both nations


def test_the_welsh_wording_a_reader_asked_for(site):
    plan = visible_text(read(site / "cy" / "plan" / "ca-01" / "index.html"))
    assert "gorau po isaf" in plan and "sy'n well" not in plan
    expenses = visible_text(read(site / "cy" / "transparency" / "expenses" / "index.html"))
    assert "Diben" in expenses and "At beth yr oedd" not in expenses
    grant = visible_text(read(site / "cy" / "grants" / "360g-demopcc-2021-003" / "index.html"))
    assert "Fe'i gwnaed cyn y trosglwyddiad." in grant and "cyn y trosglwyddo." not in grant
    tracker = visible_text(read(site / "cy" / "plan" / "index.html"))
    assert "Cynllun Heddlu a Throseddu" in tracker
    # "Heddlu a Throseddu" throughout, never "a Throsedd" (crime) for the plan's name.
    wrong = [p for p in (site / "cy").rglob("index.html") if re.search(r"a Throsedd(?!u)", read(p))]
    assert wrong == []


def test_the_office_text_columns_without_welsh_until_now_are_welsh_on_welsh_pages(site):
    """Spending purpose and expense type, reserve names, plan leads, indicator sources and organisation
    descriptions: each has its _cy column (the demo's placeholders "Testun Cymraeg N"), shown on Welsh pages."""
    office = site.parent / "data"
    first = {name: next(csv.DictReader((office / f"{name}.csv").open(encoding="utf-8-sig"))) for name in FILES}
    month = read(site / "cy" / "spending" / first["spend"]["date"][:7] / "index.html")
    assert "Testun Cymraeg" in month
    assert f">{first['spend']['purpose']}<" not in month and f">{first['spend']['expense_type']}<" not in month
    reserves = read(site / "cy" / "money" / "reserves" / "index.html")
    names = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', reserves)
    assert any(n.startswith("Testun Cymraeg") for n in names) and "General" not in names
    assert "General" in read(site / "money" / "reserves" / "index.html")  # the English page as before
    ambition = visible_text(read(site / "cy" / "plan" / first["plan"]["id"].lower() / "index.html"))
    assert first["plan"]["lead"] not in ambition
    priority = read(site / "cy" / "priorities" / first["kpis"]["priority"] / "index.html")
    assert first["kpis"]["source"] not in priority
    organisation = read(site / "cy" / "organisations" / first["organisations"]["id"].lower() / "index.html")
    assert first["organisations"]["description"] not in organisation and "Testun Cymraeg" in organisation


FILES = ("spend", "plan", "kpis", "organisations")


def test_a_welsh_site_declares_the_new_welsh_columns_and_an_english_site_does_not():
    from generator.data.welsh import declare

    def fields(profile: dict) -> set[str]:
        descriptor = {"resources": [{"name": n, "schema": {"fields": [{"name": c} for c in cs]}} for n, cs in NEW]}
        declare(descriptor, profile)
        return {f["name"] for r in descriptor["resources"] for f in r["schema"]["fields"]}

    welsh = fields({"languages": ["en", "cy"]})
    assert {"purpose_cy", "expense_type_cy", "reserve_cy", "lead_cy", "source_cy", "description_cy"} <= welsh
    assert not any(name.endswith("_cy") for name in fields({}))


NEW = [
    ("spend", ["supplier", "expense_type", "purpose"]),
    ("reserves", ["reserve"]),
    ("plan", ["lead"]),
    ("kpis", ["source", "organisation"]),
    ("organisations", ["name", "description"]),
]


def test_the_data_dictionaries_describe_every_standard_field_in_welsh(site):
    import yaml
    from helpers import ROOT

    for package in (ROOT / "data", ROOT / "generator" / "scaffold" / "start" / "data"):
        descriptor = yaml.safe_load((package / "datapackage.yaml").read_text(encoding="utf-8"))
        bare = [
            (resource["name"], field["name"])
            for resource in descriptor["resources"]
            for field in resource["schema"]["fields"]
            if not field.get("description_cy", "").strip()
        ]
        assert bare == [], package
    spend = visible_text(read(site / "cy" / "data" / "spend" / "index.html"))
    assert "Diben y taliad" in spend and "Deddf Caffael 2023 a.69" in spend
    assert "Procurement Act" not in spend and "What it was for" not in spend
    grants = visible_text(read(site / "cy" / "data" / "grants" / "index.html"))
    assert "Teitl y grant" in grants and "Title of the grant" not in grants
    assert "What it was for" in visible_text(read(site / "data" / "spend" / "index.html"))  # English as before


def test_welsh_meta_descriptions_of_the_404_grant_and_organisation_pages(site):
    description = re.compile(r'<meta name="description" content="([^"]*)"')
    [not_found] = description.findall(read(site / "cy" / "404.html"))
    assert not_found == "Testun Cymraeg: description"  # the Welsh home page's, not mkdocs.yml's English
    grants = sorted((site / "cy" / "grants").glob("360g-*/index.html"))
    [grant] = description.findall(read(grants[0]))
    assert re.fullmatch(r"£[\d,.]+ i .+ ar \d{4}-\d\d-\d\d: Testun Cymraeg \d+", grant), grant
    organisations = sorted((site / "cy" / "organisations").glob("*/index.html"))
    [organisation] = description.findall(read(organisations[0]))
    assert organisation.startswith("Grantiau i ") and organisation.endswith(" i gyd."), organisation
    [english] = description.findall(read(site / "404.html"))
    assert english.startswith("What is funded")


def test_a_decisions_documents_are_named_in_welsh(site):
    welsh, english = read(site / "cy/decisions/2026-005/index.html"), read(site / "decisions/2026-005/index.html")
    assert "Dogfen Gymraeg 1</a>" in welsh and "Grant assessment panel report" not in welsh
    assert "Grant assessment panel report (demo)</a>" in english


def test_a_welsh_decision_record_without_its_documents_titles_is_a_problem(tmp_path):
    from helpers import run_cli

    folder = make_welsh_demo(tmp_path / "office")
    record = folder / "content" / "decisions" / "2026-005.cy.md"
    text = read(record)
    record.write_text(re.sub(r"documents:\n(- title: .*\n)+", "", text), encoding="utf-8")
    result = run_cli(folder, "validate")
    assert result.returncode != 0
    said = "does not give the Welsh title of each of the documents of content/decisions/2026-005.md (1)"
    assert said in result.stdout + result.stderr
