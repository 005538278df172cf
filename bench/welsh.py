"""The synthetic office published in Welsh too: `languages: [en, cy]` and a Welsh placeholder for every text it
writes (each _cy column, the profile's Welsh names, a NAME.cy.md beside every page and decision record), as
tests/welsh_office.make_welsh_demo does for the demo. The placeholders are as long as short real Welsh text."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml

from generator.data.welsh import DECISION_TEXT, PROFILE_NAMES, TEXT_COLUMNS

PAGE_TEXT = ("title", "description", *DECISION_TEXT)


def make_welsh_project(english: Path, target: Path) -> Path:
    """A copy of the project at `english`, published in English and Welsh."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(english, target, ignore=shutil.ignore_patterns("site"))
    profile_path = target / "data" / "profile.yaml"
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    for body in [profile, *(profile.get("predecessors") or [])]:
        body.update({name + "_cy": f"Enw Cymraeg: {body[name]}" for name in PROFILE_NAMES if body.get(name)})
    profile.update(languages=["en", "cy"], nation="Wales")
    if isinstance(profile.get("decision_categories"), list):
        profile["decision_categories_cy"] = [f"Categori: {name}" for name in profile["decision_categories"]]
    profile_path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for dataset, columns in TEXT_COLUMNS.items():
        fill_welsh_columns(target / "data" / f"{dataset}.csv", columns)
    for page in (target / "content").rglob("*.md"):
        if not page.name.endswith(".cy.md"):
            write_welsh_page(page)
    return target


def fill_welsh_columns(path: Path, columns: tuple[str, ...]) -> None:
    """X_cy beside each text column X the file has, filled wherever X is."""
    if not path.is_file():
        return
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    if not rows:
        return
    present = [c for c in columns if c in rows[0]]
    header = list(rows[0]) + [c + "_cy" for c in present if c + "_cy" not in rows[0]]
    for number, row in enumerate(rows, start=2):
        for column in present:
            if row[column].strip():
                row[column + "_cy"] = f"Testun Cymraeg {number}"
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def write_welsh_page(page: Path) -> None:
    """NAME.cy.md beside NAME.md: the text keys of its front matter and its body in Welsh placeholder words."""
    text = page.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n", 2)[1]) or {} if text.startswith("---\n") else {}
    welsh = {key: f"Testun Cymraeg: {meta[key]}" for key in PAGE_TEXT if meta.get(key)}
    if isinstance(meta.get("documents"), list):
        welsh["documents"] = [
            {"title": f"Dogfen Gymraeg: {d.get('title')}"} for d in meta["documents"] if isinstance(d, dict)
        ]
    front = f"---\n{yaml.safe_dump(welsh, allow_unicode=True)}---\n" if welsh else ""
    body = "# Tudalen yn Gymraeg\n\nDyma destun y dudalen yn Gymraeg.\n"
    page.with_name(page.name.removesuffix(".md") + ".cy.md").write_text(front + body, encoding="utf-8")
