"""Read an OCDS release or record package (as downloaded from Find a Tender) as rows for contracts and tenders.

Rows are matched to the register by ocid: a contract or tender already holding that ocid keeps its reference
(and anything the file does not say); any other is added under the platform's own identifier.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ..core.problems import InputError, Problem

CONTRACT_COLUMNS = ("reference", "title", "supplier", "value", "start_date", "end_date", "description", "ocid")
TENDER_COLUMNS = ("reference", "title", "issued", "closes", "estimated_value", "ocid")
NOT_OCDS = "download the notice's OCDS JSON from Find a Tender (a release package or a record package)"


def looks_like_json(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    with path.open("rb") as handle:
        return handle.read(64).lstrip().startswith(b"{")


def read_releases(path: Path) -> list[dict]:
    """Each contracting process in the file, as one compiled release (later releases override earlier ones)."""
    label = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError([Problem(label, None, None, f"is not readable JSON ({error})", NOT_OCDS)]) from None
    if not isinstance(data, dict) or not (
        isinstance(data.get("releases"), list) or isinstance(data.get("records"), list)
    ):
        raise InputError(
            [
                Problem(
                    label,
                    None,
                    None,
                    "is JSON but not an OCDS release or record package: it has no releases or records",
                    NOT_OCDS,
                )
            ]
        )
    if isinstance(data.get("records"), list):
        releases = []
        for record in data["records"]:
            if isinstance(record, dict) and isinstance(record.get("compiledRelease"), dict):
                releases.append(record["compiledRelease"])
            elif isinstance(record, dict):
                releases += [r for r in record.get("releases") or [] if isinstance(r, dict) and "ocid" in r]
    else:
        releases = [r for r in data["releases"] if isinstance(r, dict)]
    compiled: dict[str, dict] = {}
    for number, release in enumerate(sorted(releases, key=lambda r: str(r.get("date", ""))), start=1):
        ocid = str(release.get("ocid") or "").strip()
        if not ocid:
            raise InputError([Problem(label, number, "ocid", "this release has no ocid", NOT_OCDS)])
        compiled[ocid] = compiled.get(ocid, {}) | release
    if not compiled:
        raise InputError([Problem(label, None, None, "holds no releases", NOT_OCDS)])
    return list(compiled.values())


def _day(value: object) -> str:
    return str(value or "")[:10]


def _amount(value: object) -> str:
    amount = value.get("amount") if isinstance(value, dict) else None
    return "" if amount is None else str(amount)


def _supplier(release: dict, contract: dict) -> str:
    award = next((a for a in release.get("awards") or [] if a.get("id") == contract.get("awardID")), None)
    award = award or next(iter(release.get("awards") or []), {})
    names = [s.get("name", "") for s in award.get("suppliers") or [] if s.get("name")]
    if not names:
        names = [p.get("name", "") for p in release.get("parties") or [] if "supplier" in (p.get("roles") or [])]
    return "; ".join(names)


def _overlay(existing: dict | None, found: dict[str, str], columns: tuple[str, ...]) -> dict[str, str]:
    """The register's row with what the file says laid over it: a value the file leaves out is kept."""
    before = existing or {}
    return {c: found.get(c) or before.get(c, "") for c in columns}


def _platform(ocid: str) -> str:
    """An ocid from the platform (or another OCDS publisher) begins ocds-; a site's own export may hold local ones."""
    return ocid if ocid.startswith("ocds-") else ""


def contract_rows(releases: list[dict], published: list[dict[str, str]]) -> list[dict[str, str]]:
    by_ocid = {row.get("ocid", ""): row for row in published if row.get("ocid")}
    by_reference = {row.get("reference", ""): row for row in published}
    rows = []
    for number, release in enumerate(releases, start=1):
        contracts = [c for c in release.get("contracts") or [] if isinstance(c, dict)]
        for contract in contracts:
            ocid = release["ocid"]
            # A local identifier (this site's own export) names the contract by its reference.
            existing = by_ocid.get(ocid) if _platform(ocid) else by_reference.get(str(contract.get("id")))
            new_reference = ocid if len(contracts) == 1 else f"{ocid}-{contract.get('id')}"
            period = contract.get("period") or {}
            found = {
                "reference": existing["reference"] if existing else new_reference,
                "title": contract.get("title") or (release.get("tender") or {}).get("title") or "",
                "supplier": _supplier(release, contract),
                "value": _amount(contract.get("value")),
                "start_date": _day(period.get("startDate") or contract.get("dateSigned")),
                "end_date": _day(period.get("endDate")),
                "description": contract.get("description") or "",
                "ocid": _platform(ocid),
            }
            rows.append(_overlay(existing, found, CONTRACT_COLUMNS) | {"__row__": str(number)})
    return rows


def tender_rows(releases: list[dict], published: list[dict[str, str]]) -> list[dict[str, str]]:
    by_ocid = {row.get("ocid", ""): row for row in published if row.get("ocid")}
    by_reference = {row.get("reference", ""): row for row in published}
    rows = []
    for number, release in enumerate(releases, start=1):
        tender = release.get("tender")
        if not isinstance(tender, dict) or not (tender.get("tenderPeriod") or {}).get("startDate"):
            continue  # no invitation to tender in this process (e.g. a direct award)
        existing = by_ocid.get(release["ocid"]) or by_reference.get(str(tender.get("id")))
        period = tender["tenderPeriod"]
        found = {
            "reference": existing["reference"] if existing else str(tender.get("id") or release["ocid"]),
            "title": tender.get("title") or "",
            "issued": _day(period.get("startDate")),
            "closes": _day(period.get("endDate")),
            "estimated_value": _amount(tender.get("value")),
            "ocid": _platform(release["ocid"]),
        }
        rows.append(_overlay(existing, found, TENDER_COLUMNS) | {"__row__": str(number)})
    return rows
