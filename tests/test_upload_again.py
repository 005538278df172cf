"""`transparency inbox --again`: when main moves, each pull request's uploads are imported again in the order
they were made, the latest version of each file only, so a refused or replaced upload never comes back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import run_cli
from openpyxl import load_workbook
from test_two_officers import download, edit, git, grants, new_grant


@pytest.fixture
def repository(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.email", "comms@example.org")
    git(project, "config", "user.name", "Comms")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Published data")
    return project


def push(project: Path, sheet: Path, who: str) -> bool:
    """An upload from GitHub's web page to the branch checked out, then the inbox workflow's import job."""
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(sheet, project / "inbox" / "grants.xlsx")
    git(project, "add", "-A")
    git(project, "commit", "-qm", f"{who}: add files via upload")
    result = run_cli(project, "inbox")
    if result.returncode == 0:
        git(project, "add", "-A")
        git(project, "commit", "-qm", "Import the uploaded spreadsheets into data/")
    return result.returncode == 0


def again_on_main(project: Path, branch: str) -> subprocess.CompletedProcess:
    """The inbox workflow's "again" job for one branch, after main moved."""
    git(project, "checkout", "-q", branch)
    subprocess.run(["git", "merge", "--no-commit", "-q", "main"], cwd=project, capture_output=True)
    result = run_cli(project, "inbox", "--again", "main")
    if result.returncode == 0:
        git(project, "add", "-A")
        git(project, "commit", "-qm", "Import the uploaded spreadsheets again on the newest main")
    return result


def test_again_applies_each_files_latest_upload_in_order_never_a_refused_one(repository, tmp_path):
    project = repository
    published = grants(project)
    asha = download(project, "grants", tmp_path / "asha")
    ben = download(project, "grants", tmp_path / "ben")
    git(project, "checkout", "-q", "-b", "asha", "main")
    # A red first upload (a recipient not published), then the fixed sheet uploaded again: green.
    mine = dict(new_grant(None, "Youth boxing club"), **{"Recipient Org:Identifier": "Nobody Trust (GB-CHC-1)"})
    mine["Amount Awarded"] = 9000
    edit(asha, new_rows=[mine])
    assert not push(project, asha, "Asha")
    row = load_workbook(asha)["data"].max_row
    edit(asha, {(row, "Recipient Org:Identifier"): new_grant("", "")["Recipient Org:Identifier"]})
    assert push(project, asha, "Asha")
    given = next(r["Identifier"] for r in grants(project) if r["Title"] == "Youth boxing club")
    # The same sheet uploaded a second time is refused; she downloads the check's built site's sheet instead
    # and corrects her grant there (9000 to 9500).
    assert not push(project, asha, "Asha")
    fresh = download(project, "grants", tmp_path / "asha-fresh")
    fresh_rows = [c.value for c in load_workbook(fresh)["data"]["A"]]
    edit(fresh, {(fresh_rows.index(given) + 1, "Amount Awarded"): 9500})
    assert push(project, fresh, "Asha")
    # Ben's grant, made from Monday's sheet, takes the same next identifier and is merged first.
    git(project, "checkout", "-q", "-b", "ben", "main")
    edit(ben, new_rows=[new_grant(None, "Ben's street pastors")])
    assert push(project, ben, "Ben")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "ben", "-m", "Merge Ben")
    bens = next(r for r in grants(project) if r["Title"] == "Ben's street pastors")
    assert bens["Identifier"] == given

    result = again_on_main(project, "asha")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "upload 1 of 2" in result.stdout and "upload 2 of 2" in result.stdout
    # main moves once more (Ben's second grant): imported again, her uploads still count once each.
    git(project, "checkout", "-q", "-b", "ben-2", "main")
    second = download(project, "grants", tmp_path / "ben-2")
    edit(second, new_rows=[new_grant(None, "Ben's taxi marshals")])
    assert push(project, second, "Ben")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "ben-2", "-m", "Merge Ben again")
    result = again_on_main(project, "asha")
    assert result.returncode == 0, result.stdout + result.stderr
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "asha", "-m", "Merge Asha")
    after = grants(project)
    hers = [r for r in after if r["Title"] == "Youth boxing club"]
    assert len(after) == len(published) + 3 and len(hers) == 1
    assert hers[0]["Amount Awarded"] == "9500" and hers[0]["Identifier"] != given
    assert hers[0]["Recipient Org:Identifier"] != "Nobody Trust (GB-CHC-1)"
    assert next(r for r in after if r["Identifier"] == given) == bens  # the correction never lands on Ben's grant


