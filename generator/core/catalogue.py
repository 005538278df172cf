"""Write a language's catalogue (theme/locales/<code>/LC_MESSAGES/messages.po) from the extracted template,
keeping every translation it already has: what `make translations` runs after `pybabel extract`."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

REVIEW = "machine-assisted, awaiting review by a Welsh-speaking officer"


def update(template: Path, catalogue: Path, language: str, extra: dict[str, str] | None = None) -> int:
    """Merge the template into the catalogue; returns how many messages have no translation yet."""
    with template.open("rb") as file:
        wanted = read_po(file)
    known: dict[str, str] = {}
    if catalogue.is_file():
        with catalogue.open("rb") as file:
            known = {m.id: m.string for m in read_po(file, locale=language) if m.id and m.string}
    known |= extra or {}
    merged = Catalog(
        locale=language,
        project="pcc-transparency",
        header_comment=(
            f"# The site's interface in {language}. Review status: {REVIEW}.\n"
            "# Correct a translation by editing its msgstr; `make translations` keeps it. An empty msgstr\n"
            "# shows the English (tests/test_welsh.py fails on it)."
        ),
        fuzzy=False,
    )
    for message in wanted:
        if message.id:
            merged.add(message.id, known.get(message.id, ""), flags=[f for f in message.flags if f != "fuzzy"])
    catalogue.parent.mkdir(parents=True, exist_ok=True)
    with catalogue.open("wb") as file:
        write_po(file, merged, width=120, omit_header=False, sort_output=True, include_previous=False)
    return sum(1 for m in merged if m.id and not m.string)


if __name__ == "__main__":
    missing = update(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    print(f"{sys.argv[2]}: {missing} messages without a translation" if missing else f"{sys.argv[2]}: complete")
