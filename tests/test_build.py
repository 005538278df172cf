"""The demo site builds, bad input stops the build with plain messages, and site/ is never half-built."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

from helpers import copy_project, run_build


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_demo_site_has_every_section(site_dir):
    for page in (
        "index.html",
        "grants/index.html",
        "decisions/index.html",
        "data/index.html",
        "404.html",
        "sitemap.xml",
    ):
        assert (site_dir / page).exists(), page
    home = read(site_dir, "index.html")
    assert '<html lang="en-GB"' in home
    assert "Published by South Yorkshire Mayoral Combined Authority (demo)" in home
    assert "Demonstration site." in home
    assert "<title>Page not found - South Yorkshire MCA (demo)</title>" in read(site_dir, "404.html")


def test_footer_links_on_every_page(site_dir):
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for text in ("Accessibility statement</a>", "Privacy notice</a>", "Open data licence</a>"):
            assert text in html, f"{page} lacks a link: {text}"


def test_no_third_party_requests_in_html(site_dir):
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "cdn." not in html, page


def test_meta_description_on_every_page(site_dir):
    for page in site_dir.rglob("*.html"):
        assert '<meta name="description"' in page.read_text(encoding="utf-8"), page


def test_record_pages_stay_out_of_navigation(site_dir):
    html = read(site_dir, "index.html")
    assert "grants/360g-" not in html.split('<div class="md-content"')[0]


def test_csv_downloads_round_trip(built):
    for source in sorted((built / "data").glob("*.csv")):
        published = (built / "site" / "data" / source.name).read_text(encoding="utf-8")
        original = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
        copy = list(csv.reader(io.StringIO(published)))
        if source.name == "grants.csv":  # an empty recipient name is filled from organisations.csv
            name = original[0].index("Recipient Org:Name")
            assert all(row[name] for row in copy[1:])
            original = [
                row[:name] + [copy[i][name] if not row[name] else row[name]] + row[name + 1 :]
                for i, row in enumerate(original)
            ]
        # The withdrawal columns (always empty in a download: withdrawn rows leave it) are left out.
        kept = [i for i, column in enumerate(original[0]) if column not in ("withdrawn", "withdrawn_reason")]
        original = [[row[i] for i in kept] for row in original]
        assert copy == original, source.name


def test_formulas_are_neutralised(project):
    path = project / "data" / "organisations.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][6] = '=HYPERLINK("http://evil")'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert run_build(project).returncode == 0
    published = list(csv.reader(io.StringIO((project / "site/data/organisations.csv").read_text(encoding="utf-8"))))
    assert published[1][6] == '\'=HYPERLINK("http://evil")'
    assert published[1:2][0][:6] == rows[1][:6]


def test_json_and_datapackage(site_dir):
    grants = json.loads(read(site_dir, "data/grants.json"))
    source = list(csv.DictReader(io.StringIO(read(site_dir, "data/grants.csv"))))
    assert len(grants) == len(source)
    package = json.loads(read(site_dir, "data/datapackage.json"))
    names = [r["name"] for r in package["resources"]]
    assert "grants" in names and "decisions" in names
    from frictionless import Package

    report = Package(str(site_dir / "data" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_the_zip_is_the_whole_data_package(site_dir, tmp_path):
    """open-data.zip holds datapackage.json and the CSV of every resource, the same bytes as the downloads, and
    is a valid data package once unpacked."""
    with zipfile.ZipFile(site_dir / "data" / "open-data.zip") as archive:
        archive.extractall(tmp_path)
        names = set(archive.namelist())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert names == {"datapackage.json"} | {resource["path"] for resource in package["resources"]}
    for name in names:
        assert (tmp_path / name).read_bytes() == (site_dir / "data" / name).read_bytes(), name
    from frictionless import Package

    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_data_dictionary_lists_every_field(built, site_dir):
    import yaml

    descriptor = yaml.safe_load((built / "data" / "datapackage.yaml").read_text())
    for resource in descriptor["resources"]:
        html = read(site_dir, f"data/{resource['name']}/index.html")
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in html.replace("&amp;", "&"), (resource["name"], field["name"])
    grants = read(site_dir, "data/grants/index.html")
    assert "More than" in grants or "At least 0.01" in grants
    assert "One of: GBP" in grants


def test_absent_resource_means_not_published(project):
    for name in (
        "grants",
        "organisations",
        "spend",
        "funding",
        "budget",
        "precept",
        "reserves",
        "contracts",
        "kpis",
        "kpi_values",
        "plan",
        "plan_updates",
    ):
        (project / "data" / f"{name}.csv").unlink()
    for record in (project / "content" / "decisions").glob("*.md"):
        record.unlink()
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").exists()
    assert not (project / "site" / "grants").exists()


def test_two_builds_are_byte_identical(site_dir, tmp_path):
    # The session's demo build against a second build of the demo with the same SOURCE_DATE_EPOCH, every file
    # including the search index (whose filter files Pagefind writes in a random order; generator/search/search_stable.py
    # puts them in order). The second build renders every page in full: record pages put into a shell of chrome
    # rendered once per kind of page (generator/render/chrome.py) must be byte-identical to pages rendered one by one.
    project = copy_project(tmp_path / "again")
    result = run_build(project, TRANSPARENCY_FULL_RENDER="1")
    assert result.returncode == 0, result.stderr
    first, second = files_in(site_dir), files_in(project / "site")
    assert sorted(first) == sorted(second), f"only in one build: {sorted(set(first) ^ set(second))[:5]}"
    differing = [name for name in sorted(first) if first[name].read_bytes() != second[name].read_bytes()]
    assert not differing, f"{len(differing)} files differ between two builds, first: {differing[:5]}"
    assert any(name.startswith("pagefind/filter/") for name in first)  # the search index was compared too


def files_in(folder: Path) -> dict[str, Path]:
    return {str(path.relative_to(folder)): path for path in folder.rglob("*") if path.is_file()}


def test_another_body_with_a_mayor_builds_its_own_site(project):
    """A body with no history in profile.yaml: every record is its own."""
    profile = project / "data" / "profile.yaml"
    text = profile.read_text(encoding="utf-8").split("\npredecessors:")[0]
    text = text.replace("South Yorkshire Mayoral Combined Authority (demo)", "Example Combined Authority (policing)")
    text = text.replace("South Yorkshire MCA (demo)", "Example Mayor's office").replace("demo: true", "demo: false")
    text = text.replace("role: Mayor of South Yorkshire", "role: Mayor").replace("since: 2024-05-07", "")
    profile.write_text(text, encoding="utf-8")
    assert run_build(project).returncode == 0
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Published by Example Combined Authority (policing)" in home and "Demonstration site." not in home
    assert "<title>Example Mayor&#39;s office</title>" in home
    assert "have received grants from the Mayor." in (site / "organisations/index.html").read_text(encoding="utf-8")
    assert "In 2026/27 so far (to 23 November 2026) the Mayor awarded" in (site / "grants/index.html").read_text(
        encoding="utf-8"
    )


def test_search_index_covers_every_page_but_the_search_page_and_404(site_dir):
    entry = json.loads(read(site_dir, "pagefind/pagefind-entry.json"))
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html" and p.parent.name != "search"]
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(pages)
    assert not (site_dir / "pagefind" / "pagefind-ui.js").exists()  # the site has its own interface


def test_records_tell_the_search_index_what_they_are(site_dir):
    grant = read(site_dir, "grants/360g-demopcc-2024-046/index.html")
    assert "<div data-pagefind-body>" in grant
    assert '<span data-pagefind-meta="kind">Grant</span>' in grant
    assert '<span data-pagefind-filter="year">2024/25</span>' in grant
    decision = read(site_dir, "decisions/2025-021/index.html")
    assert re.search(r'data-pagefind-meta="fact">2025/021, signed \d+ \w+ 20\d\d', decision)
    assert "data-pagefind-body" not in read(site_dir, "search/index.html")


def test_a_failed_search_index_leaves_the_published_site_untouched(project):
    assert run_build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "content" / "pagefind").write_text("a file where the index must go", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    assert "The search index could not be built" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
    assert not (project / ".site.staging").exists()
