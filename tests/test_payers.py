"""The body that paid: spending downloads and contract files name the body the pages name, by the date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import Counter

from helpers import set_cell

from generator.data.checks import check_all
from generator.data.load import load_package
from generator.model.records import build_site
from generator.publish.exports import downloads

BUILT_ON = dt.date(2026, 11, 23)


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def page_payers(html: str) -> Counter:
    """(date, who paid) for each payment as the month's page shows it."""
    rows = re.findall(r"<tr data-amount[^>]*>(.*?)</tr>", html, re.S)
    found = Counter()
    for row in rows:
        date = re.search(r'data-label="Date"[^>]*>([^<]*)<', row).group(1)
        payer = re.search(r'data-label="Paid by">([^<]*)<', row).group(1)
        found[(date, payer)] += 1
    return found


def test_spending_downloads_name_the_body_the_page_names(site_dir):
    """A month after the 7 May 2024 handover and one before: the page, the month's CSV, the whole CSV and JSON agree."""
    whole = csv_rows((site_dir / "data/spend.csv").read_bytes())
    as_json = json.loads((site_dir / "data/spend.json").read_text(encoding="utf-8"))
    for month in ("2024-04", "2024-06"):
        shown = page_payers((site_dir / f"spending/{month}/index.html").read_text(encoding="utf-8"))
        in_month = csv_rows((site_dir / f"data/spend/{month}.csv").read_bytes())
        assert shown == Counter((r["date"], r["spending_body"]) for r in in_month), month
        assert shown == Counter((r["date"], r["spending_body"]) for r in whole if r["date"].startswith(month))
        assert shown == Counter((r["date"], r["spending_body"]) for r in as_json if r["date"].startswith(month))
    after = {r["spending_body"] for r in whole if r["date"] >= "2024-05-07"}
    before = {r["spending_body"] for r in whole if r["date"] < "2024-05-07"}
    assert after == {"Mayor", "Chief Constable"} and before == {"Commissioner", "Chief Constable"}


def test_a_generic_commissioner_after_the_handover_is_published_as_the_new_body(project):
    """An office that still types "Commissioner" after the handover: every download says the Mayor paid."""
    spend = project / "data/spend.csv"
    rows = csv_rows(spend.read_bytes())
    after = next(n for n, r in enumerate(rows, start=2) if r["date"] >= "2024-06-01" and r["spending_body"] == "Mayor")
    set_cell(spend, after, "spending_body", "Commissioner")
    raw = load_package(project / "data", project / "content")
    assert not check_all(raw)
    files = downloads(build_site(raw, BUILT_ON), "", compress=False)
    transaction = rows[after - 2]["transaction_id"]
    month = rows[after - 2]["date"][:7]
    with zipfile.ZipFile(io.BytesIO(files["data/open-data.zip"])) as archive:
        zipped = csv_rows(archive.read("spend.csv"))
    for name, table in (
        ("spend.csv", csv_rows(files["data/spend.csv"])),
        ("month", csv_rows(files[f"data/spend/{month}.csv"])),
        ("zip", zipped),
        ("json", json.loads(files["data/spend.json"])),
    ):
        row = next(r for r in table if r["transaction_id"] == transaction)
        assert row["spending_body"] == "Mayor", name
    # Before the handover "Commissioner" names the commissioner, as the page does.
    early = next(
        r for r in csv_rows(files["data/spend.csv"]) if r["date"] < "2024-05-07" and "Chief" not in r["spending_body"]
    )
    assert early["spending_body"] == "Commissioner"


def test_a_body_the_office_named_is_kept_and_must_have_held_office_then(project):
    spend = project / "data/spend.csv"
    rows = csv_rows(spend.read_bytes())
    after = next(n for n, r in enumerate(rows, start=2) if r["date"] >= "2024-06-01" and r["spending_body"] == "Mayor")
    set_cell(spend, after, "spending_body", "South Yorkshire Mayoral Combined Authority (demo)")
    raw = load_package(project / "data", project / "content")
    assert not check_all(raw)
    published = csv_rows(downloads(build_site(raw, BUILT_ON), "", compress=False)["data/spend.csv"])
    named = next(r for r in published if r["transaction_id"] == rows[after - 2]["transaction_id"])
    assert named["spending_body"] == "South Yorkshire Mayoral Combined Authority (demo)"

    before = next(n for n, r in enumerate(rows, start=2) if r["date"] < "2024-05-07")
    set_cell(spend, before, "spending_body", "Mayor")
    set_cell(spend, before + 1, "spending_body", "The Treasurer")
    problems = check_all(load_package(project / "data", project / "content"))
    # Warnings, not errors: a profile.yaml edited later (a role renamed, a date corrected) never stops a build.
    assert problems and all(p.warning for p in problems)
    messages = [str(p) for p in problems]
    assert any(f"row {before}" in m and "did not hold the police and crime functions" in m for m in messages)
    assert any(f"row {before + 1}" in m and "use one of: Chief Constable, Commissioner" in m for m in messages)


def test_contracts_let_before_the_handover_name_the_commissioner_as_buyer(site_dir):
    package = json.loads((site_dir / "data/contracts-ocds.json").read_text(encoding="utf-8"))
    buyers = {r["awards"][0]["id"]: r["buyer"]["name"] for r in package["releases"]}
    assert buyers["C-2021-014"] == "Office of the Police and Crime Commissioner for South Yorkshire (demo)"
    assert buyers["C-2025-003"] == "South Yorkshire Mayoral Combined Authority (demo)"
    assert package["publisher"]["name"] == "South Yorkshire Mayoral Combined Authority (demo)"
    for release in package["releases"]:
        assert release["parties"][0]["name"] == release["buyer"]["name"]


def test_the_demo_has_no_invoice_before_its_contract_and_one_is_warned_of(project):
    assert not [p for p in check_all(load_package(project / "data", project / "content")) if p.warning]
    spend = project / "data/spend.csv"
    rows = csv_rows(spend.read_bytes())
    row = next(n for n, r in enumerate(rows, start=2) if r["contract_reference"] == "C-2026-012")
    set_cell(spend, row, "invoice_date", "2026-08-24")
    warned = [str(p) for p in check_all(load_package(project / "data", project / "content")) if p.warning]
    assert any(f"row {row}" in w and "before its contract, C-2026-012, started on 2026-10-19" in w for w in warned)
