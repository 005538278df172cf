"""Each dataset's row key (its `primaryKey`): the columns that tell one row from another, and duplicates of it."""

from __future__ import annotations

from ..core.problems import Problem
from .load import Table

# The keys data/datapackage.yaml ships with, for an office's own descriptor written before primaryKey was
# declared everywhere: its imports still match rows by them (tests/test_row_keys.py keeps the two in step).
SHIPPED_KEYS: dict[str, list[str]] = {
    "priorities": ["id"],
    "organisations": ["id"],
    "grants": ["Identifier"],
    "funding": ["financial_year", "source", "kind"],
    "budget": ["financial_year", "area", "item", "kind"],
    "precept": ["financial_year"],
    "reserves": ["as_at", "reserve", "kind"],
    "spend": ["transaction_id"],
    "contracts": ["reference"],
    "kpis": ["id"],
    "kpi_values": ["kpi", "period_end"],
    "office_holders": ["name"],
    "expenses": ["date", "office_holder", "type", "description"],
    "interests": ["office_holder", "interest"],
    "staff": ["as_at"],
    "senior_staff": ["job_title"],
    "gifts": ["date", "recipient", "offered_by", "description"],
    "premises": ["name"],
    "tenders": ["reference"],
    "meetings": ["date", "meeting"],
    "policies": ["title"],
    "inspections": ["title"],
    "complaints": ["period_end", "about"],
    "custody_visits": ["period_end"],
    "documents": ["kind", "title"],
    "plan": ["id"],
    "plan_updates": ["ambition", "date"],
    "glossary": ["term"],
}


def declared_key(resource: dict) -> list[str]:
    key = resource.get("schema", {}).get("primaryKey") or []
    return [key] if isinstance(key, str) else [str(c) for c in key]


def row_key(resource: dict) -> list[str]:
    """The declared primaryKey; without one, the shipped key for a dataset of this name when it has those
    columns; else none (rows then match only when every cell is the same, as before keys were declared)."""
    declared = declared_key(resource)
    if declared:
        return declared
    names = {f.get("name") for f in resource.get("schema", {}).get("fields", [])}
    shipped = SHIPPED_KEYS.get(str(resource.get("name", "")), [])
    return list(shipped) if shipped and set(shipped) <= names else []


def key_of(row: dict[str, str], key: list[str]) -> tuple[str, ...]:
    return tuple(row.get(c, "").strip() for c in key)


def duplicates(table: Table) -> list[Problem]:
    """Two rows with the same declared key, each named with the row it repeats.

    A one-column key whose field is already `unique` is left to the table check, so nothing is said twice;
    a key assumed for an office's older descriptor is never enforced, so its data builds as before."""
    key = declared_key(table.descriptor)
    fields = {f.get("name"): f for f in table.descriptor.get("schema", {}).get("fields", [])}
    if not key or any(c not in table.header for c in key):
        return []
    if len(key) == 1 and fields.get(key[0], {}).get("constraints", {}).get("unique"):
        return []
    first: dict[tuple[str, ...], str] = {}
    found = []
    for row in table.rows:
        values = key_of(row, key)
        if values in first:
            shown = ", ".join(f"{c} {v!r}" if v else f"{c} empty" for c, v in zip(key, values, strict=True))
            found.append(
                Problem(
                    table.file,
                    int(row["__row__"]),
                    key[0] if len(key) == 1 else None,
                    f"repeats row {first[values]}: both have {shown}",
                    "each row needs its own "
                    + " + ".join(key)
                    + ": correct the row that is wrong, or delete the one that is a copy",
                )
            )
        else:
            first[values] = row["__row__"]
    return found
