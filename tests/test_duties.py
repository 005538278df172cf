"""The compliance page: every statutory category, with a status worked out from the data's own dates."""

from __future__ import annotations

import re

from helpers import run_build


def statuses(project_or_site) -> dict[str, str]:
    html = (project_or_site / "transparency/index.html").read_text(encoding="utf-8")
    return dict(
        re.findall(r'<tr id="duty-([^"]+)"[^>]*>.*?<span aria-hidden="true">.</span> ([^<]+)</span>', html, re.S)
    )


def test_demo_data_is_published_or_due_soon(site_dir):
    found = statuses(site_dir)
    assert len(found) >= 30
    # The Act's periodic duties, once met, say their data is complete: the site cannot see the platform upload.
    met = {"Published", "Due soon", "Data complete for the period"}
    assert set(found.values()) <= met, {k: v for k, v in found.items() if v not in met}


def test_every_page_links_the_compliance_page(site_dir):
    html = (site_dir / "grants/index.html").read_text(encoding="utf-8")
    assert "What we must publish</a>" in html


def test_removed_resource_is_missing(project):
    (project / "data" / "gifts.csv").unlink()
    assert run_build(project).returncode == 0
    assert statuses(project / "site")["gifts"] == "Missing"


def test_old_data_is_overdue(project):
    path = project / "data" / "custody_visits.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("2026-0")) + "\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "2025-12-31,90,280,27\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if "2026-" not in line) + "\n", encoding="utf-8")
    descriptor = project / "data" / "datapackage.yaml"
    descriptor.write_text(
        descriptor.read_text(encoding="utf-8").replace('last_updated: "2026-10-10"', 'last_updated: "2025-12-31"'),
        encoding="utf-8",
    )
    assert run_build(project).returncode == 0
    html = (project / "site/transparency/index.html").read_text(encoding="utf-8")
    assert statuses(project / "site")["custody-visiting"] == "Overdue"
    assert "The latest data is 327 days old; it should be updated quarterly." in html


def test_missing_hmicfrs_response_after_56_days_is_overdue(project):
    path = project / "data" / "inspections.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "National review of vetting,2026-09-30,",
            "National review of vetting,2026-08-01,",
        ),
        encoding="utf-8",
    )
    assert run_build(project).returncode == 0
    assert statuses(project / "site")["hmicfrs-responses"] == "Overdue"


def test_tenant_with_only_grants_and_decisions(project):
    keep = {"datapackage.yaml", "profile.yaml", "priorities.csv", "organisations.csv", "grants.csv"}
    for path in (project / "data").iterdir():
        if path.name not in keep:
            path.unlink()
    assert run_build(project).returncode == 0
    found = statuses(project / "site")
    assert found["grants"] == "Published" and found["decisions"] == "Published"
    assert found["spend"] == "Missing" and found["gifts"] == "Missing"
    html = (project / "site/transparency/index.html").read_text(encoding="utf-8")
    assert "Not published yet." in html


def test_own_timetable_from_profile(project):
    profile = project / "data" / "profile.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8") + "publication_timetable:\n  gifts: monthly\n", encoding="utf-8"
    )
    assert run_build(project).returncode == 0
    html = (project / "site/transparency/index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="duty-gifts"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert re.search(r"<td[^>]*>Monthly</td>", row)
