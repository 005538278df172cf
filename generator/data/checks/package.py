"""Check the data package descriptor and that the required resources are present."""

from __future__ import annotations

from ...core.problems import Problem
from ..load import RawPackage

FILE = "data/datapackage.yaml"
REQUIRED_RESOURCES = ("priorities",)


def check(raw: RawPackage) -> list[Problem]:
    if not raw.descriptor:
        return []
    found = []
    names = [r.get("name") for r in raw.descriptor.get("resources", []) if isinstance(r, dict)]
    for name in REQUIRED_RESOURCES:
        if name not in names:
            found.append(Problem(FILE, None, None, f'the resource "{name}" is not described', "add it back"))
        elif name not in raw.tables and not any(p.file.endswith(f"{name}.csv") for p in raw.problems):
            found.append(Problem(f"data/{name}.csv", None, None, "the file is missing", "it is required"))
    for resource in raw.descriptor.get("resources", []):
        updated = resource.get("last_updated")
        if updated is not None and not _is_iso_date(str(updated)):
            found.append(
                Problem(
                    FILE,
                    None,
                    None,
                    f'last_updated of "{resource.get("name")}" is not a date',
                    "write it as YYYY-MM-DD",
                )
            )
    return found


def _is_iso_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
