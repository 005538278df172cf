"""Three-way merge by row: apply only the cells a person changed in a sheet since the version it was made from.

The sheet's rows are rebased onto the data published now (`current`): a row left as it was is dropped (so a
newer published value stays), a changed row becomes the published row with just the changed cells, and a
cell changed both in the sheet and in the published data since is a conflict. What comes out is plain rows
for merging.merge, which any other reader (an OCDS import) can feed the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.problems import Problem, quote
from ..data.load import Table
from ..data.rowkeys import key_of, row_key
from ..sheets.base_sheet import Base
from .identifiers import TITLE_COLUMNS, record_name
from .merging import normal


@dataclass
class Rebased:
    rows: list[dict[str, str]]
    conflicts: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: bool = False  # True when the sheet recorded its version, so newer published values were kept
    # Rows whose key a person changed in place (one cell of a key of several columns): the sheet's row number
    # and the published row it changes, so the merge changes that row instead of adding one.
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)
    # Keys of published records a row was followed to after another record took its identifier.
    followed: set[tuple[str, ...]] = field(default_factory=set)


def rebase(
    resource: dict,
    current: Table | None,
    rows: list[dict[str, str]],
    header: list[str],
    base: Base | None,
    why_not: str,
    replace: bool,
    label: str,
) -> Rebased:
    key = row_key(resource)
    if base is None or not key or base.dataset != resource["name"]:
        reason = (
            why_not
            or "this file does not record the published version it was made from (a CSV, or a sheet not made by the site or the template command)"
        )
        if base is not None and base.dataset != resource["name"]:
            reason = f"it was made for the {base.dataset} dataset"
        return Rebased(
            rows,
            notes=[
                f"Not checked for newer changes: {reason}, so it could not be checked for changes published since "
                "it was made. Each changed row below replaces the published one: check them."
            ],
        )
    kinds = {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
    published = {key_of(r, key): r for r in current.rows} if current else {}
    made_from = {key_of(r, key): r for r in base.rows}
    compared = [c for c in header if c]
    result = Rebased([], checked=True)
    untouched = newer = 0
    seen = set()
    in_sheet = {key_of(row, key) for row in rows}
    for row in rows:
        identity = key_of(row, key)
        seen.add(identity)
        before = made_from.get(identity)
        if before is None:
            before = _renamed_from(row, base, key, in_sheet, result.renamed)
            if before is None:
                result.rows.append(row)  # a new row (identifiers taken meanwhile are settled by identifiers.py)
                continue
            identity = key_of(before, key)
            seen.add(identity)
            result.renamed[row["__row__"]] = before
        changed = [c for c in compared if _norm(kinds, c, row.get(c, "")) != _norm(kinds, c, before.get(c, ""))]
        now = published.get(identity)
        if changed and now is not None and row["__row__"] not in result.renamed and _other_record(before, now, key):
            # The identifier was given to another record since the sheet was made (an upload renumbered on a
            # newer main): follow the sheet's record to its new identifier, or refuse naming both.
            moved = [r for k, r in published.items() if k not in made_from and _same_record(r, before, key)]
            if len(moved) != 1:
                result.conflicts.append(_taken_over(label, row, key, before, now))
                continue
            result.notes.append(
                f"Row {row['__row__']}: {record_name(before, key)} is now {', '.join(key_of(moved[0], key))} (it was "
                f"numbered again when another upload took {', '.join(identity)}), so your change was made there."
            )
            now, identity = moved[0], key_of(moved[0], key)
            seen.add(identity)
            result.followed.add(identity)
        if now is None and not base.shown:
            result.rows.append(row)  # typed into an empty template: a row to publish (again)
            continue
        if not changed:
            untouched += 1
            newer += now is not None and any(
                _norm(kinds, c, now.get(c, "")) != _norm(kinds, c, before.get(c, "")) for c in compared
            )
            if replace:  # the sheet is the whole dataset: its rows stay, with any newer published values
                result.rows.append(dict(now, __row__=row["__row__"]) if now is not None else row)
            continue
        if now is None and replace:
            result.rows.append(row)
            continue
        if now is None:
            result.conflicts.append(
                Problem(
                    label,
                    int(row["__row__"]),
                    None,
                    "you changed this row, but it was removed from the published data after this sheet was made",
                    "download a fresh spreadsheet; if the row should be published again, add it there as a new row",
                )
            )
            continue
        for column in changed:
            mine, theirs, was = row.get(column, ""), now.get(column, ""), before.get(column, "")
            if _norm(kinds, column, theirs) not in (_norm(kinds, column, was), _norm(kinds, column, mine)):
                result.conflicts.append(
                    Problem(
                        label,
                        int(row["__row__"]),
                        column,
                        f"changed in this sheet to {quote(mine or '(empty)')}, but since the sheet was made "
                        f"the published value was changed to {quote(theirs or '(empty)')} "
                        f"(it was {quote(was or '(empty)')})",
                        "nothing was written. If the published value is right, type it in this sheet and upload it "
                        "again; if yours is, download a fresh spreadsheet and make your change there (this sheet "
                        "keeps being refused while it holds a value changed both here and since)",
                    )
                )
        result.rows.append(dict(now) | {c: row.get(c, "") for c in changed} | {"__row__": row["__row__"]})
    if replace:
        # Rows published after the sheet was made are not the sheet's to remove.
        result.rows += [dict(r) for k, r in published.items() if k not in made_from and k not in seen]
    note = f"Checked against the data published now: this sheet was made from the version of {base.made}."
    if untouched:
        if untouched == 1:
            note += " 1 of its rows was not changed in the sheet, so its published values stay"
        else:
            note += f" {untouched:,} of its rows were not changed in the sheet, so their published values stay"
        note += f" ({newer:,} changed by someone else since)." if newer else "."
    result.notes.append(note)
    return result


def _renamed_from(
    row: dict[str, str], base: Base, key: list[str], in_sheet: set[tuple[str, ...]], claimed: dict
) -> dict[str, str] | None:
    """The published row this sheet row was, when a person changed part of its key in place: the row the sheet
    showed at the same position, whose key is no longer anywhere in the sheet, sharing at least one key cell; or,
    when the rows were moved, the one such row with the same other cells whose key differs in one cell. None for
    a row added (then the published row at its position is still in the sheet, or there is none)."""
    if len(key) < 2 or not base.shown:
        return None
    new = key_of(row, key)
    taken = {key_of(r, key) for r in claimed.values()}

    def gone(was: dict[str, str]) -> bool:
        return key_of(was, key) not in in_sheet and key_of(was, key) not in taken

    position = int(row["__row__"]) - 2  # the data sheet shows the published rows from its row 2, in order
    if 0 <= position < len(base.rows):
        was = base.rows[position]
        if gone(was) and any(a == b for a, b in zip(key_of(was, key), new, strict=True)):
            return was
    # The rows were moved (sorted, say): a row gone from the sheet with the same figures, one key cell apart.
    others = [c for c in base.header if c not in key]
    near = [
        was
        for was in base.rows
        if gone(was)
        and sum(a != b for a, b in zip(key_of(was, key), new, strict=True)) == 1
        and all(was.get(c, "").strip() == row.get(c, "").strip() for c in others)
    ]
    return near[0] if len(near) == 1 else None


def _other_record(before: dict[str, str], now: dict[str, str], key: list[str]) -> bool:
    """Whether the row published under this key now may be another record than the sheet's: another title, and
    another cell changed besides (a colleague's correction of a title alone is not). When unsure, the import
    refuses rather than change a colleague's record."""
    title = next((c for c in TITLE_COLUMNS if c in before), None)
    if title is None or before.get(title, "").strip() == now.get(title, "").strip():
        return False
    others = [c for c in before if c not in key and c != title and "modified" not in c.lower()]
    return any(before.get(c, "").strip() != now.get(c, "").strip() for c in others)


def _same_record(published: dict[str, str], before: dict[str, str], key: list[str]) -> bool:
    return all(
        published.get(c, "").strip() == v.strip()
        for c, v in before.items()
        if c not in key and "modified" not in c.lower()
    )


def _taken_over(
    label: str, row: dict[str, str], key: list[str], before: dict[str, str], now: dict[str, str]
) -> Problem:
    return Problem(
        label,
        int(row["__row__"]),
        key[0] if len(key) == 1 else None,
        f"this row was {record_name(before, key)} when the sheet was made, but {', '.join(key_of(now, key))} is now "
        f"{record_name(now, key)}: another record took the identifier since (yours was probably numbered again)",
        "nothing was written. Download the spreadsheet again from the published site (Open data, then the "
        "dataset), or, if an upload to this pull request passed its check since, from that check's built site "
        "(Details, then Artifacts, site; a check that failed attaches no site); find your row by its title, and "
        "type your change again there",
    )


def _norm(kinds: dict[str, str], column: str, text: str) -> object:
    return normal(kinds.get(column, "string"), text)
