"""`transparency validate` reports every problem at once; a failed build leaves site/ as it was."""

from __future__ import annotations

from helpers import run_build, run_cli, set_cell


def grant_cell(project, column: str, value: str, row: int = 2) -> None:
    set_cell(project / "data" / "grants.csv", row, column, value)


def test_all_problems_reported_at_once(project):
    grant_cell(project, "Amount Awarded", "£1,000")
    grant_cell(project, "Award Date", "yesterday", row=3)
    result = run_cli(project, "validate")
    # It says what the problems stop (validate itself publishes nothing, so it does not say "Nothing was published").
    assert "The data has 2 problems. Fix each one listed: the site is not published until the data has none." in (
        result.stderr
    )


def test_failed_build_leaves_previous_site_untouched(project):
    assert run_build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    grant_cell(project, "Amount Awarded", "£1,000")
    result = run_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert '"£1,000" is not a number' in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (project / ".site.staging").exists()


def test_a_yaml_file_read_again_is_a_fresh_copy_and_shows_each_edit_and_problem(tmp_path):
    """A preview reads profile.yaml and datapackage.yaml after every edit, keeping what each gave until it changes:
    a reader changing what it was given (the data package gets its optional columns added) never changes what the
    next reader gets, and an edit or a mistake shows at the next read."""
    from generator.data.load import read_yaml

    path = tmp_path / "profile.yaml"
    path.write_text("name: One\nlist: [a]\n", encoding="utf-8")
    first = read_yaml(path, "data/profile.yaml", [], required=True)
    first["list"].append("b")
    assert read_yaml(path, "data/profile.yaml", [], required=True) == {"name": "One", "list": ["a"]}
    path.write_text("name: Two, and longer\n", encoding="utf-8")
    assert read_yaml(path, "data/profile.yaml", [], required=True) == {"name": "Two, and longer"}
    path.write_text("name: [\n", encoding="utf-8")
    for _ in range(2):
        problems = []
        assert read_yaml(path, "data/profile.yaml", problems, required=True) is None
        assert [p.message for p in problems] == ["is not valid YAML at line 2"]