def test_a_reused_sheet_cannot_add_a_withdrawn_grant_again_under_a_typed_identifier(repository, tmp_path):
    from test_two_officers import upload

    project = repository
    old_sheet = download(project, "grants", tmp_path / "ben-old")
    first = download(project, "grants", tmp_path / "ben-1")
    edit(first, new_rows=[new_grant(None, "Shop watch radios")])
    assert upload(project, first, "Ben").returncode == 0
    given = next(r["Identifier"] for r in grants(project) if r["Title"] == "Shop watch radios")
    withdraw = download(project, "grants", tmp_path / "ben-2")
    rows = [c.value for c in load_workbook(withdraw)["data"]["A"]]
    edit(withdraw, {(rows.index(given) + 1, "Withdraw"): "Entered twice by mistake"})
    withdrawn = upload(project, withdraw, "Ben")
    assert withdrawn.returncode == 0, withdrawn.stderr
    # The summary's totals leave the withdrawn grant out, as the site does.
    year = next(line for line in withdrawn.stdout.splitlines() if line.strip().startswith("2026/27:"))
    count_before, count_after = (int(side.split(",")[0]) for side in year.split(":")[1].split("→"))
    assert count_after == count_before - 1 and "← changed" in year
    live = sum(1 for r in grants(project) if not r.get("withdrawn_reason"))
    assert f"all: {live + 1:,}," in withdrawn.stdout and f"→ {live:,}," in withdrawn.stdout
    # Weeks later the old sheet is reused: the same grant typed in a new row under the next number is refused.
    stem, number = given.rsplit("-", 1)
    typed = f"{stem}-{int(number) + 1:0{len(number)}d}"
    edit(old_sheet, new_rows=[new_grant(typed, "Shop watch radios")])
    before = grants(project)
    again = upload(project, old_sheet, "Ben")
    assert again.returncode == 1
    assert f'"Shop watch radios" ({given}) with the same title is published already and was withdrawn' in again.stderr
    assert "Entered twice by mistake" in again.stderr and "after this sheet was made" not in again.stderr
    assert grants(project) == before
    # Another grant typed with the withdrawn one's identifier is given a new one, and the note says why, truly.
    sheet = download(project, "grants", tmp_path / "ben-3")
    edit(sheet, new_rows=[new_grant(given, "Street pastors")])
    other = upload(project, sheet, "Ben")
    assert other.returncode == 0, other.stderr
    assert f'{given} belongs to "Shop watch radios" ({given}), which is withdrawn' in other.stdout
    assert next(r for r in grants(project) if r["Title"] == "Street pastors")["Identifier"] == typed


def test_a_correction_to_a_row_whose_identifier_another_grant_took_is_refused_naming_both(repository, tmp_path):
    """Her sheet came from her pull request's built site; the identifier it shows for her grant is now a
    colleague's, and her grant is nowhere to follow: refused, naming both, nothing written."""
    project = repository
    ben = download(project, "grants", tmp_path / "ben")
    git(project, "checkout", "-q", "-b", "asha", "main")
    asha = download(project, "grants", tmp_path / "asha")
    edit(asha, new_rows=[new_grant(None, "Youth boxing club")])
    assert push(project, asha, "Asha")
    given = next(r["Identifier"] for r in grants(project) if r["Title"] == "Youth boxing club")
    built = download(project, "grants", tmp_path / "asha-built")
    git(project, "checkout", "-q", "main")
    edit(ben, new_rows=[new_grant(None, "Ben's street pastors")])
    assert push(project, ben, "Ben")
    before = grants(project)
    rows = [c.value for c in load_workbook(built)["data"]["A"]]
    edit(built, {(rows.index(given) + 1, "Amount Awarded"): 9500})
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(built, project / "inbox" / "grants.xlsx")
    result = run_cli(project, "inbox")
    assert result.returncode == 1
    assert (
        f'this row was "Youth boxing club" ({given}) when the sheet was made, but {given} is now '
        f'"Ben\'s street pastors" ({given})'
    ) in result.stderr
    # A failed check attaches no site: the advice starts from the published site, the check's only if one passed.
    advice = " ".join(result.stderr.split())
    assert "Download the spreadsheet again from the published site (Open data, then the dataset)" in advice
    assert "a check that failed attaches no site" in advice
    assert grants(project) == before


