"""The preview's site while the data has problems: built without the rows, records and files that have them.

`make serve` shows every page with the problems listed on it, so a person sees both what is wrong and the
rest of the site as it stands; a record left out keeps its page, saying what is wrong with it (the site's
`held_back`, pages/held_back.py). Publishing never uses this: a build with any problem stops.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ..core.problems import Problem
from ..data.checks import check_all
from ..data.load import RawPackage, load_package
from ..model.held_back import HeldBack
from ..model.records import Site, build_site

ROUNDS = 5  # leaving a row out can orphan rows that refer to it; those go in the next round


def site_without_problems(data_dir: Path, docs_dir: Path, today: dt.date) -> Site | None:
    """The site model with every problem left out, or None when a problem cannot be (e.g. in profile.yaml)."""
    raw = load_package(data_dir, docs_dir)
    raw = dataclasses.replace(raw, tables=dict(raw.tables), decisions=list(raw.decisions), problems=list(raw.problems))
    held: dict[tuple[str, str], HeldBack] = {}
    for attempt in range(ROUNDS):
        problems = [p for p in check_all(raw) if not p.warning]
        if not problems:
            try:
                site = build_site(raw, today)
            except Exception:  # noqa: BLE001 - a preview aid only; the problems themselves are still shown
                return None
            site.held_back = list(held.values())
            return site
        _hold_back(raw, problems, held, knock_on=attempt > 0)
        if not _leave_out(raw, problems):
            return None
    return None


def _leave_out(raw: RawPackage, problems: list[Problem]) -> bool:
    """Drop what each problem names; False when one names something that cannot be dropped."""
    tables = {table.file: name for name, table in raw.tables.items()}
    rows: dict[str, set[str]] = {}
    whole: set[str] = set()
    for problem in problems:
        if problem.file in tables and problem.row not in (None, 1):
            rows.setdefault(problem.file, set()).add(str(problem.row))
        elif problem.file in tables:
            whole.add(problem.file)  # a heading is wrong: treat the file as not published yet
        elif problem.file.startswith("data/") and problem.file.endswith(".csv"):
            # It cannot be read at all (not UTF-8, not CSV): leaving it out would show every page that uses it
            # as if it were never published, so the preview keeps the site as it was, and says why.
            return False
        elif problem.file.startswith("content/decisions/"):
            whole.add(problem.file)
        else:
            return False
    # Problems found while reading (e.g. a row with more cells than headings) go with what they name.
    raw.problems = [p for p in raw.problems if p.file not in whole and str(p.row) not in rows.get(p.file, ())]
    raw.decisions = [d for d in raw.decisions if d.file not in whole]
    for file, name in tables.items():
        table = raw.tables[name]
        if file in whole:
            del raw.tables[name]
        elif file in rows:
            # A copy: the loaded table is remembered between preview rebuilds and must stay as read.
            kept = [r for r in table.rows if r["__row__"] not in rows[file]]
            if kept:
                raw.tables[name] = dataclasses.replace(table, rows=kept, signature=None)
            else:
                del raw.tables[name]  # every row has a problem: shown as not published yet
    return True


def _hold_back(raw: RawPackage, problems: list[Problem], held: dict[tuple[str, str], HeldBack], knock_on: bool) -> None:
    """Keep each row (or decision's file) about to be left out, as it reads now, with the problems naming it."""
    tables = {table.file: table for table in raw.tables.values()}
    decisions = {decision.file: decision for decision in raw.decisions}
    for problem in problems:
        table = tables.get(problem.file)
        if table is not None and problem.row not in (None, 1):
            place = (problem.file, str(problem.row))
            if place not in held:
                cells = next((r for r in table.rows if r["__row__"] == str(problem.row)), {})
                cells = {c: v for c, v in cells.items() if c != "__row__"}
                line = table.misshapen.get(str(problem.row), [])
                held[place] = HeldBack(table.name, problem.file, problem.row, cells, [], line, table.header, knock_on)
        elif problem.file.startswith("content/decisions/"):
            place = (problem.file, "")
            if place not in held:
                decision = decisions.get(problem.file)
                meta = {str(k): _text(v) for k, v in decision.meta.items()} if decision else {}
                held[place] = HeldBack("decisions", problem.file, None, meta, knock_on=knock_on)
        else:
            continue
        held[place].problems.append(problem)


def _text(value: object) -> str:
    """A front matter value as a person typed it, near enough: lists joined, dates as written."""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return "" if value is None else str(value)
