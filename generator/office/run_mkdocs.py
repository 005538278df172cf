"""`transparency build` and `transparency serve`: MkDocs run on a site folder, in its own process."""

from __future__ import annotations

import errno
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from ..core.problems import InputError, Problem


def check_config(root: Path) -> None:
    """What MkDocs would refuse with a traceback-like message, said plainly: no mkdocs.yml, or a theme folder
    named that the site does not have (a fork's mkdocs.yml names custom_dir: theme; the theme now comes with
    the generator)."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise InputError(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    None,
                    "is missing",
                    "run this in the site's folder, or make one with: transparency init DIR",
                )
            ]
        )
    # mkdocs.yml holds MkDocs' own tags (!ENV), so it is searched rather than read as YAML.
    named = re.search(r"(?m)^\s+custom_dir:\s*[\"']?([^\"'#\s]+)", config.read_text(encoding="utf-8-sig"))
    custom = named.group(1) if named else None
    if custom and not (root / str(custom)).is_dir():
        raise InputError(
            [
                Problem(
                    "mkdocs.yml",
                    None,
                    "theme.custom_dir",
                    f'names the folder "{custom}", which this site does not have',
                    "delete the line custom_dir: ... under theme: the theme comes with the generator",
                )
            ]
        )


def run(root: Path, command: str, options: list[str]) -> int:
    """Run `mkdocs build` or `mkdocs serve` for the site in `root`; MkDocs' own exit status."""
    check_config(root)
    config = str(root.resolve() / "mkdocs.yml")  # absolute, as MkDocs names it when it reloads it for a rebuild
    arguments = [sys.executable, "-m", "mkdocs", command, "--config-file", config, *options]
    environment = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(arguments, cwd=root, env=environment)
    if command == "serve" and os.name == "posix":  # (Windows has neither signal)
        # Told to stop (kill, a service manager), or its terminal closed: the signal is passed on to MkDocs, whose
        # plugin (plugin.stop_as_on_ctrl_c) stops it as on Ctrl+C, removing its temporary copy of the site rather
        # than leaving it running, or leaving 15 MB behind. (Where MkDocs was sent it too, it takes only the first.)
        for passed_on in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(passed_on, lambda number, _: process.send_signal(number))
    try:
        return process.wait()
    except KeyboardInterrupt:
        # Ctrl+C reaches MkDocs too: it says "Shutting down..." and removes its temporary copy of the site. Waiting
        # for that, rather than stopping it halfway, leaves nothing behind and prints no Python error report.
        pass
    try:
        return process.wait(timeout=STOPPING_SECONDS)
    except (KeyboardInterrupt, subprocess.TimeoutExpired):  # Ctrl+C again, or it does not stop
        process.kill()
        return process.wait()


STOPPING_SECONDS = 30


def address_taken(root: Path, address: str | None) -> str:
    """Why the preview cannot serve at this address (MkDocs' own default, or mkdocs.yml's dev_addr, without one):
    another program is serving there, which MkDocs would report with a Python error report after building the whole
    site. "" when it is free, or when that cannot be told (MkDocs then says what is wrong with it)."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return ""  # run() says what is missing, whatever the address
    if address is None:
        named = re.search(r"(?m)^dev_addr:\s*[\"']?([^\"'#\s]+)", config.read_text(encoding="utf-8-sig"))
        address = named.group(1) if named else "127.0.0.1:8000"
    host, _, port = address.rpartition(":")
    try:
        family, kind, _, _, place = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds
            probe.bind(place)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            return ""
        return (
            f"{address} is in use already: another preview, or another program, is serving there. Stop it "
            f"(Ctrl+C in its terminal), or preview at another address: make serve ADDRESS={host}:{int(port) + 1} "
            f"(or transparency serve --address {host}:{int(port) + 1})."
        )
    except ValueError:  # not HOST:PORT
        return ""
    return ""
