"""360Giving quality: each grant names its page as its Data Source and its beneficiaries' area by ONS code, the
open data page shows 360Giving's quality checks by name, and identifiers from closed, deprecated or unknown
org-id lists are warned about."""

from __future__ import annotations

import csv
import io
import json
import re

from helpers import run_cli, set_cell

from generator.data import orgids
from generator.publish import giving_quality

WEBSITE = "https://www.example.gov.uk/"
DISTRICTS = {"Barnsley": "E08000016", "Doncaster": "E08000017", "Rotherham": "E08000018", "Sheffield": "E08000019"}


def test_every_grant_names_its_page_as_data_source_and_its_area_by_ons_code(site_dir):
    grants = json.loads((site_dir / "data/grants-360giving.json").read_text(encoding="utf-8"))["grants"]
    assert len(grants) > 50
    for grant in grants:
        source = grant["dataSource"]
        assert source == f"{WEBSITE}grants/{grant['id'].lower()}/"
        page = site_dir / source.removeprefix(WEBSITE) / "index.html"
        assert grant["title"] in page.read_text(encoding="utf-8")
        (location,) = grant["beneficiaryLocation"]
        assert location["geoCode"] == DISTRICTS[location["name"]]
        assert location["geoCodeType"] == "MD"  # metropolitan districts, in 360Giving's geoCodeType codelist
    flat = list(csv.DictReader(io.StringIO((site_dir / "data/grants-360giving.csv").read_text(encoding="utf-8"))))
    sheffield = next(row for row in flat if row["Beneficiary Location:Name"] == "Sheffield")
    assert sheffield["Beneficiary Location:Geographic Code"] == "E08000019"
    assert sheffield["Data Source"].startswith(f"{WEBSITE}grants/360g-")


def test_open_data_page_lists_360givings_quality_checks_by_name(site_dir):
    html = (site_dir / "data/index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    checks = len(giving_quality.CHECKS)
    assert f"All {checks} checks pass on all 77 grants" in text
    for name in ("No Data Source", "Beneficiary Location has a name but no Geographic Code", "Amount Awarded is 0"):
        assert f"{name} Passes 0" in text
    assert 'href="../data/grants-360giving.json"' in html or 'href="grants-360giving.json"' in html


def test_quality_checks_name_the_grants_that_fail_them():
    good = {
        "id": "360G-X-1",
        "title": "Youth diversion",
        "description": "Evening sessions in Sheffield.",
        "amountAwarded": 1000,
        "recipientOrganization": [{"id": "GB-CHC-1100000", "charityNumber": "1100000", "postalCode": "S1 2HH"}],
        "fundingOrganization": [{"id": "GB-LAE-SYMCA"}],
        "grantProgramme": [{"title": "Safer Streets"}],
        "plannedDates": [{"startDate": "2025-04-01"}],
        "beneficiaryLocation": [{"name": "Sheffield", "geoCode": "E08000019"}],
        "dateModified": "2025-04-01T09:00:00Z",
        "dataSource": f"{WEBSITE}grants/360g-x-1/",
    }
    bad = good | {
        "id": "360G-X-2",
        "description": "Youth diversion",
        "recipientOrganization": [{"id": "ZZ-NOPE-1", "charityNumber": "12", "postalCode": ""}],
        "beneficiaryLocation": [{"name": "Sheffield"}],
        "dataSource": "",
        "title": "Youth diversion",
    }
    failed = {r.name: r.examples for r in giving_quality.results([good, bad]) if not r.passed}
    assert failed == {
        "Recipient Org:Identifier does not start with a prefix listed by org-id.guide (or 360G-)": ("360G-X-2",),
        "Recipient Org:Charity Number does not look like a charity number": ("360G-X-2",),
        "Recipient Org has no Postal Code": ("360G-X-2",),
        "Beneficiary Location has a name but no Geographic Code": ("360G-X-2",),
        "Title and Description are the same": ("360G-X-2",),
        "No Data Source": ("360G-X-2",),
    }


def test_a_geographic_code_in_the_wrong_form_is_named_with_its_row(project):
    set_cell(project / "data/grants.csv", 3, "Beneficiary Location:Geographic Code", "Sheffield")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert (
        'data/grants.csv, row 3, column "Beneficiary Location:Geographic Code": "Sheffield" is not in the expected form'
    ) in result.stdout + result.stderr


def test_identifiers_from_closed_deprecated_or_unknown_lists_are_warned_about(project):
    profile = project / "data/profile.yaml"
    profile.write_text(
        re.sub(r"(?m)^funder_identifier: .*$", "funder_identifier: GB-GOR-CA000456", profile.read_text("utf-8")),
        encoding="utf-8",
    )
    organisations = project / "data/organisations.csv"
    lines = organisations.read_text(encoding="utf-8").splitlines()
    lines += ["GB-GOVUK-homeoffice,Home Office,,,,,", "ZZ-NOPE-1,Nowhere Trust,,,,,", "CN-11-CR-123,Beijing Ltd,,,,,"]
    organisations.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stdout.splitlines() if "Warning:" in line]
    rows = len(lines)
    assert any(
        'data/profile.yaml, key "funder_identifier": "GB-GOR-CA000456" uses GB-GOR (Government Organisation '
        "Register), a list that the org-id.guide register records as closed" in w
        for w in warnings
    )
    assert any(
        f'organisations.csv, row {rows - 2}, column "id": "GB-GOVUK-homeoffice" uses GB-GOVUK' in w for w in warnings
    )
    assert any("marks as deprecated" in w for w in warnings)
    assert any(
        f'organisations.csv, row {rows - 1}, column "id": "ZZ-NOPE-1" starts with ZZ-NOPE, which is not a list' in w
        for w in warnings
    )
    assert not any("CN-11-CR-123" in w for w in warnings)  # a three-part prefix that the register lists
    assert len(warnings) == 3  # not the demo's charities and companies, nor the earlier body's GB-GOR identifier


def test_the_register_of_prefixes_knows_the_common_uk_lists():
    statuses = {code: orgids.register()[code].status for code in ("GB-CHC", "GB-COH", "GB-SC", "GB-NIC", "GB-LAE")}
    assert set(statuses.values()) == {"listed"}
    assert orgids.register()["GB-GOR"].status == "closed"
    assert orgids.register()["GB-GOVUK"].status == "deprecated"
    assert orgids.concern("360G-DEMOPCC-ORG-1") is None


def test_the_data_dictionary_reads_as_english(site_dir):
    html = (site_dir / "data/grants/index.html").read_text(encoding="utf-8")
    assert "Must be an id in" in html and "Must be a id" not in html
