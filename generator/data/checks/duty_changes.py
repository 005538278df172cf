"""Check data/duties.yaml, the office's own changes to the statutory duties register (add, retitle, retire, re-time)."""

from __future__ import annotations

from ...core.problems import Problem, quote
from ..load import DUTY_CHANGES, RawPackage

FILE = f"data/{DUTY_CHANGES}"
KEYS = ("id", "title", "para", "frequency", "group", "source", "link", "retired")
NEW_DUTY_KEYS = ("title", "para", "frequency", "group", "source", "link")
SOURCE_KEYS = ("resource", "where", "decisions", "page")


def check(raw: RawPackage) -> list[Problem]:
    from ...law.duties import FREQUENCIES, load_register

    changes = raw.duty_changes
    if not changes:
        return []
    found = [
        Problem(FILE, None, key, "is not a known key", "the file holds one list, duties:, of changes to the register")
        for key in changes
        if key != "duties"
    ]
    entries = changes.get("duties")
    if not isinstance(entries, list):
        return found + [Problem(FILE, None, "duties", "should be a list", "start each change with a line '  - id: …'")]
    known = {d.id for d in load_register()}
    resources = {r.get("name") for r in raw.descriptor.get("resources", []) if isinstance(r, dict)}
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"duties[{number}]"
        if not isinstance(entry, dict) or not str(entry.get("id") or "").strip():
            found.append(
                Problem(
                    FILE,
                    None,
                    f"{where}.id",
                    "is missing",
                    "each change starts with the id of the duty it changes or adds",
                )
            )
            continue
        duty = str(entry["id"])
        where = f"duties[{number}] ({duty})"
        if duty in seen:
            found.append(Problem(FILE, None, where, "changes the same duty twice", "merge the two changes into one"))
        seen.add(duty)
        for key in entry:
            if key not in KEYS:
                found.append(
                    Problem(FILE, None, f"{where}.{key}", "is not a known key", "use only: " + ", ".join(KEYS))
                )
        if duty not in known and not entry.get("retired"):
            missing = [k for k in NEW_DUTY_KEYS if not str(entry.get(k) or "").strip()]
            if missing:
                found.append(
                    Problem(
                        FILE,
                        None,
                        where,
                        "is not a duty in the register, so it adds one, but it has no " + ", ".join(missing),
                        "give every key of a new duty, or correct the id (the duties are "
                        + ", ".join(sorted(known))
                        + ")",
                    )
                )
        elif duty not in known:
            found.append(
                Problem(FILE, None, f"{where}.retired", "retires a duty that is not in the register", "correct the id")
            )
        if "frequency" in entry and entry["frequency"] not in FREQUENCIES:
            found.append(
                Problem(
                    FILE,
                    None,
                    f"{where}.frequency",
                    f"{quote(entry['frequency'])} is not a frequency",
                    "use one of: " + ", ".join(FREQUENCIES),
                )
            )
        if "source" in entry:
            found += _source(entry["source"], f"{where}.source", resources)
    return found


def _source(source: object, where: str, resources: set) -> list[Problem]:
    hint = "write {resource: a resource name}, {decisions: true} or {page: a page in content/}"
    if not isinstance(source, dict) or not any(k in source for k in ("resource", "decisions", "page")):
        return [Problem(FILE, None, where, "does not say where the data is", hint)]
    found = [Problem(FILE, None, f"{where}.{k}", "is not a known key", hint) for k in source if k not in SOURCE_KEYS]
    if "resource" in source and source["resource"] not in resources:
        found.append(
            Problem(
                FILE,
                None,
                f"{where}.resource",
                f"{quote(source['resource'])} is not a resource in data/datapackage.yaml",
                "use one of: " + ", ".join(sorted(str(r) for r in resources)),
            )
        )
    if "where" in source and not isinstance(source["where"], dict):
        found.append(Problem(FILE, None, f"{where}.where", "should be column: value lines"))
    return found
