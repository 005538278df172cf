"""Every earlier release's demo, frozen in tests/releases/, still builds with the current generator."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT, run_build, run_cli

from generator.core import installed

RELEASES = sorted(p.name for p in (ROOT / "tests" / "releases").iterdir() if p.is_dir())


@pytest.fixture(params=RELEASES)
def release(request, tmp_path) -> Path:
    """A copy of the release's site, with the theme folder a fork of this repository keeps beside it."""
    folder = ROOT / "tests" / "releases" / request.param
    for name in ("data", "content"):
        shutil.copytree(folder / name, tmp_path / name)
    shutil.copy(folder / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    return tmp_path


def test_there_is_a_frozen_release_from_0_1_0_on_and_the_version_in_pyproject_is_frozen_too():
    assert "0.1.0" in RELEASES
    # Main's version is released (tagged) by the site workflow once its tests pass: its demo is frozen beforehand.
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version in RELEASES, f"copy the demo into tests/releases/{version}/ (tests/releases/README.md)"


def test_an_earlier_release_builds_with_this_generator(release):
    checked = run_cli(release, "validate")
    assert checked.returncode == 0, checked.stderr
    # A key added since (decision_categories came in 0.2.0) is optional: a warning says how to add it.
    listed = "decision_categories" in (release / "data" / "profile.yaml").read_text(encoding="utf-8")
    assert ('Warning: data/profile.yaml, key "decision_categories": is missing' in checked.stdout) != listed
    result = run_build(release)
    assert result.returncode == 0, result.stderr
    site = release / "site"
    for record in (release / "content" / "decisions").glob("*.md"):
        assert (site / "decisions" / record.stem / "index.html").is_file(), record.name
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="pcc-transparency {installed.version()}">' in home
    # Style sheets added to the theme since reach a site whose mkdocs.yml does not name them.
    assert re.search(r'href="[^"]*assets/search\.css"', home)


def test_every_page_names_the_generator_and_the_version_in_pyproject(site_dir):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert f"## {version}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), "each release has its entry"
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        assert f'<meta name="generator" content="pcc-transparency {version}">' in page.read_text(encoding="utf-8"), page
