"""The glossary page: plain words for the terms the site uses, from data/glossary.csv or the standard glossary."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.formatting import slug
from ..core.i18n import _
from ..model.glossary import glossary_rows
from ..model.records import Site
from . import Page


def pages(site: Site) -> Iterator[Page]:
    rows = glossary_rows(site.records)
    entries = sorted(
        (
            {
                "term": r["term"],
                "anchor": slug(r["term"]),
                "definition": r["definition"],
            }
            for r in rows
        ),
        key=lambda e: e["term"].lower().removeprefix("the "),
    )
    yield Page(
        "glossary/index.md",
        _("Glossary"),
        "glossary.html",
        {"entries": entries, "download": site.has("glossary")},
        description=_("Plain words for the terms this site uses: Band D, precept, reserves, POCA, HMICFRS and more."),
        search=True,
        sources=frozenset({"glossary"}),
    )