def test_a_correction_typed_under_the_identifier_the_refusal_named_changes_that_grant(repository, tmp_path):
    """The tester's sequence: a new grant (identifier blank) is given the next number on the pull request's branch;
    its amount corrected in the same sheet is refused, naming the number to type; typed, the correction lands."""
    project = repository
    sheet = download(project, "grants", tmp_path / "ben")
    git(project, "checkout", "-q", "-b", "ben", "main")
    edit(sheet, new_rows=[dict(new_grant(None, "Ben's street pastors"), **{"Amount Awarded": 25000})])
    assert push(project, sheet, "Ben")
    given = next(r["Identifier"] for r in grants(project) if r["Title"] == "Ben's street pastors")
    row = load_workbook(sheet)["data"].max_row
    edit(sheet, {(row, "Amount Awarded"): 20000})
    shutil.copy(sheet, project / "inbox" / "grants.xlsx")
    refused = run_cli(project, "inbox")
    assert refused.returncode == 1 and f"type {given} in its Identifier cell" in refused.stderr
    # This check failed, so it attaches no site: the advice starts from the published site's spreadsheet.
    advice = " ".join(refused.stderr.split())
    assert "the published site's (Open data, then the dataset), typing your changes again there" in advice
    assert "download the spreadsheet again from the check's built site" not in advice.lower()
    assert "A check that failed, like this one, attaches no site" in advice
    edit(sheet, {(row, "Identifier"): given})
    shutil.copy(sheet, project / "inbox" / "grants.xlsx")

    result = run_cli(project, "inbox")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 rows added, 1 changed" in result.stdout and "Nothing changed" not in result.stdout
    said = " ".join(result.stdout.split())
    assert f"({given}) was added after this sheet was made, and your changes were made to it (Amount Awarded)" in said
    hers = [r for r in grants(project) if r["Title"] == "Ben's street pastors"]
    assert len(hers) == 1 and hers[0]["Identifier"] == given and hers[0]["Amount Awarded"] == "20000"


def test_the_typed_correction_still_lands_on_its_grant_when_main_gave_that_identifier_to_another(repository, tmp_path):
    """As above, then a colleague's grant takes the same number on main: imported again, Ben's grant is numbered
    anew and the corrected amount follows it; the colleague's grant and the count are untouched."""
    project = repository
    sheet = download(project, "grants", tmp_path / "ben")
    colleague = download(project, "grants", tmp_path / "asha")
    published = len(grants(project))
    git(project, "checkout", "-q", "-b", "ben", "main")
    edit(sheet, new_rows=[dict(new_grant(None, "Ben's street pastors"), **{"Amount Awarded": 25000})])
    assert push(project, sheet, "Ben")
    given = next(r["Identifier"] for r in grants(project) if r["Title"] == "Ben's street pastors")
    row = load_workbook(sheet)["data"].max_row
    edit(sheet, {(row, "Amount Awarded"): 20000})
    assert not push(project, sheet, "Ben")
    edit(sheet, {(row, "Identifier"): given})
    assert push(project, sheet, "Ben")
    git(project, "checkout", "-q", "-b", "asha", "main")
    edit(colleague, new_rows=[new_grant(None, "Asha's youth boxing club")])
    assert push(project, colleague, "Asha")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "asha", "-m", "Merge Asha")
    hers = next(r for r in grants(project) if r["Title"] == "Asha's youth boxing club")
    assert hers["Identifier"] == given

    result = again_on_main(project, "ben")

    assert result.returncode == 0, result.stdout + result.stderr
    said = " ".join(result.stdout.split())
    assert f'{given} now belongs to another record; "Ben\'s street pastors"' in said, said
    after = grants(project)
    his = [r for r in after if r["Title"] == "Ben's street pastors"]
    assert len(after) == published + 2 and len(his) == 1
    assert his[0]["Amount Awarded"] == "20000" and his[0]["Identifier"] != given
    assert next(r for r in after if r["Identifier"] == given) == hers
