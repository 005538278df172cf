"""Every dataset has a row key: declared, shown in the data dictionary, used to match imported rows, and
enforced (two rows with the same key are a problem); an office's older descriptor without keys still builds."""

from __future__ import annotations

import csv
import re

import yaml
from helpers import ROOT, run_cli
from openpyxl import load_workbook

from generator.data.rowkeys import SHIPPED_KEYS


def rows(project, name):
    return list(csv.DictReader(open(project / "data" / f"{name}.csv", encoding="utf-8")))


def test_every_shipped_dataset_declares_the_key_the_generator_falls_back_to():
    descriptor = yaml.safe_load((ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    declared = {r["name"]: r["schema"].get("primaryKey") for r in descriptor["resources"]}
    assert all(declared.values()), [name for name, key in declared.items() if not key]
    assert declared == SHIPPED_KEYS
    assert declared["budget"] == ["financial_year", "area", "item", "kind"]


def test_the_data_dictionary_shows_the_row_key(site_dir):
    page = (site_dir / "data" / "budget" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", re.search(r'<p class="row-key">.*?</p>', page, re.S).group(0))
    assert "Rows are told apart by financial_year, area, item and kind: together these are the row key" in text
    assert "matched to the published rows by it" in text


def test_correcting_a_budget_line_changes_it_and_adds_no_line(project, tmp_path):
    before = rows(project, "budget")
    path = tmp_path / "budget.xlsx"
    assert run_cli(project, "template", "budget", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    target = next(i for i, r in enumerate(before) if r["kind"] == "budget" and r["financial_year"] == "2026/27")
    sheet.cell(row=target + 2, column=header.index("amount") + 1).value = float(before[target]["amount"]) + 1000
    book.save(path)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 1 changed, 0 removed." in result.stdout
    after = rows(project, "budget")
    assert len(after) == len(before)
    assert int(after[target]["amount"]) == int(before[target]["amount"]) + 1000
    # Each kind of figure is totalled on its own: a budget is never added to an outturn or a forecast.
    assert "by financial year and kind, withdrawn rows left out (before → after):" in result.stdout
    changed = [line for line in result.stdout.splitlines() if line.endswith("← changed")]
    assert len(changed) == 1 and changed[0].startswith("  2026/27 budget: ")
    assert "  all:" not in result.stdout


def test_two_rows_with_the_same_key_are_a_problem_naming_both(project):
    path = project / "data" / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    copy = lines[5].split(",")
    copy[3] = "999"  # the same year, area, item and kind with another amount
    path.write_text("".join(lines) + ",".join(copy), encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert f"data/budget.csv, row {len(lines) + 1}: repeats row 6: both have financial_year" in result.stderr
    assert "correct the row that is wrong, or delete the one that is a copy" in result.stderr


def test_an_office_descriptor_without_keys_still_builds_and_imports_by_the_shipped_key(project, tmp_path):
    descriptor_path = project / "data" / "datapackage.yaml"
    text = descriptor_path.read_text(encoding="utf-8")
    descriptor_path.write_text(re.sub(r"(?m)^      primaryKey: .*\n", "", text), encoding="utf-8")
    # A repeated line that built before keys were declared still builds.
    budget = project / "data" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    budget.write_text("".join(lines) + lines[-1], encoding="utf-8")
    assert run_cli(project, "validate").returncode == 0
    budget.write_text("".join(lines), encoding="utf-8")
    path = tmp_path / "budget.xlsx"
    assert run_cli(project, "template", "budget", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    book["data"].cell(row=2, column=4).value = 1
    book.save(path)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 1 changed" in result.stdout
    assert len(rows(project, "budget")) == len(lines) - 1


def test_changing_one_cell_of_a_budget_lines_key_changes_that_line_and_says_it_was_renamed(project, tmp_path):
    before = rows(project, "budget")
    path = tmp_path / "budget.xlsx"
    assert run_cli(project, "template", "budget", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    target = next(i for i, r in enumerate(before) if r["item"] == "Staff pay" and r["financial_year"] == "2026/27")
    sheet.cell(row=target + 2, column=header.index("item") + 1).value = "Police staff pay"
    book.save(path)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 1 changed, 0 removed." in result.stdout
    line = before[target]
    was = f"{line['financial_year']}, {line['area']}, Staff pay, {line['kind']}"
    assert f"  - renamed: {was} → {was.replace('Staff pay', 'Police staff pay')}" in result.stdout
    after = rows(project, "budget")
    assert len(after) == len(before)
    assert after[target] | {"item": "Staff pay"} == before[target]  # the same line, its item renamed
    assert before[target] not in after  # no second line: the one with the old item is gone


def test_a_csv_without_its_published_version_adds_a_renamed_line_and_says_how_to_remove_the_old_one(project, tmp_path):
    before = rows(project, "budget")
    line = next(r for r in before if r["item"] == "Staff pay" and r["financial_year"] == "2026/27")
    path = tmp_path / "budget.csv"
    header = list(before[0])
    path.write_text(
        ",".join(header) + "\n" + ",".join((line | {"item": "Police staff pay"})[c] for c in header) + "\n",
        encoding="utf-8",
    )
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 row added, 0 changed, 0 removed." in result.stdout
    out = " ".join(result.stdout.split())
    assert "a row whose financial_year or area or item or kind was changed cannot be told from a new row" in out
    assert "the old row is still published: remove it by typing why" in out
    was = f"{line['financial_year']}, {line['area']}, Staff pay, {line['kind']}"
    assert f"differs from the published {was} only in one of those, with the same figures" in out
    assert len(rows(project, "budget")) == len(before) + 1


def test_a_renamed_line_moved_elsewhere_in_the_sheet_still_changes_its_line(project, tmp_path):
    """Rows moved in the sheet (sorted, or cut and pasted at the bottom): the line gone from the sheet with the same
    figures and a key one cell apart is the one renamed."""
    before = rows(project, "budget")
    path = tmp_path / "budget.xlsx"
    assert run_cli(project, "template", "budget", str(path), "--with-data").returncode == 0
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    target = next(i for i, r in enumerate(before) if r["item"] == "Staff pay" and r["financial_year"] == "2026/27")
    values = [c.value for c in sheet[target + 2]]
    values[header.index("item")] = "Police staff pay"
    sheet.delete_rows(target + 2)
    sheet.append(values)
    book.save(path)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 rows added, 1 changed, 0 removed." in result.stdout
    assert "  - renamed: 2026/27, Police force, Staff pay, budget → 2026/27, Police force, Police staff pay" in (
        result.stdout
    )
    after = rows(project, "budget")
    assert len(after) == len(before) and after[target]["item"] == "Police staff pay"
