"""Read data/ and content/decisions/ into raw text records: the only code that opens data files."""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.memo import remember, signature
from ..core.problems import Problem
from . import welsh, withdrawal

DUTY_CHANGES = "duties.yaml"  # the office's own changes to the statutory duties register
MAX_CELL = 100_000  # characters; a bigger cell is almost always a paste gone wrong

# libyaml's safe loader when PyYAML has it: the same rules, several times faster over thousands of records.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Table:
    """One CSV resource as text: the header and each row keyed by column."""

    name: str
    file: str  # as shown to people, e.g. data/grants.csv
    descriptor: dict
    header: list[str]
    rows: list[dict[str, str]]
    signature: tuple | None = None  # what the file was read from, so work on it can be reused in preview
    misshapen: dict[str, list[str]] = field(default_factory=dict)  # rows with more cells than headings, as read


@dataclass
class RawDecision:
    file: str
    meta: dict
    body: str
    signature: tuple | None = None  # what the file was read from (memo.signature), so a preview can tell it changed


@dataclass
class RawPackage:
    profile: dict
    descriptor: dict
    tables: dict[str, Table]
    decisions: list[RawDecision]
    problems: list[Problem] = field(default_factory=list)
    content_meta: dict[str, dict] = field(default_factory=dict)  # front matter of each hand-written page
    duty_changes: dict = field(default_factory=dict)  # data/duties.yaml (optional): changes to the duties register
    # Welsh versions: of each decision record (content/decisions/FILE.cy.md, keyed by the English record's file)
    # and the names of the hand-written pages that have one (content/NAME.cy.md)
    welsh_decisions: dict[str, RawDecision] = field(default_factory=dict)
    welsh_pages: set[str] = field(default_factory=set)


def load_package(data_dir: Path, content_dir: Path) -> RawPackage:
    """Read everything once; problems are collected, never raised, so all are reported together."""
    problems: list[Problem] = []
    profile = read_yaml(data_dir / "profile.yaml", "data/profile.yaml", problems, required=True)
    descriptor = read_yaml(data_dir / "datapackage.yaml", "data/datapackage.yaml", problems, required=True)
    withdrawal.declare(descriptor)  # the optional withdrawn and withdrawn_reason columns of every dataset
    welsh.declare(descriptor, profile or {})  # in a site in Welsh, the Welsh column beside each text column
    tables = {}
    for resource in descriptor.get("resources", []) if isinstance(descriptor, dict) else []:
        table = read_table(data_dir, resource, problems)
        if table is not None:
            tables[table.name] = table
    every = read_decisions(content_dir / "decisions", problems)
    decisions = [d for d in every if not d.file.endswith(WELSH_SUFFIX)]
    translated = {d.file.removesuffix(WELSH_SUFFIX) + ".md": d for d in every if d.file.endswith(WELSH_SUFFIX)}
    content_meta = read_content_meta(content_dir, problems)
    changes = read_yaml(data_dir / DUTY_CHANGES, f"data/{DUTY_CHANGES}", problems, required=False) or {}
    package = RawPackage(
        profile or {}, descriptor or {}, tables, decisions, problems, content_meta, changes, translated
    )
    package.welsh_pages = {p.name.removesuffix(WELSH_SUFFIX) + ".md" for p in content_dir.glob("*" + WELSH_SUFFIX)}
    return package


WELSH_SUFFIX = ".cy.md"  # content/NAME.cy.md: the Welsh version of content/NAME.md


def read_content_meta(content_dir: Path, problems: list[Problem]) -> dict[str, dict]:
    """Front matter of the hand-written pages at the top of content/ (the compliance page reads their dates)."""
    pages = {}
    for path in sorted(content_dir.glob("*.md")) if content_dir.is_dir() else []:
        if path.name.endswith(WELSH_SUFFIX):
            continue
        text = decode(path.read_bytes(), f"content/{path.name}", problems)
        if text is None:
            continue
        meta, _ = split_front_matter(text, f"content/{path.name}", []) if text.startswith("---") else ({}, text)
        pages[path.name] = meta or {}
    return pages


def read_yaml(path: Path, shown: str, problems: list[Problem], required: bool) -> dict | None:
    if not path.exists():
        if required:
            problems.append(Problem(shown, None, None, "the file is missing", "it is required"))
        return None
    # A preview reads the same file again after every edit: it keeps what a file gave until the file changes
    # (datapackage.yaml takes several milliseconds to parse), and gives each reader its own copy to change.
    value, found = remember("yaml", str(path), signature(path), lambda: _read_yaml(path, shown))
    problems += found
    return pickle.loads(value) if value is not None else None


def _read_yaml(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The file's mapping (pickled) and its problems."""
    problems: list[Problem] = []
    value = _parsed_yaml(path, shown, problems)
    return (pickle.dumps(value) if value is not None else None), problems


def _parsed_yaml(path: Path, shown: str, problems: list[Problem]) -> dict | None:
    text = decode(path.read_bytes(), shown, problems)
    if text is None:
        return None
    try:
        value = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        problems.append(Problem(shown, None, None, f"is not valid YAML{line}", "check the indentation and the colons"))
        return None
    if not isinstance(value, dict):
        problems.append(Problem(shown, None, None, "should be a list of key: value lines"))
        return None
    return value


def decode(raw: bytes, shown: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown,
                line,
                None,
                "is not saved as UTF-8 text",
                "save it again choosing 'CSV UTF-8' (or use `transparency import`)",
            )
        )
        return None


