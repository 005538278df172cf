"""The open data index and a data dictionary page per published resource."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial

from ..core import i18n
from ..core.formatting import N_
from ..core.i18n import _
from ..core.memo import remember
from ..data.rowkeys import declared_key, row_key
from ..model.records import Site
from ..publish import giving, giving_quality
from ..publish.exports import published_resources
from ..sheets.templates import filled_template, referenced
from . import Page
from .described import described_resource


def pages(site: Site) -> Iterator[Page]:
    resources = [
        described_resource(r, site.resource(r["name"]) if r["name"] in site.tables else r)
        for r in published_resources(site)
    ]
    updated = {r["name"]: r.get("last_updated", "") for r in site.descriptor.get("resources", [])}
    rows = {name: len(table.rows) for name, table in site.tables.items()} | {"decisions": len(site.decisions)}
    yield Page(
        "data/index.md",
        _("Open data"),
        "opendata.html",
        {
            "resources": resources,
            "updated": updated,
            "rows": rows,
            "ocds": site.has("contracts"),
            "quality": _giving_quality(site),
        },
        description=_(
            "Every dataset on this site as CSV, JSON and a Frictionless data package, free to reuse under the Open Government Licence."
        ),
        nav_title=_("Open data"),
        search=True,
    )
    # The spreadsheet to edit holds the data as the office keeps it (each Welsh column beside its English one): the
    # English build makes it, and the Welsh pages link to that same file (build/welsh_files.py).
    english = i18n.current() == i18n.ENGLISH
    for resource in resources:
        spreadsheet = f"data/{resource['name']}-to-edit.xlsx" if resource["name"] in site.tables else ""
        yield Page(
            f"data/{resource['name']}.md",
            _("Data dictionary: %(dataset)s") % {"dataset": resource["title"]},
            "dictionary.html",
            {
                "resource": resource,
                "updated": updated.get(resource["name"], ""),
                "rows": rows.get(resource["name"], 0),
                "extra": _extra_downloads(resource["name"]),
                "spreadsheet": spreadsheet.removeprefix("data/"),
                "key": row_key(resource) if resource["name"] in site.tables else ["reference"],
                "key_enforced": bool(declared_key(resource)) or resource["name"] not in site.tables,
            },
            attachments={spreadsheet: partial(filled_template, site, resource["name"])}
            if spreadsheet and english
            else {},
            description=_("The fields of the %(dataset)s dataset, their types and rules, and its downloads.")
            % {"dataset": resource["title"].lower()},
            search=True,
            # The spreadsheet's drop-downs list the ids of the datasets this one refers to.
            sources=frozenset({resource["name"], "descriptor", *referenced(resource)}),
        )


def _giving_quality(site: Site) -> list[giving_quality.Result]:
    """360Giving's quality checks on the grants as published (none without grants)."""
    if not site.grants:
        return []
    funders = repr([(b.funder_identifier, b.body_name, b.start, b.end) for b in site.bodies])
    return site.derived(
        "360giving-quality",
        ["grants", "organisations"],
        lambda: _quality_of_each(site),
        funders,
        site.address,
    )


def _quality_of_each(site: Site) -> list[giving_quality.Result]:
    """The checks' results, from each grant's (giving.package's grants, in its order). A preview keeps what each
    grant fails until its row, its recipient, its funder or the grants' schema changes: an edit of one grant
    checks that grant again, not all of them."""
    shared = (site.address, json.dumps(site.resource("grants"), sort_keys=True, default=str))
    found = []
    for grant in sorted(site.grants, key=lambda g: g.id):
        org = grant.organisation
        recipient = (org.id, org.name, org.charity_number, org.company_number, org.postcode)
        key = (tuple(grant.row.items()), recipient, tuple(giving.funder(grant, site).items()), shared)
        found.append(
            remember(
                "360giving-quality",
                grant.id,
                key,
                lambda g=grant: giving_quality.failures(giving.grant_json(g, site, site.address)),
            )
        )
    return giving_quality.summary(found)


def _extra_downloads(name: str) -> list[tuple[str, str]]:
    if name == "grants":
        return [
            ("360Giving JSON", "grants-360giving.json"),
            ("360Giving CSV", "grants-360giving.csv"),
            (N_("360Giving spreadsheet (XLSX)"), "grants-360giving.xlsx"),
        ]
    if name == "contracts":
        return [(N_("Open Contracting Data Standard release package (JSON)"), "contracts-ocds.json")]
    return []
