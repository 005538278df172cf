"""Two officers over a week on one git repository: spreadsheets downloaded on Monday and uploaded on Thursday
lose nothing and double nothing. Each step goes through the inbox, as an upload from GitHub's web pages does."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run_cli
from openpyxl import load_workbook


def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True)
    return result.stdout


def grants(project: Path) -> list[dict]:
    return list(csv.DictReader(open(project / "data" / "grants.csv", encoding="utf-8")))


def download(project: Path, dataset: str, folder: Path) -> Path:
    """A copy of the dataset's spreadsheet as it is published now, kept on the officer's own computer."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{dataset}.xlsx"
    result = run_cli(project, "template", dataset, str(path), "--with-data")
    assert result.returncode == 0, result.stderr
    return path


def edit(path: Path, changes: dict[tuple[int, str], object] = (), new_rows: list[dict] = ()) -> None:
    """Change cells (sheet row, column heading) and add rows on the 'data' sheet, as Excel would save them."""
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    for (row, column), value in dict(changes).items():
        sheet.cell(row=row, column=header.index(column) + 1).value = value
    for values in new_rows:
        sheet.append([values.get(h) for h in header])
    book.save(path)


def upload(project: Path, sheet: Path, who: str) -> subprocess.CompletedProcess:
    """Upload to inbox/ and let the inbox import it; on success the import is committed (the pull request merged)."""
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(sheet, project / "inbox" / sheet.name)
    result = run_cli(project, "inbox")
    if result.returncode == 0:
        git(project, "add", "-A")
        git(project, "commit", "-qm", f"{who}: import {sheet.name}")
    else:
        (project / "inbox" / sheet.name).unlink()  # the pull request is closed; nothing was written
    return result


