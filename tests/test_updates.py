"""The latest updates page and feed list new decisions, grants and datasets, newest first."""

from __future__ import annotations

import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def test_updates_page_lists_newest_first(site_dir):
    html = (site_dir / "updates/index.html").read_text(encoding="utf-8")
    assert "2026/020: Refresh of the Police and Crime Plan" in html
    assert "Spending over £500 updated" in html
    dates = [d for d in __import__("re").findall(r'<td data-sort="([0-9-]+)">', html)]
    assert dates == sorted(dates, reverse=True)


def test_updates_feed_is_atom(site_dir):
    feed = ET.parse(site_dir / "feeds/updates.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))
    assert any("Decision: 2026/020" in e.find(f"{ATOM}title").text for e in entries)


def test_dataset_page_shows_last_update(site_dir):
    assert "this dataset was last updated on 10 November 2026" in (site_dir / "data/spend/index.html").read_text(
        encoding="utf-8"
    )


def test_a_quarterly_report_is_dated_when_its_latest_figures_were_published_not_when_the_quarter_ended(site_dir):
    import re

    import yaml
    from helpers import ROOT

    from generator.model.plan import REPORT_DATASETS

    descriptor = yaml.safe_load((ROOT / "data/datapackage.yaml").read_text(encoding="utf-8"))
    published = {r["name"]: str(r.get("last_updated", "")) for r in descriptor["resources"]}
    # 2026/27 Q2 ended on 30 September 2026; its figures came out in the following quarter.
    for kind, datasets in REPORT_DATASETS.items():
        expected = max(
            ["2026-10-01"] + [d for name in datasets if "2026-10-01" <= (d := published.get(name, "")) <= "2026-12-31"]
        )
        html = (site_dir / "updates/index.html").read_text(encoding="utf-8")
        row = re.search(
            rf'<td data-sort="([0-9-]+)"[^>]*>[^<]*</td>\s*<td[^>]*>Report</td>\s*<td[^>]*><a href="[^"]*reports/2026-q2-{kind}/"',
            html,
        )
        assert row and row.group(1) == expected, (kind, row and row.group(1), expected)
    assert published["kpi_values"] > "2026-10-01", "the demo's Q2 figures are published after the quarter ended"
