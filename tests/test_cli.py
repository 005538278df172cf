"""Every `transparency` command is documented with help and an example."""

from __future__ import annotations

import subprocess

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