@pytest.fixture
def repository(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.email", "comms@example.org")
    git(project, "config", "user.name", "Comms")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Published data")
    return project


def new_grant(identifier: str, title: str) -> dict:
    return {
        "Identifier": identifier,
        "Title": title,
        "Description": f"{title} in Barnsley.",
        "Currency": "GBP",
        "Amount Awarded": 15000,
        "Award Date": "2026-11-02",
        "Recipient Org:Identifier": "Knife Crime Prevention Trust (GB-CHC-1122746)",
        "Grant Programme:Title": "Safer Streets",
        "Priority": "vulnerable",
    }


def test_a_stale_sheet_keeps_a_colleagues_correction_and_a_cell_both_changed_is_a_conflict(repository, tmp_path):
    project = repository
    published = grants(project)
    x = published[0]
    assert x["Amount Awarded"] == "34550"
    monday_a = download(project, "grants", tmp_path / "a")
    monday_b = download(project, "grants", tmp_path / "b")
    # Tuesday: A corrects grant X and it is merged.
    edit(monday_a, {(2, "Amount Awarded"): 35550})
    result = upload(project, monday_a, "A")
    assert result.returncode == 0, result.stderr
    assert grants(project)[0]["Amount Awarded"] == "35550"
    # The correction is dated: the grant's Last Modified (and so 360Giving's dateModified) is the import's date.
    assert grants(project)[0]["Last Modified"] == "2026-11-23T00:00:00Z" != x["Last Modified"]
    assert [r["Last Modified"] for r in grants(project)[1:]] == [r["Last Modified"] for r in published[1:]]
    # Thursday: B uploads Monday's sheet with a new grant and, by mistake, a change to X as well.
    edit(monday_b, {(2, "Amount Awarded"): 36000}, [new_grant("360G-DEMOPCC-2026-950", "Street lighting pilot")])
    before = {p.name: p.read_bytes() for p in (project / "data").iterdir()}
    result = upload(project, monday_b, "B")
    assert result.returncode == 1
    assert (
        'inbox/grants.xlsx (sheet data), row 2, column "Amount Awarded": changed in this sheet to "36000", but since '
        'the sheet was made the published value was changed to "35550" (it was "34550")'
    ) in result.stderr
    assert "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in (project / "data").iterdir()} == before
    # B puts X back as it was in the sheet: only the new grant is B's change, and A's correction stays.
    edit(monday_b, {(2, "Amount Awarded"): 34550})
    result = upload(project, monday_b, "B")
    assert result.returncode == 0, result.stderr
    assert "1 row added, 0 changed" in result.stdout
    assert "(1 changed by someone else since)" in result.stdout
    after = grants(project)
    assert after[0]["Amount Awarded"] == "35550"
    assert len(after) == len(published) + 1 and after[-1]["Identifier"] == "360G-DEMOPCC-2026-950"
    assert git(project, "status", "--porcelain") == ""


def test_a_csv_merges_as_before_and_says_it_could_not_check_for_newer_changes(repository, tmp_path):
    project = repository
    copy = tmp_path / "precept.csv"
    copy.write_bytes((project / "data" / "precept.csv").read_bytes())
    result = run_cli(project, "import", str(copy))
    assert result.returncode == 0, result.stderr
    assert "Not checked for newer changes: this file does not record the published version" in result.stdout


def branch_upload(project: Path, branch: str, sheet: Path) -> subprocess.CompletedProcess:
    """An upload on its own pull request branch (from main), imported there by the inbox workflow."""
    git(project, "checkout", "-q", "-b", branch, "main")
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(sheet, project / "inbox" / sheet.name)
    git(project, "add", "-A")
    git(project, "commit", "-qm", f"Upload {sheet.name}")
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Import the uploaded spreadsheets into data/")
    git(project, "checkout", "-q", "main")
    return result


def test_two_uploads_taking_the_same_next_identifier_both_publish_without_a_git_conflict(repository, tmp_path):
    project = repository
    published = grants(project)
    sheet_a = download(project, "grants", tmp_path / "a")
    sheet_b = download(project, "grants", tmp_path / "b")
    # Both type the identifier after the highest the instructions name (rather than leaving it blank).
    instructions = [c.value for c in load_workbook(sheet_a)["instructions"]["A"] if c.value]
    line = next(line for line in instructions if "The highest used so far" in line)
    stem, number = line.split("included, is ")[1].split(";")[0].rsplit("-", 1)
    told = f"{stem}-{int(number) + 1:0{len(number)}d}"
    edit(sheet_a, new_rows=[new_grant(told, "Neighbourhood watch kits")])
    edit(sheet_b, new_rows=[new_grant(told, "Taxi marshals"), new_grant(None, "Safe space in the city centre")])
    branch_upload(project, "upload-a", sheet_a)
    branch_upload(project, "upload-b", sheet_b)
    git(project, "merge", "-q", "--no-ff", "upload-a", "-m", "Merge A")
    # main moved: the workflow merges it into B's branch, takes main's data and imports B's upload again.
    git(project, "checkout", "-q", "upload-b")
    merged = subprocess.run(["git", "merge", "--no-commit", "-q", "main"], cwd=project, capture_output=True)
    assert merged.returncode != 0  # the conflict a person would otherwise resolve by hand
    result = run_cli(project, "inbox", "--again", "main")
    assert result.returncode == 0, result.stderr
    assert f"{told} was taken by" in result.stdout and "Neighbourhood watch kits" in result.stdout
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Import again on the newest main")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "upload-b", "-m", "Merge B")
    after = grants(project)
    titles = {row["Title"]: row["Identifier"] for row in after}
    assert len(after) == len(published) + 3
    assert titles["Neighbourhood watch kits"] == told
    assert titles["Taxi marshals"] != told and titles["Safe space in the city centre"] not in (told, "")
    assert len({row["Identifier"] for row in after}) == len(after)
    assert not list((project / "inbox").glob("*.xlsx"))


def workflow_step(workflow: str, job: str, name: str) -> str:
    import yaml
    from helpers import ROOT

    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))["jobs"]
    return next(step["run"] for step in jobs[job]["steps"] if step.get("name") == name)


def test_the_decision_form_with_empty_headings_is_refused_and_an_edit_after_the_merge_publishes_nothing(
    repository, tmp_path
):
    import yaml
    from test_decision_form import FIXTURE, FORM, body_with

    project = repository
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    headings = next(item for item in form["body"] if item.get("id") == "decision")["attributes"]["value"]
    refused = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, decision=headings.strip())))
    assert refused.returncode == 1 and "holds only the form's headings" in refused.stderr
    assert git(project, "status", "--porcelain") == ""
    # The filled-in form is published: the workflow's commit names the issue, and the pull request is merged.
    assert run_cli(project, "new", "decision", "--from-issue", str(FIXTURE)).returncode == 0
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Publish a decision (from issue #7)")
    records = sorted((project / "content" / "decisions").iterdir())
    # The issue is edited afterwards: the workflow's first check stops it and says what to do instead.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "gh").write_text('#!/bin/sh\necho "$@" >> "$GH_LOG"\n', encoding="utf-8")
    (fake / "gh").chmod(0o755)
    script = workflow_step("publish-decision.yml", "record", "Stop if this issue's decision is already published")
    env = {"PATH": f"{fake}:/usr/bin:/bin", "ISSUE": "7", "GH_LOG": str(tmp_path / "gh.log")}
    stopped = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True)
    assert stopped.returncode == 1
    comment = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert comment.startswith("issue comment 7 --body This decision is already published")
    assert "edit its file in content/decisions" in comment
    assert sorted((project / "content" / "decisions").iterdir()) == records
    # Another issue's decision is not stopped by it.
    other = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env | {"ISSUE": "70"}, capture_output=True)
    assert other.returncode == 0


