"""`transparency reminders`: what must be published within the next 30 days, and what is already late."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core.formatting import long_date
from ..law.duties import AGE_LIMITS, MISSING, OVERDUE, RESPONSE_DAYS, Compliance, assess, register_for
from ..model.records import Site
from .github import cell

WINDOW = 30  # days ahead
ISSUE_TITLE = "What is due to be published"


@dataclass(frozen=True)
class Reminder:
    compliance: Compliance
    due: dt.date | None  # None: never published, so due now

    @property
    def overdue(self) -> bool:
        return self.compliance.status in (OVERDUE, MISSING)


def law(para: str) -> str:
    """The Specified Information Order's paragraphs are numbers; other duties name their own law."""
    if re.match(r"\d+[A-Z]?(\(|,|$)", para):
        return f"Elected Local Policing Bodies (Specified Information) Order 2011, Schedule, paragraph {para}"
    return para.replace("2011 Act", "Police Reform and Social Responsibility Act 2011")


def where(source: dict, descriptor: dict, published: bool = True) -> tuple[str, str]:
    """How to meet the duty from a web browser, and the file a person with the `transparency` command edits."""
    if source.get("decisions"):
        return (
            "on GitHub, Issues, then New issue, then Publish a decision",
            "a record in content/decisions/ (make decision)",
        )
    if "page" in source:
        page = f"content/{source['page']}"
        return (
            f"on GitHub, open {page}, edit it (the pencil icon) and set last_reviewed in its front matter",
            f"{page} (then set last_reviewed in its front matter)",
        )
    resource = next((r for r in descriptor.get("resources", []) if r.get("name") == source["resource"]), {})
    rows = (
        " the rows where " + ", ".join(f"{k} is {v}" for k, v in source["where"].items()) if source.get("where") else ""
    )
    title = resource.get("title", source["resource"])
    sheet = f"{source['resource']}-to-edit.xlsx"
    if published:
        got = (
            f"download the spreadsheet to edit, {sheet}, from the site "
            f"(Open data, then {title}, then Download the spreadsheet to edit)"
        )
    else:  # the site offers a dataset's spreadsheet once it has rows
        got = (
            f"ask someone with the transparency command for an empty spreadsheet of {title} "
            f"(make template DATASET={source['resource']} EMPTY=1)"
        )
    browser = (
        f"{got}, add or correct{rows or ' its rows'}, and upload it to the repository's inbox folder "
        "(Add file, then Upload files, with a pull request)"
    )
    return browser, f"data/{resource.get('path', source['resource'] + '.csv')}{rows and ' (' + rows.strip() + ')'}"


def due_date(result: Compliance, site: Site) -> dt.date | None:
    duty, today = result.duty, site.build_date
    if result.status == MISSING:
        return None
    if result.due:  # the Procurement Act's duties: the law's own deadline
        return result.due
    if duty.frequency in AGE_LIMITS and result.latest:
        return result.latest + dt.timedelta(days=AGE_LIMITS[duty.frequency][1])
    if duty.frequency == "before each financial year":
        start = today.year if today.month >= 4 else today.year - 1
        return dt.date(start + 1, 4, 1) - dt.timedelta(days=1) if result.status != OVERDUE else today
    if duty.frequency == "within 56 days":
        waiting = [r for r in site.records.get(duty.source["resource"], []) if not r.get("response_date")]
        dates = [r["published"] + dt.timedelta(days=RESPONSE_DAYS) for r in waiting if r.get("published")]
        return min(dates) if dates else None
    return None


def reminders(site: Site, window: int = WINDOW) -> list[Reminder]:
    found = []
    for result in assess(site, register_for(site)):
        if result.duty.frequency == "when it happens":
            continue
        due = due_date(result, site)
        late = result.status in (OVERDUE, MISSING)
        if late or (due is not None and due <= site.build_date + dt.timedelta(days=window)):
            found.append(Reminder(result, due))
    return sorted(found, key=lambda r: (not r.overdue, r.due or dt.date.min, r.compliance.duty.title))


def markdown(site: Site, found: list[Reminder], window: int = WINDOW) -> str:
    today = long_date(site.build_date)
    if not found:
        return f"Nothing is due to be published in the {window} days from {today}, and nothing is overdue.\n"
    lines = [f"Checked on {today} against the published data. Each item says what to publish and where.", ""]
    for title, items in (
        ("Overdue", [r for r in found if r.overdue]),
        (f"Due within {window} days", [r for r in found if not r.overdue]),
    ):
        if not items:
            continue
        lines += [f"## {title}", ""]
        for r in items:
            duty = r.compliance.duty
            when = f"due by {long_date(r.due)}" if r.due else "never published"
            if r.overdue and r.due:
                when = f"was due by {long_date(r.due)}"
            lines.append(f"- [ ] **{cell(duty.title)}** ({when})")
            lines.append(f"  - Law: {cell(law(duty.para))}; how often: {duty.frequency}")
            published = duty.source.get("resource") in site.tables
            browser, command = where(duty.source, site.descriptor, published)
            lines.append(f"  - To publish it in a web browser: {cell(browser)}")
            lines.append(f"  - With the transparency command: {cell(command)}; on the site at `/{duty.link}`")
            if r.compliance.note:
                lines.append(f"  - {cell(r.compliance.note)}")
        lines.append("")
    return "\n".join(lines)
