"""With Welsh among the site's languages, every text the office wrote has its Welsh version (Welsh and English go
live at the same time): a problem for each text without it, naming file, row and column."""

from __future__ import annotations

from ...core.problems import Problem
from ..load import RawPackage, Table
from ..welsh import DECISION_TEXT, PROFILE_NAMES, SUFFIX, languages, welsh_documents

HINT = "write its Welsh version there: Welsh pages are published at the same time as English ones"


def check(raw: RawPackage) -> list[Problem]:
    if "cy" not in languages(raw.profile):
        return []
    found = _profile(raw.profile) + _categories(raw.profile)
    for table in raw.tables.values():
        found += _table(table)
    for decision in raw.decisions:
        found += _decision(raw, decision)
    for page in sorted(raw.content_meta):
        if page not in raw.welsh_pages:
            welsh = page.removesuffix(".md") + ".cy.md"
            found.append(Problem(f"content/{page}", None, None, "has no Welsh version", f"write it as content/{welsh}"))
    return found


def _profile(profile: dict) -> list[Problem]:
    people = [("", profile)] + [
        (f"predecessors.{i + 1}.", p) for i, p in enumerate(profile.get("predecessors") or []) if isinstance(p, dict)
    ]
    return [
        Problem("data/profile.yaml", None, f"{where}{key}{SUFFIX}", f"is missing: {key} has no Welsh version", HINT)
        for where, person in people
        for key in PROFILE_NAMES
        if str(person.get(key) or "").strip() and not str(person.get(key + SUFFIX) or "").strip()
    ]


def _categories(profile: dict) -> list[Problem]:
    """The decision categories the profile lists, and their Welsh names in a list of the same length and order."""
    english, welsh = profile.get("decision_categories"), profile.get("decision_categories_cy")
    if not isinstance(english, list) or not english:
        return []
    if isinstance(welsh, list) and len(welsh) == len(english) and all(str(w or "").strip() for w in welsh):
        return []
    said = "is missing" if welsh is None else f"does not give a Welsh name for each of the {len(english)} categories"
    hint = f"list the Welsh name of each of decision_categories, in the same order; {HINT}"
    return [Problem("data/profile.yaml", None, "decision_categories_cy", said, hint)]


def _table(table: Table) -> list[Problem]:
    """Each declared Welsh column: missing from the file (once), or empty beside an English text (each row)."""
    fields = [f.get("name") for f in (table.descriptor.get("schema") or {}).get("fields", []) if isinstance(f, dict)]
    pairs = [(str(n).removesuffix(SUFFIX), str(n)) for n in fields if str(n).endswith(SUFFIX)]
    found = []
    for english, welsh in pairs:
        if english not in table.header or not any(row.get(english, "").strip() for row in table.rows):
            continue
        if welsh not in table.header:
            found.append(
                Problem(table.file, None, welsh, "the column is missing", f"add it beside {english}, and {HINT}")
            )
            continue
        found += [
            Problem(table.file, int(row["__row__"]), welsh, f"is empty: {english} has no Welsh version", HINT)
            for row in table.rows
            if row.get(english, "").strip() and not row.get(welsh, "").strip()
        ]
    return found


def _decision(raw: RawPackage, decision) -> list[Problem]:
    welsh_file = decision.file.removesuffix(".md") + ".cy.md"
    welsh = raw.welsh_decisions.get(decision.file)
    if welsh is None:
        return [Problem(decision.file, None, None, "has no Welsh version", f"write it as {welsh_file}")]
    found = [
        Problem(welsh_file, None, key, f"is missing: {decision.file} has a {key}", HINT)
        for key in DECISION_TEXT
        if str(decision.meta.get(key) or "").strip() and not str(welsh.meta.get(key) or "").strip()
    ]
    if decision.meta.get("documents") and not welsh_documents(decision.meta, welsh.meta):
        count = len(decision.meta["documents"]) if isinstance(decision.meta["documents"], list) else 0
        found.append(
            Problem(
                welsh_file,
                None,
                "documents",
                f"does not give the Welsh title of each of the documents of {decision.file} ({count})",
                f"list them in the same order, each with its Welsh title; {HINT}",
            )
        )
    if decision.body.strip() and not welsh.body.strip():
        found.append(Problem(welsh_file, None, None, "has no text after its front matter", HINT))
    return found
