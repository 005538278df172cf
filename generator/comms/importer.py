"""`transparency import`: check a filled-in spreadsheet with the published data, then write the canonical CSV.

Nothing is written unless the whole data package, with the sheet merged in, has no problem at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.problems import InputError, Problem
from ..data import withdrawal
from ..data.checks import check_all, tables
from ..data.load import Table, load_package
from ..data.rowkeys import key_of, row_key
from ..sheets import base_sheet
from ..sheets.sheet_reader import read_rows
from ..sheets.sheet_values import undo_display_values
from .identifiers import settle
from .import_summary import describe, row_label
from .merging import Merge, merge, original_row
from .rebase import rebase


@dataclass
class ImportSummary:
    resource: str
    written: Path | None
    lines: list[str] = field(default_factory=list)
    changed: bool = True  # False when the data already holds exactly the sheet's rows

    def __str__(self) -> str:
        return "\n".join(self.lines)


# The downloads made for readers, e.g. grants-360giving.xlsx (spreadsheets to edit end in -to-edit).
OPEN_DATA_DOWNLOAD = re.compile(r"-360giving(\s*\(\d+\))?$", re.IGNORECASE)


def infer_resource(descriptor: dict, path: Path, header: list[str]) -> str | None:
    return recognise(descriptor, path, header)[0]


def recognise(descriptor: dict, path: Path, header: list[str]) -> tuple[str | None, str]:
    """The dataset the sheet's headings match best (the file's name only breaks a tie), and a note when the
    name suggested another dataset, e.g. a contracts sheet saved as grants.xlsx."""
    resources = descriptor.get("resources", [])
    scored = {r["name"]: len(set(header) & {f["name"] for f in r["schema"]["fields"]}) for r in resources}
    named = next((r["name"] for r in resources if path.stem.lower() == r["name"]), None)
    best = max(scored.items(), key=lambda item: (item[1], item[0] == named), default=(None, 0))
    if named is not None and (not header or scored[named] >= best[1]):
        return named, ""
    if best[1] < 2:
        return named, ""  # the headings say nothing better: the name decides, and the checks list what is missing
    if named is not None:
        return best[0], (
            f"{path.name} has the {best[0]} headings; read as {best[0]}, not {named}: its name does not decide."
        )
    return best[0], ""


def import_file(
    root: Path, path: Path, resource_name: str | None, today: dt.date, replace: bool = False, dry_run: bool = False
) -> ImportSummary:
    raw = load_package(root / "data", root / "content")
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "the file does not exist", "check the name and the folder")])
    if OPEN_DATA_DOWNLOAD.search(path.stem):
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "this is one of the site's open data downloads (360Giving, CSV or JSON for readers), "
                    "not a spreadsheet to edit, so its columns are not the ones an import reads",
                    "on the site, open Open data, then the dataset, and use Download the spreadsheet to edit; "
                    "make your changes in that one",
                )
            ]
        )
    resources = {r["name"]: r for r in raw.descriptor.get("resources", []) if isinstance(r, dict) and "name" in r}
    first_fields = resources[resource_name]["schema"]["fields"] if resource_name in resources else []
    label, header, rows, problems = read_rows(path, first_fields)
    if problems and not header:
        raise InputError(problems)  # the file itself cannot be read: nothing else is worth saying
    name, recognised = (resource_name, "") if resource_name else recognise(raw.descriptor, path, header)
    if name not in resources:
        known = ", ".join(sorted(resources))
        raise InputError(
            problems
            + [Problem(label, None, None, "cannot tell which dataset this is", f"add --resource with one of: {known}")]
        )
    if resource_name is None and rows:
        label, header, rows, problems = read_rows(path, resources[name]["schema"]["fields"])
    resource = resources[name]
    target_shown = f"data/{resource.get('path', f'{name}.csv')}"
    previous = raw.tables.get(name)
    header, rows = withdrawal_column(header, rows, previous, replace)
    if previous is None and not replace and any(p.file == target_shown for p in raw.problems):
        problems.append(
            Problem(
                target_shown,
                None,
                None,
                "cannot be read, so the sheet cannot be merged into it",
                f"fix {target_shown} first (on GitHub, open it and use the pencil icon; the data check names the "
                "row and column); with the commands, import the sheet with --replace to write it in its place",
            )
        )
    base, why_not = base_sheet.read(path)
    rows = undo_display_values(raw, resource, rows, previous)
    rebased = rebase(resource, previous, rows, header, base, why_not, replace, label)
    problems += rebased.conflicts
    made_from = (
        {key_of(r, row_key(resource)) for r in base.rows} | rebased.followed if base and rebased.checked else None
    )
    numbered = not any(name in _pointed_at(r) for r in resources.values())
    settled = settle(resource, previous, rebased.rows, made_from, numbered, label)
    problems += settled.problems
    sheet = Table(name, label, resource, header, settled.rows)
    result = merge(previous, sheet, replace, rebased.renamed)
    stamp_last_modified(resource, result, today)
    withdrawn = withdrawal.stamp(result.header, result.added + result.changed, today)
    problems += tables.check_header(sheet)
    raw.problems = [p for p in raw.problems if p.file != target_shown]
    raw.tables[name] = Table(name, label, resource, result.header, result.rows)
    problems += [_trace(p, label, target_shown) for p in check_all(raw)]
    if any(not p.warning for p in problems):
        # The problems are about the dataset its headings match: say which, as the summary would have.
        read_as = [
            Problem(path.name, None, None, recognised.removeprefix(f"{path.name} ").split(": ")[0], warning=True)
        ]
        raise InputError([p for p in problems if not p.warning] + (read_as if recognised else []))
    lines = describe(resource, result, previous.rows if previous else [], replace, label, rebased.checked)
    lines[1:1] = ([recognised] if recognised else []) + rebased.notes + settled.notes
    lines += new_withdrawal_columns(previous, result.header, target_shown)
    if withdrawn:
        lines.append(
            f"Withdrawn, {len(withdrawn):,} row{'s' if len(withdrawn) > 1 else ''} (they leave lists, totals and files):"
        )
        lines += [f"  - {row_label(resource, row)}: {row[withdrawal.REASON].strip()}" for row in withdrawn]
    lines += [f"  - {p}" for p in problems]  # warnings only: worth a look, but they do not stop the import
    target = root / target_shown
    if result.unchanged and previous is not None:
        lines.append(f"Nothing changed: {target_shown} already holds these rows, so nothing was written.")
        return ImportSummary(name, None, lines, changed=False)
    if dry_run:
        lines.append(f"Checked only (--dry-run): {target_shown} was not changed.")
        return ImportSummary(name, None, lines)
    write(target, result)
    set_last_updated(root / "data" / "datapackage.yaml", name, today)
    lines.append(f"Wrote {target_shown} and set its last update to {today.isoformat()}.")
    return ImportSummary(name, target, lines)


def withdrawal_column(
    header: list[str], rows: list[dict[str, str]], previous: Table | None, replace: bool = False
) -> tuple[list[str], list[dict[str, str]]]:
    """The sheet's Withdraw column as the data's withdrawn_reason; left out when empty and not in the data's rows
    yet (adding it would change every line), kept when the file is written whole or has no rows."""
    if withdrawal.SHEET_HEADING not in header:
        return header, rows
    heading, column = withdrawal.SHEET_HEADING, withdrawal.REASON
    # A file written whole, or with no rows yet, carries the columns at no cost: later withdrawals add none.
    used = replace or previous is None or not previous.rows or any(row.get(heading, "").strip() for row in rows)
    used = used or column in previous.header
    header = [column if h == heading else h for h in header if h != heading or used]
    moved = []
    for row in rows:
        row = dict(row)
        reason = row.pop(heading, "")
        if used:
            row[column] = reason
        moved.append(row)
    return header, moved


def new_withdrawal_columns(previous: Table | None, header: list[str], target_shown: str) -> list[str]:
    """Say so when a first withdrawal adds its columns: every line of the file changes that once."""
    added = [c for c in (withdrawal.DATE, withdrawal.REASON) if c in header and previous and c not in previous.header]
    if not added or not previous.rows:
        return []
    return [
        f"This is the first withdrawal in {target_shown}: its column{'s' if len(added) > 1 else ''} "
        f"{' and '.join(added)} {'were' if len(added) > 1 else 'was'} added, so every line of the file changes "
        "this once (later withdrawals change only their own row). Uploads in other open pull requests are "
        "imported again on top of it once it is merged."
    ]


def stamp_last_modified(resource: dict, result: Merge, today: dt.date) -> None:
    """A row changed by this import, or added without a date of its own, was last modified today (360Giving's
    dateModified follows)."""
    column = next(
        (
            f["name"]
            for f in resource["schema"]["fields"]
            if f["name"].replace(" ", "").replace("_", "").lower() == "lastmodified"
        ),
        None,
    )
    if column is None or column not in result.header:
        return
    value = f"{today.isoformat()}T00:00:00Z" if _is_datetime(resource, column) else today.isoformat()
    for row in result.changed:
        row[column] = value
    for row in result.added:
        row[column] = row.get(column, "").strip() or value  # a row restored from elsewhere keeps its own date


def _is_datetime(resource: dict, column: str) -> bool:
    return any(f["name"] == column and f.get("type") == "datetime" for f in resource["schema"]["fields"])


def _pointed_at(resource: dict) -> set[str]:
    """The datasets this one refers to (whose identifiers are therefore not a series to continue)."""
    return {str(k.get("reference", {}).get("resource")) for k in resource.get("schema", {}).get("foreignKeys", [])}


def _trace(problem: Problem, sheet_label: str, target_shown: str) -> Problem:
    """A problem on a row kept from the published file names that file and row, not the sheet."""
    if problem.file != sheet_label or problem.row is None:
        return problem
    kept, number = original_row({"__row__": str(problem.row)})
    if not kept:
        return problem
    return Problem(target_shown, number, problem.column, problem.message, problem.hint)


def write(target: Path, result: Merge) -> None:
    # Write beside the target, then rename, so an interrupted import never leaves half a file.
    temporary = target.with_name(f".{target.name}.importing")
    temporary.write_text(canonical_csv(result.header, result.rows), encoding="utf-8")
    temporary.replace(target)


def canonical_csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row.get(c, "") for c in header] for row in rows)
    return out.getvalue()


def set_last_updated(descriptor_path: Path, name: str, today: dt.date) -> None:
    """Record the import date on the resource, keeping the rest of the file (and its comments) as it is."""
    text = descriptor_path.read_text(encoding="utf-8")
    block = re.search(rf"(?m)^  - name: {re.escape(name)}\n((?:    .*\n|\n)*?)(?=^  - name: |\Z)", text)
    if block is None:
        return
    body = block.group(1)
    stamp = f'    last_updated: "{today.isoformat()}"\n'
    if re.search(r"(?m)^    last_updated: .*\n", body):
        body = re.sub(r"(?m)^    last_updated: .*\n", stamp, body, count=1)
    else:
        body = stamp + body
    updated = text[: block.start(1)] + body + text[block.end(1) :]
    if updated != text:
        descriptor_path.write_text(updated, encoding="utf-8")
