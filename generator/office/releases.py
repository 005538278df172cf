"""Whether the git repository requirements.txt installs the generator from has tagged a newer release."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .repo_settings import Finding

# pcc-transparency @ git+<Source>@v0.2.0 (the line `transparency init` writes)
PIN = re.compile(r"^\s*pcc-transparency\s*@\s*git\+(?P<url>\S+?)@v(?P<version>\d+(?:\.\d+)*)\s*(?:#.*)?$", re.M)
RELEASE_TAG = re.compile(r"refs/tags/v(\d+(?:\.\d+)*)$")


def pinned(root: Path) -> tuple[str, str] | None:
    """The repository and version requirements.txt pins, or None (no file, or not a git release tag)."""
    path = root / "requirements.txt"
    if not path.is_file():
        return None
    match = PIN.search(path.read_text(encoding="utf-8", errors="replace"))
    return (match["url"], match["version"]) if match else None


def release_tags(url: str, timeout: float = 30) -> list[str] | None:
    """The release versions (tags vX.Y.Z) the repository holds, or None when it could not be asked."""
    try:
        answer = subprocess.run(
            ["git", "ls-remote", "--tags", "--refs", url],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=os.environ | {"GIT_TERMINAL_PROMPT": "0"},  # never wait for a password
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if answer.returncode != 0:
        return None
    return [m[1] for line in answer.stdout.splitlines() if (m := RELEASE_TAG.search(line.strip()))]


def as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def check(root: Path) -> Finding | None:
    """A finding when requirements.txt pins a git release tag: OK if it is the newest, Missing if one is newer."""
    pin = pinned(root)
    if pin is None:
        return None
    url, version = pin
    what = "The newest release of the generator"
    tags = release_tags(url)
    if tags is None:
        return Finding(what, None, f"could not list the release tags of {url}", "see its Releases or Tags list")
    newer = max(tags, key=as_tuple, default=version)
    if as_tuple(newer) <= as_tuple(version):
        return Finding(what, True, f"v{version}, the newest at {url}")
    return Finding(
        what,
        False,
        f"requirements.txt pins v{version}; v{newer} is out",
        f"change @v{version} to @v{newer} at the end of the line in requirements.txt, in a pull request (its checks "
        "build your data with the new release; the generator's CHANGELOG.md says what changed); or let Renovate "
        "open it (OWNERS.md, step 6)",
    )
