"""The Procurement Act 2023's duties: the law's periods and deadlines, judged from the data, and their columns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from helpers import run_cli, set_cell

from generator import act_duties as act
from generator.duties import load_register

REGISTER = {d.id: d for d in load_register()}
TODAY = dt.date(2026, 11, 23)  # the tests' build date


def deadlines(duty: str, nation: str, until: dt.date = TODAY) -> list[tuple[str, dt.date]]:
    return [(p.label, p.due) for p in act.periods(REGISTER[duty].timing, nation, until)]


def test_the_payment_duties_fall_due_as_the_law_says():
    # s.69 from 1 January 2026 in England (first due 30 April 2026), 1 April 2026 in Wales (first 30 October 2026).
    assert deadlines("payments-compliance", "England")[:2] == [
        ("January to March 2026", dt.date(2026, 4, 30)),
        ("April to September 2026", dt.date(2026, 10, 30)),
    ]
    assert deadlines("payments-compliance", "Wales")[0] == ("April to September 2026", dt.date(2026, 10, 30))
    # s.70 from 1 April 2026: the first by 29 July 2026; July to September by 30 October; not in force in Wales.
    assert deadlines("contract-payments", "England")[:3] == [
        ("April to June 2026", dt.date(2026, 7, 29)),
        ("July to September 2026", dt.date(2026, 10, 30)),
        ("October to December 2026", dt.date(2027, 1, 30)),
    ]
    assert deadlines("contract-payments", "Wales") == []
    assert not act.applies(REGISTER["contract-payments"].timing, "Wales")


def test_a_period_is_met_once_the_data_runs_to_its_end():
    timing = REGISTER["contract-payments"].timing
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 12), dt.date(2026, 10, 20))
    assert (status, due) == (
        "Due soon",
        dt.date(2026, 10, 30),
    ) and "July to September 2026 is due by 30 October" in note
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 12), dt.date(2026, 10, 31))
    assert status == "Overdue" and "was due by 30 October 2026" in note
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 30), dt.date(2026, 10, 31))
    assert status == "Published" and due == dt.date(2027, 1, 30)
    status, note, due = act.judge_periodic(timing, "England", None, dt.date(2026, 5, 1))
    assert status == "Published" and "first, for April to June 2026, is due by 29 July 2026" in note


def test_a_contract_under_the_act_needs_its_notice_within_30_days():
    timing = REGISTER["contract-details"].timing

    def contract(value: int, begun: str, started: str, ocid: str = "") -> dict:
        return {
            "reference": f"C-{value}",
            "value": value,
            "procurement_start": dt.date.fromisoformat(begun),
            "start_date": dt.date.fromisoformat(started),
            "ocid": ocid,
        }

    rows = [
        contract(29999, "2026-05-01", "2026-06-01"),  # below £30,000: no notice needed
        contract(500000, "2025-01-10", "2025-06-01"),  # procured before the Act
        contract(30000, "2026-05-01", "2026-06-01", "ocds-h6vhtk-000001"),
    ]
    assert act.judge_contract_notices(timing, "England", rows, TODAY)[0] == "Published"
    rows.append(contract(30000, "2026-05-01", "2026-11-01"))
    status, note, due = act.judge_contract_notices(timing, "England", rows, TODAY)
    assert (status, due) == ("Due soon", dt.date(2026, 12, 1)) and "C-30000" in note
    rows.append(contract(80000, "2026-02-01", "2026-09-01"))
    status, note, _ = act.judge_contract_notices(timing, "England", rows, TODAY)
    assert status == "Overdue" and "C-80000" in note
    old = [{k: v for k, v in r.items() if k != "procurement_start"} for r in rows]
    assert "Add procurement_start" in act.judge_contract_notices(timing, "England", old, TODAY)[1]


def row_of(html: str, duty: str) -> str:
    return re.search(rf'<tr id="duty-{duty}">(.*?)</tr>', html, re.S).group(1)


def test_the_compliance_page_states_and_judges_the_acts_duties(site_dir):
    html = (site_dir / "transparency/index.html").read_text(encoding="utf-8")
    payments = row_of(html, "contract-payments")
    assert "Information about payments over £30,000 (including VAT) made under a public contract" in payments
    assert "Procurement Act 2023 s.70" in payments and "Each quarter, within 30 days" in payments
    assert "Published" in payments and "Next due by 30 January 2027, for October to December 2026" in payments
    notice = row_of(html, "payments-compliance")
    assert "Procurement Act 2023 s.69" in notice and "April to September 2026" in notice
    assert "Procurement Act 2023 s.53, s.87" in row_of(html, "contract-details")
    assert "Procurement Act 2023 s.71" in row_of(html, "contract-performance")
    assert "Not yet in force here" not in html


def test_a_welsh_body_follows_the_welsh_commencement(project):
    profile = project / "data" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "nation: Wales\n", encoding="utf-8")
    import generator.build as build

    site = build.validate(project / "data", project / "content")
    from generator.duties import assess, not_in_force

    register = load_register()
    assert [d.id for d in not_in_force(site, register)] == ["contract-payments"]
    judged = {r.duty.id: r for r in assess(site, register)}
    assert "contract-payments" not in judged
    assert "April to September 2026" in judged["payments-compliance"].note
    profile.write_text(profile.read_text(encoding="utf-8").replace("nation: Wales", "nation: Scotland"))
    result = run_cli(project, "validate")
    assert result.returncode == 1 and '"Scotland" is not England or Wales' in result.stderr


def test_reminders_give_the_acts_deadline(project):
    # The spending data stops in September: July to September's payments are late (due 30 October).
    path = project / "data" / "spend.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    kept = [r for r in rows if r["date"] < "2026-09-01"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path.write_text(out.getvalue(), encoding="utf-8")
    descriptor = project / "data" / "datapackage.yaml"
    text = descriptor.read_text(encoding="utf-8").replace('last_updated: "2026-11-10"', 'last_updated: "2026-08-31"', 1)
    descriptor.write_text(text, encoding="utf-8")
    result = run_cli(project, "reminders")
    overdue = result.stdout.split("## Overdue")[1].split("## Due within")[0]
    assert (
        "**Information about payments over £30,000 (including VAT) made under a public contract** (was due by 30 October 2026)"
        in overdue
    )
    assert "Law: Procurement Act 2023 s.70; how often: each quarter, within 30 days" in overdue


def test_the_new_columns_are_checked_and_optional(project):
    contracts, spend = project / "data" / "contracts.csv", project / "data" / "spend.csv"
    set_cell(contracts, 12, "ocid", "h6vhtk-04f1a8")
    set_cell(contracts, 12, "procurement_start", "April 2026")
    set_cell(spend, 504, "vat", "-9000")
    set_cell(spend, 504, "contract_reference", "C-2099-015")
    set_cell(spend, 505, "invoice_date", "30/06/2026")
    result = run_cli(project, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert 'data/contracts.csv, row 12, column "ocid": "h6vhtk-04f1a8" is not in the expected form' in result.stderr
    assert 'row 12, column "procurement_start": "April 2026" is not a date' in result.stderr
    assert 'data/spend.csv, row 504, column "vat": "-9000" is too small' in result.stderr
    assert 'row 504, column "contract_reference": "C-2099-015" is not in contracts.csv' in result.stderr
    assert 'row 505, column "invoice_date": "30/06/2026" is not a date' in result.stderr


def test_data_without_the_new_columns_still_builds(project):
    for name, columns in (
        ("contracts", {"ocid", "procurement_start"}),
        ("spend", {"contract_reference", "vat", "invoice_date"}),
        ("tenders", {"ocid"}),
    ):
        path = project / "data" / f"{name}.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[c for c in rows[0] if c not in columns], lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: v for k, v in r.items() if k not in columns} for r in rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
