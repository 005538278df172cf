"""`transparency inbox --again REF`: redo a branch's imports on top of REF's data (the newest main).

When another upload is merged first, the pull request's data/ no longer matches main. Instead of anyone
resolving a git conflict, the workflow merges main into the branch, takes main's data/, puts back the files
the branch uploaded to inbox/ (from its history) and imports them again; three-way merge and identifiers.py
then settle the two uploads (each keeps its changes; a new row never takes an identifier published since).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..core.problems import InputError, Problem
from .inbox import FOLDER, KEEP


def _git(root: Path, *args: str, binary: bool = False) -> str | bytes:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            [Problem("git", None, None, f"git {' '.join(args[:2])} failed: {message[-1] if message else ''}")]
        )
    return result.stdout if binary else result.stdout.decode("utf-8")


def restore(root: Path, ref: str) -> list[str]:
    """Take REF's data/ and put back every upload this branch added to inbox/ since it left REF; their names."""
    start = str(_git(root, "merge-base", ref, "HEAD")).strip()
    added = str(_git(root, "log", "--diff-filter=A", "--name-only", "--format=", f"{start}..HEAD", "--", f"{FOLDER}/"))
    names = sorted({n for n in added.splitlines() if n and Path(n).name.lower() not in KEEP})
    restored = []
    for name in names:
        commit = str(_git(root, "log", "-1", "--diff-filter=A", "--format=%H", f"{start}..HEAD", "--", name)).strip()
        content = _git(root, "show", f"{commit}:{name}", binary=True)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
        restored.append(name)
    if restored:
        _git(root, "checkout", ref, "--", "data")
    return restored


def pending(root: Path, ref: str, branches: Iterable[str]) -> list[str]:
    """Of the pull requests' branches, those that uploaded a file to inbox/ since they left REF: the ones to
    import again when REF moves. A branch is looked up on REF's remote (origin/main: origin/<branch>); one that
    is gone meanwhile, or that changed data/ by hand only, is left alone."""
    remote = ref.split("/", 1)[0] + "/" if "/" in ref else ""
    chosen = []
    for branch in (b.strip() for b in branches):
        if not branch:
            continue
        try:
            added = _git(
                root,
                "log",
                "--diff-filter=A",
                "--name-only",
                "--format=",
                f"{ref}..{remote}{branch}",
                "--",
                f"{FOLDER}/",
            )
        except InputError:
            continue  # merged or deleted since the list was made
        if any(Path(name).name.lower() not in KEEP for name in str(added).splitlines() if name):
            chosen.append(branch)
    return chosen
