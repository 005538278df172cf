"""Suggest the value a person most likely meant when a reference to another dataset does not match."""

from __future__ import annotations

import difflib

from ..load import Table

NAME_COLUMNS = ("name", "title")


def label_column(table: Table | None) -> str | None:
    """The column that names a record (organisations: name, priorities: title), if the dataset has one."""
    if table is None:
        return None
    return next((c for c in NAME_COLUMNS if c in table.header), None)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("&", "and").split())


def did_you_mean(value: str, target: Table | None, key: str) -> str | None:
    """A hint such as 'did you mean "vulnerable"?', or None when nothing is close."""
    if target is None:
        return None
    ids = [row.get(key, "") for row in target.rows if row.get(key)]
    for known in ids:
        if known.lower() == value.lower():
            return f'did you mean "{known}"? It must be written exactly, capital letters too'
    label = label_column(target)
    names = {_fold(row.get(label, "")): row for row in target.rows if label and row.get(label)}
    named = names.get(_fold(value))
    if named is None and label:
        close = difflib.get_close_matches(_fold(value), list(names), n=1, cutoff=0.85)
        named = names[close[0]] if close else None
    if named is not None:
        return f"did you mean {named[key]}, {named[label]}? This column takes the identifier, not the {label}"
    close = difflib.get_close_matches(value, ids, n=1, cutoff=0.8)
    if close:
        return f'did you mean "{close[0]}"?'
    return None
