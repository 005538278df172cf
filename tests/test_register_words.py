"""Registers speak a resident's words: headings from the schema's titles, links that say what they open."""

from __future__ import annotations

import re

import yaml
from helpers import ROOT

from generator.pages.duties import register_columns
from generator.render.tables import text_of

REGISTERS = ("inspections", "meetings", "policies", "documents", "tenders", "complaints", "staff", "gifts")


def headings(html: str) -> list[str]:
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    return [text_of(h) for h in re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.S)]


def test_register_headings_are_the_schemas_titles_and_links_say_what_they_open(site_dir):
    descriptor = yaml.safe_load((ROOT / "data/datapackage.yaml").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name in REGISTERS:
        html = (site_dir / f"transparency/{name}/index.html").read_text(encoding="utf-8")
        titles = [f["title"] for f in resources[name]["schema"]["fields"] if not f["name"].startswith("withdrawn")]
        assert headings(html) == titles, name
        table = html.split("<table", 1)[1].split("</table>", 1)[0]
        links = [text_of(a) for a in re.findall(r"<a href=[^>]*>(.*?)</a>", table, re.S)]
        assert all(not re.match(r"(Link|Open)\b", link) for link in links), (name, links[:3])
        assert not re.search(r">\s*(\w+ )?url\s*<", table, re.I), name
    inspections = (site_dir / "transparency/inspections/index.html").read_text(encoding="utf-8")
    assert "PEEL assessment" in headings(inspections) and "Inspection report" in headings(inspections)
    assert re.search(
        r'<a href="[^"]+">Inspection report<span class="md-visually-hidden">: [^<]+</span></a>', inspections
    )


def test_a_column_without_a_title_still_reads_as_words():
    columns = register_columns(
        {"schema": {"fields": [{"name": "title"}, {"name": "report_url"}, {"name": "url"}, {"name": "withdrawn"}]}}
    )
    assert [(c["heading"], c["link"]) for c in columns] == [("Title", ""), ("Report", "Report"), ("Open", "Open")]
