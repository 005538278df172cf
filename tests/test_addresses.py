"""Absolute addresses: from SITE_URL, else the profile's website; without either, no feeds or sitemap, and the
build says why. Every page is in the sitemap and has a canonical link; feeds keep the latest 100 entries."""

from __future__ import annotations

import os
import re
import subprocess

from helpers import BUILD_EPOCH, MKDOCS, run_build

WEBSITE = "https://www.example.gov.uk/"


def build_with(project, site_url: str = "") -> subprocess.CompletedProcess:
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run([MKDOCS, "build", "--quiet"], cwd=project, env=env, capture_output=True, text=True)


def pages_of(site_dir) -> set[str]:
    """The address of every HTML page of the site, as a reader would type it."""
    found = set()
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith("assets/"):
            continue
        found.add(WEBSITE + relative.removesuffix("index.html"))
    return found


def test_profile_website_gives_sitemap_canonical_links_and_feeds(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    assert listed == pages_of(site_dir)
    assert len(listed) > 200
    for path in ("index.html", "grants/index.html", "decisions/2025-021/index.html", "transparency/gifts/index.html"):
        html = (site_dir / path).read_text(encoding="utf-8")
        expected = WEBSITE + path.removesuffix("index.html")
        assert f'<link rel="canonical" href="{expected}">' in html, path
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {WEBSITE}sitemap.xml" in robots
    assert "User-agent: *" in robots and "Disallow: /" not in robots
    feed = (site_dir / "feeds/decisions.xml").read_text(encoding="utf-8")
    ids = re.findall(r"<id>(.*?)</id>", feed)
    assert ids and all(i.startswith(WEBSITE) for i in ids)


def test_without_an_address_there_are_no_feeds_or_sitemap_and_the_build_says_why(project):
    profile = project / "data" / "profile.yaml"
    profile.write_text(re.sub(r"(?m)^website:.*\n", "", profile.read_text(encoding="utf-8")), encoding="utf-8")
    result = build_with(project)
    assert result.returncode == 0, result.stderr
    assert "set SITE_URL, or website in data/profile.yaml" in result.stderr
    site = project / "site"
    assert not (site / "feeds" / "decisions.xml").exists() and not (site / "sitemap.xml").exists()
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots and not any(line.startswith("Sitemap:") for line in robots)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in home and 'rel="canonical"' not in home


def test_site_url_wins_and_the_404_page_works_under_a_sub_path(project):
    result = build_with(project, "https://opcc.github.io/transparency")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = (site / "404.html").read_text(encoding="utf-8")
    local = [u for u in re.findall(r'(?:href|src)="([^"]+)"', html) if not u.startswith(("http", "mailto:", "#"))]
    assert local and all(u.startswith("/transparency/") for u in local), local
    grants = (site / "grants/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://opcc.github.io/transparency/grants/">' in grants
    assert "<loc>https://opcc.github.io/transparency/grants/</loc>" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    assert "Sitemap: https://opcc.github.io/transparency/sitemap.xml" in (site / "robots.txt").read_text(
        encoding="utf-8"
    )


def test_feeds_keep_the_latest_100_entries(project):
    folder = project / "content" / "decisions"
    template = next(folder.glob("*.md")).read_text(encoding="utf-8")
    for number in range(1, 131):
        text = re.sub(r"(?m)^reference: .*$", f'reference: "2019/{number:03d}"', template)
        text = re.sub(r"(?m)^date: .*$", f"date: 2019-{1 + number % 12:02d}-{1 + number % 28:02d}", text)
        (folder / f"2019-{number:03d}.md").write_text(text, encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    feed = (project / "site/feeds/decisions.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 100
    dates = sorted(re.findall(r"(?m)^date: '?(\d{4}-\d\d-\d\d)", "".join(p.read_text() for p in folder.glob("*.md"))))
    published = sorted(d[:10] for d in re.findall(r"<published>(.*?)</published>", feed))
    assert published == dates[-100:]  # the newest stay; the oldest fall off


def test_no_page_links_to_a_section_that_was_not_built(project):
    for name in ("plan.csv", "plan_updates.csv"):
        (project / "data" / name).unlink()
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "plan").exists()
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r'href="(\.\./)*plan/', html), path
