"""Every `transparency` command is documented with help and an example."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import TRANSPARENCY

COMMANDS = ["validate", "new", "template", "import", "changes", "reminders", "inbox"]


def test_every_command_has_help_with_an_example():
    overview = subprocess.run([TRANSPARENCY, "--help"], capture_output=True, text=True).stdout
    for command in COMMANDS:
        assert command in overview
        text = subprocess.run([TRANSPARENCY, command, "--help"], capture_output=True, text=True).stdout
        assert "Example: transparency " + command in text, command


def test_unknown_dataset_is_a_plain_error(project, tmp_path):
    result = subprocess.run(
        [TRANSPARENCY, "--root", str(project), "template", "grantz", str(tmp_path / "x.xlsx")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "grantz: is not a dataset; use one of:" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_names_the_sites_settings_by_their_full_path(project, monkeypatch):
    """`transparency serve` in the site's folder: MkDocs names mkdocs.yml by its full path when it reloads it for a
    rebuild, so it must be given that path from the start; named relatively, the first rebuild after an edit found
    nothing kept from the first build (the data files' names had changed) and rebuilt every page."""
    from generator.office import run_mkdocs

    called = []
    monkeypatch.setattr(run_mkdocs.subprocess, "call", lambda arguments, **options: called.append(arguments) or 0)
    monkeypatch.chdir(project)
    assert run_mkdocs.run(Path("."), "serve", ["--dirty"]) == 0
    config = called[0][called[0].index("--config-file") + 1]
    assert Path(config).is_absolute() and Path(config) == project.resolve() / "mkdocs.yml"
