"""`transparency import`: check a filled-in spreadsheet like the build does, then write the canonical CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .checks import crossrefs, tables
from .load import Table, load_package
from .problems import InputError, Problem
from .spreadsheets import read_rows


@dataclass
class ImportSummary:
    resource: str
    written: Path
    added: int
    changed: int
    removed: int

    def __str__(self) -> str:
        return f"Wrote {self.written}: {self.added} rows added, {self.changed} changed, {self.removed} removed."


def infer_resource(descriptor: dict, path: Path, header: list[str]) -> str | None:
    """The resource whose file name matches, else the one whose columns best match the sheet's headings."""
    resources = descriptor.get("resources", [])
    for resource in resources:
        if path.stem.lower() == resource["name"]:
            return resource["name"]
    scored = [(len(set(header) & {f["name"] for f in r["schema"]["fields"]}), r["name"]) for r in resources]
    best = max(scored, default=(0, None))
    return best[1] if best[0] >= 2 else None


def import_file(root: Path, path: Path, resource_name: str | None, today: dt.date) -> ImportSummary:
    raw = load_package(root / "data", root / "content")
    if raw.problems:
        raise InputError(raw.problems)
    if not path.exists():
        raise InputError([Problem(str(path), None, None, "the file does not exist")])
    resources = {r["name"]: r for r in raw.descriptor.get("resources", [])}
    first_fields = resources[resource_name]["schema"]["fields"] if resource_name in resources else []
    label, header, rows, problems = read_rows(path, first_fields)
    name = resource_name or infer_resource(raw.descriptor, path, header)
    if name not in resources:
        known = ", ".join(sorted(resources))
        raise InputError(
            [Problem(label, None, None, "cannot tell which dataset this is", f"add --resource with one of: {known}")]
        )
    if resource_name is None:
        label, header, rows, problems = read_rows(path, resources[name]["schema"]["fields"])
    table = Table(name, label, resources[name], header, rows)
    previous = raw.tables.get(name)
    problems += tables.check(table)
    if not problems:
        raw.tables[name] = table
        problems += [p for p in crossrefs.check(raw) if p.file == label]
    if problems:
        raise InputError(problems)
    target = root / "data" / resources[name].get("path", f"{name}.csv")
    target.write_text(canonical_csv(header, rows), encoding="utf-8")
    set_last_updated(root / "data" / "datapackage.yaml", name, today)
    added, changed, removed = compare(previous, table)
    return ImportSummary(name, target, added, changed, removed)


def canonical_csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row.get(c, "") for c in header] for row in rows)
    return out.getvalue()


def compare(old: Table | None, new: Table) -> tuple[int, int, int]:
    key = new.descriptor["schema"].get("primaryKey")

    def identify(table: Table) -> dict:
        records = {}
        for index, row in enumerate(table.rows):
            values = tuple(row.get(c, "") for c in table.header)
            records[tuple(row.get(k, "") for k in key) if key else (values, index)] = values
        return records

    before, after = (identify(old) if old else {}), identify(new)
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    changed = sum(1 for k in after.keys() & before.keys() if after[k] != before[k])
    return added, changed, removed


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
    descriptor_path.write_text(text[: block.start(1)] + body + text[block.end(1) :], encoding="utf-8")
