"""`transparency import FILE.json`: contracts and tenders from an OCDS package, by ocid, through the safe merge."""

from __future__ import annotations

import json
import shutil

from helpers import run_cli

FIND_A_TENDER = {
    "uri": "https://www.find-tender.service.gov.uk/api/1.0/ocdsReleasePackages/034512-2026",
    "version": "1.1",
    "publishedDate": "2026-11-02T09:00:00Z",
    "publisher": {"name": "Find a Tender"},
    "releases": [
        {
            "ocid": "ocds-h6vhtk-06b7c2",
            "id": "034512-2026",
            "date": "2026-11-02T09:00:00Z",
            "tag": ["award", "contract"],
            "initiationType": "tender",
            "tender": {
                "id": "T-2026-017",
                "title": "Translation and interpreting",
                "tenderPeriod": {"startDate": "2026-10-20T00:00:00Z", "endDate": "2026-12-04T12:00:00Z"},
                "value": {"amount": 320000, "currency": "GBP"},
            },
            "awards": [{"id": "1", "suppliers": [{"id": "GB-COH-01234567", "name": "Language Line Partners Ltd"}]}],
            "contracts": [
                {
                    "id": "1",
                    "awardID": "1",
                    "title": "Translation and interpreting 2027 to 2030",
                    "value": {"amount": 318500.00, "currency": "GBP"},
                    "period": {"startDate": "2027-01-04T00:00:00Z", "endDate": "2029-12-31T00:00:00Z"},
                }
            ],
        },
        {
            "ocid": "ocds-h6vhtk-04f1a8",
            "id": "021877-2026",
            "date": "2026-06-20T09:00:00Z",
            "tag": ["contract"],
            "initiationType": "tender",
            "parties": [{"id": "GB-COH-07654321", "name": "Northern Body Worn Video Ltd", "roles": ["supplier"]}],
            "contracts": [
                {
                    "id": "1",
                    "title": "Body-worn video cameras",
                    "value": {"amount": 395000, "currency": "GBP"},
                    "period": {"startDate": "2026-06-15T00:00:00Z", "endDate": "2029-06-14T00:00:00Z"},
                }
            ],
        },
    ],
}


def snapshot(project) -> dict:
    return {p.name: p.read_bytes() for p in (project / "data").iterdir() if p.is_file()}


def test_a_find_a_tender_file_adds_and_updates_by_ocid_and_twice_changes_nothing(project, tmp_path):
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(FIND_A_TENDER), encoding="utf-8")
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "notice.json (contracts): 1 row added, 1 changed, 0 removed." in result.stdout
    assert "notice.json (tenders): 0 rows added, 1 changed" in result.stdout
    contracts = (project / "data/contracts.csv").read_text(encoding="utf-8")
    # Updated by ocid: the register's reference, procurement start and description stay; the value is the platform's.
    assert (
        "C-2026-015,Body-worn video cameras,Northern Body Worn Video Ltd,395000,2026-06-15,2029-06-14,"
        '"Cameras, docks and evidence software for response officers",Competitive flexible procedure,'
        "ocds-h6vhtk-04f1a8,2026-04-07"
    ) in contracts
    assert (
        "ocds-h6vhtk-06b7c2,Translation and interpreting 2027 to 2030,Language Line Partners Ltd,318500.0,"
        "2027-01-04,2029-12-31,,,ocds-h6vhtk-06b7c2,"
    ) in contracts
    assert "T-2026-017,Translation and interpreting,2026-10-20,2026-12-04,320000," in (
        project / "data/tenders.csv"
    ).read_text(encoding="utf-8")
    before = snapshot(project)
    again = run_cli(project, "import", str(path))
    assert again.returncode == 0 and "Nothing changed" in again.stdout
    assert snapshot(project) == before


def test_the_sites_own_ocds_export_imports_back_unchanged(project, site_dir, tmp_path):
    path = tmp_path / "contracts-ocds.json"
    shutil.copy(site_dir / "data/contracts-ocds.json", path)
    before = snapshot(project)
    result = run_cli(project, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "contracts-ocds.json (contracts): 0 rows added, 0 changed, 0 removed." in result.stdout
    assert "Nothing changed" in result.stdout
    assert snapshot(project) == before


def test_a_record_package_is_read_from_its_compiled_releases(project, tmp_path):
    record = {"ocid": "ocds-h6vhtk-04f1a8", "compiledRelease": FIND_A_TENDER["releases"][1]}
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"version": "1.1", "records": [record]}), encoding="utf-8")
    result = run_cli(project, "import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "record.json (contracts): 0 rows added, 1 changed" in result.stdout
    assert "Checked only (--dry-run): nothing was written." in result.stdout


def test_json_that_is_not_ocds_gets_a_clear_message_and_nothing_is_written(project, tmp_path):
    before = snapshot(project)
    for name, text, message in (
        ("grants.json", '{"grants": []}', "is JSON but not an OCDS release or record package"),
        ("broken.json", '{"releases": [', "is not readable JSON"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run_cli(project, "import", str(path))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{name}: {message}" in result.stderr and "Nothing was written." in result.stderr
    bad = json.loads(json.dumps(FIND_A_TENDER))
    bad["releases"][0]["contracts"][0]["value"]["amount"] = -5
    path = tmp_path / "negative.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = run_cli(project, "import", str(path))
    assert result.returncode == 1 and 'column "value": "-5" is too small' in result.stderr
    assert snapshot(project) == before