def read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> Table | None:
    """A missing file means 'not published yet'; an unreadable one is a problem."""
    name = str(resource.get("name", ""))
    relative = str(resource.get("path", f"{name}.csv"))
    path = data_dir / relative
    shown = f"data/{relative}"
    if not path.exists():
        return None
    key = (signature(path), json.dumps(resource, sort_keys=True, default=str))
    table, found = remember("table", shown, key, lambda: _read_table(path, shown, name, resource))
    problems.extend(found)
    if table is not None:
        table.signature = key
    return table


def _read_table(path: Path, shown: str, name: str, resource: dict) -> tuple[Table | None, list[Problem]]:
    problems: list[Problem] = []
    table = _parse_table(path, shown, name, resource, problems)
    return table, problems


def _parse_table(path: Path, shown: str, name: str, resource: dict, problems: list[Problem]) -> Table | None:
    text = decode(path.read_bytes(), shown, problems)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(shown, None, None, "is empty", "it needs at least the row of column headings"))
        return None
    csv.field_size_limit(max(MAX_CELL * 10, csv.field_size_limit()))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        cells = list(reader)
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num, None, f"cannot be read as CSV ({error})"))
        return None
    rows = []
    misshapen: dict[str, list[str]] = {}
    width = len(header)
    for number, row in enumerate(cells, start=2):
        if not "".join(row).strip():  # blank: no cell has anything but spaces
            continue
        if len(row) > width:
            problems.append(
                Problem(
                    shown,
                    number,
                    None,
                    f"has {len(row)} cells but there "
                    + ("is 1 column heading" if len(header) == 1 else f"are {len(header)} column headings"),
                    "a comma inside a value splits it in two: put a value that has a comma in double quotes, and "
                    "write amounts as plain numbers (1000, not £1,000); otherwise remove the extra cells or add a "
                    "heading",
                )
            )
            misshapen[str(number)] = row
            continue  # its cells are out of place: checking them column by column would only mislead
        if len(row) < width:
            row = row + [""] * (width - len(row))
        record = dict(zip(header, row, strict=True))
        for column, value in record.items() if max(map(len, row), default=0) > MAX_CELL else ():
            if len(value) > MAX_CELL:
                problems.append(
                    Problem(
                        shown,
                        number,
                        column,
                        f"the cell is {len(value):,} characters long",
                        f"keep it under {MAX_CELL:,}",
                    )
                )
                record[column] = value[:MAX_CELL]
        record["__row__"] = str(number)
        rows.append(record)
    return Table(name, shown, resource, header, rows, misshapen=misshapen)


def read_decisions(folder: Path, problems: list[Problem]) -> list[RawDecision]:
    decisions = []
    if not folder.is_dir():
        return decisions
    # Listed with os.scandir, each name as the glob "*.md" would match it and in the order sorted Paths would be
    # in (names compared as the system does), each file's signature (memo.signature) from its entry: making and
    # sorting 2,000 Path objects cost a preview rebuild 10 ms.
    with os.scandir(folder) as listed:
        files = sorted(
            (e for e in listed if os.path.normcase(e.name).endswith(".md")), key=lambda e: os.path.normcase(e.name)
        )
    for entry in files:
        status = entry.stat()
        shown, read = f"content/decisions/{entry.name}", (entry.path, status.st_size, status.st_mtime_ns)
        decision, found = remember(
            "decision", shown, read, lambda e=entry, s=shown, r=read: _read_decision(Path(e.path), s, r)
        )
        problems.extend(found)
        if decision is not None:
            decisions.append(decision)
    return decisions


def _read_decision(path: Path, shown: str, read: tuple | None = None) -> tuple[RawDecision | None, list[Problem]]:
    problems: list[Problem] = []
    text = decode(path.read_bytes(), shown, problems)
    if text is None:
        return None, problems
    meta, body = split_front_matter(text, shown, problems)
    return (RawDecision(shown, meta, body, read) if meta is not None else None), problems


def split_front_matter(text: str, shown: str, problems: list[Problem]) -> tuple[dict | None, str]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(shown, 1, None, "has no front matter", "start the file with a line of three dashes ---")
        )
        return None, text
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if end is None:
        problems.append(
            Problem(shown, 1, None, "the front matter is not closed", "add a line of three dashes --- after it")
        )
        return None, text
    try:
        meta = yaml.load("".join(lines[1:end]), Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problems.append(
            Problem(
                shown, None, None, f"the front matter is not valid YAML{line}", "check the indentation and the colons"
            )
        )
        return None, text
    if not isinstance(meta, dict):
        problems.append(Problem(shown, 2, None, "the front matter should be key: value lines"))
        return None, text
    return meta, "".join(lines[end + 1 :])
