"""`transparency inbox --again REF`: redo a branch's imports on top of REF's data (the newest main).

When another upload is merged first, the pull request's data/ no longer matches main. Instead of anyone
resolving a git conflict, the workflow merges main into the branch, takes main's data/ and imports again, in
the order they were made, the uploads the branch's history shows it imported (or still holds): the latest
version of each, each on the result of the one before. A version replaced by a later upload before it was
imported (refused, or fixed and uploaded again) is never applied. Three-way merge and identifiers.py then
settle the two uploads (each keeps its changes; a new row never takes an identifier published since).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..core.problems import InputError, Problem
from .inbox import FOLDER, KEEP, uploads


def _git(root: Path, *args: str, binary: bool = False) -> str | bytes:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            [Problem("git", None, None, f"git {' '.join(args[:2])} failed: {message[-1] if message else ''}")]
        )
    return result.stdout if binary else result.stdout.decode("utf-8")


def rounds(root: Path, ref: str) -> list[list[tuple[str, bytes]]]:
    """The uploads to import again, oldest first, as (name, content) grouped by the commit that uploaded them.

    A version counts when the branch imported it (the next commit touching the file removed it and changed
    data/) or it is the branch's latest (still in inbox/); one followed by another version of the same file,
    or removed without any change to data/, was refused or replaced and is left out."""
    start = str(_git(root, "merge-base", ref, "HEAD")).strip()
    history = ("log", "--reverse", "--topo-order", "--no-renames", "--name-status", "--format=%x00%H")
    log = str(_git(root, *history, f"{start}..HEAD"))
    commits: list[tuple[str, list[tuple[str, str]]]] = []
    for block in log.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        changes = [tuple(line.split("\t", 1)) for line in lines[1:] if "\t" in line]
        commits.append((lines[0].strip(), [(status[0], name) for status, name in changes]))
    events: dict[str, list[tuple[int, str]]] = {}
    for position, (_, changes) in enumerate(commits):
        for status, name in changes:
            if _is_upload(name):
                events.setdefault(name, []).append((position, status))
    chosen: dict[int, list[str]] = {}
    for name, history in events.items():
        for at, (position, status) in enumerate(history):
            if status not in ("A", "M"):
                continue
            following = history[at + 1] if at + 1 < len(history) else None
            if following is None or (following[1] == "D" and _changed_data(commits[following[0]][1])):
                chosen.setdefault(position, []).append(name)
    return [
        [(name, bytes(_git(root, "show", f"{commits[position][0]}:{name}", binary=True))) for name in sorted(names)]
        for position, names in sorted(chosen.items())
    ]


def start_from(root: Path, ref: str) -> None:
    """REF's data/, and an inbox/ holding no upload (each round puts back its own)."""
    _git(root, "checkout", ref, "--", "data")
    for path in uploads(root):
        path.unlink()


def put_back(root: Path, batch: list[tuple[str, bytes]]) -> list[str]:
    for name, content in batch:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return [name for name, _ in batch]


def _is_upload(name: str) -> bool:
    path = Path(name)
    return len(path.parts) == 2 and path.parts[0] == FOLDER and path.name.lower() not in KEEP


def _changed_data(changes: list[tuple[str, str]]) -> bool:
    return any(name.startswith("data/") for _, name in changes)


def restore(root: Path, ref: str, batches: list[list[tuple[str, bytes]]]) -> list[str]:
    """REF's data/ and, in inbox/, the latest version of each upload of the rounds (from `rounds`), for one import
    (a caller that cannot import round by round; `transparency inbox --again` imports them in the order made)."""
    if not batches:
        return []
    start_from(root, ref)
    latest = {name: content for batch in batches for name, content in batch}
    return put_back(root, sorted(latest.items()))


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
        if any(_is_upload(name) for name in str(added).splitlines() if name):
            chosen.append(branch)
    return chosen
