"""Read the "Publish a decision" issue form as GitHub renders it, and turn it into a decision record's fields."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..core.dates import UK_DATE, date_mistake
from ..core.problems import Problem, quote
from ..data.checks.decisions import NEEDED_SECTIONS, heading_name

FORM = "the issue form"
NO_RESPONSE = "_No response_"
# (id, label): the labels are the `### ` headings GitHub writes in the issue body, in the form's order.
# .github/ISSUE_TEMPLATE/publish-decision.yml uses the same ids and labels (a test keeps them together).
FIELDS = (
    ("title", "Title of the decision"),
    ("date", "Date the decision was signed"),
    ("decision_maker", "Who made the decision"),
    ("category", "Category"),
    ("priorities", "Police and Crime Plan priorities"),
    ("amount", "Money the decision commits"),
    ("summary", "Summary"),
    ("decision", "The decision record"),
    ("documents", "Documents"),
    ("exempt", "Is any part of the record withheld?"),
    ("exempt_reason", "Why is it withheld?"),
)
REQUIRED = ("title", "date", "decision_maker", "summary", "decision")
NOT_EXEMPT = "No, publish it in full"
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
SAFE_URL = re.compile(r"(https?:|mailto:|#|/)", re.I)


def parse_body(body: str) -> dict[str, str]:
    """The answer under each heading; `_No response_` (an empty optional field) becomes ""."""
    lines = body.replace("\r\n", "\n").split("\n")
    answers: dict[str, list[str]] = {}
    current, expected = None, 0
    for line in lines:
        # GitHub writes every field's heading, in the form's order, so only the next field's heading counts.
        if expected < len(FIELDS) and line.strip() == f"### {FIELDS[expected][1]}":
            current = FIELDS[expected][0]
            expected += 1
            answers[current] = []
        elif current:
            answers[current].append(line)
    result = {}
    for field_id, text in answers.items():
        value = "\n".join(text).strip()
        result[field_id] = "" if value == NO_RESPONSE else value
    return result


def parse_date(text: str) -> dt.date | None:
    match = UK_DATE.fullmatch(text)
    try:
        if match:
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_amount(text: str) -> Decimal | None:
    try:
        amount = Decimal(text.replace("£", "").replace(",", "").strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


def inert(text: str) -> str:
    """Markdown with raw HTML shown as text and links that are not web or email addresses unlinked."""
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_LINK.sub(lambda m: m.group(0) if SAFE_URL.match(m.group(2)) else m.group(1), text)
    # Reference-style link definitions ("[x]: javascript:...") are shown as text.
    return re.sub(r"(?m)^(\s*)\[([^\]]+)\]:\s*(?!https?:|mailto:)", r"\1\\[\2\\]: ", text)


def parse_documents(text: str, problems: list[Problem]) -> list[dict[str, str]]:
    documents = []
    for number, line in enumerate(part.strip() for part in text.splitlines() if part.strip()):
        line = line.lstrip("-* ").strip()
        link = MARKDOWN_LINK.fullmatch(line)
        if link:
            title, url = link.groups()
        else:
            title, _, url = line.rpartition(" ")
            title = title.strip(" -–:|") or url
        if not re.fullmatch(r"https?://\S+", url):
            problems.append(
                Problem(
                    FORM,
                    None,
                    "Documents",
                    f"line {number + 1} has no web address starting https:// ({quote(line)})",
                    "write one document a line: its title, a space, then its https:// address",
                )
            )
            continue
        documents.append({"title": title, "url": url})
    return documents


def parse_priorities(text: str, known: dict[str, str]) -> tuple[list[str], list[str]]:
    """Ids of the chosen priorities, from "Title (id)" choices, ids or titles; and what was not recognised."""
    by_title = {title.lower(): pid for pid, title in known.items()}
    chosen, unknown = [], []
    for part in re.split(r",\s*(?![^()]*\))|\n", text):
        part = part.strip().lstrip("-* ").removeprefix("[x]").removeprefix("[X]").strip()
        if not part:
            continue
        found = re.search(r"\(([^()]+)\)$", part)
        pid = found.group(1) if found and found.group(1) in known else part if part in known else None
        pid = pid or by_title.get(part.lower())
        (chosen if pid else unknown).append(pid or part)
    return list(dict.fromkeys(chosen)), unknown


def why_not_a_date(text: str) -> str:
    """Why a day/month/year or year-month-day is not a date, e.g. ": April has 30 days" ("" if it is not one)."""
    mistake = date_mistake(text)
    return ": write it as day/month/year" if mistake is None else f": {mistake}" if mistake else ""


def _has_text(record: str) -> bool:
    """Whether a record has anything besides its headings (lines starting with #) and blank lines."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in record.splitlines())


def _empty_headings(record: str) -> list[str]:
    """The headings with no text under them before the next heading of the same or a higher level."""
    lines = [line.strip() for line in record.splitlines() if line.strip()]
    empty = []
    for at, line in enumerate(lines):
        if not line.startswith("#"):
            continue
        level = len(line) - len(line.lstrip("#"))
        text = False
        for after in lines[at + 1 :]:
            if after.startswith("#") and len(after) - len(after.lstrip("#")) <= level:
                break
            text = text or not after.startswith("#")
        if not text:
            empty.append(line.lstrip("#").strip())
    return empty


def _sections(record: str, label: str) -> list[Problem]:
    """A needed section missing or empty, and any other heading left empty, each named."""
    headings = {heading_name(line) for line in record.splitlines() if line.lstrip().startswith("#")}
    problems = [
        Problem(
            FORM,
            None,
            label,
            f"has no {quote(name)} section: every record needs one saying {what}",
            f"put the heading ## {name} back, with {what} written under it",
        )
        for name, what in NEEDED_SECTIONS.items()
        if name.lower() not in headings
    ]
    for heading in _empty_headings(record):
        needed = next((what for name, what in NEEDED_SECTIONS.items() if name.lower() == heading_name(heading)), None)
        problems.append(
            Problem(
                FORM,
                None,
                label,
                f"the heading {quote(heading)} has nothing written under it",
                f"write {needed} under it: every record needs this section"
                if needed
                else "write that part of the record under its heading; if it does not apply, say so (e.g. None)",
            )
        )
    return problems


def decision_fields(
    answers: dict[str, str], priorities: dict[str, str], categories: list[str], today: dt.date | None = None
) -> tuple[dict, str, list[Problem]]:
    """Front matter and body for the record, and every problem with the form's answers."""
    problems = []
    labels = dict(FIELDS)
    for field_id in REQUIRED:
        if not answers.get(field_id):
            problems.append(Problem(FORM, None, labels[field_id], "is empty", "fill it in: it is required"))
    meta: dict = {"title": " ".join(answers.get("title", "").split())}
    date = parse_date(answers.get("date", "")) if answers.get("date") else None
    if answers.get("date") and date is None:
        problems.append(
            Problem(
                FORM,
                None,
                labels["date"],
                f"{quote(answers['date'])} is not a real date{why_not_a_date(answers['date'])}",
                "write the date it was signed as day/month/year, e.g. 30/04/2026, or as 2026-04-30",
            )
        )
    if date and today and date > today:
        problems.append(
            Problem(
                FORM,
                None,
                labels["date"],
                f"{date.strftime('%d/%m/%Y')} is after today ({today.strftime('%d/%m/%Y')}): a decision is "
                "published once it has been signed",
                "check the year and the month; if it is right, the record will show that future date",
                warning=True,
            )
        )
    if answers.get("decision") and not _has_text(answers["decision"]):
        problems.append(
            Problem(
                FORM,
                None,
                labels["decision"],
                "holds only the form's headings, with nothing written under them",
                "write the record under each heading (background, the decision, its implications), or paste it in",
            )
        )
    elif answers.get("decision"):
        problems += _sections(answers["decision"], labels["decision"])
    meta["date"] = date.isoformat() if date else ""
    meta["decision_maker"] = " ".join(answers.get("decision_maker", "").split())
    meta["summary"] = " ".join(answers.get("summary", "").split())
    if answers.get("amount"):
        amount = parse_amount(answers["amount"])
        if amount is None:
            problems.append(
                Problem(
                    FORM,
                    None,
                    labels["amount"],
                    f"{quote(answers['amount'])} is not an amount of money",
                    "write a number such as 25000",
                )
            )
        else:
            meta["amount"] = int(amount) if amount == amount.to_integral_value() else float(amount)
    chosen, unknown = parse_priorities(answers.get("priorities", ""), priorities)
    for part in unknown:
        problems.append(
            Problem(
                FORM, None, labels["priorities"], f"{quote(part)} is not a priority", "choose from the list in the form"
            )
        )
    if chosen:
        meta["priorities"] = chosen
    category = answers.get("category", "")
    if category and categories and category not in categories:
        problems.append(
            Problem(
                FORM,
                None,
                labels["category"],
                f"{quote(category)} is not one of the office's categories",
                "use one of: " + ", ".join(categories),
            )
        )
    if category:
        meta["category"] = category
    documents = parse_documents(answers.get("documents", ""), problems)
    if documents:
        meta["documents"] = documents
    if answers.get("exempt") and answers["exempt"] != NOT_EXEMPT:
        reason = " ".join(answers.get("exempt_reason", "").split())
        if not reason:
            problems.append(
                Problem(
                    FORM,
                    None,
                    labels["exempt_reason"],
                    "is empty, but the form says part of the record is withheld",
                    "say why, e.g. FOI section 43 (commercial interests)",
                )
            )
        meta["exempt"] = reason
    return meta, inert(answers.get("decision", "")) + "\n", problems
