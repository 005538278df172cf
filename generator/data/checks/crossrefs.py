"""Checks across files: foreign keys, decision references, and grants only to organisations."""

from __future__ import annotations

import re

from ...core.formatting import slug
from ...core.problems import Problem, quote
from ..load import RawPackage, Table
from .decisions import parse_date
from .suggest import did_you_mean

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PERSONAL_TITLE = re.compile(r"^(mr|mrs|miss|ms|mx|dr|prof|sir|dame|rev)\.?\s", re.IGNORECASE)


# Records whose identifiers become web addresses: two that differ only in case or punctuation would
# share a page, so they are refused.
ADDRESSED = (("grants", "Identifier"), ("organisations", "id"), ("kpis", "id"), ("plan", "id"))


def check(raw: RawPackage, troubled: set[str] | None = None) -> list[Problem]:
    """`troubled`: files already reported as unreadable or missing, whose references are not checked again."""
    found = _address_clashes(raw)
    unreadable = {p.file for p in raw.problems} | (troubled or set())
    for table in raw.tables.values():
        found += _foreign_keys(table, raw.tables, unreadable)
    grants = raw.tables.get("grants")
    if grants:
        found += _grants(grants, raw)
    found += _decision_priorities(raw)
    plan = raw.tables.get("plan")
    if plan and "kpis" in plan.header:
        found += _references(plan, "kpis", raw.tables.get("kpis"), "id", "kpis.csv", several=True)
    kpis = raw.tables.get("kpis")
    if kpis and "organisation" in kpis.header:
        found += _references(kpis, "organisation", raw.tables.get("organisations"), "id", "organisations.csv")
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
    return {row.get(column, "") for row in table.rows} if table else set()


def _foreign_keys(table: Table, tables: dict[str, Table], unreadable: set[str]) -> list[Problem]:
    found = []
    for key in table.descriptor.get("schema", {}).get("foreignKeys", []):
        column = key["fields"][0]
        target = key["reference"]["resource"]
        target_table = tables.get(target)
        target_file = target_table.file.removeprefix("data/") if target_table else f"{target}.csv"
        target_key = key["reference"]["fields"][0]
        if (target_table is None and f"data/{target_file}" in unreadable) or (
            target_table and target_key not in target_table.header
        ):
            continue  # the other file's own problem is reported; every row here would only repeat it
        if column in table.header:
            found += _references(table, column, target_table, target_key, target_file)
    return found


def _references(
    table: Table, column: str, target: Table | None, key: str, target_file: str, several: bool = False
) -> list[Problem]:
    """Like a foreign key; with several=True the cell may hold several ids separated by ';'."""
    known = _ids(target, key)
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
                        did_you_mean(item, target, key) or _how_to_add(target_file),
                    )
                )
    return found


def _grants(grants: Table, raw: RawPackage) -> list[Problem]:
    found = []
    references = {str(d.meta.get("reference")): d for d in raw.decisions}
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
        found += _awarded_before_decision(grants.file, number, row, references.get(reference))
        start, end = row.get("Planned Dates:Start Date", ""), row.get("Planned Dates:End Date", "")
        if _is_date(start) and _is_date(end) and end < start:
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
    if "priorities" not in raw.tables:
        return []  # reported as missing or unreadable already
    known = _ids(raw.tables.get("priorities"), "id")
    return [
        Problem(
            record.file,
            None,
            "priorities",
            f"{quote(priority)} is not in priorities.csv",
            did_you_mean(priority, raw.tables.get("priorities"), "id") or "use an id from priorities.csv",
        )
        for record in raw.decisions
        if isinstance(record.meta.get("priorities"), list)
        for priority in record.meta["priorities"]
        if isinstance(priority, str) and priority not in known
    ]


def _awarded_before_decision(file: str, number: int, row: dict[str, str], decision) -> list[Problem]:
    """A grant cannot be awarded before the decision that authorised it: most likely one date is wrong."""
    award = row.get("Award Date", "")
    decided = parse_date(decision.meta.get("date")) if decision is not None else None
    if decided is None or not _is_date(award) or award >= decided.isoformat():
        return []
    return [
        Problem(
            file,
            number,
            "Award Date",
            f"{award} is before {decided.isoformat()}, the date of decision {decision.meta.get('reference')} "
            f"({decision.file}) that authorised it",
            "check the award date here and the date in the decision record",
            warning=True,
        )
    ]


def _is_date(text: str) -> bool:
    return bool(ISO_DATE.fullmatch(text))


def _how_to_add(target_file: str) -> str:
    """Exactly how to add a missing record to the dataset it belongs in."""
    name = target_file.removesuffix(".csv")
    return (
        f"correct it, or if it is new, add it first. From the browser: download the {name} spreadsheet from the "
        f"site (Open data, then {name}, Download the spreadsheet to edit), add it there and upload that file to "
        f"inbox/ with this one. With the commands: a new row in data/{target_file}, or run "
        f"make template DATASET={name}, fill in the sheet and run make import FILE={name}.xlsx"
    )
