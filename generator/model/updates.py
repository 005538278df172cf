"""What changed, newest first: new decisions, grants by month, datasets updated and quarterly reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..core.formatting import money, month_name, plural
from .plan import REPORT_DATASETS, quarter_label, report_date, report_quarters
from .records import Site, group_by

LIMIT = 60


@dataclass(frozen=True)
class Update:
    date: dt.date
    kind: str  # Decision, Grants or Dataset
    title: str
    link: str  # relative to the site root
    id: str  # stable, for the feed


def latest_updates(site: Site, limit: int = LIMIT) -> list[Update]:
    updates = [
        Update(d.date, "Decision", f"{d.reference}: {d.title}", f"decisions/{d.slug}/", f"decision-{d.slug}")
        for d in site.decisions
    ]
    for (year, month), grants in group_by(site.grants, lambda g: (g.award_date.year, g.award_date.month)).items():
        total = sum((g.amount for g in grants), Decimal(0))
        updates.append(
            Update(
                max(g.award_date for g in grants),
                "Grants",
                f"{plural(len(grants), 'grant')} awarded in {month_name(year, month)}, {money(total)}",
                f"grants/?year={grants[0].financial_year}",
                f"grants-{year}-{month:02d}",
            )
        )
    for resource in site.descriptor.get("resources", []):
        if resource["name"] in site.tables and resource.get("last_updated"):
            updates.append(
                Update(
                    dt.date.fromisoformat(str(resource["last_updated"])),
                    "Dataset",
                    f"{resource.get('title', resource['name'])} updated",
                    f"data/{resource['name']}/",
                    f"dataset-{resource['name']}-{resource['last_updated']}",
                )
            )
    published = {
        resource["name"]: dt.date.fromisoformat(str(resource["last_updated"]))
        for resource in site.descriptor.get("resources", [])
        if resource["name"] in site.tables and resource.get("last_updated")
    }
    for year, quarter in report_quarters(site.ambitions, site.indicators, site.build_date):
        for kind, datasets in REPORT_DATASETS.items():
            title = f"Quarterly {kind} report, {quarter_label(year, quarter)}"
            updates.append(
                Update(
                    min(report_date(year, quarter, published, datasets), site.build_date),
                    "Report",
                    title,
                    f"reports/{year}-q{quarter}-{kind}/",
                    f"report-{year}-q{quarter}-{kind}",
                )
            )
    updates.sort(key=lambda u: (u.date, u.kind, u.id), reverse=True)
    return updates[:limit]
