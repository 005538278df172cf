"""Each kind of mistake a comms team can make gives one plain line naming file, row and column."""

from __future__ import annotations

import pytest
from helpers import run_build, run_cli


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def grant_cell(project, column: str, value: str, row: int = 2) -> None:
    import csv
    import io

    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


CASES = {
    "money with a pound sign": (
        lambda p: grant_cell(p, "Amount Awarded", "£1,000"),
        'data/grants.csv, row 2, column "Amount Awarded": "£1,000" is not a number; write 1000 (a plain number, no £ sign or commas)',
    ),
    "impossible date": (
        lambda p: grant_cell(p, "Award Date", "2024-02-30", row=3),
        'data/grants.csv, row 3, column "Award Date": "2024-02-30" is not a date; write a real date as YYYY-MM-DD, e.g. 2024-03-31',
    ),
    "unknown organisation": (
        lambda p: grant_cell(p, "Recipient Org:Identifier", "GB-CHC-999", row=4),
        'data/grants.csv, row 4, column "Recipient Org:Identifier": "GB-CHC-999" is not in organisations.csv; add it to organisations.csv or correct the spelling',
    ),
    "unknown priority": (
        lambda p: grant_cell(p, "Priority", "roads"),
        'data/grants.csv, row 2, column "Priority": "roads" is not in priorities.csv; add it to priorities.csv or correct the spelling',
    ),
    "unknown decision": (
        lambda p: grant_cell(p, "Decision Reference", "1999/001"),
        'data/grants.csv, row 2, column "Decision Reference": "1999/001" is not the reference of any decision in content/decisions/; add the decision record or correct the reference',
    ),
    "duplicate id": (
        lambda p: grant_cell(p, "Identifier", "360G-DEMOPCC-2021-013", row=2),
        'data/grants.csv, row 3, column "Identifier": "360G-DEMOPCC-2021-013" is used more than once; each value in this column must be unique',
    ),
    "missing required column": (
        lambda p: replace_in(p / "data" / "priorities.csv", "id,title,summary", "ident,title,summary"),
        'data/priorities.csv, row 1, column "id": this required column is missing; add a column with this heading',
    ),
    "empty required cell": (
        lambda p: grant_cell(p, "Title", ""),
        'data/grants.csv, row 2, column "Title": is empty; this column must be filled in',
    ),
    "value not allowed": (
        lambda p: replace_in(p / "data" / "funding.csv", ",budget\n", ",planned\n"),
        'data/funding.csv, row 2, column "kind": "planned" is not allowed; use one of: budget, outturn, forecast',
    ),
    "individual recipient": (
        lambda p: grant_cell(p, "Recipient Org:Name", "Mrs Jane Smith"),
        'data/grants.csv, row 2, column "Recipient Org:Name": "Mrs Jane Smith" looks like a private individual; grants are published for organisations only',
    ),
    "bad yaml": (
        lambda p: replace_in(p / "data" / "profile.yaml", "short_name:", "short_name: [unclosed"),
        "data/profile.yaml: is not valid YAML at line 5; check the indentation and the colons",
    ),
    "missing profile key": (
        lambda p: replace_in(p / "data" / "profile.yaml", "contact_email:", "contact:"),
        'data/profile.yaml, column "contact_email": is missing or empty; every site needs it',
    ),
    "not utf-8": (
        lambda p: (p / "data" / "organisations.csv").write_bytes(
            (p / "data" / "organisations.csv").read_bytes() + "GB-CHC-1,Caf\u00e9 Project,,,,,\n".encode("cp1252")
        ),
        "data/organisations.csv, row 26: is not saved as UTF-8 text; save it again choosing 'CSV UTF-8' (or use `transparency import`)",
    ),
    "empty file": (
        lambda p: (p / "data" / "contracts.csv").write_text("", encoding="utf-8"),
        "data/contracts.csv: is empty; it needs at least the row of column headings",
    ),
    "huge cell": (
        lambda p: grant_cell(p, "Description", "x" * 100_001),
        'data/grants.csv, row 2, column "Description": the cell is 100,001 characters long; keep it under 100,000',
    ),
    "decision with bad date": (
        lambda p: replace_in(p / "content" / "decisions" / "2025-021.md", "date: '2025-09-18'", "date: '2025-13-45'"),
        'content/decisions/2025-021.md, column "date": "2025-13-45" is not a real date; write it as YYYY-MM-DD',
    ),
    "decision with unknown priority": (
        lambda p: replace_in(p / "content" / "decisions" / "2025-021.md", "- efficient", "- roads"),
        'content/decisions/2025-021.md, column "priorities": "roads" is not in priorities.csv; use an id from priorities.csv',
    ),
    "missing priorities file": (
        lambda p: (p / "data" / "priorities.csv").unlink(),
        "data/priorities.csv: the file is missing; it is required",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_validation_message(project, case):
    breaks, message = CASES[case]
    breaks(project)
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert f"  - {message}" in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr


def test_all_problems_reported_at_once(project):
    grant_cell(project, "Amount Awarded", "£1,000")
    grant_cell(project, "Award Date", "yesterday", row=3)
    result = run_cli(project, "validate")
    assert "The data has 2 problems. Nothing was published." in result.stderr


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
