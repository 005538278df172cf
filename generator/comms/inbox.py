"""`transparency inbox`: import every spreadsheet (or Find a Tender OCDS file) in inbox/, all or nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import InputError, Problem
from ..data.load import load_package
from ..sheets.sheet_reader import SAVE_AS, read_rows, sniff
from . import importer
from .ocds_import import import_ocds
from .ocds_reader import looks_like_json

FOLDER = "inbox"
KEEP = {"readme.md"}  # the folder's own files, never imported
WORKBOOKS = (".xlsx", ".xlsm", ".ods")
OCDS = "contracts and tenders (OCDS)"  # an upload's "resource" when it is a Find a Tender JSON file


@dataclass
class Upload:
    path: Path
    shown: str  # e.g. inbox/grants.xlsx
    resource: str
    note: str = ""  # e.g. named like grants but its headings are those of contracts


def uploads(root: Path) -> list[Path]:
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.name.lower() not in KEEP and not p.name.startswith(".")
    )


def identify(root: Path, paths: list[Path], descriptor: dict) -> tuple[list[Upload], list[Problem]]:
    """The dataset each upload is for, from its name or its column headings; problems for anything else."""
    found, problems = [], []
    names = sorted(r["name"] for r in descriptor.get("resources", []))
    for path in paths:
        shown = f"{FOLDER}/{path.name}"
        if path.suffix.lower() not in WORKBOOKS and looks_like_json(path):
            found.append(Upload(path, shown, OCDS))  # merged by ocid, so several may come together
            continue
        if path.suffix.lower() in WORKBOOKS and sniff(path) == "csv":
            problems.append(
                Problem(shown, None, None, "is named like a workbook but is not one (it holds plain text)", SAVE_AS)
            )
            continue
        _, header, _, unreadable = read_rows(path, [])
        if unreadable and not header:  # not a spreadsheet, or one that cannot be opened: the reader says which
            problems += [Problem(shown, None, None, p.message, p.hint) for p in unreadable]
            continue
        resource, note = importer.recognise(descriptor, path, header)
        if resource is None:
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    "is not for any dataset this site publishes: its file name and column headings match none",
                    "start from the dataset's template (keep row 1's headings), or name the file after the dataset: "
                    + ", ".join(names),
                )
            )
            continue
        found.append(Upload(path, shown, resource, note))
    by_resource: dict[str, list[str]] = {}
    for upload in found:
        if upload.resource != OCDS:
            by_resource.setdefault(upload.resource, []).append(upload.shown)
    for resource, files in by_resource.items():
        if len(files) > 1:
            problems.append(
                Problem(
                    files[-1],
                    None,
                    None,
                    f"is a second upload for the {resource} dataset (with {', '.join(files[:-1])})",
                    "upload one file per dataset: delete one of them from the pull request",
                )
            )
    return found, problems


def import_inbox(root: Path, today: dt.date, write: bool = True) -> list[tuple[str, list[str]]]:
    """Check every upload as `transparency import` would; write the data and remove the uploads only if all pass."""
    paths = uploads(root)
    if not paths:
        return []
    raw = load_package(root / "data", root / "content")
    if raw.problems:
        raise InputError(raw.problems)
    found, problems = identify(root, paths, raw.descriptor)
    if problems:
        raise InputError(problems)
    order = [r["name"] for r in raw.descriptor["resources"]]  # organisations before the grants that name them
    order.append(OCDS)  # a platform file adds to the register after any spreadsheet of it
    found.sort(key=lambda u: (order.index(u.resource), u.shown))
    summaries = []
    with tempfile.TemporaryDirectory(prefix="transparency-inbox-") as scratch:
        trial = Path(scratch)
        shutil.copytree(root / "data", trial / "data")
        if (root / "content").is_dir():
            shutil.copytree(root / "content", trial / "content")
        for upload in found:
            try:
                if upload.resource == OCDS:
                    summary = import_ocds(trial, upload.path, today)
                else:
                    summary = importer.import_file(trial, upload.path, upload.resource, today)
            except InputError as error:
                problems += [_from_upload(p, upload) for p in error.problems]
                if upload.note:  # the problems are about the dataset its headings match: say which
                    problems.append(Problem(upload.shown, None, None, _headings_note(upload), warning=True))
                continue
            lines = [line.replace(str(trial) + "/", "") for line in str(summary).splitlines()]
            if upload.note:
                lines.insert(1, upload.note)
            if not write:
                lines = [line.replace("Wrote ", "Would write ", 1) for line in lines]
            summaries.append((upload.shown, lines))
        if problems:
            raise InputError(problems)
        if write:
            for name in sorted(p.name for p in (trial / "data").iterdir()):
                if (trial / "data" / name).read_bytes() != _bytes(root / "data" / name):
                    shutil.copy2(trial / "data" / name, root / "data" / name)
            for upload in found:
                upload.path.unlink()
    return summaries


def _headings_note(upload: Upload) -> str:
    """ "has the contracts headings; read as contracts, not grants" (the note without the file's name)."""
    return upload.note.removeprefix(f"{upload.path.name} ").split(": ", 1)[0]


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _from_upload(problem: Problem, upload: Upload) -> Problem:
    """The importer names the sheet it read (e.g. "grants.xlsx (sheet data)"); say where the upload is."""
    file = problem.file
    if file.startswith(upload.path.name):
        file = f"{FOLDER}/{file}"
    return Problem(file, problem.row, problem.column, problem.message, problem.hint)
