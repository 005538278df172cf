"""Grants: 360Giving output that validates, amounts to the penny, and data always escaped."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from helpers import run_build

from generator.publish.giving import schema_errors


def test_360giving_json_validates_against_the_schema(site_dir):
    data = json.loads((site_dir / "data/grants-360giving.json").read_text(encoding="utf-8"))
    assert len(data["grants"]) > 50
    assert schema_errors(data) == []


def test_schema_check_really_checks(site_dir):
    data = json.loads((site_dir / "data/grants-360giving.json").read_text(encoding="utf-8"))
    data["grants"][0]["awardDate"] = "31/03/2024"
    del data["grants"][1]["currency"]
    errors = schema_errors(data)
    assert any(e.startswith("grants/0/awardDate:") for e in errors)
    assert any(e.startswith("grants/1:") for e in errors)


def test_amounts_round_trip_to_the_penny(built, site_dir):
    source = {
        r["Identifier"]: Decimal(r["Amount Awarded"])
        for r in csv.DictReader(open(built / "data/grants.csv", encoding="utf-8-sig"))
    }
    data = json.loads((site_dir / "data/grants-360giving.json").read_text(encoding="utf-8"), parse_float=Decimal)
    assert {g["id"]: Decimal(str(g["amountAwarded"])) for g in data["grants"]} == source
    flat = list(csv.DictReader(io.StringIO((site_dir / "data/grants-360giving.csv").read_text(encoding="utf-8"))))
    assert {r["Identifier"]: Decimal(r["Amount Awarded"]) for r in flat} == source
    assert all(r["Recipient Org:Name"] and r["Funding Org:Name"] for r in flat)


def test_explorer_totals_match_the_csv(built, site_dir):
    rows = list(csv.DictReader(open(built / "data/grants.csv", encoding="utf-8-sig")))
    total = sum(Decimal(r["Amount Awarded"]) for r in rows)
    html = (site_dir / "grants/index.html").read_text(encoding="utf-8")
    millions = (total / 1_000_000).quantize(Decimal("0.1"))
    assert f"{len(rows)} grants totalling £{millions}m" in html
    explorer = json.loads((site_dir / "grants/explorer.json").read_text(encoding="utf-8"))
    assert len(explorer["rows"]) == len(rows)
    assert sum(Decimal(r["attrs"]["amount"]) for r in explorer["rows"]) == total


def test_hostile_text_is_escaped(project):
    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("Description")] = '<script>alert("x")</script>'
    rows[1][rows[0].index("Title")] = 'Fund "quoted" <b>bold</b>'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    decision = project / "content" / "decisions" / "2025-021.md"
    decision.write_text(
        decision.read_text(encoding="utf-8") + '\n<script>alert("body")</script>\n<img src=x onerror="alert(1)">\n',
        encoding="utf-8",
    )
    assert run_build(project).returncode == 0
    slug = rows[1][0].lower()
    grant = (project / "site" / "grants" / slug / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in grant
    assert '<script>alert("x")' not in grant
    year = (project / "site" / "grants" / "year-2021-22" / "index.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in year and "&lt;b&gt;bold&lt;/b&gt;" in year
    record = (project / "site" / "decisions" / "2025-021" / "index.html").read_text(encoding="utf-8")
    assert 'alert("body")' not in record.split("<script")[0] + "".join(
        s for s in record.split("<script")[1:] if "alert" in s
    )
    assert "onerror" not in record


def test_hostile_names_are_safe_in_attributes_json_and_feeds(project):
    import xml.etree.ElementTree as ET

    evil = 'Evil </script><script>alert(1)</script> "quoted" & <b>co</b>'
    orgs = project / "data" / "organisations.csv"
    rows = list(csv.reader(io.StringIO(orgs.read_text(encoding="utf-8"))))
    target = rows[1][0]
    rows[1][1] = evil
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    orgs.write_text(out.getvalue(), encoding="utf-8")
    decision = project / "content" / "decisions" / "2025-021.md"
    decision.write_text(
        decision.read_text(encoding="utf-8").replace(
            "title: Disposal of a former police station", "title: 'Disposal <b>&</b> \"sale\"'"
        ),
        encoding="utf-8",
    )
    assert run_build(project).returncode == 0, "build failed"
    site = project / "site"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<b>co</b>" not in html and "<b>&</b>" not in html, page
    for feed in ("feeds/decisions.xml", "feeds/updates.xml"):
        ET.parse(site / feed)
    assert any(
        r["cells"][1]["text"] == evil
        for r in json.loads((site / "grants/explorer.json").read_text(encoding="utf-8"))["rows"]
    )
    org_page = (site / "organisations" / target.lower() / "index.html").read_text(encoding="utf-8")
    assert (
        "Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#34;quoted&#34; &amp; &lt;b&gt;co&lt;/b&gt;"
        in org_page
    )


def _xlsx_rows(path) -> list[dict]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [{h: ("" if v is None else str(v)) for h, v in zip(rows[0], row, strict=True)} for row in rows[1:]]


def _same_form(rows: dict) -> dict:
    """Rows keyed by id, without empty cells, with amounts as numbers (21000.5 and 21000.50 are the same)."""
    return {
        key: {c: str(Decimal(v).normalize()) if c == "Amount Awarded" else v for c, v in row.items() if v != ""}
        for key, row in rows.items()
    }


def test_360giving_json_csv_and_spreadsheet_carry_the_same_fields(site_dir):
    from generator.publish.giving import flatten

    data = json.loads((site_dir / "data/grants-360giving.json").read_text(encoding="utf-8"), parse_float=Decimal)
    from_json = _same_form({g["id"]: {k: str(v) for k, v in flatten(g).items()} for g in data["grants"]})
    csv_rows = list(csv.DictReader(io.StringIO((site_dir / "data/grants-360giving.csv").read_text(encoding="utf-8"))))
    from_csv = _same_form({r["Identifier"]: r for r in csv_rows})
    from_xlsx = _same_form({r["Identifier"]: r for r in _xlsx_rows(site_dir / "data/grants-360giving.xlsx")})
    assert len(from_json) > 50
    assert from_json == from_csv
    assert from_xlsx == from_csv
    header = csv_rows[0].keys()
    for column in ("Recipient Org:Charity Number", "Recipient Org:Postal Code", "Priority", "Decision Reference"):
        assert column in header
    with_charity = [g for g in data["grants"] if "charityNumber" in g["recipientOrganization"][0]]
    assert with_charity and all(g["Priority"] for g in data["grants"])
    assert any(g.get("Decision Reference") for g in data["grants"])


def test_spreadsheet_keeps_formula_like_text_as_text(project):
    from openpyxl import load_workbook

    path = project / "data" / "grants.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("Title")] = '=HYPERLINK("http://evil","click")'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert run_build(project).returncode == 0
    sheet = load_workbook(project / "site/data/grants-360giving.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert [(c.value, c.data_type) for c in cells] == [('=HYPERLINK("http://evil","click")', "s")]
    data = json.loads((project / "site/data/grants-360giving.json").read_text(encoding="utf-8"))
    assert any(g["title"] == '=HYPERLINK("http://evil","click")' for g in data["grants"])
