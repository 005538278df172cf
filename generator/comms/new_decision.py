"""Write a new decision record with the next free reference for the year and every front-matter key."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import yaml

from ..core.problems import InputError, Problem
from ..data.checks import check_all
from ..data.load import load_package, split_front_matter
from . import issue_form


def next_reference(folder: Path, year: int, pending: set[str] = frozenset()) -> str:
    """The next free reference of the form YYYY/NNN, after every reference already used that year (and those
    `pending` on other open pull requests)."""
    used = [int(r.split("/")[1]) for r in pending if re.fullmatch(rf"{year}/\d+", r)]
    for path in folder.glob("*.md"):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8-sig"), path.name, [])
        match = re.fullmatch(rf"{year}/(\d+)", str((meta or {}).get("reference", "")))
        if match:
            used.append(int(match.group(1)))
    return f"{year}/{max(used, default=0) + 1:03d}"


def pending_references(root: Path, own_branch: str) -> set[str]:
    """References of the records on the other decision branches (origin/decision/...), from their file names
    (2026-023.md is 2026/023): a form sent while another waits for review takes the one after."""
    refs = _git(root, "for-each-ref", "--format=%(refname:short)", "refs/remotes/origin/decision/")
    found = set()
    for ref in refs.split():
        if ref.removeprefix("origin/") == own_branch:
            continue
        names = _git(root, "ls-tree", "--name-only", ref, "content/decisions/")
        found |= {f"{m[1]}/{m[2]}" for m in re.finditer(r"(?m)/(\d{4})-(\d{3,})\.md$", names)}
    return found


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout if done.returncode == 0 else ""


def create(folder: Path, title: str, today: dt.date, decision_maker: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    reference = next_reference(folder, today.year)
    meta = {
        "reference": reference,
        "title": title,
        "date": today.isoformat(),
        "decision_maker": decision_maker,
        "summary": f"Summary of the decision: {title}.",
        "amount": None,
        "priorities": [],
        "category": "",
        "exempt": "",
        "documents": [],
    }
    body = "## Background\n\nWhy a decision was needed.\n\n## Decision\n\nWhat was decided.\n\n## Financial implications\n\nNone.\n\n## Legal and equality implications\n\nNone.\n\n## Declarations of interest\n\nNone.\n"
    path = folder / f"{reference.replace('/', '-')}.md"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path


def office_categories(profile: dict, descriptor_categories: list[str] | None = None) -> list[str]:
    """The office's list of decision categories (profile.yaml `decision_categories`), empty when it keeps none."""
    listed = profile.get("decision_categories") or descriptor_categories or []
    return [str(c) for c in listed] if isinstance(listed, list) else []


def create_from_issue(
    root: Path, body_file: Path, today: dt.date | None = None, branch: str | None = None
) -> tuple[Path, dict, list[Problem]]:
    """Write the record a "Publish a decision" issue form describes, with the next free reference for its year.

    Nothing is written when any answer is wrong; every problem is reported at once. Warnings (a date after
    `today`) are returned, to be shown beside the record."""
    raw = load_package(root / "data", root / "content")
    try:
        body = body_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(body_file), None, None, f"cannot be read ({error})")]) from error
    priorities = {r["id"]: r["title"] for r in raw.tables["priorities"].rows} if "priorities" in raw.tables else {}
    meta, text, problems = issue_form.decision_fields(
        issue_form.parse_body(body), priorities, office_categories(raw.profile), today
    )
    if any(not p.warning for p in problems):
        raise InputError([p for p in problems if not p.warning])
    folder = root / "content" / "decisions"
    folder.mkdir(parents=True, exist_ok=True)
    pending = pending_references(root, branch) if branch else set()
    reference = next_reference(folder, dt.date.fromisoformat(meta["date"]).year, pending)
    record = {"reference": reference, **meta}
    path = folder / f"{reference.replace('/', '-')}.md"
    front = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front}---\n\n{text}", encoding="utf-8")
    # The record is checked as the build will check it; a record the build would refuse is not left behind.
    checked = load_package(root / "data", root / "content")
    shown = f"content/decisions/{path.name}"
    found = [p for p in check_all(checked) if p.file == shown]
    if found:
        path.unlink()
        raise InputError([Problem(issue_form.FORM, None, p.column, p.message, p.hint) for p in found])
    return path, record, [p for p in problems if p.warning]
