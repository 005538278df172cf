"""`transparency inbox`: every upload imported through the importer, all or nothing, with the uploads removed."""

from __future__ import annotations

import json
import os
import subprocess

from helpers import BUILD_EPOCH, TRANSPARENCY, run_cli
from openpyxl import load_workbook


def template(project, resource, name=None):
    (project / "inbox").mkdir(exist_ok=True)
    path = project / "inbox" / (name or f"{resource}.xlsx")
    assert run_cli(project, "template", resource, str(path), "--with-data").returncode == 0
    return path


def edit(path, row, column, value):
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=row, column=header.index(column) + 1, value=value)
    book.save(path)


def append(path, values: dict):
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    sheet.append([values.get(h, "") for h in header])
    book.save(path)


def snapshot(project):
    return {p.relative_to(project): p.read_bytes() for p in sorted((project / "data").iterdir())}


def test_an_upload_is_imported_and_removed(project):
    upload = template(project, "precept", "council tax 2027.xlsx")
    append(upload, {"financial_year": "2027/28", "band_d": 301.45, "total": 151000000})
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    assert "inbox/council tax 2027.xlsx:" in result.stdout and "Wrote data/precept.csv" in result.stdout
    assert "2027/28,301.45,151000000" in (project / "data" / "precept.csv").read_text(encoding="utf-8")
    assert not upload.exists()


def test_a_new_organisation_and_its_grant_arrive_together(project):
    organisations = template(project, "organisations")
    append(organisations, {"id": "GB-CHC-9999999", "name": "Example Youth Trust"})
    grants = template(project, "grants")
    book = load_workbook(grants)
    first = [c.value for c in book["data"][2]]
    header = [c.value for c in book["data"][1]]
    row = dict(zip(header, first, strict=False))
    row |= {"Identifier": "360G-DEMOPCC-2026-950", "Recipient Org:Identifier": "GB-CHC-9999999"}
    row["Recipient Org:Name"] = "Example Youth Trust"
    append(grants, row)
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    assert "360G-DEMOPCC-2026-950" in (project / "data" / "grants.csv").read_text(encoding="utf-8")
    assert run_cli(project, "validate").returncode == 0


