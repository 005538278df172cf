"""Other people's validators find nothing wrong: the Nu Html Checker on every page of the demo and on a sample of a
synthetic office's pages (other names, many more rows), and pa11y (HTML_CodeSniffer, WCAG 2 AA) on one page of
each type of the demo, and on a list, a record and a month of each kind of the synthetic office, at a desktop's
and a phone's width."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CHROMIUM
from helpers import run_build
from test_pages import PAGE_TYPES

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = Path(__file__).with_name("pa11y-pages.js")
# A synthetic office a tenth of a small one: every section filled, with names and counts the demo does not have.
SYNTHETIC = {
    "grants": 120,
    "organisations": 40,
    "decisions": 60,
    "spend": 600,
    "kpis": 6,
    "quarters": 8,
    "ambitions": 12,
    "plan_quarters": 4,
}
# A page with the mistakes the validators are here to catch: if they report nothing on it, they are not working.
BROKEN = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
<body><main><form><input type="checkbox" autocomplete="off"></form><button></button></main></body></html>"""


def nu_checker(*paths: Path) -> list[dict]:
    """The Nu Html Checker's errors for the HTML files in the paths (one Java run for them all)."""
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java: apt-get install default-jre-headless"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stderr)["messages"]


def test_nu_html_checker_finds_no_error_on_any_page(site_dir, tmp_path):
    (tmp_path / "broken.html").write_text(BROKEN, encoding="utf-8")
    messages = nu_checker(site_dir, tmp_path / "broken.html")
    broken = [m for m in messages if m["url"].endswith("/broken.html")]
    assert any("autocomplete" in m["message"] for m in broken)
    assert len(list(site_dir.rglob("*.html"))) > 250
    errors = [
        f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m not in broken
    ]
    assert errors == []


def pa11y(*urls: str) -> list[dict]:
    """pa11y's issues for the addresses, each at a desktop's and a phone's width (one Chromium for them all)."""
    result = subprocess.run(
        ["node", str(PA11Y), CHROMIUM, "1280,375", *urls], capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_pa11y_finds_no_error_on_any_page_type(base_url, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    issues = pa11y(*[base_url + path for path in PAGE_TYPES.values()], broken.as_uri())
    found = {part for i in issues if i["url"] == broken.as_uri() for part in i["code"].split(".")}
    assert {"H32", "H91"} <= found  # a form with no submit button, a button with no name
    errors = [
        f"{i['url'].removeprefix(base_url)} at {i['width']} px: {i['code']} {i['selector']}: {i['message']}"
        for i in issues
        if i["url"] != broken.as_uri()
    ]
    assert errors == []


def test_nu_html_checker_and_pa11y_find_no_error_on_a_sample_of_a_synthetic_office(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_project

    project = make_project(tmp_path / "office", SYNTHETIC)
    built = run_build(project)
    assert built.returncode == 0, built.stderr
    pages = sorted((project / "site").rglob("*.html"))
    # Every section's pages and one record page in ten (the longest lists, names and counts the demo lacks).
    site = project / "site"
    sample = [page for n, page in enumerate(pages) if len(page.relative_to(site).parts) <= 2 or n % 10 == 0]
    assert len(sample) >= 60 and {"grants", "decisions", "money", "performance"} <= {
        p.relative_to(site).parts[0] for p in sample
    }
    errors = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in nu_checker(*sample)]
    assert errors == []
    # pa11y on a list, a record and a month of each kind, opened from the files as built.
    kinds = ("index.html", "grants/index.html", "decisions/index.html", "money/index.html", "organisations/index.html")
    chosen = [site / kind for kind in kinds]
    chosen += [
        next(p for p in pages if p.relative_to(site).parts[0] == s and len(p.relative_to(site).parts) == 3)
        for s in ("grants", "decisions", "spending", "plan")
    ]
    errors = [
        f"{i['url'].split('/site/', 1)[-1]} at {i['width']} px: {i['code']}: {i['message']}"
        for i in pa11y(*(page.as_uri() for page in chosen))
    ]
    assert errors == []
