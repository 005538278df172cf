"""Spreadsheets in and out: a template filled in with Excel's habits imports to exactly the canonical CSV."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile

from helpers import ROOT, run_build, run_cli
from openpyxl import load_workbook

DATES = ("Award Date", "Planned Dates:Start Date", "Planned Dates:End Date")


def demo_rows(name: str) -> list[dict]:
    return list(csv.DictReader(open(ROOT / "data" / f"{name}.csv", encoding="utf-8-sig")))


def test_template_has_headings_instructions_and_drop_downs(project, tmp_path):
    result = run_cli(project, "template", "grants", str(tmp_path / "grants.xlsx"))
    assert result.returncode == 0, result.stderr
    book = load_workbook(tmp_path / "grants.xlsx")
    assert book.sheetnames[:2] == ["instructions", "data"]
    data = book["data"]
    assert [c.value for c in data[1]][:5] == ["Identifier", "Title", "Description", "Currency", "Amount Awarded"]
    assert data.max_row == 1
    lists = {tuple(v for v in column if v) for column in book["lists"].iter_cols(values_only=True)}
    assert any(column[0] == "Priority" and "Protecting vulnerable people (vulnerable)" in column for column in lists)
    assert any(column[0] == "Recipient Org:Identifier" for column in lists)
    assert len(data.data_validations.dataValidation) >= 3
    instructions = [[c for c in row] for row in book["instructions"].iter_rows(values_only=True)]
    assert ["Currency", "string", "yes", "GBP", "GBP", "Currency code"] in [list(r) for r in instructions]


def test_template_says_to_leave_a_new_rows_identifier_blank_and_never_suggests_a_withdrawn_one(project, tmp_path):
    """The office's own numbered identifiers: the instructions say to leave a new row's identifier blank, as the
    guide does, and name the highest used so far, a withdrawn row's included (it is never given again);
    identifiers of things other datasets refer to get no such line."""
    rows = list(csv.DictReader((project / "data" / "grants.csv").open(encoding="utf-8")))
    highest = max(rows, key=lambda r: (r["Identifier"].rsplit("-", 1)[0], int(r["Identifier"].rsplit("-", 1)[1])))
    highest["withdrawn_reason"], highest["withdrawn"] = "Entered by mistake", "2026-11-01"
    with (project / "data" / "grants.csv").open("w", encoding="utf-8", newline="") as out:
        names = list(rows[0]) + [c for c in ("withdrawn", "withdrawn_reason") if c not in rows[0]]
        writer = csv.DictWriter(out, fieldnames=names, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    def instructions(dataset: str) -> str:
        path = tmp_path / f"{dataset}.xlsx"
        result = run_cli(project, "template", dataset, str(path))
        assert result.returncode == 0, result.stderr
        return "\n".join(str(row[0]) for row in load_workbook(path)["instructions"].iter_rows(values_only=True))

    said = instructions("grants")
    assert "Leave the Identifier of a new row blank: the import gives it the next free one" in said
    assert f"The highest used so far, withdrawn rows included, is {highest['Identifier']};" in said
    assert "the next is" not in said
    assert "Leave the" not in instructions("organisations")  # charity numbers are not ours
    assert "Leave the" not in instructions("precept")  # a financial year is not numbered


def test_template_filled_with_excel_values_imports_to_the_same_csv(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    for row in demo_rows("grants"):
        cells = []
        for column in header:
            value = row.get(column, "")  # the sheet's Withdraw column is left empty
            if column in DATES and value:
                value = dt.datetime.fromisoformat(value)  # Excel stores dates as date-times
            elif column == "Amount Awarded":
                value = float(value)  # and money as floating-point numbers
            cells.append(value or None)
        sheet.append(cells)
    book.save(path)
    (project / "data" / "grants.csv").write_text("Identifier\n", encoding="utf-8")  # start from nothing
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert (project / "data" / "grants.csv").read_text(encoding="utf-8") == (ROOT / "data" / "grants.csv").read_text(
        encoding="utf-8"
    )
    assert 'last_updated: "2026-11-23"' in (project / "data" / "datapackage.yaml").read_text(encoding="utf-8")
    assert run_build(project).returncode == 0


def test_windows_csv_with_serial_dates_and_pound_signs(project, tmp_path):
    text = 'date,transaction_id,supplier,amount,expense_type\n46022,T-NEW-1,Café Supplies Ltd,"£1,000.00",Catering\n31/12/2025,T-NEW-2,Fuel Card Services,£650.5,Fuel\n'
    path = tmp_path / "spend.csv"
    path.write_bytes(text.encode("cp1252"))
    result = run_cli(project, "import", str(path), "--resource", "spend")
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and "2 rows added" in result.stdout
    written = list(csv.DictReader(open(project / "data" / "spend.csv", encoding="utf-8")))[-2:]
    written[0] = {k: v for k, v in written[0].items() if v}
    assert written[0] == {
        "date": "2025-12-31",
        "transaction_id": "T-NEW-1",
        "supplier": "Café Supplies Ltd",
        "amount": "1000",
        "expense_type": "Catering",
    }
    assert written[1]["date"] == "2025-12-31" and written[1]["amount"] == "650.50"


def test_bad_sheet_is_refused_with_the_build_messages(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    sheet = book["data"]
    sheet["E2"] = "a thousand pounds"
    sheet["I3"] = "roads"
    book.save(path)
    before = (project / "data" / "grants.csv").read_bytes()
    result = run_cli(project, "import", str(path))
    assert result.returncode == 1
    assert (
        '  - grants.xlsx (sheet data), row 2, column "Amount Awarded": "a thousand pounds" is not a number; write a plain number such as 1250.50, with no £ sign or commas'
        in result.stderr
    )
    assert (project / "data" / "grants.csv").read_bytes() == before


def test_a_workbook_leaves_no_temporary_file_behind(tmp_path, monkeypatch):
    """XlsxWriter leaves the temporary file of a sheet written without rows; a build wrote a dozen such workbooks
    (spreadsheets to edit, with an empty list sheet), leaving as many empty files in the temporary folder."""
    from generator.sheets.spreadsheets import open_workbook

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    book, _ = open_workbook(str(tmp_path / "book.xlsx"))
    book.add_worksheet("rows").write_row(0, 0, ["a", "b"])
    book.add_worksheet("empty")
    book.close()
    assert (tmp_path / "book.xlsx").stat().st_size > 0
    assert list(scratch.iterdir()) == []
