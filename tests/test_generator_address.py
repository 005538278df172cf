"""The generator's address is written in one place (pyproject.toml's [project.urls] Source), and `transparency init`
pins an office's requirements.txt to a release tag of it."""

from __future__ import annotations

import subprocess
import tomllib
from importlib.metadata import version

from helpers import ROOT, TRANSPARENCY

SOURCE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]


def init(folder, *args: str) -> str:
    made = subprocess.run([TRANSPARENCY, "init", str(folder), *args], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return (folder / "requirements.txt").read_text(encoding="utf-8")


def test_init_pins_a_release_tag_of_the_address_the_generator_was_installed_from(tmp_path):
    pinned = init(tmp_path / "office")
    assert f"pcc-transparency @ git+{SOURCE}@v{version('pcc-transparency')}\n" in pinned
    other = "https://git.example.org/our-council/pcc-transparency"
    assert f"pcc-transparency @ git+{other}@v" in init(tmp_path / "own-copy", "--source", other + "/")


def test_the_address_is_written_nowhere_else():
    address = SOURCE.removeprefix("https://").removeprefix("http://")
    places = [ROOT / name for name in ("README.md", "OWNERS.md", "PUBLISHING.md", "CHANGELOG.md", "ARCHITECTURE.md")]
    places += [p for p in (ROOT / "generator").rglob("*") if p.is_file() and p.suffix in (".py", ".md", ".yml", ".txt")]
    places += list((ROOT / ".github").rglob("*.yml"))
    written = [p.relative_to(ROOT).as_posix() for p in places if address in p.read_text(encoding="utf-8")]
    assert written == [], "name the generator's address through pyproject.toml's Source, not again"
