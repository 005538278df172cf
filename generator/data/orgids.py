"""Organisation identifier prefixes as the org-id.guide register lists them (standards/org-id-prefixes.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from ..core.installed import STANDARDS

REGISTER = STANDARDS / "org-id-prefixes.csv"
# 360Giving's own prefix for an organisation with no identifier in any list ("360G-<funder>-<own id>"): the
# standard's documented fallback, not an org-id.guide list.
OWN_PREFIX = "360G"


@dataclass(frozen=True)
class Prefix:
    code: str
    status: str  # listed, deprecated or closed
    name: str


@cache
def register() -> dict[str, Prefix]:
    lines = [line for line in REGISTER.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["prefix"]: Prefix(row["prefix"], row["status"], row["name"]) for row in csv.DictReader(lines)}


def prefix_of(identifier: str) -> Prefix | None:
    """The register's list an identifier is drawn from: the longest listed prefix it starts with (most are two
    parts, GB-CHC; a few three, CN-11-CR), or None."""
    parts = identifier.strip().upper().split("-")
    for length in (3, 2):
        found = register().get("-".join(parts[:length])) if len(parts) > length else None
        if found is not None:
            return found
    return None


def concern(identifier: str) -> tuple[str, str] | None:
    """What is wrong with an identifier's prefix and what to do, or None when it is from a current list."""
    text = identifier.strip()
    if not text or text.upper().startswith(OWN_PREFIX + "-"):
        return None
    found = prefix_of(text)
    if found is None:
        start = "-".join(text.split("-")[:2])
        return (
            f'"{text}" starts with {start}, which is not a list in the org-id.guide register',
            "check the prefix: e.g. GB-CHC- and the number for a charity in England and Wales, GB-COH- for a "
            "company, GB-LAE- for a local authority in England (the lists: org-id.guide)",
        )
    if found.status == "listed":
        return None
    said = "records as closed (no new identifiers are issued)" if found.status == "closed" else "marks as deprecated"
    return (
        f'"{text}" uses {found.code} ({found.name}), a list that the org-id.guide register {said}',
        "use the organisation's identifier from a current list where it has one (its charity or company number, "
        "or its local authority code); see org-id.guide",
    )
