"""Withdrawing a row changes that row's line only, so other open pull requests on the same file do not conflict;
the first withdrawal in a file that lacks the columns says that it changes every line, once."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

from helpers import ROOT, run_cli
from openpyxl import load_workbook


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def committed(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.email", "comms@example.org")
    git(project, "config", "user.name", "Comms")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Published data")
    return project


def withdraw_through_the_inbox(project: Path, tmp_path: Path, sheet_row: int, reason: str) -> str:
    sheet = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(sheet), "--with-data").returncode == 0
    book = load_workbook(sheet)
    data = book["data"]
    header = [c.value for c in data[1]]
    data.cell(row=sheet_row, column=header.index("Withdraw") + 1).value = reason
    book.save(sheet)
    (project / "inbox").mkdir(exist_ok=True)
    shutil.copy(sheet, project / "inbox" / "grants.xlsx")
    result = run_cli(project, "inbox")
    assert result.returncode == 0, result.stderr
    return result.stdout


def changed_lines(project: Path, file: str) -> list[str]:
    diff = git(project, "diff", "--unified=0", "--", file)
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_the_demo_and_the_starting_set_already_carry_the_withdrawal_columns():
    for folder in (ROOT / "data", ROOT / "generator" / "scaffold" / "start" / "data"):
        header = next(csv.reader(io.StringIO((folder / "grants.csv").read_text(encoding="utf-8"))))
        assert header[-2:] == ["withdrawn", "withdrawn_reason"], folder


def test_a_withdrawal_changes_only_the_withdrawn_rows_line(project, tmp_path):
    committed(project)
    before = (project / "data" / "grants.csv").read_text(encoding="utf-8").splitlines()
    summary = withdraw_through_the_inbox(project, tmp_path, 5, "Entered twice by mistake")
    assert "first withdrawal" not in summary
    lines = changed_lines(project, "data/grants.csv")
    assert len(lines) == 2, lines  # one line out, one line in: git diff --stat says 1 insertion, 1 deletion
    assert lines[0] == f"-{before[4]}"
    assert lines[1].startswith(before[4].split(",")[0] + ",", 1) and lines[1].endswith(",Entered twice by mistake")
    # The data package records the import's date on the grants resource, one line at most.
    assert len(changed_lines(project, "data/datapackage.yaml")) <= 2


def test_the_first_withdrawal_in_an_older_file_says_every_line_changes_once(project, tmp_path):
    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row[:-2] for row in rows)  # as an office's file made before
    path.write_text(out.getvalue(), encoding="utf-8")
    committed(project)
    summary = withdraw_through_the_inbox(project, tmp_path, 5, "Entered twice by mistake")
    assert (
        "This is the first withdrawal in data/grants.csv: its columns withdrawn and withdrawn_reason were added, "
        "so every line of the file changes this once (later withdrawals change only their own row)."
    ) in summary
    git(project, "commit", "-qam", "First withdrawal")
    summary = withdraw_through_the_inbox(project, tmp_path, 6, "Paid by another fund")
    assert "first withdrawal" not in summary
    assert len(changed_lines(project, "data/grants.csv")) == 2
