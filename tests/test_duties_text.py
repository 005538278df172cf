"""The statutory text on the compliance page cannot drift from the law.

Every duty in generator/standards/duties.yaml is checked against the project's notes on the law,
tests/reference/DUTIES.md (a copy of ../shared/DUTIES.md): its paragraph of the Order, every amount
(£10,000, £500) and day count (56 days) in its title, and its frequency against the "when" column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "generator" / "standards" / "duties.yaml"
DUTIES_MD = Path(__file__).parent / "reference" / "DUTIES.md"
DUTY_KEYS = {"id", "para", "title", "frequency", "source", "link"}
OPTIONAL_KEYS = {"timing", "para_wales"}  # the Procurement Act's periods, deadlines and commencement

# Each duty: where DUTIES.md states it (table rows by their "para | category" cells, or the bold name of an
# "Other duties" bullet), and the frequencies that are a fair reading of its "when" wording.
SOURCES = {
    "office-holders": (["1(a)(b) | Office holders", "1(c) | Office holders' pay"], {"keep current"}),
    "interests": (["1(e) | Register of interests"], {"keep current"}),
    "staff": (["2(a)(b) | Staff"], {"annual"}),
    "structure": (["2(c) | Structure"], {"keep current"}),
    "senior-staff": (["2(d) | Senior staff"], {"keep current"}),
    "shared-staff": (["2A | Shared staff"], {"keep current"}),
    "budget": (["3(a)–(e) | Budget"], {"before each financial year"}),
    "precept": (["3(a)–(e) | Budget"], {"before each financial year"}),
    # The strategy is a document with a date rather than a financial year, so it is judged yearly.
    "investment-strategy": (["3(a)–(e) | Budget"], {"before each financial year", "annual"}),
    "grants": (["3(f) | Grants"], {"monthly"}),
    "spend": (["3(g) | Spending over £500"], {"monthly"}),
    "expenses": (["1(d), 3(h) | Allowances and expenses"], {"quarterly"}),
    "contracts": (["4 | Contracts over £10,000"], {"when it happens"}),
    "contracts-list": (["4 | Contracts up to £10,000"], {"quarterly"}),
    "tenders": (["4 | Tenders"], {"when it happens"}),
    "accounts": (["Statement of accounts"], {"annual"}),
    "plan": (["Police and Crime Plan"], {"keep current"}),
    "performance": (["Performance"], {"quarterly", "monthly"}),
    "annual-report": (["Annual report"], {"annual"}),
    "national-measures": (["7A | National priorities"], {"keep current"}),
    # A PEEL inspection comes every two or three years: "keep current" means the latest when it comes.
    "inspection": (["7B | Inspection"], {"keep current", "when it happens"}),
    "hmicfrs-responses": (["HMICFRS responses"], {"within 56 days"}),
    "meetings": (["5(a)–(c) | Meetings"], {"when it happens"}),
    "decisions": (["5(d) | Decisions"], {"when it happens"}),
    "policies": (["6 | Policies"], {"keep current"}),
    "publication-scheme": (["Publication scheme"], {"keep current"}),
    "accessibility": (["Accessibility statement"], {"keep current"}),
    "office-holder-complaints": (["1(f) | Complaints about office holders"], {"quarterly", "monthly"}),
    "gifts": (["2(e) | Gifts and hospitality"], {"quarterly", "monthly"}),
    "property": (["4(a) | Property"], {"keep current"}),
    # "On receipt": reports arrive from the partnerships once a year.
    "csp-reports": (["7 | Crime and disorder reports"], {"when it happens", "annual"}),
    "police-complaints": (["7C | Police complaints"], {"keep current", "quarterly"}),
    "custody-visiting": (["8 | Custody visiting"], {"quarterly", "monthly"}),
    # The Procurement Act 2023's table: "section | duty | when", the duty's bold name as its category.
    "payments-compliance": (["s.69 | Payments compliance notice"], {"each six-month period, within 30 days"}),
    "contract-payments": (["s.70 | Information about payments over £30,000"], {"each quarter, within 30 days"}),
    "contract-performance": (["s.71 | Contract performance notices"], {"when it happens"}),
    "contract-details": (["s.53, s.87 | Contract details notices"], {"within 30 days of entering the contract"}),
}
# The "when" wording each reading above relies on; if DUTIES.md changes it, this test asks for a new look.
WHEN = {
    "keep current": ("keep current", "any variation", "last reviewed"),
    "quarterly": ("quarterly", "regularly", "after each period"),
    "monthly": ("each month", "regularly", "after each period"),
    "annual": ("annually", "annual", "each financial year", "on receipt"),
    "before each financial year": ("before it starts",),
    # "The latest" report, kept current: each new report is published when it comes.
    "when it happens": (
        "as soon as practicable after it is made",
        "when issued",
        "each meeting",
        "on receipt",
        "the latest",
        "when a breach or failure occurs",
    ),
    "within 56 days": ("within 56 days",),
    "each six-month period, within 30 days": ("six-month reporting period", "within 30 days of its end"),
    "each quarter, within 30 days": ("each quarter, within 30 days of its end",),
    "within 30 days of entering the contract": ("within 30 days of entering the contract",),
}
AMOUNT = re.compile(r"£\d[\d,]*\d|\b\d+ days\b")


def _plain(text: str) -> str:
    return text.replace("**", "").replace("*", "")


def law() -> dict[str, dict]:
    """DUTIES.md as {locator: {"para", "category", "text"}}: table rows and the 'Other duties' bullets."""
    found = {}
    for line in DUTIES_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 4 and cells[0] not in ("para", "---"):
            para, category, what, when = (_plain(c) for c in cells)
            found[f"{para} | {category}"] = {"para": para, "category": category, "what": what, "when": when}
        if line.startswith("| s.") and len(cells) == 3:  # the Procurement Act's table: section | duty | when
            section, what, when = (_plain(c) for c in cells)
            category = re.match(r"\*\*([^*]+)\*\*", cells[1]).group(1)
            found[f"{section} | {category}"] = {"para": section, "category": category, "what": what, "when": when}
        for name in re.findall(r"\*\*([^*]+)\*\*", line if line.startswith("- ") else ""):
            found[name] = {"para": _plain(line), "category": name, "what": _plain(line), "when": _plain(line)}
    return found


def register() -> dict[str, dict]:
    data = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    return {d["id"]: d for group in data["groups"] for d in group["duties"]}


def paragraphs(para: str) -> set[str]:
    """'1(a)-(c)' -> {1a, 1b, 1c}; '1(d), 3(h)' -> {1d, 3h}; '2A' -> {2A}; '4' -> {4}."""
    found = set()
    for number, letters in re.findall(r"(\d+[A-Z]?)((?:\([a-z]\)|[-–])*)", para):
        marks = re.findall(r"\(([a-z])\)", letters)
        if re.search(r"\)[-–]\(", letters):
            marks = [chr(c) for c in range(ord(marks[0]), ord(marks[-1]) + 1)]
        found |= {number + m for m in marks} or {number}
    return found


def test_every_duty_is_traced_to_the_law():
    assert set(register()) == set(SOURCES)
    assert all(key in law() for locators, _ in SOURCES.values() for key in locators)


@pytest.mark.parametrize("duty_id", sorted(SOURCES))
def test_duty_matches_the_law(duty_id):
    duty = register()[duty_id]
    locators, readings = SOURCES[duty_id]
    rows = [law()[key] for key in locators]
    # A comma in an unquoted flow mapping would have cut the title and left a stray key behind.
    assert DUTY_KEYS <= set(duty) <= DUTY_KEYS | OPTIONAL_KEYS, f"{duty_id}: unexpected keys {set(duty) - DUTY_KEYS}"
    assert all(isinstance(duty[k], str) for k in ("para", "title", "frequency")), duty

    stated = " ".join(f"{r['category']} {r['what']} {r['when']}" for r in rows)
    for figure in AMOUNT.findall(f"{duty['title']} {duty['frequency']}"):
        assert figure in stated, f"{duty_id}: {figure!r} is not in DUTIES.md ({locators})"
    for figure in AMOUNT.findall(" ".join(r["category"] for r in rows)):
        assert figure in duty["title"], f"{duty_id}: the title {duty['title']!r} should say {figure}"

    if locators[0].startswith("s."):  # the Act's sections, as the table names them
        assert duty["para"] == f"Procurement Act 2023 {rows[0]['para']}", f"{duty_id}: {duty['para']}"
    elif " | " in locators[0]:
        allowed = set().union(*(paragraphs(r["para"]) for r in rows))
        assert paragraphs(duty["para"]) <= allowed, f"{duty_id}: paragraph {duty['para']} is not {allowed}"
    else:
        references = re.findall(r"s\.\d+(?:\(\d+\))?|reg\. \d+", duty["para"]) or [duty["para"]]
        assert all(ref in stated for ref in references), f"{duty_id}: {duty['para']} is not in DUTIES.md"

    assert duty["frequency"] in readings, f"{duty_id}: {duty['frequency']!r}, expected one of {readings}"
    # Table rows state a timing; the "Other duties" bullets mostly do not (a standing document is kept current).
    assert " | " not in locators[0] or any(words in stated.lower() for words in WHEN[duty["frequency"]]), (
        f"{duty_id}: DUTIES.md no longer says {WHEN[duty['frequency']]} for {locators}"
    )


def test_paragraph_ranges_are_read_as_the_law_writes_them():
    assert paragraphs("1(a)-(c)") == {"1a", "1b", "1c"}
    assert paragraphs("3(a)–(e)") >= {"3a", "3e"}
    assert paragraphs("1(d), 3(h)") == {"1d", "3h"}
    assert paragraphs("2A") == {"2A"} and paragraphs("4") == {"4"}


def test_compliance_page_states_the_amounts_in_full(site_dir):
    html = (site_dir / "transparency/index.html").read_text(encoding="utf-8")
    assert ">A copy of each contract over £10,000 to which we or the Chief Constable are a party</a>" in html
    assert ">A list of contracts up to £10,000: the value, every party and the purpose of each</a>" in html
    assert "Each invitation to tender for a contract expected to exceed £10,000" in html
    assert "HMICFRS report, within 56 days" in html
    assert "over £500" in html
    assert not re.search(r"£10(?!,000)\b", html)
