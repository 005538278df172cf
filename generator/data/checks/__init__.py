"""Validation rules. Each check returns a list of Problem records; nothing here raises."""

from __future__ import annotations

from ...core.problems import Problem
from .. import withdrawal
from ..load import RawPackage
from . import (
    crossrefs,
    decisions,
    duty_changes,
    history,
    identifiers,
    keys,
    package,
    payments,
    placeholders,
    profile,
    tables,
    welsh,
)


def check_all(raw: RawPackage) -> list[Problem]:
    """Every check on the whole package, in the order a person would fix them."""
    found = list(raw.problems)
    found += package.check(raw)
    found += profile.check(raw.profile)
    found += placeholders.check(raw.profile)
    found += keys.check("data/profile.yaml", raw.profile)
    found += keys.check("data/datapackage.yaml", raw.descriptor)
    found += history.check(raw)
    found += duty_changes.check(raw)
    for table in raw.tables.values():
        found += tables.check(table)
    found += payments.check(raw)
    found += withdrawal.check(raw)
    found += decisions.check(raw.decisions)
    found += decisions.categories(raw.decisions, raw.profile)
    # Checks across files run on whatever could be read, so every problem shows in one run.
    found += crossrefs.check(raw, {p.file for p in found if p.row is None})
    found += identifiers.check(raw)
    found += welsh.check(raw)
    return found
