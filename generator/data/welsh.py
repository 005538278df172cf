"""The office's own text in Welsh: its data read with each `_cy` column in place of the English one it translates."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # load.py declares the Welsh columns through this module
    from .load import RawDecision, RawPackage, Table

SUFFIX = "_cy"  # the Welsh version of a column or profile key: its name followed by _cy (Title_cy, body_name_cy)
# The profile's names the body writes itself; names it did not write (organisations, suppliers) are not translated.
PROFILE_NAMES = ("body_name", "short_name", "role", "role_short", "police_area")
# The front matter of a decision record that is text: a Welsh record gives only these (its reference, date and
# amounts are the English record's).
DECISION_TEXT = ("title", "summary", "decision_maker", "exempt")


# The text columns each dataset's office writes itself, which a site in Welsh gives in Welsh too (X_cy beside X).
# Names of organisations and suppliers, references, codes and addresses are not translated.
TEXT_COLUMNS = {
    "priorities": ("title", "summary"),
    "grants": ("Title", "Description", "Grant Programme:Title", "Conditions", "Reasons"),
    "funding": ("source",),
    "budget": ("area", "item"),
    "reserves": ("reserve",),
    "spend": ("expense_type", "service_area", "purpose"),
    "organisations": ("description",),
    "kpis": ("title", "description", "source"),
    "plan": ("theme", "title", "lead", "description"),
    "plan_updates": ("note",),
    "contracts": ("title", "description"),
    "glossary": ("term", "definition"),
    "policies": ("title",),
    "meetings": ("meeting",),
    "documents": ("kind", "title"),
    "expenses": ("type", "description", "value_for_money"),
    "gifts": ("description",),
    "interests": ("interest",),
    "premises": ("tenure", "use"),
    "senior_staff": ("job_title", "responsibilities"),
    "office_holders": ("role",),
    "complaints": ("about",),
    "tenders": ("title",),
    "inspections": ("title",),
}

# Text columns that also identify their row (reserves.csv's "General" reserve carries the policy's band): the Welsh
# page shows the X_cy text in the English one's place itself (pages/reserves.py), so the English stays the key.
KEY_COLUMNS = {"reserves": ("reserve",)}


def declare(descriptor: dict, profile: dict) -> None:
    """In a site published in Welsh, give each text column its optional Welsh column beside it (unless the data
    package already declares it), so the data dictionary, the downloads and the spreadsheets carry it."""
    if "cy" not in languages(profile) or not isinstance(descriptor, dict):
        return
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            continue
        texts = TEXT_COLUMNS.get(resource.get("name"), ())
        names = {f.get("name") for f in schema["fields"] if isinstance(f, dict)}
        fields = []
        for field in schema["fields"]:
            fields.append(field)
            name = field.get("name") if isinstance(field, dict) else None
            if name in texts and name + SUFFIX not in names:
                described = {"description": f"{name} in Welsh (Cymraeg)", "description_cy": f"{name} yn Gymraeg"}
                fields.append({"name": name + SUFFIX, "type": "string", **described})
        schema["fields"] = fields


def languages(profile: dict) -> list[str]:
    """The languages the site is published in: English first, then any other the profile names (e.g. cy)."""
    named = profile.get("languages") if isinstance(profile, dict) else None
    codes = [str(code) for code in named] if isinstance(named, list) else []
    return ["en"] + [code for code in codes if code != "en"]


def welsh_columns(table: Table) -> dict[str, str]:
    """English column -> its Welsh column, for each Welsh column the dataset's schema declares and its file has."""
    fields = {f.get("name") for f in (table.descriptor.get("schema") or {}).get("fields", []) if isinstance(f, dict)}
    return {
        name.removesuffix(SUFFIX): name
        for name in table.header
        if name.endswith(SUFFIX) and name in fields and name.removesuffix(SUFFIX) in table.header
    }


def in_welsh(raw: RawPackage) -> RawPackage:
    """The package as the Welsh pages show it: every text the office wrote in Welsh in place of its English."""
    tables = {name: _table(table) for name, table in raw.tables.items()}
    profile = _names(raw.profile)
    if isinstance(profile.get("predecessors"), list):
        profile["predecessors"] = [_names(p) if isinstance(p, dict) else p for p in profile["predecessors"]]
    categories = _categories(raw.profile)
    decisions = [_decision(d, raw.welsh_decisions.get(d.file), categories) for d in raw.decisions]
    return dataclasses.replace(raw, profile=profile, tables=tables, decisions=decisions)


def _categories(profile: dict) -> dict[str, str]:
    """Each decision category (profile `decision_categories`) -> its Welsh name, from the optional
    `decision_categories_cy` list of the same length, in the same order; without it (or of another length), none."""
    english, welsh = profile.get("decision_categories"), profile.get("decision_categories_cy")
    if not isinstance(english, list) or not isinstance(welsh, list) or len(english) != len(welsh):
        return {}
    return {str(e): str(w).strip() for e, w in zip(english, welsh, strict=True) if str(w or "").strip()}


def _names(person: dict) -> dict:
    welsh = dict(person)
    for key in PROFILE_NAMES:
        text = str(person.get(key + SUFFIX) or "").strip()
        if text:
            welsh[key] = text
    return welsh


def _table(table: Table) -> Table:
    """The table with Welsh text in its English columns (signature None: nothing made from it is reused by
    the other language's pages)."""
    keys = KEY_COLUMNS.get(table.name, ())
    columns = {english: welsh for english, welsh in welsh_columns(table).items() if english not in keys}
    rows = table.rows
    if columns:
        rows = [
            {**row, **{english: row[welsh] for english, welsh in columns.items() if row.get(welsh, "").strip()}}
            for row in table.rows
        ]
    return dataclasses.replace(table, rows=rows, signature=None)


def _decision(english: RawDecision, welsh: RawDecision | None, categories: dict[str, str]) -> RawDecision:
    category = str(english.meta.get("category") or "")
    if category in categories:
        english = dataclasses.replace(english, meta={**english.meta, "category": categories[category]})
    if welsh is None:
        return english
    meta = dict(english.meta)
    for key in DECISION_TEXT:
        if str(welsh.meta.get(key) or "").strip():
            meta[key] = welsh.meta[key]
    if welsh_documents(english.meta, welsh.meta):
        meta["documents"] = [
            {**document, **{k: v for k, v in dict(given).items() if k in ("title", "url") and str(v or "").strip()}}
            for document, given in zip(english.meta["documents"], welsh.meta["documents"], strict=True)
        ]
    return dataclasses.replace(english, meta=meta, body=welsh.body if welsh.body.strip() else english.body)


def welsh_documents(english: dict, welsh: dict) -> bool:
    """Whether a Welsh decision record names each of the English record's documents in Welsh: a `documents` list
    of the same length, in the same order, each with its Welsh `title` (and, where the document itself has a Welsh
    version, its `url`)."""
    documents, given = english.get("documents"), welsh.get("documents")
    return (
        isinstance(documents, list)
        and isinstance(given, list)
        and len(given) == len(documents)
        and all(isinstance(d, dict) and str(d.get("title") or "").strip() for d in given)
    )
