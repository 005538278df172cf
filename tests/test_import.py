"""`transparency import`: merge by identifier, --replace that says what goes, all problems at once, nothing
written on any problem, a summary a person can check, and last_updated moved only when the data changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from helpers import run_cli
from openpyxl import load_workbook

from generator.sheets.spreadsheets import MAX_ROWS

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+44 114 296 3200",
    "-1+1 and a minus",
    "@SUM(A1:A2)",
    'Quotes "inside", commas, and <script>alert(1)</script>',
    "Two lines\nin one cell",
    "Ünïcödé — £500 – ‘quoted’",
]
NEW_ROW = {
    "Identifier": "360G-DEMOPCC-2026-900",
    "Title": "Street lighting pilot",
    "Description": "Brighter lighting on two estates.",
    "Currency": "GBP",
    "Amount Awarded": 12500.5,
    "Award Date": dt.datetime(2026, 10, 1),
    "Recipient Org:Identifier": "Knife Crime Prevention Trust (GB-CHC-1122746)",
    "Grant Programme:Title": "Safer Streets",
    "Priority": "vulnerable",
}


def files(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}


def grants(project: Path) -> list[dict]:
    return list(csv.DictReader(open(project / "data" / "grants.csv", encoding="utf-8")))


def add_rows(path: Path, rows: list[dict]) -> None:
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(column) for column in header])
    book.save(path)


def make_hostile(project: Path) -> None:
    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("Description")
    for index, text in enumerate(HOSTILE, start=1):
        rows[index][column] = text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_template_with_hostile_data_imports_back_to_the_same_csv(project, tmp_path):
    make_hostile(project)
    original = (project / "data" / "grants.csv").read_bytes()
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path), "--with-data").returncode == 0
    sheet = load_workbook(path)["data"]
    header = [c.value for c in sheet[1]]
    formula = sheet.cell(row=2, column=header.index("Description") + 1)
    assert formula.value == HOSTILE[0] and formula.data_type == "s" and formula.quotePrefix
    amount = sheet.cell(row=2, column=header.index("Amount Awarded") + 1)
    assert amount.data_type == "n" and amount.number_format == "#,##0.00"
    award = sheet.cell(row=2, column=header.index("Award Date") + 1)
    assert award.is_date and award.number_format == "yyyy-mm-dd"
    recipient = sheet.cell(row=2, column=header.index("Recipient Org:Identifier") + 1).value
    name = sheet.cell(row=2, column=header.index("Recipient Org:Name") + 1).value
    assert recipient == f"{name} (GB-CHC-1153074)" and name
    # Unchanged: nothing is written at all.
    before = files(project)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 0 changed, 0 removed" in result.stdout and "nothing was written" in result.stdout
    assert files(project) == before
    # Into an empty dataset, the sheet gives back exactly the same bytes.
    (project / "data" / "grants.csv").write_text("Identifier\n", encoding="utf-8")
    result = run_cli(project, "import", str(path), "--replace")
    assert result.returncode == 0, result.stderr
    assert (project / "data" / "grants.csv").read_bytes() == original


def test_empty_template_plus_one_row_keeps_every_published_row(project, tmp_path):
    published = grants(project)
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    add_rows(path, [NEW_ROW])
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "grants.xlsx (sheet data): 1 row added, 0 changed, 0 removed." in result.stdout
    assert "Added, 1 row:\n  - 360G-DEMOPCC-2026-900, " in result.stdout  # named, so it can be checked
    assert "Changed," not in result.stdout and "Removed" not in result.stdout
    assert "Checked against the data published now: this sheet was made from the version of 2026-11-23." in (
        result.stdout
    )
    assert "  2026/27: 7, £742,500.50 → 8, £755,001   ← changed" in result.stdout
    assert f"  all: {len(published)}, £5,458,405.50 → {len(published) + 1}, £5,470,906" in result.stdout
    after = grants(project)
    assert after[:-1] == published
    assert after[-1]["Identifier"] == "360G-DEMOPCC-2026-900"
    assert after[-1]["Recipient Org:Identifier"] == "GB-CHC-1122746" and after[-1]["Amount Awarded"] == "12500.50"
    assert 'last_updated: "2026-11-23"' in (project / "data" / "datapackage.yaml").read_text(encoding="utf-8")


def test_a_changed_row_is_updated_in_place(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("Title") + 1).value = "A corrected title"
    book.save(path)
    published = grants(project)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 1 changed, 0 removed." in result.stdout
    assert "Changed, 1 row:\n  - " in result.stdout and ", A corrected title\n" in result.stdout
    after = grants(project)
    assert after[1]["Title"] == "A corrected title"
    assert [r for i, r in enumerate(after) if i != 1] == [r for i, r in enumerate(published) if i != 1]


def test_replace_lists_the_rows_it_removes_and_removes_exactly_those(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    book["data"].delete_rows(2, 2)  # the first two grants
    book.save(path)
    published = grants(project)
    result = run_cli(project, "import", str(path), "--replace")
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 0 changed, 2 removed." in result.stdout
    assert f"  - {published[0]['Identifier']}, {published[0]['Title']}" in result.stdout
    assert f"  - {published[1]['Identifier']}, {published[1]['Title']}" in result.stdout
    assert grants(project) == published[2:]


def test_dry_run_writes_nothing(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    add_rows(path, [NEW_ROW])
    before = files(project)
    result = run_cli(project, "import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "1 row added" in result.stdout and "Checked only (--dry-run)" in result.stdout
    assert files(project) == before


def test_unchanged_csv_import_leaves_datapackage_byte_identical(project, tmp_path):
    before = files(project)
    copy = tmp_path / "spend.csv"
    copy.write_bytes((project / "data" / "spend.csv").read_bytes())
    result = run_cli(project, "import", str(copy))
    assert result.returncode == 0, result.stderr
    assert "Nothing changed" in result.stdout
    assert files(project) == before


def test_independent_mistakes_are_all_reported_in_one_run(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    add_rows(
        path,
        [
            NEW_ROW | {"Amount Awarded": "a thousand pounds"},
            NEW_ROW
            | {"Identifier": "360G-DEMOPCC-2026-901", "Recipient Org:Identifier": "Knife Crime Prevention Trust"},
            NEW_ROW | {"Identifier": "360G-DEMOPCC-2026-902", "Priority": "Vulnerable"},
        ],
    )
    before = files(project)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert lines[0] == "The data has 3 problems. Nothing was written."
    assert (
        '- grants.xlsx (sheet data), row 2, column "Amount Awarded": "a thousand pounds" is not a number; '
        "write a plain number such as 1250.50, with no £ sign or commas"
    ) in lines
    assert (
        '- grants.xlsx (sheet data), row 3, column "Recipient Org:Identifier": "Knife Crime Prevention Trust" is not '
        "in organisations.csv; did you mean GB-CHC-1122746, Knife Crime Prevention Trust? This column takes the "
        "identifier, not the name"
    ) in lines
    assert (
        '- grants.xlsx (sheet data), row 4, column "Priority": "Vulnerable" is not in priorities.csv; '
        'did you mean "vulnerable"? It must be written exactly, capital letters too'
    ) in lines
    assert files(project) == before


def test_a_new_organisation_message_says_how_to_add_one(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    add_rows(path, [NEW_ROW | {"Recipient Org:Identifier": "GB-CHC-9999999"}])
    result = run_cli(project, "import", str(path))
    assert result.returncode == 1
    assert (
        '"GB-CHC-9999999" is not in organisations.csv; correct it, or if it is new, add it first. From the browser: '
        "download the organisations spreadsheet from the site (Open data, then organisations, Download the "
        "spreadsheet to edit), add it there and upload that file to inbox/ with this one. With the commands: a new "
        "row in data/organisations.csv, or run make template DATASET=organisations, fill in the sheet and run "
        "make import FILE=organisations.xlsx"
    ) in result.stderr
    # The browser's way comes first: a pull request shows this message to someone with no command line.
    assert result.stderr.index("From the browser") < result.stderr.index("make template")


def test_a_long_list_of_problems_is_capped(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    add_rows(path, [NEW_ROW | {"Identifier": f"360G-DEMOPCC-2026-{n}", "Amount Awarded": "lots"} for n in range(60)])
    result = run_cli(project, "import", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "The data has 60 problems. Nothing was written."
    assert len(lines) == 52
    assert lines[-1] == '  - … and 10 more in grants.xlsx (sheet data), column "Amount Awarded"'


def write_ods(path: Path, rows: list[list[object]]) -> None:
    """A minimal OpenDocument spreadsheet, as LibreOffice saves one."""

    def cell(value: object) -> str:
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
        if isinstance(value, dt.date):
            return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"/>'
        if value in (None, ""):
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="data">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


def test_an_ods_from_libreoffice_imports(project, tmp_path):
    path = tmp_path / "spend.ods"
    header = ["date", "transaction_id", "supplier", "amount", "expense_type"]
    write_ods(path, [header, [dt.date(2026, 11, 2), "T-ODS-1", "Office Supplies Ltd", 612.5, "Stationery"]])
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "spend.ods (sheet data): 1 row added" in result.stdout
    last = list(csv.DictReader(open(project / "data" / "spend.csv", encoding="utf-8")))[-1]
    assert {k: last[k] for k in header} == {
        "date": "2026-11-02",
        "transaction_id": "T-ODS-1",
        "supplier": "Office Supplies Ltd",
        "amount": "612.50",
        "expense_type": "Stationery",
    }


def test_xls_pdf_and_other_files_get_a_message_and_nothing_is_written(project, tmp_path):
    cases = {
        "grants.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "is an old Excel 97-2003 workbook (.xls)"),
        "grants.xlsx": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF, not a spreadsheet"),
        "photo.xlsx": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a spreadsheet that can be read"),
        "broken.xlsx": (
            b"PK\x03\x04 not really a zip",
            "looks like a workbook but cannot be opened (it may be damaged or still downloading)",
        ),
    }
    before = files(project)
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = run_cli(project, "import", str(path), "--resource", "grants")
        assert result.returncode == 1, name
        assert "Traceback" not in result.stderr, result.stderr
        assert f"  - {name}: {message}; open it in Excel (or LibreOffice) and save it as .xlsx" in result.stderr
    assert files(project) == before


def test_template_drop_downs_check_values_against_the_list(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    book = load_workbook(path)
    rules = {str(rule.sqref).split(":")[0]: rule for rule in book["data"].data_validations.dataValidation}
    stop = (None, "stop")  # a rule without an error style refuses the value: "stop" is the default
    recipient = rules["G2"]
    # A recipient not yet published only warns: it may be added to organisations in the same upload.
    assert recipient.type == "list" and recipient.errorStyle == "warning" and recipient.showErrorMessage
    assert "added in the same upload" in recipient.error
    fund = rules[next(k for k, r in rules.items() if r.type == "list" and r.errorStyle == "warning")]
    assert fund.showErrorMessage  # a new fund name may be typed, with a warning
    lists = book["lists"]
    column = next(c for c in lists[1] if c.value == "Recipient Org:Identifier").column_letter
    assert "Knife Crime Prevention Trust (GB-CHC-1122746)" in [c.value for c in lists[column]]
    assert rules["E2"].type == "decimal" and rules["E2"].errorStyle in stop
    assert rules["F2"].type == "date" and rules["F2"].errorStyle in stop
    published = book["data"].max_row - 1
    assert str(recipient.sqref) == f"G2:G{published + 1 + MAX_ROWS}"  # room for new rows below the published


def test_template_help_lists_the_datasets(project):
    result = run_cli(project, "template", "--help")
    assert "Datasets: priorities, organisations, grants," in " ".join(result.stdout.split())


def test_template_never_writes_over_a_sheet_that_may_be_filled_in(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    path.write_bytes(b"a filled-in sheet")
    result = run_cli(project, "template", "grants", str(path))
    assert result.returncode == 1
    assert (
        f"  - {path}: already exists, and may hold rows not imported yet; import it first (make import FILE={path}"
        in (result.stderr)
    )
    assert path.read_bytes() == b"a filled-in sheet"


def test_template_writes_over_a_sheet_that_is_already_imported(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path), "--with-data").returncode == 0
    add_rows(path, [NEW_ROW])
    assert run_cli(project, "template", "grants", str(path), "--with-data").returncode == 1  # not imported yet
    assert run_cli(project, "import", str(path)).returncode == 0
    result = run_cli(project, "template", "grants", str(path), "--with-data")
    assert result.returncode == 0, result.stderr


def test_a_data_file_that_cannot_be_read_says_the_browsers_way_to_fix_it_first(project, tmp_path):
    path = tmp_path / "grants.xlsx"
    assert run_cli(project, "template", "grants", str(path)).returncode == 0
    add_rows(path, [NEW_ROW])
    (project / "data" / "grants.csv").write_bytes(b"Identifier,Title\n\xff\xfe broken\n")
    result = run_cli(project, "import", str(path))
    assert result.returncode == 1
    assert "fix data/grants.csv first (on GitHub, open it and use the pencil icon" in result.stderr
    assert result.stderr.index("on GitHub") < result.stderr.index("--replace")
