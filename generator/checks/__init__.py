"""Validation rules. Each check returns a list of Problem records; nothing here raises."""

from __future__ import annotations

from ..load import RawPackage
from ..problems import Problem
from . import crossrefs, decisions, package, profile, tables


def check_all(raw: RawPackage) -> list[Problem]:
    """Every check on the whole package, in the order a person would fix them."""
    found = list(raw.problems)
    found += package.check(raw)
    found += profile.check(raw.profile)
    for table in raw.tables.values():
        found += tables.check(table)
    found += decisions.check(raw.decisions)
    if not found:
        found += crossrefs.check(raw)
    return found
