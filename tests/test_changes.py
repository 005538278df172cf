"""`transparency changes --base`: what a change publishes, read from git without touching the working tree."""

from __future__ import annotations

import csv
import io
import subprocess

from helpers import run_cli, set_cell


def git(project, *args):
    command = ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def committed(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    return project


def add_grant(project, identifier, title, amount):
    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, new = rows[0], list(rows[1])
    new[header.index("Identifier")], new[header.index("Title")] = identifier, title
    new[header.index("Amount Awarded")], new[header.index("Award Date")] = amount, "2026-11-02"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([*rows, new])
    path.write_text(out.getvalue(), encoding="utf-8")


def test_one_grant_added_shows_rows_figures_and_pages(project):
    committed(project)
    add_grant(project, "360G-DEMOPCC-2026-900", "Night-time economy marshals", "12500")
    status_before = git(project, "status", "--porcelain")
    result = run_cli(project, "changes", "--base", "main")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "1 added, 0 changed, 0 removed." in text
    assert "- Added: 360G-DEMOPCC-2026-900: Night-time economy marshals" in text
    row = next(line for line in text.splitlines() if line.startswith("| Grants awarded in 2026/27"))
    assert row.endswith("| +£12,500 |")
    assert "`/grants/360g-demopcc-2026-900/` Night-time economy marshals" in text
    assert git(project, "status", "--porcelain") == status_before  # the working tree is untouched


def test_changed_and_removed_rows_name_the_columns(project):
    committed(project)
    set_cell(project / "data" / "precept.csv", 2, "band_d", "999.99")
    lines = (project / "data" / "contracts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (project / "data" / "contracts.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    text = run_cli(project, "changes", "--base", "main").stdout
    assert "band_d:" in text and "→ 999.99" in text
    assert "Band D precept" in text
    assert "0 added, 0 changed, 1 removed." in text


def test_hostile_titles_are_inert_in_the_summary(project):
    committed(project)
    add_grant(project, "360G-DEMOPCC-2026-901", "<img src=x onerror=alert(1)> [x](javascript:alert(1)) | `rm`", "10")
    text = run_cli(project, "changes", "--base", "main").stdout
    assert "<img" not in text and "[x](javascript:" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; \\[x\\](javascript:alert(1)) \\| \\`rm\\`" in text


def test_problems_in_the_change_are_a_warning(project):
    committed(project)
    set_cell(project / "data" / "grants.csv", 2, "Amount Awarded", "lots")
    result = run_cli(project, "changes", "--base", "main")
    assert result.returncode == 0
    assert "### Warnings" in result.stdout
    assert "The changed data has 1 problem: it cannot be published until it is fixed" in result.stdout


def test_an_unknown_base_is_a_plain_error(project):
    committed(project)
    result = run_cli(project, "changes", "--base", "no-such-branch")
    assert result.returncode == 1
    assert "git" in result.stderr and "name a branch, tag or commit" in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_changed(project):
    committed(project)
    text = run_cli(project, "changes", "--base", "main").stdout
    assert "No rows are added, changed or removed." in text
    assert "No headline figure changes." in text


def test_warnings_in_the_change_are_listed_and_figures_still_compared(project):
    committed(project)
    set_cell(project / "data" / "grants.csv", 2, "Award Date", "2021-04-01")  # before decision 2021/007
    text = run_cli(project, "changes", "--base", "main").stdout
    assert "### Warnings" in text and "2021-04-01 is before 2021-04-19" in text
    assert "### Headline figures" in text


def test_a_withdrawal_is_named_with_its_reason_and_the_new_empty_columns_change_nothing(project):
    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if rows[0][-1] == "withdrawn_reason":  # the demo carries the columns: as an office's file made before them
        rows = [row[:-2] for row in rows]
        older = io.StringIO()
        csv.writer(older, lineterminator="\n").writerows(rows)
        path.write_text(older.getvalue(), encoding="utf-8")
    committed(project)
    header = rows[0]
    rows = [header + ["withdrawn", "withdrawn_reason"]] + [row + ["", ""] for row in rows[1:]]
    rows[2][-2:] = ["2026-11-20", "Entered twice by mistake"]
    identifier, title = rows[2][header.index("Identifier")], rows[2][header.index("Title")]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli(project, "changes", "--base", "main")
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 changed, 0 removed, 1 withdrawn." in result.stdout
    assert f"- Withdrawn: {identifier}: {title} — Entered twice by mistake" in result.stdout


def test_a_budget_line_renamed_by_an_import_reads_renamed_here_too(project):
    """The upload summary says "renamed" for a line whose item was changed in place; so does what it publishes."""
    committed(project)
    path = project / "data" / "budget.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    target = next(i for i, r in enumerate(rows) if r["item"] == "Staff pay" and r["financial_year"] == "2026/27")
    set_cell(path, target + 2, "item", "Police staff pay")
    text = run_cli(project, "changes", "--base", "main").stdout
    assert "0 added, 1 changed (1 renamed), 0 removed." in text
    line = rows[target]
    was = f"{line['financial_year']} / {line['area']} / Staff pay / {line['kind']}"
    renamed = next(line for line in text.splitlines() if line.startswith("- Changed: renamed "))
    assert was in renamed and f"→ {was.replace('Staff pay', 'Police staff pay')}" in renamed
    assert "- Added:" not in text and "- Removed:" not in text
