"""Identifiers never collide: a new row whose identifier was taken meanwhile, or left blank, gets the next free one.

Only for an office's own numbered identifiers (e.g. 360G-DEMOPCC-2026-007) that no other dataset points at;
elsewhere a new row whose key a different record took since the sheet was made is refused, naming both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.problems import Problem, quote
from ..data.load import Table
from ..data.rowkeys import key_of, row_key
from ..data.withdrawal import DATE as WITHDRAWN_DATE
from ..data.withdrawal import REASON, is_withdrawn
from .merging import normal

TITLE_COLUMNS = ("Title", "title", "name", "Name")


@dataclass
class Settled:
    rows: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def settle(
    resource: dict,
    current: Table | None,
    rows: list[dict[str, str]],
    made_from: set[tuple[str, ...]] | None,
    numbered: bool,
    label: str,
) -> Settled:
    """`made_from`: the keys published when the sheet was made (None: not recorded, so none can be told taken
    meanwhile). `numbered`: whether this dataset's identifiers are the office's own series to continue."""
    key = row_key(resource)
    published = {key_of(r, key): r for r in current.rows} if current and key else {}
    series = _series(key, list(published.values()) + rows) if numbered and len(key) == 1 else None
    result = Settled([])
    for row in rows:
        identity = key_of(row, key) if key else ()
        taken = made_from is not None and identity not in made_from and identity in published
        blank = len(key) == 1 and not identity[0]
        if taken and _same_record(published[identity], row):
            if is_withdrawn(published[identity]):
                result.notes.append(
                    f"Row {row['__row__']} is {record_name(published[identity], key)}, which is withdrawn: it was not "
                    "added again (to bring it back, follow the publishing guide's 'Bringing back a withdrawn row')."
                )
                continue
            # The person typed the identifier of a record added since the sheet was made (by an earlier upload to
            # this pull request, say): they said which record it is, so the cells they changed are applied to it.
            _change(result, resource, key, row, published[identity], "")
            continue
        moved = _added_since(published, made_from, row) if taken else None
        if moved is not None and not is_withdrawn(moved):
            # The typed identifier was given to another record since (imported again on a newer main, the record
            # it named was numbered anew): the change follows that record, found by its title.
            _change(result, resource, key, row, moved, f"{identity[0]} now belongs to another record; ")
            continue
        # A new row repeating a record added since the sheet was made (or withdrawn), whether its identifier was
        # left blank or typed: never add it twice.
        twin = _added_since(published, made_from, row) if blank or identity not in published else None
        if twin:
            result.problems.append(_twin_problem(label, row, key, twin, blank))
            continue
        if (blank or taken) and series is not None:
            given = series.take()
            if blank:
                result.notes.append(
                    f"Row {row['__row__']} had no {key[0]}, so it was given the next free one: {given}."
                )
            else:
                result.notes.append(
                    f"Row {row['__row__']}: {identity[0]} {_since(published[identity], key)}, so this new row was "
                    f"given the next free {key[0]}: {given}."
                )
            row = dict(row, **{key[0]: given})
        elif taken:
            result.problems.append(
                Problem(
                    label,
                    int(row["__row__"]),
                    key[0] if len(key) == 1 else None,
                    f"this new row has the same {' + '.join(key)} as {record_name(published[identity], key)}, which "
                    + (
                        "is withdrawn (a withdrawn record keeps its key)"
                        if is_withdrawn(published[identity])
                        else "was published after this sheet was made"
                    ),
                    "if it is the same record, delete this row; if not, change its "
                    + " or ".join(key)
                    + " so the two can be told apart",
                )
            )
            continue
        result.rows.append(row)
    return result


def _since(published: dict[str, str], key: list[str]) -> str:
    if is_withdrawn(published):
        return f"belongs to {record_name(published, key)}, which is withdrawn (its identifier is never given again)"
    return f"was taken by {record_name(published, key)} after this sheet was made"


def _twin_problem(label: str, row: dict[str, str], key: list[str], twin: dict[str, str], blank: bool) -> Problem:
    typed = f"no {key[0]}" if blank else f"the {key[0]} {row[key[0]].strip()}"
    if is_withdrawn(twin):
        return Problem(
            label,
            int(row["__row__"]),
            key[0],
            f"this new row has {typed}, and {record_name(twin, key)} with the same title is published already and was "
            f"withdrawn ({twin.get(REASON, '').strip()})",
            "if it is that record, delete this row (to bring a withdrawn record back, follow the publishing "
            "guide's 'Bringing back a withdrawn row'); if it is another, give it a title of its own",
        )
    return Problem(
        label,
        int(row["__row__"]),
        key[0],
        f"this new row has {typed}, and {record_name(twin, key)} with the same title was added after this sheet was "
        "made (by an earlier upload to this pull request, or by a colleague)",
        f"if it is that record, type {twin[key[0]]} in its {key[0]} cell (your changes are then made to it) or "
        "delete the row; if it is another, give it a title of its own. Or start again from a newer spreadsheet: "
        "the published site's (Open data, then the dataset), typing your changes again there; or, if an earlier "
        "upload to this pull request passed its check, the one in that check's built site (Details, then "
        "Artifacts, site), which has the new identifiers. A check that failed, like this one, attaches no site",
    )


class _Series:
    def __init__(self, stem: str, digits: int, highest: int) -> None:
        self.stem, self.digits, self.highest = stem, digits, highest

    def take(self) -> str:
        self.highest += 1
        return f"{self.stem}{self.highest:0{self.digits}d}"


def _series(key: list[str], rows: list[dict[str, str]]) -> _Series | None:
    """The office's numbered series, from the highest identifier written so far (published or in the sheet)."""
    values = sorted(v for v in (row.get(key[0], "").strip() for row in rows) if v and v[-1].isdigit())
    if not values:
        return None
    last = max(values, key=lambda v: (len(v), v))
    digits = len(last) - len(last.rstrip("0123456789"))
    stem = last[: len(last) - digits]
    if not any(c.isalpha() for c in stem):
        return None  # a date, a year or a plain number is not a series to continue
    numbers = [int(v[len(stem) :]) for v in values if v.startswith(stem) and v[len(stem) :].isdigit()]
    return _Series(stem, digits, max(numbers))


