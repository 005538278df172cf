"""In a preview with problems, the page of each record left out: what is wrong with it and what it says now."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..core.formatting import N_, slug
from ..core.i18n import _
from ..model.held_back import HeldBack
from ..model.records import Site
from . import Page

# Datasets whose rows have a page of their own: (folder, identifier column, title column, what a row is).
RECORD_PAGES = {
    "grants": ("grants", "Identifier", "Title", N_("grant")),
    "organisations": ("organisations", "id", "name", N_("organisation")),
    "priorities": ("priorities", "id", "title", N_("priority")),
    "decisions": ("decisions", "reference", "title", N_("decision")),
    "plan": ("plan", "id", "title", N_("ambition")),
}


def pages(site: Site, taken: set[str]) -> Iterator[Page]:
    """A page at each left-out record's own address (not one a published record has), in place of "Page not
    found"; rebuilt on every preview rebuild (no sources), so it goes as soon as the record is fixed."""
    found: dict[str, list[HeldBack]] = {}
    for record in site.held_back:
        path = page_path(record)
        if path is not None and path not in taken:
            found.setdefault(path, []).append(record)
    for path, records in found.items():
        folder, key, title_column, noun = RECORD_PAGES[records[0].dataset]
        first = records[0]
        identifier = _identifier(first)
        title = first.cells.get(title_column, "").strip() or identifier
        yield Page(
            path,
            title,
            "held_back.html",
            {"records": records, "noun": noun, "identifier": identifier, "folder": folder},
            description=_("This %(noun)s is left out of the preview until the problems with it are fixed.")
            % {"noun": _(noun)},
            search=False,
        )


def page_path(record: HeldBack) -> str | None:
    """The address the record's page has when it is published, or None when it has none (or none can be told)."""
    if record.dataset not in RECORD_PAGES:
        return None
    identifier = slug(_identifier(record))
    return f"{RECORD_PAGES[record.dataset][0]}/{identifier}.md" if identifier else None


def _identifier(record: HeldBack) -> str:
    _, key, _, _ = RECORD_PAGES[record.dataset]
    value = record.cells.get(key, "").strip()
    if not value and key in record.header[: len(record.line)]:
        # A row whose cells are out of place (a comma typed in a value): those before it are where they belong,
        # and the identifier usually comes first.
        value = record.line[record.header.index(key)].strip()
    if not value and record.dataset == "decisions":
        value = PurePosixPath(record.file).stem
    return value
