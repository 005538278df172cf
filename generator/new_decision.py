"""Write a new decision record with the next free reference for the year and every front-matter key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .load import split_front_matter


def next_reference(folder: Path, year: int) -> str:
    """The next free reference of the form YYYY/NNN, after every reference already used that year."""
    used = []
    for path in folder.glob("*.md"):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8-sig"), path.name, [])
        match = re.fullmatch(rf"{year}/(\d+)", str((meta or {}).get("reference", "")))
        if match:
            used.append(int(match.group(1)))
    return f"{year}/{max(used, default=0) + 1:03d}"


def create(folder: Path, title: str, today: dt.date, decision_maker: str = "Police and Crime Commissioner") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    reference = next_reference(folder, today.year)
    meta = {
        "reference": reference,
        "title": title,
        "date": today.isoformat(),
        "decision_maker": decision_maker,
        "summary": f"Summary of the decision: {title}.",
        "amount": None,
        "priorities": [],
        "category": "",
        "exempt": "",
        "documents": [],
    }
    body = "## Background\n\nWhy a decision was needed.\n\n## Decision\n\nWhat the Commissioner decided.\n\n## Financial implications\n\nNone.\n\n## Legal and equality implications\n\nNone.\n\n## Declarations of interest\n\nNone.\n"
    path = folder / f"{reference.replace('/', '-')}.md"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return path
