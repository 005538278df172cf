"""`transparency reminders`: what is due within 30 days and what is overdue, with the law, what and where."""

from __future__ import annotations

import csv
import io
import os
import subprocess

from helpers import TRANSPARENCY, run_cli

LATER = "1804636800"  # 2027-03-10: months after the demo's latest data


def test_due_soon_names_the_law_what_and_where(project):
    result = run_cli(project, "reminders")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "## Due within 30 days" in text and "## Overdue" not in text
    assert "response to each HMICFRS report, within 56 days** (due by 25 November 2026)" in text
    assert "Law: Police Act 1996 s.55" in text
    # A browser user needs the spreadsheet to download and where to upload it; the file is for command users.
    assert (
        "  - To publish it in a web browser: download the spreadsheet to edit, inspections-to-edit.xlsx, from the "
        "site (Open data, then HMICFRS inspection reports and the responses to them, then Download the spreadsheet "
        "to edit), add or correct its rows, and upload it to the repository's inbox folder (Add file, then Upload "
        "files, with a pull request)\n"
        "  - With the transparency command: data/inspections.csv; on the site at `/transparency/inspections/`"
    ) in text


def test_a_dataset_never_published_has_no_spreadsheet_on_the_site_so_the_reminder_says_how_to_get_one(project):
    (project / "data" / "gifts.csv").unlink()
    text = run_cli(project, "reminders").stdout
    gifts = text.split("**Gifts and hospitality register**")[1].split("- [ ]")[0]
    assert "ask someone with the transparency command for an empty spreadsheet of" in gifts
    assert "(make template DATASET=gifts EMPTY=1), add or correct its rows, and upload it" in gifts
    assert "With the transparency command: data/gifts.csv" in gifts


def test_overdue_comes_first_with_the_order_paragraph(project):
    env = os.environ | {"SOURCE_DATE_EPOCH": LATER}
    text = subprocess.run(
        [TRANSPARENCY, "--root", str(project), "reminders"], env=env, capture_output=True, text=True
    ).stdout
    overdue = text.split("## Overdue")[1].split("## Due within")[0]
    spend = overdue.split("Each item of expenditure over £500")[1].split("- [ ]")[0]
    assert "Specified Information) Order 2011, Schedule, paragraph 3(g); how often: monthly" in spend
    assert "With the transparency command: data/spend.csv" in spend and "spend-to-edit.xlsx" in spend
    assert "Police Reform and Social Responsibility Act 2011 s.11(3)" in text


def test_nothing_due_says_so_and_exits_2_for_the_workflow(project):
    path = project / "data" / "inspections.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        row["response_date"] = row["response_date"] or "2026-11-20"
        row["response_url"] = row["response_url"] or "https://www.example.gov.uk/response"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli(project, "reminders", "--exit-code")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Nothing is due to be published in the 30 days from 23 November 2026" in result.stdout
    assert run_cli(project, "reminders").returncode == 0


def test_bad_data_is_a_plain_error(project):
    (project / "data" / "grants.csv").write_text("Identifier\n360G-x\n", encoding="utf-8")
    result = run_cli(project, "reminders")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_the_compliance_page_says_when_the_site_was_last_built(site_dir):
    page = (site_dir / "transparency" / "index.html").read_text(encoding="utf-8")
    assert "This site was last built, and this page checked, on <strong>23 November 2026</strong>" in page
