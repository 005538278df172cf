"""Checks across files: foreign keys, decision references, and grants only to organisations."""

from __future__ import annotations

import re

from ..formatting import slug
from ..load import RawPackage, Table
from ..problems import Problem, quote

PERSONAL_TITLE = re.compile(r"^(mr|mrs|miss|ms|mx|dr|prof|sir|dame|rev)\.?\s", re.IGNORECASE)


# Records whose identifiers become web addresses: two that differ only in case or punctuation would
# share a page, so they are refused.
ADDRESSED = (("grants", "Identifier"), ("organisations", "id"), ("kpis", "id"), ("plan", "id"))


def check(raw: RawPackage) -> list[Problem]:
    found = _address_clashes(raw)
    for table in raw.tables.values():
        found += _foreign_keys(table, raw.tables)
    grants = raw.tables.get("grants")
    if grants:
        found += _grants(grants, raw)
    found += _decision_priorities(raw)
    plan = raw.tables.get("plan")
    if plan and "kpis" in plan.header:
        found += _references(plan, "kpis", _ids(raw.tables.get("kpis"), "id"), "kpis.csv", several=True)
    kpis = raw.tables.get("kpis")
    if kpis and "organisation" in kpis.header:
        found += _references(kpis, "organisation", _ids(raw.tables.get("organisations"), "id"), "organisations.csv")
    return found


def _address_clashes(raw: RawPackage) -> list[Problem]:
    found = []
    for name, column in ADDRESSED:
        table = raw.tables.get(name)
        seen: dict[str, str] = {}
        for row in table.rows if table else []:
            key, value = slug(row.get(column, "")), row.get(column, "")
            if key in seen and seen[key] != value:
                found.append(
                    Problem(
                        table.file,
                        int(row["__row__"]),
                        column,
                        f"{quote(value)} would share a web page with {quote(seen[key])}",
                        "make identifiers differ by more than capital letters or punctuation",
                    )
                )
            seen.setdefault(key, value)
    seen = {}
    for record in raw.decisions:
        reference = str(record.meta.get("reference") or "")
        key = slug(reference)
        if key in seen and seen[key] != reference:
            found.append(
                Problem(
                    record.file,
                    None,
                    "reference",
                    f"{quote(reference)} would share a web page with {quote(seen[key])}",
                    "make references differ by more than punctuation",
                )
            )
        seen.setdefault(key, reference)
    return found


def _ids(table: Table | None, column: str) -> set[str]:
    return {row[column] for row in table.rows} if table else set()


def _foreign_keys(table: Table, tables: dict[str, Table]) -> list[Problem]:
    found = []
    for key in table.descriptor.get("schema", {}).get("foreignKeys", []):
        column = key["fields"][0]
        target = key["reference"]["resource"]
        target_table = tables.get(target)
        target_file = target_table.file.removeprefix("data/") if target_table else f"{target}.csv"
        if column in table.header:
            found += _references(table, column, _ids(target_table, key["reference"]["fields"][0]), target_file)
    return found


def _references(table: Table, column: str, known: set[str], target_file: str, several: bool = False) -> list[Problem]:
    """Like a foreign key; with several=True the cell may hold several ids separated by ';'."""
    found = []
    for row in table.rows:
        items = [i.strip() for i in row.get(column, "").split(";")] if several else [row.get(column, "")]
        for item in items:
            if item and item not in known:
                found.append(
                    Problem(
                        table.file,
                        int(row["__row__"]),
                        column,
                        f"{quote(item)} is not in {target_file}",
                        f"add it to {target_file} or correct the spelling",
                    )
                )
    return found


def _grants(grants: Table, raw: RawPackage) -> list[Problem]:
    found = []
    references = {str(d.meta.get("reference")) for d in raw.decisions}
    organisations = (
        {row["id"]: row for row in raw.tables["organisations"].rows} if "organisations" in raw.tables else {}
    )
    for column in grants.header:
        if column.lower().startswith("recipient ind"):
            found.append(
                Problem(
                    grants.file,
                    1,
                    column,
                    "names an individual as recipient",
                    "grants are published for organisations only; remove this column",
                )
            )
    for row in grants.rows:
        number = int(row["__row__"])
        reference = row.get("Decision Reference", "")
        if reference and reference not in references:
            found.append(
                Problem(
                    grants.file,
                    number,
                    "Decision Reference",
                    f"{quote(reference)} is not the reference of any decision in content/decisions/",
                    "add the decision record or correct the reference",
                )
            )
        organisation = organisations.get(row.get("Recipient Org:Identifier", ""))
        name = row.get("Recipient Org:Name", "").strip()
        if PERSONAL_TITLE.match(name) or (organisation and PERSONAL_TITLE.match(organisation["name"])):
            found.append(
                Problem(
                    grants.file,
                    number,
                    "Recipient Org:Name",
                    f"{quote(name or organisation['name'])} looks like a private individual",
                    "grants are published for organisations only",
                )
            )
        elif organisation and name and name != organisation["name"]:
            found.append(
                Problem(
                    grants.file,
                    number,
                    "Recipient Org:Name",
                    f"{quote(name)} does not match {quote(organisation['name'])} in organisations.csv",
                    "leave it empty or copy the name exactly",
                )
            )
        start, end = row.get("Planned Dates:Start Date", ""), row.get("Planned Dates:End Date", "")
        if start and end and end < start:
            found.append(
                Problem(
                    grants.file,
                    number,
                    "Planned Dates:End Date",
                    f"{quote(end)} is before the start date {start}",
                    "check the two dates",
                )
            )
    return found


def _decision_priorities(raw: RawPackage) -> list[Problem]:
    known = _ids(raw.tables.get("priorities"), "id")
    return [
        Problem(
            record.file,
            None,
            "priorities",
            f"{quote(priority)} is not in priorities.csv",
            "use an id from priorities.csv",
        )
        for record in raw.decisions
        for priority in record.meta.get("priorities") or []
        if priority not in known
    ]
