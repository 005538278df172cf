"""`transparency validate --format github`: one annotation per problem on its file and CSV line, all in the summary."""

from __future__ import annotations

import os
import subprocess

from helpers import BUILD_EPOCH, TRANSPARENCY, set_cell


def validate_github(project, summary):
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run(
        [TRANSPARENCY, "--root", str(project), "validate", "--format", "github"],
        env=env,
        capture_output=True,
        text=True,
    )


def test_each_problem_is_an_annotation_on_its_csv_line(project, tmp_path):
    grants = project / "data" / "grants.csv"
    set_cell(grants, 3, "Description", "Two lines\nof description")  # row 3 now spans lines 3 and 4
    set_cell(grants, 7, "Amount Awarded", "£1,000")
    result = validate_github(project, tmp_path / "summary.md")
    assert result.returncode == 1
    annotation = next(line for line in result.stdout.splitlines() if "Amount Awarded" in line)
    assert annotation.startswith("::error file=data/grants.csv,line=8,title=data/grants.csv%2C row 7%2C column ")
    assert '"£1%2C000"' not in annotation.split("::")[2]  # commas are only escaped in properties
    assert "Traceback" not in result.stderr


def test_more_than_ten_problems_all_reach_the_summary(project, tmp_path):
    grants = project / "data" / "grants.csv"
    for row in range(2, 16):
        set_cell(grants, row, "Award Date", f"2024-02-{row + 28}")
    summary = tmp_path / "summary.md"
    result = validate_github(project, summary)
    assert result.returncode == 1
    assert result.stdout.count("::error ") == 14
    text = summary.read_text(encoding="utf-8")
    assert "14 problems" in text
    for row in range(2, 16):
        assert f"| data/grants.csv | {row} | Award Date |" in text


def test_hostile_values_cannot_start_another_workflow_command(project, tmp_path):
    set_cell(project / "data" / "grants.csv", 2, "Amount Awarded", "1\n::add-mask::x <script>|")
    summary = tmp_path / "summary.md"
    result = validate_github(project, summary)
    assert result.returncode == 1
    assert "%0A::add-mask::" in result.stdout
    assert not any(line.startswith("::add-mask") for line in result.stdout.splitlines())
    assert "::add-mask" not in result.stderr
    text = summary.read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_valid_data_says_so_in_the_summary(project, tmp_path):
    summary = tmp_path / "summary.md"
    result = validate_github(project, summary)
    assert result.returncode == 0, result.stderr
    assert "The data is valid" in summary.read_text(encoding="utf-8")
    assert "::error" not in result.stdout


def test_warnings_are_warning_annotations_and_do_not_fail(project, tmp_path):
    set_cell(project / "data" / "grants.csv", 2, "Award Date", "2021-04-01")  # before decision 2021/007
    summary = tmp_path / "summary.md"
    result = validate_github(project, summary)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("::warning file=data/grants.csv,line=2,")
    text = summary.read_text(encoding="utf-8")
    assert "## Warnings" in text and "2021-04-01 is before 2021-04-19" in text
