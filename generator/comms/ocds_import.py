"""`transparency import FILE.json`: add or update contracts and tenders by ocid from an OCDS package.

The same safe path as a spreadsheet: merged with the published rows, the whole data package checked, nothing
written unless every check passes, then each changed file written whole and summarised.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.problems import InputError, Problem
from ..data.checks import check_all
from ..data.load import Table, load_package
from .import_summary import describe
from .importer import ImportSummary, _trace, set_last_updated, write
from .merging import merge
from .ocds_reader import CONTRACT_COLUMNS, TENDER_COLUMNS, contract_rows, read_releases, tender_rows


def import_ocds(root: Path, path: Path, today: dt.date, dry_run: bool = False) -> ImportSummary:
    raw = load_package(root / "data", root / "content")
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "the file does not exist", "check the name and the folder")])
    releases = read_releases(path)
    resources = {r["name"]: r for r in raw.descriptor.get("resources", []) if isinstance(r, dict) and "name" in r}
    planned = [
        ("contracts", CONTRACT_COLUMNS, contract_rows),
        ("tenders", TENDER_COLUMNS, tender_rows),
    ]
    merged, problems = [], []
    for name, columns, rows_of in planned:
        if name not in resources:
            continue
        previous = raw.tables.get(name)
        rows = rows_of(releases, previous.rows if previous else [])
        if not rows:
            continue
        resource = resources[name]
        target = f"data/{resource.get('path', f'{name}.csv')}"
        if previous is None and any(p.file == target for p in raw.problems):
            problems.append(Problem(target, None, None, "cannot be read, so the file cannot be merged into it"))
        label = f"{path.name} ({name})"
        result = merge(previous, Table(name, label, resource, list(columns), rows), replace=False)
        raw.problems = [p for p in raw.problems if p.file != target]
        raw.tables[name] = Table(name, label, resource, result.header, result.rows)
        merged.append((name, resource, result, previous, target, label))
    if not merged:
        raise InputError(
            [Problem(path.name, None, None, "holds no contracts or invitations to tender", "check it is your notice")]
        )
    found = check_all(raw)
    for _, _, _, _, target, label in merged:
        found = [_trace(p, label, target) for p in found]
    problems += found
    if any(not p.warning for p in problems):
        raise InputError([p for p in problems if not p.warning])
    lines: list[str] = []
    for _, resource, result, previous, _, label in merged:
        result.kept = []  # the file holds only some of the register: the rest stays, said once below
        lines += describe(resource, result, previous.rows if previous else [], False, label)
    lines.append("Contracts and tenders that are not in the file are kept as they are.")
    lines += [f"  - {p}" for p in problems]
    changed = [m for m in merged if not (m[2].unchanged and m[3] is not None)]
    if not changed:
        lines.append("Nothing changed: the register already holds what this file says, so nothing was written.")
        return ImportSummary("contracts", None, lines, changed=False)
    if dry_run:
        lines.append("Checked only (--dry-run): nothing was written.")
        return ImportSummary("contracts", None, lines)
    for name, _, result, _, target, _ in changed:
        write(root / target, result)
        set_last_updated(root / "data" / "datapackage.yaml", name, today)
        lines.append(f"Wrote {target} and set its last update to {today.isoformat()}.")
    return ImportSummary("contracts", root / changed[0][4], lines)
