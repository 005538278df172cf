"""Through the handover: each record keeps the body in office on its date, in pages, feeds and 360Giving files;
the compliance page judges the current body from `since`; data/duties.yaml changes the register."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import openpyxl
from helpers import run_build

from generator.publish.giving import schema_errors

HANDOVER = dt.date(2024, 5, 7)
PCC = ("GB-GOR-PC000123", "Office of the Police and Crime Commissioner for South Yorkshire (demo)")
MAYOR = ("GB-LAE-SYMCA", "South Yorkshire Mayoral Combined Authority (demo)")
ATOM = "{http://www.w3.org/2005/Atom}"


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def funder_on(award_date: str) -> tuple[str, str]:
    return PCC if dt.date.fromisoformat(award_date[:10]) < HANDOVER else MAYOR


def grant_rows(built) -> list[dict]:
    return list(csv.DictReader(io.StringIO((built / "data/grants.csv").read_text(encoding="utf-8-sig"))))


def test_decision_pages_show_the_body_in_office_on_their_date(site_dir):
    before = read(site_dir, "decisions/2024-004/index.html")  # 12 April 2024
    assert f"<dt>Made by</dt> <dd>{PCC[1]}</dd>" in before
    assert "Made before the handover." in before
    assert (
        "Police and Crime Commissioner for South Yorkshire (Alex Example), from 22 November 2012 to 6 May 2024"
        in before
    )
    assert "<dt>Decision maker</dt> <dd>Police and Crime Commissioner</dd>" in before  # as written
    after = read(site_dir, "decisions/2024-005/index.html")  # 2 June 2024
    assert f"<dt>Made by</dt> <dd>{MAYOR[1]}</dd>" in after
    assert "Made before the handover." not in after
    assert "<dt>Decision maker</dt> <dd>Mayor of South Yorkshire</dd>" in after


def test_decisions_log_says_who_made_each_decision(site_dir, built):
    rows = json.loads(read(site_dir, "decisions/explorer.json"))["rows"]
    made_by = {row["cells"][0]["text"]: row["cells"][-1]["text"] for row in rows}
    assert made_by["2024/004"] == "Commissioner" and made_by["2024/005"] == "Mayor"
    assert {row["attrs"]["body"] for row in rows} == {"Commissioner", "Mayor"}
    log = read(site_dir, "decisions/index.html")
    assert '<option value="Mayor">Mayor</option>' in log and "Made by" in log
    year = read(site_dir, "decisions/year-2024-25/index.html")
    assert '<th scope="col">Made by</th>' in year
    table = list(csv.DictReader(io.StringIO(read(site_dir, "data/decisions.csv"))))
    by_reference = {r["reference"]: r["made_by"] for r in table}
    assert by_reference["2024/004"] == PCC[1] and by_reference["2024/005"] == MAYOR[1]


def test_grant_and_organisation_pages_name_the_funder_of_the_day(site_dir, built):
    rows = grant_rows(built)
    for row in (
        next(r for r in rows if r["Award Date"] < "2024-05-07"),
        next(r for r in rows if r["Award Date"] >= "2024-05-07"),
    ):
        page = read(site_dir, f"grants/{row['Identifier'].lower()}/index.html")
        assert f"<dt>Awarded by</dt> <dd>{funder_on(row['Award Date'])[1]}</dd>" in page, row["Identifier"]
    both = {
        r["Recipient Org:Identifier"]
        for r in rows
        if r["Award Date"] < "2024-05-07"
        and any(
            o["Recipient Org:Identifier"] == r["Recipient Org:Identifier"] and o["Award Date"] >= "2024-05-07"
            for o in rows
        )
    }
    organisation = sorted(both)[0]
    page = read(site_dir, f"organisations/{organisation.lower()}/index.html")
    assert "<dt>Awarded by</dt>" in page and PCC[1] in page and MAYOR[1] in page


def test_feeds_name_the_author_of_each_entry(site_dir):
    feed = ET.fromstring(read(site_dir, "feeds/decisions.xml"))
    authors = {
        entry.find(f"{ATOM}title").text.split(":")[0]: entry.find(f"{ATOM}author/{ATOM}name").text
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert authors["2024/004"] == PCC[1] and authors["2024/005"] == MAYOR[1]
    assert feed.find(f"{ATOM}author/{ATOM}name").text == MAYOR[1]
    updates = ET.fromstring(read(site_dir, "feeds/updates.xml"))
    assert {e.find(f"{ATOM}author/{ATOM}name").text for e in updates.findall(f"{ATOM}entry")} <= {PCC[1], MAYOR[1]}


def test_360giving_funding_org_follows_the_award_date_in_every_format(site_dir, built):
    expected = {r["Identifier"]: funder_on(r["Award Date"]) for r in grant_rows(built)}
    assert set(expected.values()) == {PCC, MAYOR}
    package = json.loads(read(site_dir, "data/grants-360giving.json"))
    assert schema_errors(package) == []
    for grant in package["grants"]:
        assert tuple(grant["fundingOrganization"][0].values()) == expected[grant["id"]], grant["id"]
    flat = list(csv.DictReader(io.StringIO(read(site_dir, "data/grants-360giving.csv"))))
    for row in flat:
        assert (row["Funding Org:Identifier"], row["Funding Org:Name"]) == expected[row["Identifier"]]
    sheet = openpyxl.load_workbook(site_dir / "data/grants-360giving.xlsx").active
    header, *cells = list(sheet.values)
    for values in cells:
        row = dict(zip(header, values, strict=True))
        assert (row["Funding Org:Identifier"], row["Funding Org:Name"]) == expected[row["Identifier"]]
    assert len(flat) == len(cells) == len(expected)


def test_home_about_and_reports_say_who_held_the_functions(site_dir):
    for page in ("index.html", "about/index.html"):
        html = read(site_dir, page)
        assert "held by <strong>the Mayor of South Yorkshire (Sam Example)</strong>" in html, page
        assert "since 7 May 2024" in html
        assert "The Police and Crime Commissioner for South Yorkshire (Alex Example)" in html
        assert "from 22 November 2012 to 6 May 2024" in html
    report = read(site_dir, "reports/2024-q1-performance/index.html")
    assert (
        "In this quarter the police and crime functions were held by the Police and Crime Commissioner for South "
        "Yorkshire (Alex Example) until 6 May 2024, then by the Mayor of South Yorkshire (Sam Example)."
    ) in report


def test_compliance_judges_the_current_body_from_since(project):
    """Custody visits last published two quarters ago: overdue for a body in office all along, but not for a
    Mayor who took over five weeks ago; the Commissioner's records are its archive."""
    visits = project / "data/custody_visits.csv"
    lines = visits.read_text(encoding="utf-8").splitlines()
    old = [line for line in lines[1:] if line[:10] <= "2026-05-31"]
    assert old, "the demo has custody visits from before June 2026"
    visits.write_text("\n".join([lines[0], *old]) + "\n", encoding="utf-8")
    package = project / "data/datapackage.yaml"
    described = package.read_text(encoding="utf-8")
    stamp = '    last_updated: "2026-10-10"\n    date_field: period_end'
    assert stamp in described
    package.write_text(described.replace(stamp, "    date_field: period_end"), encoding="utf-8")
    profile = project / "data/profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("since: 2024-05-07", "since: 2026-10-15"), encoding="utf-8")
    profile.write_text(profile.read_text(encoding="utf-8").replace("until: 2024-05-06", "until: 2026-10-14"))
    # Payments before the later handover were the Commissioner's: the demo's "Mayor" would not hold then.
    spend = project / "data/spend.csv"
    spend.write_text(spend.read_text(encoding="utf-8").replace(",Mayor,", ",Commissioner,"), encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    page = read(project / "site", "transparency/index.html")
    row = page.split('id="duty-custody-visiting"')[1].split("</tr>")[0]
    assert "Overdue" not in row and "Missing" not in row
    assert "The latest data is from the Commissioner, before the Mayor took on the functions on 15 October 2026." in row
    assert "Archive: " in row
    assert "is kept on this site as its archive, and is not marked missing or overdue" in page

    profile.write_text(text, encoding="utf-8")  # the Mayor since 2024: the same data is overdue
    assert run_build(project).returncode == 0
    row = read(project / "site", "transparency/index.html").split('id="duty-custody-visiting"')[1].split("</tr>")[0]
    assert "Overdue" in row


def test_duties_register_changes_from_data(project):
    (project / "data/duties.yaml").write_text(
        """duties:
  - id: spend
    frequency: quarterly
    title: Each item of expenditure over £500, published quarterly under the 2027 amendment
  - id: custody-visiting
    retired: The scheme is now run by the force
  - id: mayors-question-time
    group: How we make decisions
    para: Local order 2027, art. 4
    title: Mayor's question time on policing
    frequency: when it happens
    source: {resource: meetings}
    link: transparency/meetings/
""",
        encoding="utf-8",
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    page = read(project / "site", "transparency/index.html")
    spend = page.split('id="duty-spend"')[1].split("</tr>")[0]
    assert "published quarterly under the 2027 amendment" in spend and re.search(r"<td[^>]*>Quarterly</td>", spend)
    assert 'id="duty-custody-visiting"' not in page
    assert "No longer required" in page and "The scheme is now run by the force" in page
    added = page.split('id="duty-mayors-question-time"')[1].split("</tr>")[0]
    assert "Mayor&#39;s question time on policing" in added and "Local order 2027, art. 4" in added
    assert "Published" in added
