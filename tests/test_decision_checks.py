"""Decisions checked like data: no scaffold text published, categories from the office's list, grant dates."""

from __future__ import annotations

from helpers import run_build, run_cli


def test_a_new_decision_never_filled_in_is_refused(project):
    result = run_cli(project, "new", "decision", "Street lighting pilot")
    assert result.returncode == 0, result.stderr
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert (
        'content/decisions/2026-021.md, key "summary": still holds the placeholder text from `transparency new '
        "decision`; write one or two sentences saying what was decided"
    ) in result.stderr
    assert (
        'content/decisions/2026-021.md: the section "Background" still holds the placeholder text '
        '"Why a decision was needed."; replace it with the record of the decision'
    ) in result.stderr
    assert (
        'content/decisions/2026-021.md: the section "Decision" still holds the placeholder text "What was decided."'
    ) in result.stderr
    assert run_build(project).returncode == 1


def test_a_grant_awarded_before_its_decision_is_a_warning_naming_both(project):
    grants = project / "data" / "grants.csv"
    text = grants.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if ",2024/005," in line)
    cells = row.split(",")
    grants.write_text(text.replace(row, row.replace(f",{cells[5]},", ",2024-05-01,", 1)), encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
    number = text.splitlines().index(row) + 1
    assert (
        f'  - Warning: data/grants.csv, row {number}, column "Award Date": 2024-05-01 is before 2024-06-02, the date '
        "of decision 2024/005 (content/decisions/2024-005.md) that authorised it; check the award date here and the "
        "date in the decision record"
    ) in result.stdout.splitlines()


def test_without_categories_listed_the_ones_decisions_use_are_accepted_with_a_warning(project):
    """decision_categories came in 0.2.0: a site written for 0.1.0 has none and must still build."""
    profile = project / "data" / "profile.yaml"
    profile.write_text(
        "\n".join(
            line for line in profile.read_text(encoding="utf-8").splitlines() if "decision_categories" not in line
        )
        + "\n",
        encoding="utf-8",
    )
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
    assert (
        '  - Warning: data/profile.yaml, key "decision_categories": is missing, so every category the decisions use '
        "is accepted and the decision form offers those; to check them, list the categories the office uses, e.g. "
        "decision_categories: [Commissioning, Estates, Finance, Governance]"
    ) in result.stdout.splitlines()


def test_a_record_whose_decision_section_was_deleted_by_hand_is_named_in_a_warning(project):
    """Written in sections but without the one saying what was decided; a warning, so older prose records build."""
    record = project / "content" / "decisions" / "2024-005.md"
    text = record.read_text(encoding="utf-8")
    assert "\n## Decision\n" in text
    record.write_text(text.replace("\n## Decision\n", "\n"), encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert (
        'Warning: content/decisions/2024-005.md: has no "Decision" section: every record needs one saying what was '
        "decided; add the heading ## Decision, with what was decided written under it"
    ) in said
