"""Every `transparency` command is documented with help and an example."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
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

    class Started:
        def __init__(self, arguments, **options) -> None:
            called.append(arguments)

        def wait(self, timeout=None) -> int:
            return 0

    monkeypatch.setattr(run_mkdocs.subprocess, "Popen", Started)
    monkeypatch.setattr(run_mkdocs.signal, "signal", lambda *arguments: None)
    monkeypatch.chdir(project)
    assert run_mkdocs.run(Path("."), "serve", ["--dirty"]) == 0
    config = called[0][called[0].index("--config-file") + 1]
    assert Path(config).is_absolute() and Path(config) == project.resolve() / "mkdocs.yml"


@pytest.mark.parametrize("how", ["Ctrl+C", "told to stop", "terminal closed", "all told to stop"])
def test_stopping_the_preview_leaves_nothing_behind_and_no_error_report(project, tmp_path, how):
    """Ctrl+C in the terminal (SIGINT to `transparency serve` and the MkDocs it runs), SIGTERM to `transparency
    serve` alone or to both, or the terminal closed (SIGHUP to both): the preview stops, removes its temporary copy
    of the site and prints no Python error report (it printed a traceback and, stopped halfway, left 15 MB in the
    temporary folder each time; told to stop, it left MkDocs running; the terminal closed or both told to stop, it
    left the 15 MB)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = os.environ | {"TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [TRANSPARENCY, "serve", "--address", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        assert any(temporary.iterdir())  # MkDocs' copy of the site while it serves
        if how == "Ctrl+C":
            os.killpg(server.pid, signal.SIGINT)  # the terminal sends it to every process it runs
        elif how == "terminal closed":
            os.killpg(server.pid, signal.SIGHUP)  # so is this
        elif how == "all told to stop":
            os.killpg(server.pid, signal.SIGTERM)  # a process manager stopping the whole group at once
        else:
            server.terminate()
        _, printed = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert "Traceback" not in printed, printed
    assert not any(temporary.iterdir()), list(temporary.iterdir())
    with pytest.raises(ProcessLookupError):
        os.killpg(server.pid, 0)  # nothing of the preview is left running


def test_a_preview_at_an_address_in_use_says_so_plainly_before_building(project):
    """Another preview (or program) serving at the address: a plain message naming another address, at once, where
    MkDocs built the whole site and then printed a Python error report."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(
            [TRANSPARENCY, "serve", "--address", f"127.0.0.1:{port}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
        )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"127.0.0.1:{port} is in use already" in result.stderr
    assert f"make serve ADDRESS=127.0.0.1:{port + 1}" in result.stderr
    assert "Building documentation" not in result.stderr and time.monotonic() - started < 30
