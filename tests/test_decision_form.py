"""The "Publish a decision" issue form: its body as GitHub renders it becomes a record, or a clear message."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml
from helpers import ROOT, run_build, run_cli

from generator.comms.issue_form import FIELDS, parse_body

FIXTURE = Path(__file__).parent / "fixtures" / "issue-decision.md"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "publish-decision.yml"


def body_with(tmp_path, **answers) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    labels = dict(FIELDS)
    for field_id, answer in answers.items():
        before, _, rest = text.partition(f"### {labels[field_id]}\n\n")
        _, _, after = rest.partition("\n\n### ")
        text = f"{before}### {labels[field_id]}\n\n{answer}" + (f"\n\n### {after}" if after else "\n")
    path = tmp_path / "body.md"
    path.write_text(text, encoding="utf-8")
    return path


def read_record(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_the_form_writes_a_record_with_the_next_free_reference(project, tmp_path):
    report = tmp_path / "report.md"
    result = run_cli(project, "new", "decision", "--from-issue", str(FIXTURE), "--report", str(report))
    assert result.returncode == 0, result.stderr
    path = project / "content" / "decisions" / "2026-021.md"
    assert "Wrote content/decisions/2026-021.md: decision 2026/021" in result.stdout
    meta, body = read_record(path)
    assert meta == {
        "reference": "2026/021",
        "title": "Community Safety Fund awards 2026/27",
        "date": "2026-11-20",
        "decision_maker": "Police and Crime Commissioner",
        "summary": "Awards the 2026/27 Community Safety Fund to the four community safety partnerships.",
        "amount": 250000,
        "priorities": ["vulnerable", "fairness"],
        "category": "Commissioning",
        "documents": [
            {"title": "Decision report", "url": "https://www.example.gov.uk/decision-report.pdf"},
            {"title": "Equality impact assessment", "url": "https://www.example.gov.uk/eia.pdf"},
        ],
    }
    assert body.strip().startswith("## Background") and "approves awards totalling £250,000" in body
    assert "2026/021" in report.read_text(encoding="utf-8")
    assert run_cli(project, "validate").returncode == 0


def test_missing_title_and_impossible_date_write_nothing(project, tmp_path):
    before = sorted((project / "content" / "decisions").iterdir())
    report = tmp_path / "report.md"
    body = body_with(tmp_path, title="_No response_", date="2026-02-30")
    result = run_cli(project, "new", "decision", "--from-issue", str(body), "--report", str(report))
    assert result.returncode == 1
    assert 'the issue form, column "Title of the decision": is empty' in result.stderr
    assert '"2026-02-30" is not a real date' in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted((project / "content" / "decisions").iterdir()) == before
    comment = report.read_text(encoding="utf-8")
    assert "The decision record was not written" in comment and "is not a real date" in comment


def test_unknown_priority_bad_amount_and_a_document_without_an_address(project, tmp_path):
    body = body_with(tmp_path, priorities="Flying cars (cars)", amount="lots", documents="Report javascript:alert(1)")
    result = run_cli(project, "new", "decision", "--from-issue", str(body))
    assert result.returncode == 1
    assert '"Flying cars (cars)" is not a priority' in result.stderr
    assert '"lots" is not an amount of money' in result.stderr
    assert "has no web address starting https://" in result.stderr


def test_withheld_without_a_reason_is_refused(project, tmp_path):
    body = body_with(tmp_path, exempt="Yes, part of it is withheld")
    result = run_cli(project, "new", "decision", "--from-issue", str(body))
    assert result.returncode == 1 and "say why" in result.stderr


def test_hostile_text_is_inert_in_the_record_and_the_site(project, tmp_path):
    hostile = {
        "title": '<script>alert("t")</script> $(rm -rf ~) `id` ; | & "quotes"',
        "summary": "<img src=x onerror=alert(1)> [click](javascript:alert(1))",
        "decision": "## Decision\n\n<script>alert(1)</script>\n\n[click me](javascript:alert(2)) "
        "[ok](https://www.example.gov.uk/)\n\n[ref]: javascript:alert(3)\n\n$(touch /tmp/pwned) `rm -rf /`",
    }
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, **hostile)))
    assert result.returncode == 0, result.stderr
    meta, body = read_record(project / "content" / "decisions" / "2026-021.md")
    assert meta["title"] == hostile["title"]  # kept as text; the site escapes it
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "](javascript:" not in body and "[ok](https://www.example.gov.uk/)" in body
    assert not Path("/tmp/pwned").exists()
    assert run_build(project).returncode == 0
    page = (project / "site" / "decisions" / "2026-021" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert 'href="javascript' not in page.lower() and "click me</a>" not in page
    assert "&lt;script&gt;alert(" in page  # the title, shown as text


def test_a_heading_typed_in_an_answer_cannot_replace_a_later_field():
    body = FIXTURE.read_text(encoding="utf-8").replace(
        "### Title of the decision\n\nCommunity", "### Title of the decision\n\n### Summary\n\nsneaky\n\nCommunity"
    )
    answers = parse_body(body)
    assert answers["summary"].startswith("Awards the 2026/27")
    assert parse_body("### Title of the decision\n\n_No response_\n")["title"] == ""


def test_the_form_and_the_parser_agree():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = [(item["id"], item["attributes"]["label"]) for item in form["body"] if item["type"] != "markdown"]
    assert fields == list(FIELDS)
    assert form["labels"] == ["publish-decision"]
    options = {item["id"]: item["attributes"].get("options") for item in form["body"] if item["type"] == "dropdown"}
    priorities = (ROOT / "data" / "priorities.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert options["priorities"] == [f"{line.split(',')[1]} ({line.split(',')[0]})" for line in priorities]
    profile = yaml.safe_load((ROOT / "data" / "profile.yaml").read_text(encoding="utf-8"))
    assert options["category"] == profile["decision_categories"]


def test_a_category_outside_the_office_list_is_refused(project, tmp_path):
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, category="Parties")))
    assert result.returncode == 1
    assert '"Parties" is not one of the office\'s categories; use one of: Commissioning, Finance' in result.stderr


def form_options(path: Path) -> tuple[dict, dict]:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert [(key, item["attributes"]["label"]) for key, item in items.items()] == list(FIELDS)
    return {key: item["attributes"].get("options") for key, item in items.items()}, items


def test_forms_writes_another_offices_categories_priorities_and_decision_maker(tmp_path):
    office = tmp_path / "office"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exampleshire", office)
    result = run_cli(office, "forms")
    assert result.returncode == 0, result.stderr
    options, items = form_options(office / ".github" / "ISSUE_TEMPLATE" / "publish-decision.yml")
    assert options["category"] == ["Community safety", "Governance"]
    assert options["priorities"] == ["Safer roads (safer-roads)", "Victims first (victims)"]
    assert items["decision_maker"]["attributes"]["value"] == "Police and Crime Board"
    # Without decision_categories, the form offers the categories the decisions use.
    profile = office / "data" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("decision_categories:", "# "), encoding="utf-8")
    assert run_cli(office, "forms").returncode == 0
    options, _ = form_options(office / ".github" / "ISSUE_TEMPLATE" / "publish-decision.yml")
    assert options["category"] == ["Community safety"]


def test_validate_says_when_the_form_is_out_of_date_and_which_command_fixes_it(project):
    assert run_cli(project, "forms").returncode == 0
    checked = run_cli(project, "validate")
    assert checked.returncode == 0 and "publish-decision.yml" not in checked.stdout
    profile = project / "data" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("decision_categories: [", "decision_categories: [Transport, "), encoding="utf-8")
    checked = run_cli(project, "validate")
    assert checked.returncode == 0, "an out-of-date form does not stop publishing"
    assert (
        "  - Warning: .github/ISSUE_TEMPLATE/publish-decision.yml: is out of date: its categories, priorities or "
        "decision maker are not those in data/, or this version of the generator asks different questions; run "
        "transparency forms and commit the form it writes"
    ) in checked.stdout.splitlines()
    assert run_cli(project, "forms").returncode == 0
    options, _ = form_options(project / ".github" / "ISSUE_TEMPLATE" / "publish-decision.yml")
    assert options["category"][0] == "Transport"
    assert "publish-decision.yml" not in run_cli(project, "validate").stdout


def test_this_repositorys_form_is_the_one_forms_writes_from_the_demo():
    from generator.comms import forms

    assert forms.form_text(ROOT) == FORM.read_text(encoding="utf-8")


def test_a_record_left_as_the_forms_empty_headings_is_refused(project, tmp_path):
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    headings = next(item for item in form["body"] if item.get("id") == "decision")["attributes"]["value"]
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, decision=headings.strip())))
    assert result.returncode == 1
    assert "The decision record\": holds only the form's headings, with nothing written under them" in result.stderr
    assert not (project / "content" / "decisions" / "2026-021.md").exists()


def test_date_messages_say_why_a_date_is_not_real(project, tmp_path):
    for written, why in (
        ("31/04/2026", ": April has 30 days"),
        ("29/02/2026", ": February 2026 has 28 days"),
        ("2026-13-01", ": there is no month 13"),
    ):
        result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, date=written)))
        assert result.returncode == 1
        assert f'"{written}" is not a real date{why}' in result.stderr
        assert "2026-03-31" not in result.stderr


def test_a_decision_dated_in_the_future_is_written_with_a_warning(project, tmp_path):
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, date="20/12/2026")))
    assert result.returncode == 0, result.stderr
    assert "Warning: " in result.stdout and "20/12/2026 is after today (23/11/2026)" in result.stdout
    meta, _ = read_record(project / "content" / "decisions" / "2026-021.md")
    assert meta["date"] == "2026-12-20"


def test_a_record_with_one_section_filled_and_the_others_empty_is_refused_naming_each(project, tmp_path):
    partial = "## Background\n\nNight-time violence rose.\n\n## Decision\n\n## Financial implications\n\n"
    partial += "## Legal and equality implications\n\n## Declarations of interest\n\n### Part A\n\nNone."
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, decision=partial)))
    assert result.returncode == 1
    for heading in ("Decision", "Financial implications", "Legal and equality implications"):
        assert f'the heading "{heading}" has nothing written under it' in result.stderr
    assert '"Background" has nothing' not in result.stderr
    assert '"Declarations of interest" has nothing' not in result.stderr  # its text is under a subheading
    assert not list((project / "content" / "decisions").glob("2026-021*"))


def test_two_forms_at_once_get_different_references(project, tmp_path):
    """The first form's record waits for review on its branch; the second form's takes the reference after it."""

    def git(*args: str) -> str:
        command = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, check=True).stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "Published")
    first = run_cli(project, "new", "decision", "--from-issue", str(FIXTURE), "--branch", "decision/issue-7")
    assert first.returncode == 0 and "decision 2026/021" in first.stdout
    git("switch", "-qc", "decision/issue-7")
    git("add", "content/decisions")
    git("commit", "-qm", "Publish a decision (from issue #7)")
    git("update-ref", "refs/remotes/origin/decision/issue-7", "HEAD")
    git("switch", "-q", "main")
    second = run_cli(project, "new", "decision", "--from-issue", str(FIXTURE), "--branch", "decision/issue-8")
    assert second.returncode == 0, second.stderr
    assert "decision 2026/022" in second.stdout
    (project / "content" / "decisions" / "2026-022.md").unlink()
    # The first issue edited while its pull request is open keeps its own reference.
    again = run_cli(project, "new", "decision", "--from-issue", str(FIXTURE), "--branch", "decision/issue-7")
    assert "decision 2026/021" in again.stdout


def test_a_record_without_its_decision_section_is_refused_and_the_advice_never_says_delete_it(project, tmp_path):
    """The tester deleted the Decision heading, leaving only Background: a record must say what was decided."""
    only_background = "## Background\n\nNight-time violence rose in the town centre."
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, decision=only_background)))
    assert result.returncode == 1
    said = " ".join(result.stderr.split())
    assert 'has no "Decision" section' in said and "## Decision" in said
    assert not list((project / "content" / "decisions").glob("2026-021*"))
    # Its heading left empty is refused too, and the advice names it as needed, never "delete the heading".
    empty = "## Background\n\nNight-time violence rose.\n\n## Decision\n\n## Financial implications\n\nNone."
    result = run_cli(project, "new", "decision", "--from-issue", str(body_with(tmp_path, decision=empty)))
    said = " ".join(result.stderr.split())
    assert result.returncode == 1 and 'the heading "Decision" has nothing written under it' in said
    advice = said.split('the heading "Decision"')[1].split("Problem")[0].split(" - ")[0]
    assert "delete the heading" not in advice and "every record needs" in advice
    assert not list((project / "content" / "decisions").glob("2026-021*"))
