"""Check the front matter of each decision record in content/decisions/."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ...core.memo import remember
from ...core.problems import Problem, quote
from ..bodies import as_date as parse_date  # one date reader for profile, decisions and grants
from ..load import RawDecision
from .keys import suggest

REQUIRED = ("reference", "title", "date", "decision_maker", "summary")
OPTIONAL = ("amount", "priorities", "category", "exempt", "documents")


def check(decisions: list[RawDecision]) -> list[Problem]:
    found = []
    seen: dict[str, str] = {}
    for record in decisions:
        # A preview keeps each record's own problems until the record changes (read_decisions gives back the same
        # record while its file is unchanged, which is found at once; another with the same text is equal).
        found += remember("decision-check", record.file, (record,), lambda r=record: _one_record(r))
        reference = str(record.meta.get("reference") or "")
        if reference in seen:
            found.append(
                Problem(
                    record.file,
                    None,
                    "reference",
                    f"{quote(reference)} is also used by {seen[reference]}",
                    "give each decision its own reference",
                )
            )
        seen.setdefault(reference, record.file)
    return found


def _one_record(record: RawDecision) -> list[Problem]:
    return _check_one(record) + placeholders(record) + missing_sections(record)


# What `transparency new decision` writes for a person to replace: a record still holding it is not finished.
PLACEHOLDER_SUMMARY = re.compile(r"^Summary of the decision: ")
PLACEHOLDER_LINES = re.compile(r"(?m)^(Why a decision was needed\.|What (?:the .{1,80} |was )?decided\.)\s*$")


def placeholders(record: RawDecision) -> list[Problem]:
    """Scaffold text left in a record (from `transparency new decision`), named by key or by section."""
    found = []
    if PLACEHOLDER_SUMMARY.match(str(record.meta.get("summary") or "")):
        found.append(
            Problem(
                record.file,
                None,
                "summary",
                "still holds the placeholder text from `transparency new decision`",
                "write one or two sentences saying what was decided",
            )
        )
    for match in PLACEHOLDER_LINES.finditer(record.body):
        heading = _section_of(record.body, match.start())
        found.append(
            Problem(
                record.file,
                None,
                None,
                f"the section {quote(heading)} still holds the placeholder text {quote(match.group(1))}",
                "replace it with the record of the decision",
            )
        )
    return found


# The sections every record needs, whatever else it holds (the decision form refuses a record without them).
NEEDED_SECTIONS = {"Decision": "what was decided"}


def heading_name(line: str) -> str:
    """A Markdown heading as compared: "## Decision:" is "decision"."""
    return line.strip().lstrip("#").strip().rstrip(":").strip().lower()


def missing_sections(record: RawDecision) -> list[Problem]:
    """A record written in sections (as the form and `transparency new decision` make them) that lost a needed
    one: a warning, since records written before this check, in prose, still build."""
    headings = {heading_name(line) for line in record.body.splitlines() if line.lstrip().startswith("#")}
    return [
        Problem(
            record.file,
            None,
            None,
            f"has no {quote(name)} section: every record needs one saying {what}",
            f"add the heading ## {name}, with {what} written under it",
            warning=True,
        )
        for name, what in NEEDED_SECTIONS.items()
        if headings and name.lower() not in headings
    ]


def _section_of(body: str, position: int) -> str:
    headings = re.findall(r"(?m)^#+\s*(.+?)\s*$", body[:position])
    return headings[-1] if headings else "record"


def categories(decisions: list[RawDecision], profile: dict) -> list[Problem]:
    """A decision's category must be one of the office's own list, decision_categories in data/profile.yaml."""
    listed = profile.get("decision_categories")
    if listed is None:
        # Optional since 0.2.0 (sites made for 0.1.0 have none): the categories the decisions use are accepted.
        used = sorted({str(d.meta["category"]) for d in decisions if d.meta.get("category")})
        if not used:
            return []
        return [
            Problem(
                "data/profile.yaml",
                None,
                "decision_categories",
                "is missing, so every category the decisions use is accepted and the decision form offers those",
                f"to check them, list the categories the office uses, e.g. decision_categories: [{', '.join(used[:6])}]",
                warning=True,
            )
        ]
    if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
        return [
            Problem("data/profile.yaml", None, "decision_categories", "should be a list such as [Finance, Estates]")
        ]
    found = []
    for record in decisions:
        category = str(record.meta.get("category") or "").strip()
        if category and category not in listed:
            same = next((c for c in listed if c.lower() == category.lower()), None)
            hint = f'did you mean "{same}"?' if same else "use one of: " + ", ".join(listed)
            found.append(
                Problem(
                    record.file,
                    None,
                    "category",
                    f"{quote(category)} is not in decision_categories in data/profile.yaml",
                    f"{hint} (or add it to that list)",
                )
            )
    return found


def _check_one(record: RawDecision) -> list[Problem]:
    meta, file = record.meta, record.file
    found = [
        Problem(file, None, key, "is missing or empty", "every decision needs it")
        for key in REQUIRED
        if not str(meta.get(key) or "").strip()
    ]
    for key in meta:
        if key not in REQUIRED + OPTIONAL:
            found.append(Problem(file, None, str(key), "is not a known key", suggest(str(key), [*REQUIRED, *OPTIONAL])))
    if meta.get("date") and parse_date(meta["date"]) is None:
        found.append(Problem(file, None, "date", f"{quote(meta['date'])} is not a real date", "write it as YYYY-MM-DD"))
    if meta.get("amount") not in (None, "") and parse_amount(meta["amount"]) is None:
        found.append(
            Problem(
                file, None, "amount", f"{quote(meta['amount'])} is not a number", "write a plain number such as 25000"
            )
        )
    priorities = meta.get("priorities")
    if priorities is not None and not (isinstance(priorities, list) and all(isinstance(p, str) for p in priorities)):
        found.append(
            Problem(file, None, "priorities", "should be a list of priority ids", "write e.g. [vulnerable, fairness]")
        )
    documents = meta.get("documents")
    if documents is not None and not (
        isinstance(documents, list) and all(isinstance(d, dict) and d.get("title") and d.get("url") for d in documents)
    ):
        found.append(
            Problem(
                file,
                None,
                "documents",
                "each document needs a title and a url",
                "write - {title: Report, url: https://...}",
            )
        )
    return found


def parse_amount(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None