def test_a_bad_cell_writes_nothing_and_keeps_the_upload(project, tmp_path):
    upload = template(project, "grants")
    edit(upload, 5, "Amount Awarded", "lots")
    before = snapshot(project)
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    result = subprocess.run(
        [TRANSPARENCY, "--root", str(project), "inbox", "--format", "github"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert upload.exists() and snapshot(project) == before
    assert result.stdout.startswith("::error file=inbox/grants.xlsx,title=inbox/grants.xlsx (sheet data)%2C row 5%2C")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| inbox/grants.xlsx (sheet data) | 5 | Amount Awarded |" in summary
    assert "the upload is kept" in summary


def test_not_a_spreadsheet(project):
    (project / "inbox").mkdir()
    (project / "inbox" / "minutes.pdf").write_bytes(b"%PDF-1.7\n")
    (project / "inbox" / "grants.xlsx").write_text("this is not really a workbook", encoding="utf-8")
    before = snapshot(project)
    result = run_cli(project, "inbox")
    assert result.returncode == 1
    assert "inbox/minutes.pdf: is a PDF, not a spreadsheet; open it in Excel" in result.stderr
    assert "inbox/grants.xlsx: is named like a workbook but is not one" in result.stderr
    assert "Nothing was written; the uploads are kept." in result.stderr
    assert "Traceback" not in result.stderr and snapshot(project) == before


def test_a_spreadsheet_for_no_known_dataset(project):
    (project / "inbox").mkdir()
    (project / "inbox" / "shopping list.csv").write_text("item,quantity\nmilk,2\n", encoding="utf-8")
    result = run_cli(project, "inbox")
    assert result.returncode == 1
    assert "inbox/shopping list.csv: is not for any dataset this site publishes" in result.stderr
    assert (project / "inbox" / "shopping list.csv").exists()


def test_two_uploads_for_the_same_dataset(project):
    template(project, "grants", "grants.xlsx")
    template(project, "grants", "grants (1).xlsx")
    before = snapshot(project)
    result = run_cli(project, "inbox")
    assert result.returncode == 1
    assert "is a second upload for the grants dataset" in result.stderr
    assert snapshot(project) == before and len(list((project / "inbox").glob("*.xlsx"))) == 2


def test_check_only_writes_nothing_and_an_empty_inbox_is_fine(project):
    upload = template(project, "precept")
    append(upload, {"financial_year": "2027/28", "band_d": 301.45})
    before = snapshot(project)
    assert run_cli(project, "inbox", "--check").returncode == 0
    assert snapshot(project) == before and upload.exists()
    upload.unlink()
    (project / "inbox" / "README.md").write_text("How to upload", encoding="utf-8")
    result = run_cli(project, "inbox")
    assert result.returncode == 0 and "nothing to import" in result.stdout


def test_each_dataset_page_offers_its_spreadsheet_filled_with_the_data(built, tmp_path):
    site = built / "site"
    page = (site / "data" / "grants" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/grants-to-edit.xlsx" download>Download the spreadsheet to edit' in page
    assert "upload it to the <code>inbox</code> folder" in page
    book = load_workbook(site / "data" / "grants-to-edit.xlsx", read_only=True)
    published = (built / "data" / "grants.csv").read_text(encoding="utf-8").strip().count("\n")
    assert book["data"].max_row == published + 1


def test_the_downloaded_spreadsheet_goes_back_unchanged(built, project):
    (project / "inbox").mkdir()
    (project / "inbox" / "grants-to-edit.xlsx").write_bytes(
        (built / "site" / "data" / "grants-to-edit.xlsx").read_bytes()
    )
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    assert "Nothing changed: data/grants.csv already holds these rows" in result.stdout


def test_a_sheet_named_like_another_dataset_is_imported_as_the_one_its_headings_match(project):
    upload = template(project, "contracts", "grants.xlsx")
    edit(upload, 2, "title", "Custody healthcare (renewed)")
    grants_before = (project / "data" / "grants.csv").read_bytes()
    result = subprocess.run(
        [TRANSPARENCY, "--root", str(project), "inbox"],
        env=os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "column missing" not in result.stdout + result.stderr
    assert "grants.xlsx has the contracts headings; read as contracts, not grants" in result.stdout
    assert "Custody healthcare (renewed)" in (project / "data" / "contracts.csv").read_text(encoding="utf-8")
    assert (project / "data" / "grants.csv").read_bytes() == grants_before


def test_a_refused_sheet_named_like_another_dataset_says_which_dataset_its_problems_are_about(project):
    upload = template(project, "contracts", "grants.xlsx")
    edit(upload, 2, "value", "a lot")
    before = snapshot(project)
    result = run_cli(project, "inbox")
    assert result.returncode == 1
    assert "The data has 1 problem. Nothing was written" in result.stderr  # the note is not counted as one
    assert 'inbox/grants.xlsx (sheet data), row 2, column "value": ' in result.stderr
    assert "Warning: inbox/grants.xlsx: has the contracts headings; read as contracts, not grants" in result.stderr
    assert snapshot(project) == before and upload.exists()


def test_the_import_command_says_which_dataset_a_misnamed_sheet_was_read_as(project, tmp_path):
    sheet = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "contracts", str(sheet), "--with-data").returncode == 0
    edit(sheet, 2, "title", "Custody healthcare (renewed)")
    result = run_cli(project, "import", str(sheet))
    assert result.returncode == 0, result.stderr
    assert "grants.xlsx has the contracts headings; read as contracts, not grants" in result.stdout
    edit(sheet, 2, "value", "a lot")
    result = run_cli(project, "import", str(sheet))
    assert result.returncode == 1
    assert "Warning: grants.xlsx: has the contracts headings; read as contracts, not grants" in result.stderr


def test_a_find_a_tender_ocds_file_is_imported_like_transparency_import(project):
    from test_ocds_import import FIND_A_TENDER

    (project / "inbox").mkdir(exist_ok=True)
    upload = project / "inbox" / "notice 034512-2026.json"
    upload.write_text(json.dumps(FIND_A_TENDER), encoding="utf-8")
    prices = template(project, "precept")  # a spreadsheet in the same upload is imported too
    append(prices, {"financial_year": "2027/28", "band_d": 301.45, "total": 151000000})
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    assert "inbox/notice 034512-2026.json:" in result.stdout
    assert "notice 034512-2026.json (contracts): 1 row added, 1 changed, 0 removed." in result.stdout
    assert "Wrote data/contracts.csv" in result.stdout and "Wrote data/precept.csv" in result.stdout
    contracts = (project / "data/contracts.csv").read_text(encoding="utf-8")
    assert "ocds-h6vhtk-06b7c2,Translation and interpreting 2027 to 2030,Language Line Partners Ltd" in contracts
    assert not upload.exists() and not prices.exists()
    # The same file again changes nothing; JSON that is not OCDS is refused, naming the upload, and nothing is written.
    upload.write_text(json.dumps(FIND_A_TENDER), encoding="utf-8")
    before = snapshot(project)
    again = run_cli(project, "inbox")
    assert again.returncode == 0 and "Nothing changed" in again.stdout and snapshot(project) == before
    bad = project / "inbox" / "grants.json"
    bad.write_text('{"grants": []}', encoding="utf-8")
    refused = run_cli(project, "inbox")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert (
        "inbox/grants.json" in refused.stderr and "is JSON but not an OCDS release or record package" in refused.stderr
    )
    assert snapshot(project) == before and bad.exists()
