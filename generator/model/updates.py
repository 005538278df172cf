"""What changed, newest first: new decisions, grants by month, datasets updated and quarterly reports."""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass

from ..core import i18n
from ..core.formatting import N_, money, month_name, plural
from ..core.i18n import _
from .plan import REPORT_DATASETS, quarter_label, report_date, report_quarters
from .records import Site, amount_of, group_by

LIMIT = 60


def report_title(kind: str, label: str) -> str:
    """A quarterly report's title: "Quarterly performance report, 2026/27 Q2" in the page's language."""
    titles = {
        "performance": _("Quarterly performance report, %(quarter)s"),
        "resources": _("Quarterly resources report, %(quarter)s"),
    }
    return titles[kind] % {"quarter": label}


# What each kind of update is called on the page and in the feed, in the page's language.
KINDS = {"Decision": N_("Decision"), "Grants": N_("Grants"), "Dataset": N_("Dataset"), "Report": N_("Report")}


@dataclass(frozen=True)
class Update:
    date: dt.date
    kind: str  # Decision, Grants, Dataset or Report (sorts updates of a day the same in every language)
    title: str
    link: str  # relative to the site root
    id: str  # stable, for the feed

    @property
    def kind_words(self) -> str:
        return _(KINDS.get(self.kind, self.kind))


def dataset_title(resource: dict) -> str:
    """A dataset's title in the page's language: a resource's optional title_cy on a Welsh page, else its title."""
    own = resource.get(f"title_{i18n.current()}") if i18n.current() != i18n.ENGLISH else None
    return str(own or resource.get("title", resource["name"]))


def latest_updates(site: Site, limit: int = LIMIT) -> list[Update]:
    decisions = site.decisions
    if len(decisions) > limit:
        # Only a decision as recent as the limit-th latest can be among the latest updates (of 2,000, a few dozen).
        latest = heapq.nlargest(limit, (d.date for d in decisions))[-1]
        decisions = [d for d in decisions if d.date >= latest]
    updates = [
        Update(d.date, "Decision", f"{d.reference}: {d.title}", f"decisions/{d.slug}/", f"decision-{d.slug}")
        for d in decisions
    ]
    for (year, month), grants in group_by(site.grants, lambda g: (g.award_date.year, g.award_date.month)).items():
        total = amount_of(grants)
        updates.append(
            Update(
                max(g.award_date for g in grants),
                "Grants",
                _("%(count)s awarded in %(month)s, %(total)s")
                % {"count": plural(len(grants), "grant"), "month": month_name(year, month), "total": money(total)},
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
                    _("%(dataset)s updated") % {"dataset": dataset_title(resource)},
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
            title = report_title(kind, quarter_label(year, quarter))
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
