"""The checks of 360Giving's Data Quality Tool on the published grants, re-implemented (their library,
lib360dataquality, is not on the Python Package Index, so it cannot be installed with the project)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..core.formatting import N_
from ..data.orgids import OWN_PREFIX, prefix_of

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
CHARITY_NUMBER = re.compile(r"(SC\d{6}|NIC\d{6}|NI?\d{5,6}|[1-9]\d{5,6})(-\d{1,2})?", re.I)
COMPANY_NUMBER = re.compile(r"([A-Z]{2}\d{6}|\d{8})", re.I)
LONG_TITLE = 140  # as the check's name says it


@dataclass(frozen=True)
class Check:
    name: str  # as a reader meets it: what a grant that fails it is like
    fails: Callable[[dict], bool]


@dataclass(frozen=True)
class Result:
    name: str
    failing: int
    total: int
    examples: tuple[str, ...]  # the first few grants' identifiers

    @property
    def passed(self) -> bool:
        return self.failing == 0


def _recipient(grant: dict) -> dict:
    return (grant.get("recipientOrganization") or [{}])[0]


def _funder(grant: dict) -> dict:
    return (grant.get("fundingOrganization") or [{}])[0]


def _location(grant: dict) -> dict:
    return (grant.get("beneficiaryLocation") or [{}])[0]


def _unlisted(identifier: str) -> bool:
    return not identifier.upper().startswith(OWN_PREFIX + "-") and prefix_of(identifier) is None


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


CHECKS = [
    Check(N_("Amount Awarded is 0"), lambda g: Decimal(str(g.get("amountAwarded", 0))) == 0),
    Check(
        N_("Funding Org:Identifier does not start with a prefix listed by org-id.guide"),
        lambda g: _unlisted(_funder(g).get("id", "")),
    ),
    Check(
        N_("Recipient Org:Identifier does not start with a prefix listed by org-id.guide (or 360G-)"),
        lambda g: _unlisted(_recipient(g).get("id", "")),
    ),
    Check(
        N_("Recipient Org:Identifier starts 360G- (the organisation has no registered identifier)"),
        lambda g: _recipient(g).get("id", "").upper().startswith(OWN_PREFIX + "-"),
    ),
    Check(
        N_("Recipient Org:Charity Number does not look like a charity number"),
        lambda g: (
            bool(_recipient(g).get("charityNumber")) and not CHARITY_NUMBER.fullmatch(_recipient(g)["charityNumber"])
        ),
    ),
    Check(
        N_("Recipient Org:Company Number does not look like a company number"),
        lambda g: (
            bool(_recipient(g).get("companyNumber")) and not COMPANY_NUMBER.fullmatch(_recipient(g)["companyNumber"])
        ),
    ),
    Check(
        N_("Recipient Org has neither a Charity Number nor a Company Number"),
        lambda g: not _recipient(g).get("charityNumber") and not _recipient(g).get("companyNumber"),
    ),
    Check(N_("Recipient Org has no Postal Code"), lambda g: not _recipient(g).get("postalCode")),
    Check(N_("Text that looks like an email address"), lambda g: any(EMAIL.search(t) for t in _texts(g))),
    Check(N_("No Grant Programme:Title"), lambda g: not (g.get("grantProgramme") or [{}])[0].get("title")),
    Check(N_("No Beneficiary Location"), lambda g: not g.get("beneficiaryLocation")),
    Check(
        N_("Beneficiary Location has a name but no Geographic Code"),
        lambda g: bool(_location(g).get("name")) and not _location(g).get("geoCode"),
    ),
    Check(
        N_("Title and Description are the same"),
        lambda g: g.get("title", "").strip() == g.get("description", "").strip(),
    ),
    Check(N_("Title longer than 140 characters"), lambda g: len(g.get("title", "")) > LONG_TITLE),
    Check(N_("No Planned Dates"), lambda g: not g.get("plannedDates")),
    Check(N_("No Last Modified"), lambda g: not g.get("dateModified")),
    Check(N_("No Data Source"), lambda g: not g.get("dataSource")),
]


def results(grants: list[dict]) -> list[Result]:
    """Each check on every grant of a 360Giving package's "grants"."""
    return summary([failures(g) for g in grants])


def failures(grant: dict) -> tuple[str, tuple[int, ...]]:
    """A 360Giving grant's identifier and the checks it fails (their places in CHECKS)."""
    return grant.get("id", ""), tuple(i for i, check in enumerate(CHECKS) if check.fails(grant))


def summary(found: list[tuple[str, tuple[int, ...]]]) -> list[Result]:
    """Each check's result, from what each grant fails (failures), in the package's order."""
    failing: list[list[str]] = [[] for _ in CHECKS]
    for identifier, failed in found:
        for place in failed:
            failing[place].append(identifier)
    return [
        Result(check.name, len(ids), len(found), tuple(ids[:3])) for check, ids in zip(CHECKS, failing, strict=True)
    ]
