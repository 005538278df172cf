"""`transparency init`'s starting set: small, valid, every page marked as an example, and the same datasets and
columns as the demo's, so that a dataset added to the generator is added to what a new office starts from."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import BUILD_EPOCH, ROOT, TRANSPARENCY, run_cli

START = ROOT / "generator" / "scaffold" / "start"
BANNER = "<strong>Example site.</strong> Every name, figure and decision here is an example"


def header_and_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
    return header, rows


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    """A new office's folder, built as it comes from `transparency init`."""
    folder = tmp_path_factory.mktemp("start") / "office"
    made = subprocess.run([TRANSPARENCY, "init", str(folder)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("SITE_URL", None)
    built = subprocess.run([TRANSPARENCY, "build", "--quiet"], cwd=folder, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    return folder


def test_init_writes_the_small_starting_set_not_the_demo(office):
    assert (office / "data" / "profile.yaml").read_bytes() == (START / "data" / "profile.yaml").read_bytes()
    decisions = sorted(p.name for p in (office / "content" / "decisions").glob("*.md"))
    assert decisions == ["2025-001.md"]
    for path in (office / "data").glob("*.csv"):
        _, rows = header_and_rows(path)
        assert len(rows) <= 2, f"{path.name}: a starting set has one or two example rows"
    assert not (office / "forms").exists(), "the issue form's template is not copied, only the form made from it"


def test_every_page_of_the_starting_set_says_it_is_an_example(office):
    pages = sorted((office / "site").rglob("*.html"))
    assert len(pages) > 40, "the starting set builds every section"
    unmarked = [p.relative_to(office / "site").as_posix() for p in pages if BANNER not in p.read_text("utf-8")]
    assert unmarked == []
    home = (office / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Exampleshire Office (example)</title>" in home
    grant = office / "site" / "grants" / "360g-example-2025-001" / "index.html"
    assert "Example grant: a helpline for victims of crime" in grant.read_text(encoding="utf-8")


def test_validate_warns_of_each_placeholder_left_and_no_more(office, tmp_path):
    result = run_cli(office, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stdout + result.stderr
    for key in ("body_name", "short_name", "police_area", "role", "commissioner", "funder_identifier"):
        assert f'Warning: data/profile.yaml, key "{key}": is still the example\'s placeholder' in said, key
    assert 'key "contact_email": is still the example\'s placeholder "transparency@example.org"' in said
    assert 'key "role_short"' not in said, "Commissioner is a real value, not a placeholder"

    profile = office / "data" / "profile.yaml"
    kept = profile.read_text(encoding="utf-8")
    try:
        profile.write_text(
            kept.replace("Exampleshire Police and Crime Office (example)", "Northshire Police and Crime Office"),
            encoding="utf-8",
        )
        said = run_cli(office, "validate").stdout
        assert 'key "body_name"' not in said
        assert 'key "short_name": is still the example\'s placeholder' in said
    finally:
        profile.write_text(kept, encoding="utf-8")


def test_the_demo_is_not_marked_as_an_example(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Demonstration site." in home and "Example site." not in home


def test_the_starting_set_has_every_dataset_and_column_of_the_demo():
    demo = yaml.safe_load((ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    start = yaml.safe_load((START / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    assert start.keys() == demo.keys()
    for left, right in zip(start["resources"], demo["resources"], strict=True):
        assert {k: v for k, v in left.items() if k != "last_updated"} == {
            k: v for k, v in right.items() if k != "last_updated"
        }, f"{left['name']}: the starting set's data package differs from the demo's"
    for resource in demo["resources"]:
        if resource["name"] == "glossary":
            assert not (START / "data" / "glossary.csv").exists(), "without it, the standard glossary is used"
            continue
        demo_header, _ = header_and_rows(ROOT / "data" / resource["path"])
        start_header, rows = header_and_rows(START / "data" / resource["path"])
        assert start_header == demo_header, resource["name"]
        # A dataset with a column for free text says in it that its rows are examples (a row of numbers,
        # dates, codes and fixed lists, like staff's, cannot).
        free_text = [
            start_header.index(f["name"])
            for f in resource["schema"]["fields"]
            if f.get("type", "string") == "string" and not {"enum", "pattern"} & set(f.get("constraints", {}))
        ]
        if rows and free_text:
            said = " ".join(row[i] for row in rows for i in free_text).lower()
            assert "example" in said, f"{resource['name']}: its rows are marked as examples"