def test_a_grant_entered_by_mistake_is_withdrawn_from_the_sheet_and_its_page_says_so(repository, tmp_path):
    from helpers import run_build

    project = repository
    published = grants(project)
    mistake = published[3]
    sheet = download(project, "grants", tmp_path / "a")
    header = [c.value for c in load_workbook(sheet)["data"][1]]
    assert header[-1] == "Withdraw" and "withdrawn" not in header
    edit(sheet, {(5, "Withdraw"): "Entered twice by mistake"})
    result = upload(project, sheet, "A")
    assert result.returncode == 0, result.stderr
    assert "Withdrawn, 1 row (they leave lists, totals and files):" in result.stdout
    assert f"  - {mistake['Identifier']}, {mistake['Title']}: Entered twice by mistake" in result.stdout
    after = grants(project)
    assert len(after) == len(published)  # nothing is deleted: the row is marked, with the date and the reason
    assert (after[3]["withdrawn"], after[3]["withdrawn_reason"]) == ("2026-11-23", "Entered twice by mistake")
    assert run_build(project).returncode == 0
    site = project / "site"
    page = (site / "grants" / mistake["Identifier"].lower() / "index.html").read_text(encoding="utf-8")
    assert "This grant was withdrawn on 23 November 2026." in page and "Entered twice by mistake" in page
    for download_file in ("grants.csv", "grants.json", "grants-360giving.json", "grants-360giving.csv"):
        assert mistake["Identifier"] not in (site / "data" / download_file).read_text(encoding="utf-8")
    # The withdrawal columns stay in data/ (the record of what was withdrawn), never in a download: always empty.
    for download_file in ("grants.csv", "grants.json", "datapackage.json"):
        assert "withdrawn" not in (site / "data" / download_file).read_text(encoding="utf-8"), download_file
    lists = [site / "grants" / "explorer.json", *(site / "grants").glob("year-*/index.html")]
    assert len(lists) > 2 and any(published[4]["Identifier"].lower() in p.read_text(encoding="utf-8") for p in lists)
    assert not [p for p in lists if mistake["Identifier"].lower() in p.read_text(encoding="utf-8")]


def test_a_new_organisation_and_its_first_grant_in_one_upload(repository, tmp_path):
    project = repository
    organisations = download(project, "organisations", tmp_path / "a")
    grants_sheet = download(project, "grants", tmp_path / "a")
    rules = load_workbook(grants_sheet)["data"].data_validations.dataValidation
    recipient = next(r for r in rules if str(r.sqref).startswith("G2:"))
    assert recipient.errorStyle == "warning"  # Excel lets a new recipient be typed, with a warning
    edit(
        organisations,
        new_rows=[{"id": "GB-CHC-1199999", "name": "Barnsley Street Pastors", "charity_number": "1199999"}],
    )
    grant = new_grant("360G-DEMOPCC-2026-951", "Street pastors at weekends")
    edit(grants_sheet, new_rows=[grant | {"Recipient Org:Identifier": "GB-CHC-1199999"}])
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(organisations, project / "inbox" / "organisations.xlsx")
    shutil.copy(grants_sheet, project / "inbox" / "grants.xlsx")
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    assert grants(project)[-1]["Recipient Org:Identifier"] == "GB-CHC-1199999"
    assert "Barnsley Street Pastors" in (project / "data" / "organisations.csv").read_text(encoding="utf-8")
    # The grant alone, without its organisation, is refused: the two are checked together.
    (project / "inbox" / "grants.xlsx").unlink(missing_ok=True)
    lone = download(project, "grants", tmp_path / "b")
    edit(lone, new_rows=[grant | {"Identifier": "360G-DEMOPCC-2026-952", "Recipient Org:Identifier": "GB-CHC-1188888"}])
    shutil.copy(lone, project / "inbox" / "grants.xlsx")
    refused = run_cli(project, "inbox")
    assert refused.returncode == 1 and "GB-CHC-1188888" in refused.stderr


