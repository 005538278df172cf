"""The generator's address is written in one place (pyproject.toml's [project.urls] Source), and `transparency init`
pins an office's requirements.txt to a release tag of it."""

from __future__ import annotations

import subprocess
import tomllib
from importlib.metadata import version

from helpers import ROOT, TRANSPARENCY

from generator.core import installed

SOURCE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]


def init(folder, *args: str) -> str:
    made = subprocess.run([TRANSPARENCY, "init", str(folder), *args], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return (folder / "requirements.txt").read_text(encoding="utf-8")


def test_init_pins_a_release_tag_of_the_address_given_or_says_it_does_not_know_one(tmp_path):
    other = "https://git.example.org/our-council/pcc-transparency"
    assert f"pcc-transparency @ git+{other}@v{version('pcc-transparency')}\n" in init(
        tmp_path / "own", "--source", other + "/"
    )
    # This checkout's Source is still the placeholder and it is installed from a folder, not git: no address is
    # known, so the pin names the package index and init says what to write instead.
    made = subprocess.run([TRANSPARENCY, "init", str(tmp_path / "office")], capture_output=True, text=True)
    assert (
        f"pcc-transparency=={version('pcc-transparency')}\n" in (tmp_path / "office" / "requirements.txt").read_text()
    )
    assert "--source ADDRESS" in made.stdout


def test_the_address_pip_installed_from_is_the_one_pinned():
    record = '{"url": "https://github.com/an-office/pcc-transparency", "vcs_info": {"vcs": "git", "commit_id": "ab"}}'
    assert installed._git_address(record) == "https://github.com/an-office/pcc-transparency"
    assert installed._git_address('{"url": "file:///work/main", "dir_info": {"editable": true}}') == ""
    assert installed._git_address("not json") == installed._git_address(None) == ""


def test_the_address_is_written_nowhere_else():
    address = SOURCE.removeprefix("https://").removeprefix("http://")
    places = [ROOT / name for name in ("README.md", "OWNERS.md", "PUBLISHING.md", "CHANGELOG.md", "ARCHITECTURE.md")]
    places += [p for p in (ROOT / "generator").rglob("*") if p.is_file() and p.suffix in (".py", ".md", ".yml", ".txt")]
    places += list((ROOT / ".github").rglob("*.yml"))
    written = [p.relative_to(ROOT).as_posix() for p in places if address in p.read_text(encoding="utf-8")]
    assert written == [], "name the generator's address through pyproject.toml's Source, not again"
