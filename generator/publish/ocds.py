"""The contracts register as an Open Contracting Data Standard 1.1 release package: one release per contract."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..core.formatting import slug
from ..core.installed import STANDARDS
from ..data.bodies import Body, body_on, history
from ..model.contract_payments import notice_url

PACKAGE_PATH = "data/contracts-ocds.json"
LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
RELEASE_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def _time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _value(amount: Decimal | None) -> dict:
    return {"amount": amount, "currency": "GBP"} if amount is not None else {}


def ocid(contract: dict, profile: dict) -> str:
    """The platform's ocid; otherwise a local identifier from the body's organisation identifier (it has no OCDS
    prefix of its own, so it does not begin ocds- and cannot be mistaken for a platform notice)."""
    return contract.get("ocid") or f"{profile['funder_identifier']}-contract-{contract['reference']}"


def buyer_of(contract: dict, bodies: list[Body]) -> dict:
    """The body that awarded a contract: the one holding the functions when its procurement began (or, if the
    register does not say, when it started), so a contract let before a handover keeps its own buyer."""
    body = body_on(bodies, contract.get("procurement_start") or contract["start_date"])
    return {"id": body.funder_identifier, "name": body.body_name}


def release(contract: dict, tender: dict | None, profile: dict, bodies: list[Body] | None = None) -> dict:
    buyer = buyer_of(contract, bodies or history(profile))
    supplier = {"id": f"supplier-{slug(contract['supplier'])}", "name": contract["supplier"]}
    period = {"startDate": _time(contract["start_date"])}
    if contract.get("end_date"):
        period["endDate"] = _time(contract["end_date"])
    found = {
        "ocid": ocid(contract, profile),
        "id": f"{ocid(contract, profile)}-contract-{contract['reference']}",
        "date": _time(contract["start_date"]),
        "tag": ["tender", "contract"] if tender else ["contract"],
        "initiationType": "tender",
        "language": "en",
        "buyer": buyer,
        "parties": [buyer | {"roles": ["buyer"]}, supplier | {"roles": ["supplier"]}],
        "awards": [
            {
                "id": contract["reference"],
                "title": contract["title"],
                "suppliers": [supplier],
                "value": _value(contract.get("value")),
            }
        ],
        "contracts": [
            {
                "id": contract["reference"],
                "awardID": contract["reference"],
                "title": contract["title"],
                "description": contract.get("description") or "",
                "value": _value(contract.get("value")),
                "period": period,
                "dateSigned": _time(contract["start_date"]),
            }
        ],
    }
    if contract.get("procurement_route"):
        found["tender"] = {"id": contract["reference"], "procurementMethodDetails": contract["procurement_route"]}
    if tender:
        found["tender"] = _tender(tender) | found.get("tender", {}) | {"id": tender["reference"]}
    if contract.get("ocid"):
        found["contracts"][0]["documents"] = [
            {
                "id": "central-digital-platform",
                "title": "Notices on the Central Digital Platform (Find a Tender)",
                "url": notice_url(contract["ocid"]),
                "format": "application/json",
            }
        ]
    if not found["contracts"][0]["description"]:
        del found["contracts"][0]["description"]
    return found


def _tender(tender: dict) -> dict:
    found = {
        "id": tender["reference"],
        "title": tender["title"],
        "tenderPeriod": {"startDate": _time(tender["issued"])},
    }
    if tender.get("closes"):
        found["tenderPeriod"]["endDate"] = _time(tender["closes"])
    if tender.get("estimated_value") is not None:
        found["value"] = _value(tender["estimated_value"])
    return found


def package(contracts: list[dict], tenders: list[dict], profile: dict, published: dt.date, site_url: str) -> dict:
    """One release per contract; a tender with the same ocid fills in the release's tender."""
    by_ocid = {t["ocid"]: t for t in tenders if t.get("ocid")}
    bodies = history(profile)
    return {
        "uri": f"{site_url}{PACKAGE_PATH}" if site_url else PACKAGE_PATH,
        "version": "1.1",
        "publishedDate": _time(published),
        "publisher": {"name": profile["body_name"]},
        "license": LICENCE,
        "releases": [
            release(c, by_ocid.get(c.get("ocid") or ""), profile, bodies)
            for c in sorted(contracts, key=lambda c: (c["start_date"], c["reference"]))
        ],
    }


def schema_errors(data: dict) -> list[str]:
    """Check a release package against the OCDS 1.1.5 schemas shipped with the project, offline."""
    import json

    from jsonschema import Draft4Validator, FormatChecker
    from jsonschema.exceptions import best_match
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = STANDARDS / "ocds"
    package_schema = json.loads((folder / "release-package-schema.json").read_text(encoding="utf-8"))
    release_schema = json.loads((folder / "release-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(
        RELEASE_SCHEMA, Resource.from_contents(release_schema, default_specification=DRAFT4)
    )
    validator = Draft4Validator(package_schema, registry=registry, format_checker=FormatChecker())
    found = [best_match([error]) for error in validator.iter_errors(data)]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
