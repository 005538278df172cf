"""Performance, the plan, the quarterly reports and the latest updates in Welsh (issue 27): every Welsh page of
those sections speaks Welsh, statuses and quarters included, and an English page says what it said before."""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from welsh_office import english_runs, visible_text

from generator.core.i18n import writing_in
from generator.model.indicators import Reading, summarise
from generator.model.plan import period_name, quarter_label, status_words
from generator.model.updates import dataset_title

SECTIONS = ("performance", "priorities", "plan", "reports", "updates")


@pytest.fixture
def office(welsh_demo) -> Path:
    """The demo published in English and Welsh, built once: the folder holding site/."""
    return welsh_demo


def names_not_written_here(folder: Path) -> frozenset[str]:
    """Names the body did not write (organisations, suppliers), and the data package's dataset titles, whose Welsh
    comes from the data package itself (a resource's title_cy), not from the interface's catalogue."""
    found = set()
    for dataset, column in (("organisations", "name"), ("spend", "supplier"), ("contracts", "supplier")):
        path = folder / "data" / f"{dataset}.csv"
        if path.is_file():
            found |= {row[column] for row in csv.DictReader(path.open(encoding="utf-8-sig")) if row.get(column)}
    package = yaml.safe_load((folder / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    found |= {r["title"] for r in package.get("resources", []) if r.get("title")}
    return frozenset(found)


def welsh_page(office: Path, path: str) -> str:
    return (office / "site" / "cy" / path / "index.html").read_text(encoding="utf-8")


def words(html: str) -> str:
    """A page's visible text with its spacing made single."""
    return " ".join(visible_text(html).split())


def test_every_welsh_page_of_performance_plan_reports_and_updates_is_in_welsh(office):
    names = names_not_written_here(office)
    pages = [p for section in SECTIONS for p in sorted((office / "site" / "cy" / section).rglob("index.html"))]
    assert len(pages) > 30  # the overview, a page per priority and ambition, two reports a quarter, the updates
    found = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        runs = english_runs(visible_text(html), names, run=2)
        if runs:
            found[page.relative_to(office / "site").as_posix()] = runs[:5]
    assert not found, f"English on Welsh pages: {found}"


def test_welsh_pages_give_statuses_quarters_and_sentences_in_welsh(office):
    tracker = words(welsh_page(office, "plan"))
    assert "Traciwr y cynllun" in tracker and "ar y trywydd iawn" in tracker and "Pob statws" in tracker
    assert re.search(r"Mae \d+ o'r \d+ uchelgais yn y Cynllun Heddlu a Throseddu wedi'u cwblhau", tracker)
    assert 'data-status="on track"' in welsh_page(office, "plan")  # the filter still matches the data's words
    performance = words(welsh_page(office, "performance"))
    assert "Gwell na'r targed" in performance and "Ch2 2026/27" in performance and "2026/27 Q2" not in performance
    reports = welsh_page(office, "reports")
    assert "<h1>Adroddiadau chwarterol</h1>" in reports and "Adroddiad perfformiad" in reports
    report = words(welsh_page(office, "reports/2025-q2-performance"))
    assert "Adroddiad perfformiad chwarterol, Ch2 2025/26" in report and "Dangosyddion ar ddiwedd y chwarter" in report
    resources = words(welsh_page(office, "reports/2025-q2-resources"))
    assert "Gwariant dros £500 yn ôl maes gwasanaeth" in resources and "Alldro" in resources
    updates = words(welsh_page(office, "updates"))
    assert "Set ddata" in updates and re.search(r"Dyfarnwyd \d+ grant ym mis \w+ \d{4}", updates)
    ambition = next((office / "site" / "cy" / "plan").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<h2 id="progress">Cynnydd</h2>' in ambition and "Statws" in ambition


def test_english_pages_keep_their_english(office):
    tracker = words((office / "site" / "plan" / "index.html").read_text(encoding="utf-8"))
    assert "on track" in tracker and "Plan tracker" in tracker
    report = words((office / "site" / "reports" / "2025-q2-performance" / "index.html").read_text("utf-8"))
    assert "Quarterly performance report, 2025/26 Q2" in report


def test_a_quarter_is_written_one_way_in_each_language():
    assert quarter_label(2026, 2) == "2026/27 Q2" and period_name("2025/26 Q1") == "2025/26 Q1"
    with writing_in("cy"):
        assert quarter_label(2026, 2) == "Ch2 2026/27"
        assert period_name("2025/26 Q1") == "Ch1 2025/26"
        assert period_name("2025/27 Q1") == "2025/27 Q1"  # not a financial year's quarter: as the data wrote it
        assert period_name("March 2026") == "March 2026"
        assert status_words("delayed") == "wedi'i oedi"
        summary = summarise(
            [Reading(dt.date(2025, 6, 30), Decimal(5), "2025/26 Q1")], "higher", Decimal(4), dt.date(2026, 6, 1)
        )
        assert summary.target_status.words == "Gwell na'r targed" and summary.latest.label == "Ch1 2025/26"
        assert summary.stale.startswith("Heb ei ddiweddaru ers 30 Mehefin 2025")


def test_the_updates_page_names_a_dataset_by_its_welsh_title_when_the_data_package_gives_one():
    resource = {"name": "grants", "title": "Grants awarded", "title_cy": "Grantiau a ddyfarnwyd"}
    assert dataset_title(resource) == "Grants awarded"
    with writing_in("cy"):
        assert dataset_title(resource) == "Grantiau a ddyfarnwyd"
        assert dataset_title({"name": "spend", "title": "Spending over £500"}) == "Spending over £500"
