"""A sentence that counts agrees with its count: "1 warning. It does not stop publishing", never "1 problem. They"."""

from __future__ import annotations

from helpers import run_cli

from generator.cli import counted
from generator.comms.github import problems_markdown
from generator.core.problems import Problem

ONE = [Problem("data/grants.csv", 3, "Award Date", "is before the decision's date", warning=True)]


def test_one_warning_is_a_warning_and_it_does_not_stop_publishing():
    from generator.cli import WARNINGS_NEXT

    text = problems_markdown("Warnings", ONE, WARNINGS_NEXT, noun="warning")
    assert "\n1 warning. It does not stop publishing; look at it.\n" in text
    text = problems_markdown("Warnings", ONE * 2, WARNINGS_NEXT, noun="warning")
    assert "\n2 warnings. They do not stop publishing; look at each.\n" in text


def test_one_problem_is_fixed_as_one():
    problem = Problem("data/grants.csv", 3, "Amount Awarded", '"a lot" is not a number')
    text = problems_markdown("The data has problems", [problem], ("Fix it.", "Fix each one."))
    assert "\n1 problem. Fix it.\n" in text
    # A note listed beside the problems (which dataset a sheet was read as) is not counted as one.
    assert "\n1 problem. Fix it.\n" in problems_markdown("Not imported", [problem, *ONE], ("Fix it.", "Fix each."))


def test_the_valid_data_sentence_counts_in_the_singular_too():
    assert counted(1, "decision") == "1 decision" and counted(12, "dataset") == "12 datasets"


def test_a_row_with_too_many_cells_for_one_heading_says_is(project):
    (project / "data" / "premises.csv").write_text("name\nOne,Two\n", encoding="utf-8")
    result = run_cli(project, "validate")
    assert "has 2 cells but there is 1 column heading" in result.stderr, result.stderr