def record_name(row: dict[str, str], key: list[str]) -> str:
    """A record as a message names it: its title and key ("Safer Streets" (360G-…-078)), or its key alone."""
    title = next((row[c] for c in TITLE_COLUMNS if row.get(c)), "")
    identifier = ", ".join(row.get(c, "") for c in key)
    return f"{quote(title)} ({identifier})" if title else quote(identifier)


def _added_since(
    published: dict[tuple[str, ...], dict[str, str]], made_from: set[tuple[str, ...]] | None, row: dict[str, str]
) -> dict[str, str] | None:
    """A row published since the sheet was made that this blank-identifier row repeats (by its title)."""
    if made_from is None or not any(row.get(c, "").strip() for c in TITLE_COLUMNS):
        return None
    return next((r for k, r in published.items() if k not in made_from and _same_record(r, row)), None)


def _change(
    result: Settled, resource: dict, key: list[str], row: dict[str, str], record: dict[str, str], why: str
) -> None:
    """Apply the sheet row's differing cells to a published record (none differ: the row was imported already)."""
    changed = _differing(resource, record, {c: v for c, v in row.items() if c not in key})
    if not changed:
        return  # this very row was imported already (the same sheet uploaded again): nothing to add
    result.notes.append(
        f"Row {row['__row__']}: {why}{record_name(record, key)} was added after this sheet was made, and your changes "
        f"were made to it ({', '.join(changed)})."
    )
    result.rows.append(dict(record) | {c: row[c] for c in changed} | {"__row__": row["__row__"]})


def _differing(resource: dict, published: dict[str, str], row: dict[str, str]) -> list[str]:
    """The sheet row's cells that differ from the published record's (dates an import stamps left out)."""
    kinds = {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
    return [
        c
        for c, v in row.items()
        if c != "__row__"
        and "modified" not in c.lower()
        and c != WITHDRAWN_DATE
        and normal(kinds.get(c, "string"), v) != normal(kinds.get(c, "string"), published.get(c, ""))
    ]


def _same_record(published: dict[str, str], row: dict[str, str]) -> bool:
    title = next((c for c in TITLE_COLUMNS if c in row), None)
    if title:
        return published.get(title, "").strip() == row.get(title, "").strip()
    return all(published.get(c, "").strip() == v.strip() for c, v in row.items() if c != "__row__")
