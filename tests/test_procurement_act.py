"""The Procurement Act 2023's duties: the law's periods and deadlines, judged from the data, and their columns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

from helpers import run_build, run_cli, set_cell

from generator.law import act_duties as act
from generator.law.duties import load_register
from generator.model.contract_payments import UPLOAD_COLUMNS, payment_times, quarters, upload_csv

REGISTER = {d.id: d for d in load_register()}
TODAY = dt.date(2026, 11, 23)  # the tests' build date


def deadlines(duty: str, nation: str, until: dt.date = TODAY) -> list[tuple[str, dt.date]]:
    return [(p.label, p.due) for p in act.periods(REGISTER[duty].timing, nation, until)]


def test_the_payment_duties_fall_due_as_the_law_says():
    # "Before the end of the period of 30 days beginning with the last day" of the period: last day + 29 days.
    # s.69 from 1 January 2026 in England (first due 29 April 2026), 1 April 2026 in Wales (first 29 October 2026).
    assert deadlines("payments-compliance", "England")[:2] == [
        ("January to March 2026", dt.date(2026, 4, 29)),
        ("April to September 2026", dt.date(2026, 10, 29)),
    ]
    assert deadlines("payments-compliance", "Wales")[0] == ("April to September 2026", dt.date(2026, 10, 29))
    # s.70 from 1 April 2026: the first by 29 July 2026, then 29 October and 29 January; not in force in Wales.
    assert deadlines("contract-payments", "England")[:3] == [
        ("April to June 2026", dt.date(2026, 7, 29)),
        ("July to September 2026", dt.date(2026, 10, 29)),
        ("October to December 2026", dt.date(2027, 1, 29)),
    ]
    assert act.deadline(dt.date(2026, 6, 30)) == dt.date(2026, 7, 29)
    assert deadlines("contract-payments", "Wales") == []
    assert not act.applies(REGISTER["contract-payments"].timing, "Wales")


def test_a_period_is_met_once_the_data_runs_to_its_end():
    timing = REGISTER["contract-payments"].timing
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 12), dt.date(2026, 10, 20))
    assert (status, due) == (
        "Due soon",
        dt.date(2026, 10, 29),
    ) and "July to September 2026 is due by 29 October" in note
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 12), dt.date(2026, 10, 29))
    assert status == "Due soon"  # the last day of the 30 is still in time
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 12), dt.date(2026, 10, 30))
    assert status == "Overdue" and "was due by 29 October 2026" in note
    status, note, due = act.judge_periodic(timing, "England", dt.date(2026, 9, 30), dt.date(2026, 10, 31))
    assert status == "Published" and due == dt.date(2027, 1, 29)
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
    assert (status, due) == ("Due soon", dt.date(2026, 11, 30)) and "C-30000" in note
    rows.append(contract(80000, "2026-02-01", "2026-09-01"))
    status, note, _ = act.judge_contract_notices(timing, "England", rows, TODAY)
    assert status == "Overdue" and "C-80000" in note
    old = [{k: v for k, v in r.items() if k != "procurement_start"} for r in rows]
    assert "Add procurement_start" in act.judge_contract_notices(timing, "England", old, TODAY)[1]


def row_of(html: str, duty: str) -> str:
    return re.search(rf'<tr id="duty-{duty}"[^>]*>(.*?)</tr>', html, re.S).group(1)


def test_the_compliance_page_states_and_judges_the_acts_duties(site_dir):
    html = (site_dir / "transparency/index.html").read_text(encoding="utf-8")
    payments = row_of(html, "contract-payments")
    assert "Information about payments over £30,000 (including VAT) made under a public contract" in payments
    assert "Procurement Act 2023 s.70" in payments and "Each quarter, within 30 days" in payments
    assert "whose procurement began on or after 1 April 2026" in payments
    # The data shows the period is ready, not that it was uploaded: the status says no more than that.
    assert "Data complete for the period" in payments and "Published" not in payments
    assert "Next due by 29 January 2027, for October to December 2026" in payments
    notice = row_of(html, "payments-compliance")
    assert "Procurement Act 2023 s.69" in notice and "April to September 2026" in notice
    assert "approved by a finance director or equivalent" in notice
    assert "at least once a year for contracts worth over £5 million" in row_of(html, "contract-performance")
    assert "Procurement Act 2023 s.53, s.87" in row_of(html, "contract-details")
    assert "Procurement Act 2023 s.71" in row_of(html, "contract-performance")
    assert "Not yet in force here" not in html


def test_a_welsh_body_follows_the_welsh_commencement(project):
    profile = project / "data" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "nation: Wales\n", encoding="utf-8")
    import generator.build.assemble as build

    site = build.validate(project / "data", project / "content")
    from generator.law.duties import assess, not_in_force

    register = load_register()
    assert [d.id for d in not_in_force(site, register)] == ["contract-payments"]
    judged = {r.duty.id: r for r in assess(site, register)}
    assert "contract-payments" not in judged
    assert "April to September 2026" in judged["payments-compliance"].note
    profile.write_text(profile.read_text(encoding="utf-8").replace("nation: Wales", "nation: Scotland"))
    result = run_cli(project, "validate")
    assert result.returncode == 1 and '"Scotland" is not England or Wales' in result.stderr


def test_reminders_give_the_acts_deadline(project):
    # The spending data stops in September: July to September's payments are late (due 29 October).
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
        "**Information about payments over £30,000 (including VAT) made under a public contract whose procurement "
        "began on or after 1 April 2026** (was due by 29 October 2026)" in overdue
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
    assert (
        'row 505, column "invoice_date": "30/06/2026" is not written as YYYY-MM-DD; write 2026-06-30' in result.stderr
    )


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
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    quarter = (site / "money/contract-payments/2026-07-to-2026-09/index.html").read_text(encoding="utf-8")
    assert "No payment in this quarter is over £30,000 including VAT" in quarter
    times = (site / "money/payment-times/index.html").read_text(encoding="utf-8")
    assert "No payment in the spending data records both the date its invoice was received" in times
    compliance = (site / "transparency/index.html").read_text(encoding="utf-8")
    assert "Add procurement_start and ocid to contracts.csv so that this can be checked." in compliance
    releases = json.loads((site / "data/contracts-ocds.json").read_text(encoding="utf-8"))["releases"]
    assert releases and all(not r["ocid"].startswith("ocds-") for r in releases)


def payment(day: str, amount: str, vat: str | None, contract: str | None, received: str | None = None) -> dict:
    return {
        "date": dt.date.fromisoformat(day),
        "transaction_id": f"T-{day}-{amount}",
        "supplier": "Supplier Ltd",
        "amount": Decimal(amount),
        "vat": Decimal(vat) if vat is not None else None,
        "contract_reference": contract,
        "invoice_date": dt.date.fromisoformat(received) if received else None,
    }


CONTRACTS = [
    {"reference": "NEW", "title": "New", "procurement_start": dt.date(2026, 4, 1), "ocid": "ocds-h6vhtk-000001"},
    {"reference": "OLD", "title": "Old", "procurement_start": dt.date(2026, 3, 31), "ocid": None},
    {"reference": "UNDATED", "title": "Undated", "procurement_start": None, "ocid": None},
]


def test_only_payments_over_30000_with_vat_under_contracts_procured_since_1_april_2026_are_listed():
    spend = [
        payment("2026-06-30", "30000.00", "0.00", "NEW"),  # exactly £30,000.00: not over
        payment("2026-06-30", "30000.01", None, "NEW"),  # a penny over, no VAT recorded
        payment("2026-07-01", "25000.01", "5000.00", "NEW"),  # over only with its VAT
        payment("2026-09-30", "90000.00", "18000.00", "OLD"),  # procured the day before the duty
        payment("2026-09-30", "90000.00", "18000.00", "UNDATED"),  # no procurement date: not known to be covered
        payment("2026-09-30", "90000.00", "0.00", None),  # not under a contract in the register
        payment("2026-03-31", "90000.00", "0.00", "NEW"),  # before the duty began
    ]
    found = quarters(spend, CONTRACTS, {}, TODAY)
    assert [q.period.label for q in found] == [
        "April to June 2026",
        "July to September 2026",
        "October to December 2026",
    ]
    first, second, _ = found
    assert [(i["payment"]["date"].isoformat(), i["with_vat"]) for i in first.listed] == [
        ("2026-06-30", Decimal("30000.01"))
    ]
    assert first.not_over == 1
    assert [i["with_vat"] for i in second.listed] == [Decimal("30000.01")]
    assert (second.older, second.no_contract, second.not_over) == (2, 1, 0)
    assert upload_csv(second.listed).decode().splitlines() == [
        ",".join(UPLOAD_COLUMNS),
        "ocds-h6vhtk-000001,NEW,Supplier Ltd,2026-07-01,30000.01",
    ]
    assert quarters(spend, CONTRACTS, {"nation": "Wales"}, TODAY) == []


def test_payment_times_count_from_the_invoice_and_band_at_30_and_60_days():
    spend = [
        payment("2026-05-31", "600", None, None, "2026-05-01"),  # 30 days: within 30
        payment("2026-06-01", "600", None, None, "2026-05-01"),  # 31 days
        payment("2026-06-30", "600", None, None, "2026-05-01"),  # 60 days
        payment("2026-09-30", "600", None, None, "2026-07-31"),  # 61 days, on the period's last day
        payment("2026-10-01", "600", None, None, "2026-09-01"),  # the next period
        payment("2026-06-30", "600", None, None, None),  # no invoice date: not counted
    ]
    first, second = payment_times(spend, {}, TODAY)  # January to March 2026 has no invoice: no figures
    assert first.period.label == "April to September 2026" and first.count == 4
    assert first.average_days == Decimal("45.5")
    assert first.shares == [("Within 30 days", 1), ("31 to 60 days", 2), ("61 days or more", 1)]
    assert second.period.label == "October 2026 to March 2027" and second.count == 1


def test_a_quarters_page_lists_its_payments_and_says_why_others_are_not(site_dir):
    html = (site_dir / "money/contract-payments/2026-07-to-2026-09/index.html").read_text(encoding="utf-8")
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert table.count("<tr") == 3
    assert "£31,200.00" in table and "£5,200.00" in table  # £26,000 + £5,200 VAT: over only with VAT
    assert "£120,833.33" in table and "£45,600.00" in table and "30 September 2026" in table
    assert "£30,000.00" not in table and "Custody Healthcare" not in table and "Language Line" not in table
    assert 'href="https://www.find-tender.service.gov.uk/api/1.0/ocdsRecordPackages/ocds-h6vhtk-04f1a8"' in table
    # The first "Central Digital Platform" on a page links to its glossary entry: read the words, not the tags.
    assert "due on the Central Digital Platform by 29 October 2026" in re.sub(r"<[^>]+>", "", html)
    assert (
        "2 payments under contracts whose procurement began on or after 1 April 2026 were £30,000.00 or less including VAT"
        in html
    )
    assert "2 payments over £30,000 were made under contracts whose procurement began before 1 April 2026" in html
    first = (site_dir / "money/contract-payments/2026-04-to-2026-06/index.html").read_text(encoding="utf-8")
    assert "30 June 2026" in first and "£54,000<" in first and "by 29 July 2026" in first
    # Each contracting authority publishes its own: the body's file never holds the Chief Constable's payments.
    upload = (site_dir / "money/contract-payments/2026-07-to-2026-09.csv").read_text(encoding="utf-8")
    assert upload.splitlines()[1:] == [
        "ocds-h6vhtk-05a1b2,C-2026-011,South Yorkshire ISVA Partnership,2026-09-15,120833.33",
    ]
    chief = (site_dir / "money/contract-payments/2026-07-to-2026-09-chief-constable.csv").read_text(encoding="utf-8")
    assert chief.splitlines()[1:] == [
        "ocds-h6vhtk-04f1a8,C-2026-015,Northern Body Worn Video Ltd,2026-08-14,31200.00",
        "ocds-h6vhtk-04f1a8,C-2026-015,Northern Body Worn Video Ltd,2026-09-30,45600.00",
    ]
    paid_by = re.findall(r'data-label="Paid by">([^<]+)<', table)
    assert paid_by == ["Chief Constable", "Mayor", "Chief Constable"]  # the body in office on the date
    assert "each publishes its own information on the platform" in html
    assert "Paid by the Chief Constable</strong>: 2 payments, totalling £76,800.00" in html
    index = (site_dir / "money/contract-payments/index.html").read_text(encoding="utf-8")
    assert index.count("money/contract-payments/2026-") >= 6 and "In progress" in index


def test_the_payment_times_page_has_a_chart_a_table_and_a_sentence(site_dir):
    html = (site_dir / "money/payment-times/index.html").read_text(encoding="utf-8")
    section = html.split('id="period-2026-04-to-2026-09"')[1].split("<h2")[0]
    # Each contracting authority has its own figures: the body's (the one in office then) and the Chief Constable's.
    assert "Paid by the Mayor</h3>" in section and "Paid by the Chief Constable</h3>" in section
    assert re.search(r"\d+ invoices paid by the Chief Constable took \d+\.\d days on average to pay", section)
    assert "these figures are the Chief Constable's alone" in section
    # Completed periods lead; the running one comes last, "so far".
    headings = re.findall(r'<h2 id="period-([^"]+)"[^>]*>([^<]+)', html)
    assert headings[0][0] == "2026-04-to-2026-09" and headings[-1][1].endswith("(so far)")
    assert re.search(r"\d+% were paid within 30 days, \d+% in 31 to 60 days and \d+% in 61 days or more", section)
    assert (
        'class="chart__svg"' in section
        and "<caption>Invoices paid by the Chief Constable by time taken to pay, April to September 2026" in section
    )
    assert "approved by a finance director or equivalent" in html
    assert 'href="../money/payment-times/"' in (site_dir / "money/index.html").read_text(encoding="utf-8")


def test_an_invoice_received_after_it_was_paid_is_a_problem(project):
    set_cell(project / "data" / "spend.csv", 504, "invoice_date", "2026-07-02")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert 'row 504, column "invoice_date": "2026-07-02" is after the payment date, 2026-06-30' in result.stderr


def test_the_contracts_register_is_a_valid_ocds_release_package(site_dir):
    from generator.publish.ocds import schema_errors

    data = json.loads((site_dir / "data/contracts-ocds.json").read_text(encoding="utf-8"))
    assert schema_errors(data) == []
    contracts = list(csv.DictReader(io.StringIO((site_dir / "data/contracts.csv").read_text(encoding="utf-8"))))
    assert len(data["releases"]) == len(contracts)  # one release per contract
    by_reference = {r["contracts"][0]["id"]: r for r in data["releases"]}
    bwv = by_reference["C-2026-015"]
    assert bwv["ocid"] == "ocds-h6vhtk-04f1a8" and bwv["contracts"][0]["value"] == {"amount": 380000, "currency": "GBP"}
    assert bwv["contracts"][0]["documents"][0]["url"].endswith("/ocdsRecordPackages/ocds-h6vhtk-04f1a8")
    isva = by_reference["C-2026-011"]
    assert isva["tender"]["tenderPeriod"]["startDate"] == "2026-06-02T00:00:00Z" and "tender" in isva["tag"]
    old = by_reference["C-2021-014"]
    assert not old["ocid"].startswith("ocds-") and "documents" not in old["contracts"][0]
    # The check is real: a release without its ocid is not valid.
    del data["releases"][0]["ocid"]
    assert any("ocid" in e for e in schema_errors(data))
    opendata = (site_dir / "data/index.html").read_text(encoding="utf-8")
    assert 'href="../data/contracts-ocds.json">OCDS 1.1 release package (JSON)</a>' in opendata


def test_the_change_summary_says_when_an_acts_duty_is_met(project):
    import subprocess

    def git(*args):
        command = ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
        subprocess.run(command, capture_output=True, text=True, check=True)

    contracts = project / "data" / "contracts.csv"
    set_cell(contracts, 12, "ocid", "")  # the body-worn video contract, procured in April 2026, had no notice
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    set_cell(contracts, 12, "ocid", "ocds-h6vhtk-04f1a8")
    result = run_cli(project, "changes", "--base", "main")
    assert result.returncode == 0, result.stderr
    assert (
        "- Contract details notices, including for below-threshold contracts of £30,000 or more including VAT "
        "(Procurement Act 2023 s.53, s.87): Overdue → **Published**"
    ) in result.stdout


def test_the_contract_value_and_its_30000_test_say_whether_vat_is_included(site_dir):
    contracts = (site_dir / "contracts/index.html").read_text(encoding="utf-8")
    assert "worth £30,000 or more including VAT; one below £30,000 including VAT needs none" in contracts
    spend = (site_dir / "data/spend/index.html").read_text(encoding="utf-8")
    assert "contracts whose procurement began on or after 1 April 2026" in spend and "procured from" not in spend
    register = (site_dir / "data/contracts/index.html").read_text(encoding="utf-8")
    assert "Record it including VAT" in register


def test_the_quarter_in_progress_is_shown_as_so_far_and_its_file_waits_for_the_quarters_end(site_dir):
    html = (site_dir / "money/contract-payments/2026-10-to-2026-12/index.html").read_text(encoding="utf-8")
    assert "<h1>Payments over £30,000 under contracts: October to December 2026 (so far)</h1>" in html
    assert "(CSV)</a> (to upload once the quarter has ended)" in html
    ended = (site_dir / "money/contract-payments/2026-07-to-2026-09/index.html").read_text(encoding="utf-8")
    assert "(so far)" not in ended and "to upload once the quarter has ended" not in ended