def test_a_spreadsheets_instructions_describe_the_route_it_came_from(project, site_dir, tmp_path):
    def instructions(path: Path) -> str:
        return "\n".join(str(c.value) for c in load_workbook(path)["instructions"]["A"] if c.value)

    from_site = instructions(site_dir / "data" / "grants-to-edit.xlsx")
    assert "upload it to the 'inbox' folder of the site's GitHub repository" in from_site
    assert "make import" not in from_site
    from_command = instructions(download(project, "grants", tmp_path))
    assert "make import FILE=grants.xlsx" in from_command and "inbox" not in from_command


def test_the_same_sheet_uploaded_again_to_its_pull_request_never_adds_its_new_rows_twice(repository, tmp_path):
    project = repository
    sheet = download(project, "grants", tmp_path / "ben")
    edit(sheet, new_rows=[new_grant(None, "Shop watch radios"), new_grant(None, "Street pastors")])
    first = upload(project, sheet, "Ben")
    assert first.returncode == 0, first.stdout + first.stderr
    after_first = grants(project)
    given = {row["Title"]: row["Identifier"] for row in after_first}
    # Ben corrects one amount in the sheet he uploaded and uploads it again to the same branch.
    book = load_workbook(sheet)
    last = book["data"].max_row
    edit(sheet, changes={(last, "Amount Awarded"): 16000})
    again = upload(project, sheet, "Ben")
    assert again.returncode != 0
    said = again.stdout + again.stderr
    assert given["Shop watch radios"] in said and "same title" in said
    assert given["Street pastors"] in said
    assert grants(project) == after_first  # nothing written: no grant doubled


def test_the_360giving_download_uploaded_by_mistake_gets_one_plain_message(repository, tmp_path):
    project = repository
    sheet = download(project, "grants", tmp_path / "amira")
    wrong = sheet.with_name("grants-360giving (1).xlsx")
    sheet.rename(wrong)
    result = upload(project, wrong, "Amira")
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "open data downloads" in said and "Download the spreadsheet to edit" in said
    assert "is not a known column" not in said


def run_workflow_step(project: Path, job: str, name: str, variables: dict[str, str]) -> subprocess.CompletedProcess:
    """One step of the inbox workflow, its script exactly as GitHub runs it (bash -e)."""
    import os

    script = workflow_step("inbox.yml", job, name)
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=project, env=os.environ | variables, capture_output=True, text=True
    )


def test_an_upload_on_a_branch_made_before_main_moved_is_imported_on_the_newest_main(repository, tmp_path):
    project = repository
    published = grants(project)
    git(project, "remote", "add", "origin", str(project))  # the checkout's origin/main, as actions/checkout gives
    # Monday: B starts a pull request branch (an upload made later from an old page), and A's change is merged.
    git(project, "checkout", "-q", "-b", "upload-b", "main")
    git(project, "checkout", "-q", "main")
    sheet_a = download(project, "grants", tmp_path / "a")
    edit(sheet_a, {(2, "Amount Awarded"): 35550}, [new_grant(None, "Neighbourhood watch kits")])
    assert upload(project, sheet_a, "A").returncode == 0
    taken = grants(project)[-1]["Identifier"]
    # Thursday: B's sheet, made from the published data of Monday, goes up on the old branch.
    git(project, "checkout", "-q", "upload-b")
    sheet_b = download(project, "grants", tmp_path / "b")
    edit(sheet_b, new_rows=[new_grant(None, "Taxi marshals")])
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(sheet_b, project / "inbox" / "grants.xlsx")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "B: add files via upload")
    git(project, "fetch", "-q", "origin")
    # The import job: main first, then the import, then the commit.
    step = run_workflow_step(
        project,
        "import",
        "Bring in the newest main first, so the import starts from what is published now",
        {"BASE_REF": "main"},
    )
    assert step.returncode == 0, step.stderr
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Import the uploaded spreadsheets into data/")
    # The reviewer merges: no conflict for a person to resolve, A's correction kept, B's grant its own identifier.
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "upload-b", "-m", "Merge B")
    after = grants(project)
    titles = {row["Title"]: row["Identifier"] for row in after}
    assert len(after) == len(published) + 2
    assert after[0]["Amount Awarded"] == "35550"
    assert titles["Neighbourhood watch kits"] == taken and titles["Taxi marshals"] not in (taken, "")
    assert git(project, "status", "--porcelain") == ""
