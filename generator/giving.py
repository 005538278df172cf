"""Grants as 360Giving data: the JSON package and the flat table with 360Giving column titles."""

from __future__ import annotations

from .model import Grant, Site

FLAT_EXTRA = ["Funding Org:Identifier", "Funding Org:Name"]


def grant_json(grant: Grant, site: Site) -> dict:
    org = grant.organisation
    record: dict = {
        "id": grant.id,
        "title": grant.title,
        "description": grant.description,
        "currency": "GBP",
        "amountAwarded": grant.amount,
        "awardDate": grant.award_date.isoformat(),
        "recipientOrganization": [{"id": org.id, "name": org.name}],
        "fundingOrganization": [{"id": site.profile["funder_identifier"], "name": site.profile["body_name"]}],
        "grantProgramme": [{"title": grant.fund}],
    }
    if org.charity_number:
        record["recipientOrganization"][0]["charityNumber"] = org.charity_number
    if org.company_number:
        record["recipientOrganization"][0]["companyNumber"] = org.company_number
    if org.postcode:
        record["recipientOrganization"][0]["postalCode"] = org.postcode
    if grant.start or grant.end:
        dates = {}
        if grant.start:
            dates["startDate"] = grant.start.isoformat()
        if grant.end:
            dates["endDate"] = grant.end.isoformat()
        record["plannedDates"] = [dates]
    if grant.location:
        record["beneficiaryLocation"] = [{"name": grant.location}]
    modified = grant.row.get("Last Modified", "").strip()
    if modified:
        record["dateModified"] = modified
    return record


def package(site: Site) -> dict:
    return {"grants": [grant_json(g, site) for g in sorted(site.grants, key=lambda g: g.id)]}


def flat(site: Site) -> tuple[list[str], list[dict]]:
    """grants.csv as written, with Recipient Org:Name filled in and the funder added."""
    table = site.tables["grants"]
    header = [c for c in table.header] + [c for c in FLAT_EXTRA if c not in table.header]
    if "Recipient Org:Name" not in header:
        header.insert(header.index("Recipient Org:Identifier") + 1, "Recipient Org:Name")
    by_id = {g.id: g for g in site.grants}
    rows = []
    for row in table.rows:
        grant = by_id[row["Identifier"]]
        rows.append(
            {c: row.get(c, "") for c in table.header}
            | {
                "Recipient Org:Name": row.get("Recipient Org:Name") or grant.organisation.name,
                "Funding Org:Identifier": site.profile["funder_identifier"],
                "Funding Org:Name": site.profile["body_name"],
            }
        )
    return header, rows


def schema_errors(data: dict) -> list[str]:
    """Check a 360Giving package against the schemas shipped with the project, offline, with real date-time checks."""
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import best_match
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    folder = Path(__file__).parent / "standards" / "360giving"
    package_schema = json.loads((folder / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    grant_schema = json.loads((folder / "360-giving-schema.json").read_text(encoding="utf-8"))
    grant_url = package_schema["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resource(
        grant_url, Resource.from_contents(grant_schema, default_specification=DRAFT202012)
    )
    validator = Draft202012Validator(package_schema, registry=registry, format_checker=FormatChecker())
    found = [best_match([error]) for error in validator.iter_errors(data)]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
