"""Decision records: every field shown, an Atom feed that validates, and `new decision` that builds as written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from helpers import run_build, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"

FULL = """---
reference: 2026/099
title: Everything & more
date: 2026-10-01
decision_maker: Deputy Police and Crime Commissioner
summary: A record with every optional field.
amount: 12500.75
priorities: [vulnerable, fairness]
category: Governance
exempt: Appendix B is withheld under section 43.
documents:
  - {title: Decision report, url: https://www.example.gov.uk/report.pdf}
---

## Background

Text with a [link](https://www.example.gov.uk/).
"""

BARE = """---
reference: 2026/098
title: A bare record
date: 2026-09-01
decision_maker: Police and Crime Commissioner
summary: Only the required keys.
---
"""


def test_record_with_every_field_and_with_none(project):
    folder = project / "content" / "decisions"
    (folder / "2026-099.md").write_text(FULL, encoding="utf-8")
    (folder / "2026-098.md").write_text(BARE, encoding="utf-8")
    assert run_build(project).returncode == 0
    full = (project / "site/decisions/2026-099/index.html").read_text(encoding="utf-8")
    for text in (
        "2026/099: Everything &amp; more",
        "Deputy Police and Crime Commissioner",
        "£12,500.75",
        "Governance",
        "Part of this record is withheld.",
        "Appendix B is withheld under section 43.",
        "Decision report",
        "Protecting vulnerable people",
        "Treating people fairly",
        'href="https://www.example.gov.uk/"',
    ):
        assert text in full, text
    bare = (project / "site/decisions/2026-098/index.html").read_text(encoding="utf-8")
    assert "Only the required keys." in bare
    assert "withheld" not in bare and "Amount" not in bare and "Documents" not in bare


def test_grants_citing_a_decision_are_listed_with_total(site_dir, built):
    import csv
    from decimal import Decimal

    rows = [
        r
        for r in csv.DictReader(open(built / "data/grants.csv", encoding="utf-8-sig"))
        if r["Decision Reference"] == "2024/005"
    ]
    html = (site_dir / "decisions/2024-005/index.html").read_text(encoding="utf-8")
    total = sum(Decimal(r["Amount Awarded"]) for r in rows)
    from generator.core.formatting import money

    assert f"{len(rows)} grant{'s' if len(rows) != 1 else ''} totalling {money(total, exact=True)}" in html


def test_atom_feed_is_valid_and_newest_first(site_dir):
    tree = ET.parse(site_dir / "feeds/decisions.xml")
    feed = tree.getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) > 10
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("https://") for i in ids)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith("https://")
        assert entry.find(f"{ATOM}title").text
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home


def test_new_decision_builds_once_its_placeholders_are_replaced(project):
    result = run_cli(project, "new", "decision", "Safer Streets round 6")
    assert result.returncode == 0, result.stderr
    written = sorted((project / "content" / "decisions").glob("2026-*.md"))[-1]
    assert f"Wrote {written}" in result.stdout
    text = written.read_text(encoding="utf-8")
    assert "reference: 2026/021" in text
    assert run_build(project).returncode == 1  # never filled in: the placeholder text is not published
    text = text.replace("Summary of the decision: Safer Streets round 6.", "Six more Safer Streets awards.")
    text = text.replace("Why a decision was needed.", "Round 5 ended.").replace("What was decided.", "To fund round 6.")
    written.write_text(text, encoding="utf-8")
    assert run_build(project).returncode == 0
    assert (project / "site/decisions/2026-021/index.html").exists()


def test_duplicate_reference_is_an_error(project):
    folder = project / "content" / "decisions"
    (folder / "copy.md").write_text((folder / "2025-021.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert (
        'content/decisions/copy.md, key "reference": "2025/021" is also used by content/decisions/2025-021.md; give each decision its own reference'
        in result.stderr
    )
