"""A preview rebuild skips a page whose fingerprint is unchanged: every page that shows an edited decision or
table must therefore get a new fingerprint, and pages that do not show it should keep theirs."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import yaml

from generator.build import assemble


def rendered_and_fingerprints(project):
    result, error = assemble.prepare_preview(project / "data", project / "content", project / "theme", "")
    assert error is None
    pages = {page.path: assemble.render(result, page) for page in result.pages}
    shared = assemble.shared_digest(result, project / "theme", project / "mkdocs.yml")
    return pages, assemble.fingerprints(result, project / "content", shared)


def test_every_page_showing_an_edited_decision_title_gets_a_new_fingerprint(project):
    record = max((project / "content" / "decisions").glob("*.md"))  # the newest: shown on the most pages
    text = record.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.MULTILINE).group(1).strip().strip("\"'")
    before, old = rendered_and_fingerprints(project)
    record.write_text(text.replace(title, "An edited title", 1), encoding="utf-8")
    after, new = rendered_and_fingerprints(project)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed, "the edit should change some pages"
    stale = sorted(path for path in changed if new[path] is not None and new[path] == old.get(path))
    assert stale == [], "these pages show the edit but a preview would skip them"
    # Year lists and ambitions name the decisions they show: they are rebuilt exactly when they change.
    precise = [path for path in after if path.startswith(("decisions/year-", "plan/")) and path != "plan/index.md"]
    assert precise
    assert [path for path in precise if (new[path] != old[path]) != (path in changed)] == []


def referenced_fields(descriptor: dict) -> set[tuple[str, str]]:
    """(resource, field) pairs that identify rows: keys, and fields other tables refer to."""
    found = set()
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        found |= {(resource["name"], field) for field in schema.get("primaryKey", [])}
        for key in schema.get("foreignKeys", []):
            found |= {(resource["name"], field) for field in key["fields"]}
            target = key["reference"]["resource"] or resource["name"]
            found |= {(target, field) for field in key["reference"]["fields"]}
    return found


def edited_row(resource: dict, row: dict, keep: set, numbers: bool) -> dict:
    """The row with every free-text value (and, if asked, every number) changed; keys, coded values and the
    columns in `keep` stay as they are."""
    edited = dict(row)
    for field in resource["schema"]["fields"]:
        name, constraints, value = field["name"], field.get("constraints", {}), row.get(field["name"], "")
        if (resource["name"], name) in keep or "enum" in constraints or "pattern" in constraints or not value:
            continue
        if field.get("type", "string") == "string" and "format" not in field:
            edited[name] = value + " edited"
        elif numbers and field.get("type") in ("number", "integer") and "maximum" not in constraints:
            edited[name] = str(Decimal(value) + 1)
    return edited


def test_a_page_is_rebuilt_whenever_a_table_it_shows_changes(project):
    """Change the first and last rows of each table in turn (text, and numbers where they stay valid): every
    page whose rendering changes must have a new fingerprint, or a preview would keep showing the old page."""
    descriptor = yaml.safe_load((project / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    keys = referenced_fields(descriptor)
    before, old = rendered_and_fingerprints(project)
    exercised, stale = [], []
    for resource in descriptor["resources"]:
        path = project / "data" / resource["path"]
        original = path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(original)))
        if not rows:
            continue
        keep = set(keys)
        for numbers in (True, True, True, False):  # leave out the columns the checks refuse, then the numbers
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            edited = [edited_row(resource, row, keep, numbers) for row in (rows[0], rows[-1])]
            writer.writerows([edited[0], *rows[1:-1], edited[1]] if len(rows) > 1 else edited[:1])
            path.write_text(out.getvalue(), encoding="utf-8")
            result, error = assemble.prepare_preview(project / "data", project / "content", project / "theme", "")
            if error is None:
                break
            keep |= {(resource["name"], problem.column) for problem in error.problems}
        path.write_text(original, encoding="utf-8")
        if error is not None:
            continue
        shared = assemble.shared_digest(result, project / "theme", project / "mkdocs.yml")
        new = assemble.fingerprints(result, project / "content", shared)
        changed = [page.path for page in result.pages if assemble.render(result, page) != before.get(page.path)]
        if changed:
            exercised.append(resource["name"])
        stale += [f"{resource['name']}: {p}" for p in changed if new[p] is not None and new[p] == old.get(p)]
    assert len(exercised) >= 25, f"too few tables could be edited validly: {exercised}"
    assert stale == [], "these pages show the edited table but a preview would skip them"


def test_an_edit_of_one_grants_amount_rebuilds_only_the_pages_that_show_that_grant(project):
    """What makes the preview fast after a grant edit: other grants', organisations' and decisions' pages keep
    their fingerprints (each names the rows it shows), so only the lists and totals that show it are rebuilt."""
    path = project / "data" / "grants.csv"
    original = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(original)))
    grant = rows[0]
    before, old = rendered_and_fingerprints(project)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(grant), lineterminator="\n")
    writer.writeheader()
    writer.writerows([grant | {"Amount Awarded": str(Decimal(grant["Amount Awarded"]) + 1)}, *rows[1:]])
    path.write_text(out.getvalue(), encoding="utf-8")
    after, new = rendered_and_fingerprints(project)
    rebuilt = {p for p in new if new[p] is None or new[p] != old.get(p)}
    changed = {p for p in after if after[p] != before.get(p)}
    assert changed <= rebuilt, "a page showing the edit would be skipped"
    own = f"grants/{grant['Identifier'].lower()}.md"
    assert own in changed
    records = [p for p in new if p.startswith(("grants/", "organisations/", "decisions/")) and "index" not in p]
    rebuilt_records = sorted(p for p in records if p in rebuilt)
    # The grant's own page, its year's list, its recipient's page and the decision it cites: not every grant's,
    # organisation's or decision's page, nor other years' lists.
    assert own in rebuilt_records
    assert len(rebuilt_records) == 3 + bool(grant["Decision Reference"]), rebuilt_records
    assert len([p for p in rebuilt_records if "/year-" in p]) == 1, rebuilt_records
