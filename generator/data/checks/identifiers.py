"""Warn when an organisation's or the funder's identifier is from a closed, deprecated or unknown org-id list."""

from __future__ import annotations

from ...core.problems import Problem
from ..load import RawPackage
from ..orgids import concern


def check(raw: RawPackage) -> list[Problem]:
    """Warnings only: such identifiers still identify, and the data is published. An earlier body's
    funder_identifier is not checked: its grants were published under it, and it stays as it was."""
    found: list[Problem] = []
    funder = str((raw.profile or {}).get("funder_identifier") or "")
    worry = concern(funder)
    if worry:
        found.append(Problem("data/profile.yaml", None, "funder_identifier", *worry, warning=True))
    organisations = raw.tables.get("organisations")
    if organisations is not None:
        for row in organisations.rows:
            worry = concern(row.get("id") or "")
            if worry:
                found.append(Problem(organisations.file, int(row["__row__"]), "id", *worry, warning=True))
    return found
