"""Grants as 360Giving data: the JSON package and the flat table with 360Giving column titles."""

from __future__ import annotations

from ..core.installed import STANDARDS
from ..model.records import Grant, Site

# The 360Giving fields we publish: the flat column title and where the value sits in the JSON. The CSV,
# the spreadsheet and the JSON are all made from this one list, so they carry the same fields.
FIELDS: list[tuple[str, tuple]] = [
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Award Date", ("awardDate",)),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:Charity Number", ("recipientOrganization", 0, "charityNumber")),
    ("Recipient Org:Company Number", ("recipientOrganization", 0, "companyNumber")),
    ("Recipient Org:Postal Code", ("recipientOrganization", 0, "postalCode")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", 0, "name")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", 0, "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", 0, "geoCodeType")),
    ("Data Source", ("dataSource",)),
    ("Last Modified", ("dateModified",)),
]
# The 360Giving geoCodeType of an ONS (GSS) code, from its first three characters (the entity): the types in
# 360Giving's codelist (codelists/geoCodeType.csv) that a grant's beneficiaries are likely to be described by.
# A code whose entity is not here (e.g. E11, a metropolitan county) is published without a type.
GEO_CODE_TYPES = {
    "E01": "LSOA", "E02": "MSOA", "E04": "PAR", "E05": "WD", "E06": "UA", "E07": "NMD", "E08": "MD",
    "E09": "LONB", "E10": "CTY", "E12": "RGN/GOR", "E14": "WPC", "E22": "CSP", "E23": "PFA",
    "W01": "LSOA", "W02": "MSOA", "W04": "COM", "W05": "WD", "W06": "UA", "W07": "WPC", "W14": "CDRP",
    "S12": "CA", "S13": "WD", "S14": "WPC", "N06": "WPC",
}  # fmt: skip
STANDARD_TITLES = {title for title, _ in FIELDS}
# grants.csv columns that are not mapped above are 360Giving "additional fields": published in the JSON under
# their column title, as 360Giving's converter (flatten-tool) does, so the JSON and the flat files agree.


def funder(grant: Grant, site: Site) -> dict:
    """The funding organisation of a grant: the one place that decides it. It is the body in office on the
    award date (site.body_on, set on the grant as grant.office), so a grant made before a handover keeps its
    own funder."""
    office = grant.office or site.body_on(grant.award_date)
    return {"id": office.funder_identifier, "name": office.body_name}


def additional_fields(site: Site) -> list[str]:
    return [c for c in site.tables["grants"].header if c not in STANDARD_TITLES]


def grant_json(grant: Grant, site: Site, address: str = "") -> dict:
    """A grant as 360Giving JSON. With the site's address (ending in "/"), its Data Source is the grant's page."""
    org = grant.organisation
    geo_code = grant.row.get("Beneficiary Location:Geographic Code", "").strip()
    values: dict[str, object] = {
        "Identifier": grant.id,
        "Title": grant.title,
        "Description": grant.description,
        "Currency": "GBP",
        "Amount Awarded": grant.amount,
        "Award Date": grant.award_date.isoformat(),
        "Recipient Org:Identifier": org.id,
        "Recipient Org:Name": org.name,
        "Recipient Org:Charity Number": org.charity_number,
        "Recipient Org:Company Number": org.company_number,
        "Recipient Org:Postal Code": org.postcode,
        "Funding Org:Identifier": funder(grant, site)["id"],
        "Funding Org:Name": funder(grant, site)["name"],
        "Grant Programme:Title": grant.fund,
        "Planned Dates:Start Date": grant.start.isoformat() if grant.start else "",
        "Planned Dates:End Date": grant.end.isoformat() if grant.end else "",
        "Beneficiary Location:Name": grant.location,
        "Beneficiary Location:Geographic Code": geo_code,
        "Beneficiary Location:Geographic Code Type": GEO_CODE_TYPES.get(geo_code[:3].upper(), ""),
        "Data Source": f"{address}grants/{grant.slug}/" if address else "",
        "Last Modified": grant.row.get("Last Modified", "").strip(),
    }
    record: dict = {}
    for title, path in FIELDS:
        if values[title] not in ("", None):
            _put(record, path, values[title])
    for column in additional_fields(site):
        value = (grant.row.get(column) or "").strip()
        if value:
            record[column] = value
    return record


def _put(record: dict, path: tuple, value: object) -> None:
    """Set record[a][0][b] = value for path (a, 0, b), making the lists and objects on the way."""
    here = record
    for key, following in zip(path, path[1:], strict=False):
        if isinstance(key, int):
            continue
        here = here.setdefault(key, [{}] if isinstance(following, int) else {})
        if isinstance(here, list):
            here = here[0]
    here[path[-1]] = value


def _get(record: dict, path: tuple) -> object:
    here: object = record
    for key in path:
        try:
            here = here[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return ""
    return here


def package(site: Site, address: str = "") -> dict:
    return {"grants": [grant_json(g, site, address) for g in sorted(site.grants, key=lambda g: g.id)]}


def flat(site: Site, address: str = "") -> tuple[list[str], list[dict]]:
    """The 360Giving flat table, made from the same records as the JSON: its standard fields, then the additional ones."""
    records = [grant_json(g, site, address) for g in sorted(site.grants, key=lambda g: g.id)]
    extra = additional_fields(site)
    standard = [title for title, path in FIELDS if any(_get(r, path) != "" for r in records)]
    header = standard + extra
    rows = [{title: _get(r, path) for title, path in FIELDS} | {c: r.get(c, "") for c in extra} for r in records]
    return header, rows


def flatten(record: dict) -> dict:
    """A JSON grant as its flat 360Giving columns (what the CSV and spreadsheet should say)."""
    row = {title: _get(record, path) for title, path in FIELDS}
    row |= {k: v for k, v in record.items() if not isinstance(v, list | dict) and k not in {p[0] for _, p in FIELDS}}
    return {k: v for k, v in row.items() if v != ""}


def schema_errors(data: dict) -> list[str]:
    """Check a 360Giving package against the schemas shipped with the project, offline, with real date-time checks."""
    import json

    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import best_match
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    folder = STANDARDS / "360giving"
    package_schema = json.loads((folder / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    grant_schema = json.loads((folder / "360-giving-schema.json").read_text(encoding="utf-8"))
    grant_url = package_schema["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resource(
        grant_url, Resource.from_contents(grant_schema, default_specification=DRAFT202012)
    )
    validator = Draft202012Validator(package_schema, registry=registry, format_checker=FormatChecker())
    found = [best_match([error]) for error in validator.iter_errors(data)]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
