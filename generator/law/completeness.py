"""Which records a duty covers (by value: over £10,000, or up to it) and whether each holds what the law asks."""

from __future__ import annotations

from decimal import Decimal

from ..core.formatting import plural

INCOMPLETE = "Incomplete"  # the label of a duty whose records lack something the law asks each one for
SHOWN_REFERENCES = 5  # the references a note names before saying "and N more"


def covered(rows: list[dict], source: dict) -> list[dict]:
    """The rows a duty covers by value: source's `value` column `over` or `up_to` an amount in pounds.

    A row with no value is kept under `over` (it may be over: the law's duty may apply) and left out of `up_to`.
    """
    column = source.get("value")
    if not column:
        return rows
    if "over" in source:
        limit = Decimal(str(source["over"]))
        return [r for r in rows if r.get(column) is None or r[column] > limit]
    limit = Decimal(str(source["up_to"]))
    return [r for r in rows if r.get(column) is not None and r[column] <= limit]


def not_kept(source: dict, header: list[str], file: str) -> str:
    """What would complete a duty whose data has no column at all for what the law asks of each record: the
    column is optional, so its absence never makes the duty incomplete (data that built before still does);
    the note says plainly what to add. "" when every column is there."""
    noun = source.get("noun", "record")
    return " ".join(
        f"{file} has no {column} column for {what}: add one, with it in each {noun}'s row, to complete this duty."
        for column, what in (source.get("complete") or {}).items()
        if column not in header
    )


def lacking(rows: list[dict], source: dict, file: str, header: list[str] | None = None) -> str:
    """A note naming the records that lack what the law asks of each (source's `complete`); "" when none do.

    `complete` maps a column to what it holds and the record's noun, e.g. {document_url: "a copy of the contract"};
    `noun` names the records ("contract"), `key` the column that identifies each ("reference"). A column the
    file does not have (header) is left to not_kept: only an office that keeps the column is judged by it.
    """
    notes = []
    noun, key = source.get("noun", "record"), source.get("key", "reference")
    for column, what in (source.get("complete") or {}).items():
        if header is not None and column not in header:
            continue
        missing = [r for r in rows if not str(r.get(column) or "").strip()]
        if not missing:
            continue
        names = [str(r.get(key, "")) for r in missing]
        shown = ", ".join(names[:SHOWN_REFERENCES])
        if len(names) > SHOWN_REFERENCES:
            shown += f" and {len(names) - SHOWN_REFERENCES} more"
        verb = "lacks" if len(missing) == 1 else "lack"
        notes.append(f"{plural(len(missing), noun)} {verb} {what} ({column} in {file}): {shown}.")
    return " ".join(notes)
