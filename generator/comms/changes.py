"""`transparency changes`: what a change to data/ and content/ publishes, compared with another git version."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.problems import InputError, Problem
from ..data import withdrawal
from ..data.checks import check_all
from ..data.load import RawPackage, Table, load_package
from ..data.rowkeys import row_key
from ..law.duties import assess, register_for
from ..model.records import Site, build_site
from ..pages import all_pages
from . import headline
from .github import cell

LABEL_COLUMNS = ("Title", "title", "name", "supplier", "reserve", "source", "area", "period", "status")
SHOWN = 25  # rows listed per dataset; the rest are counted


@dataclass
class Side:
    raw: RawPackage
    site: Site | None
    problems: list[Problem] = field(default_factory=list)  # errors: the version cannot be published
    cautions: list[Problem] = field(default_factory=list)  # warnings: published, but worth a look


def read_version(root: Path, ref: str, folder: Path) -> Path:
    """Extract data/ and content/ as they are at `ref` into `folder`, leaving the working tree alone."""
    listed = git(root, "ls-tree", "--name-only", ref, "--", "data", "content")
    paths = [p for p in listed.decode("utf-8").split("\n") if p]
    if paths:
        archive = git(root, "archive", "--format=tar", ref, "--", *paths)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError as error:
        raise InputError([Problem("git", None, None, f"could not run git ({error})", "install git")]) from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            [
                Problem(
                    "git",
                    None,
                    None,
                    message[-1] if message else "failed",
                    "name a branch, tag or commit this clone has (fetch it first)",
                )
            ]
        )
    return done.stdout


def read_side(root: Path, today: dt.date) -> Side:
    raw = load_package(root / "data", root / "content")
    found = check_all(raw)
    problems = [p for p in found if not p.warning]
    cautions = [p for p in found if p.warning]
    return Side(raw, None if problems else build_site(raw, today), problems, cautions)


def changes_since(root: Path, ref: str, today: dt.date) -> str:
    with tempfile.TemporaryDirectory(prefix="transparency-base-") as folder:
        before = read_side(read_version(root, ref, Path(folder)), today)
        after = read_side(root, today)
        return report(ref, before, after)


def keyed(table: Table | None) -> tuple[list[str], dict]:
    """Rows by identifier (primary key), or by their whole content for tables without one."""
    if table is None:
        return [], {}
    key = row_key(table.descriptor)
    columns = [c for c in table.header if c]
    rows: dict = {}
    if key:
        for row in table.rows:
            rows[tuple(row.get(k, "") for k in key)] = {c: row.get(c, "") for c in columns}
        return columns, rows
    counted = Counter(tuple(row.get(c, "") for c in columns) for row in table.rows)
    return columns, {
        (values, n): dict(zip(columns, values, strict=True)) for values, count in counted.items() for n in range(count)
    }


def label(key: tuple, row: dict) -> str:
    name = next((row[c] for c in LABEL_COLUMNS if row.get(c)), "")
    if isinstance(key[0], tuple):  # a table without identifiers: show the row itself
        return ", ".join(v for v in key[0] if v)[:120]
    identifier = " / ".join(key)
    return f"{identifier}: {name}" if name and name != identifier else identifier


def _differs(old: dict, new: dict) -> bool:
    """Whether a row changed; a column added empty (e.g. the withdrawal columns) is no change."""
    return any(old.get(c, "") != new.get(c, "") for c in old.keys() | new.keys())


def table_changes(before: Table | None, after: Table | None) -> list[str]:
    _, old = keyed(before)
    columns, new = keyed(after)
    added = [k for k in new if k not in old]
    removed = [k for k in old if k not in new]
    changed = [k for k in new if k in old and _differs(old[k], new[k])]
    withdrawn = [k for k in changed if new[k].get(withdrawal.DATE) and not old[k].get(withdrawal.DATE)]
    changed = [k for k in changed if k not in withdrawn]
    renamed = _renamed(after, old, new, added, removed)
    added = [k for k in added if k not in {b for _, b in renamed}]
    removed = [k for k in removed if k not in {a for a, _ in renamed}]
    if not (added or removed or changed or withdrawn or renamed):
        return []
    name = (after or before).descriptor.get("title", (after or before).name)
    counts = f"{len(added)} added, {len(changed) + len(renamed)} changed, {len(removed)} removed"
    counts = counts.replace(" changed", f" changed ({len(renamed)} renamed)", 1) if renamed else counts
    counts += f", {len(withdrawn)} withdrawn." if withdrawn else "."
    lines = [f"#### {cell(name)}", "", counts, ""]
    items = [("Withdrawn", k, new[k]) for k in withdrawn]
    items += [("Added", k, new[k]) for k in added] + [("Removed", k, old[k]) for k in removed]
    items += [("Changed", k, new[k]) for k in changed]
    items += [("Renamed", k, new[k]) for _, k in renamed]
    was = {k: a for a, k in renamed}
    for what, key, row in items[:SHOWN]:
        detail = ""
        if what == "Withdrawn":
            detail = f" — {cell(row.get(withdrawal.REASON, ''))}"
        if what == "Renamed":
            lines.append(f"- Changed: renamed {cell(label(was[key], old[was[key]]))} → {cell(label(key, row))}")
            continue
        if what == "Changed":
            columns_changed = [c for c in columns if old[key].get(c, "") != row.get(c, "")]
            detail = " — " + "; ".join(
                f"{cell(c)}: {cell(old[key].get(c, '') or '(empty)')} → {cell(row.get(c, '') or '(empty)')}"
                for c in columns_changed
            )
        lines.append(f"- {what}: {cell(label(key, row))}{detail}")
    if len(items) > SHOWN:
        lines.append(f"- … and {len(items) - SHOWN} more")
    return [*lines, ""]


def _renamed(after: Table | None, old: dict, new: dict, added: list, removed: list) -> list[tuple[tuple, tuple]]:
    """Rows whose key (of several columns) was changed in place, as the import says "renamed": an added and a
    removed row at the same place in the file sharing a key cell, or else the one removed row with the same other
    cells whose key differs in one cell."""
    if after is None or len(row_key(after.descriptor)) < 2:
        return []
    old_at, new_at = {k: i for i, k in enumerate(old)}, {k: i for i, k in enumerate(new)}
    pairs: list[tuple[tuple, tuple]] = []
    for key in added:
        free = [k for k in removed if k not in {a for a, _ in pairs}]
        match = [k for k in free if old_at[k] == new_at[key] and any(a == b for a, b in zip(k, key, strict=True))]
        if not match:
            others = [c for c in new[key] if c not in row_key(after.descriptor)]
            match = [
                k
                for k in free
                if sum(a != b for a, b in zip(k, key, strict=True)) == 1
                and all(old[k].get(c, "") == new[key].get(c, "") for c in others)
            ]
        if len(match) == 1:
            pairs.append((match[0], key))
    return pairs


def decision_changes(before: RawPackage, after: RawPackage) -> list[str]:
    def by_reference(raw: RawPackage) -> dict[str, tuple[str, str, str]]:
        return {
            str(d.meta.get("reference")): (str(d.meta.get("title", "")), repr(d.meta), d.body) for d in raw.decisions
        }

    old, new = by_reference(before), by_reference(after)
    items = [("Added", r, new[r][0]) for r in sorted(new.keys() - old.keys())]
    items += [("Removed", r, old[r][0]) for r in sorted(old.keys() - new.keys())]
    items += [("Changed", r, new[r][0]) for r in sorted(new.keys() & old.keys()) if new[r] != old[r]]
    if not items:
        return []
    lines = ["#### Decisions", ""]
    lines += [f"- {what}: {cell(reference)}: {cell(title)}" for what, reference, title in items[:SHOWN]]
    if len(items) > SHOWN:
        lines.append(f"- … and {len(items) - SHOWN} more")
    return [*lines, ""]


def page_changes(before: Site | None, after: Site | None) -> list[str]:
    if before is None or after is None:
        return []
    old = {p.url: p.title for p in all_pages(before)}
    new = {p.url: p.title for p in all_pages(after)}
    lines = []
    for what, urls, titles in (("added", new.keys() - old.keys(), new), ("removed", old.keys() - new.keys(), old)):
        if urls:
            lines += [f"**{len(urls)} page{'s' if len(urls) != 1 else ''} {what}:**", ""]
            lines += [f"- `/{url}` {cell(titles[url])}" for url in sorted(urls)[:SHOWN]]
            lines += [f"- … and {len(urls) - SHOWN} more"] if len(urls) > SHOWN else []
            lines.append("")
    return lines or ["No pages are added or removed.", ""]


def compliance_changes(before: Site | None, after: Site | None) -> list[str]:
    if before is None or after is None:
        return []
    old = {r.duty.id: r for r in assess(before, register_for(before))}
    new = assess(after, register_for(after))
    moved = [(old[r.duty.id].label, r) for r in new if r.duty.id in old and old[r.duty.id].label != r.label]
    if not moved:
        return ["No compliance status changes.", ""]
    return [f"- {cell(r.duty.title)} ({cell(r.duty.para)}): {was} → **{r.label}**" for was, r in moved] + [""]


def warnings(before: Side, after: Side) -> list[str]:
    found = []
    if after.problems:
        count = len(after.problems)
        found.append(
            f"The changed data has {count} problem{'s' if count != 1 else ''}: "
            f"it cannot be published until {'it is' if count == 1 else 'they are'} fixed (see the validation step)."
        )
        found += [f"  - {cell(p)}" for p in after.problems[:10]]
    found += [cell(p) for p in after.cautions]
    if before.problems:
        found.append("The base version has problems of its own, so figures and pages are not compared.")
    removed = sum(1 for name in before.raw.tables if name not in after.raw.tables and before.raw.tables[name].rows)
    if removed:
        found.append(f"{removed} dataset file{'s are' if removed != 1 else ' is'} deleted.")
    return [f"- {w}" if not w.startswith("  ") else w for w in found]


def report(ref: str, before: Side, after: Side) -> str:
    lines = [f"## What this change publishes (compared with {cell(ref)})", ""]
    found = warnings(before, after)
    if found:
        lines += ["### Warnings", "", *found, ""]
    data = []
    for name in sorted(set(before.raw.tables) | set(after.raw.tables)):
        data += table_changes(before.raw.tables.get(name), after.raw.tables.get(name))
    data += decision_changes(before.raw, after.raw)
    lines += ["### Rows", "", *(data or ["No rows are added, changed or removed.", ""])]
    if before.site and after.site:
        lines += ["### Headline figures", "", *headline.changes(before.site, after.site)]
        lines += ["### Pages", "", *page_changes(before.site, after.site)]
        lines += ["### Compliance", "", *compliance_changes(before.site, after.site)]
    return "\n".join(lines).rstrip() + "\n"
