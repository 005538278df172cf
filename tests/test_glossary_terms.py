"""The glossary explains the terms a resident meets on the money, grants and performance pages."""

from __future__ import annotations

import re

from generator.render.tables import text_of

NEW_TERMS = {
    "Net budget": "money/reserves/index.html",
    "Forecast": "money/index.html",
    "ISVA": "contracts/index.html",
    "IDVA": "contracts/index.html",
    "Violence Reduction Unit": "money/index.html",
    "FOI": "transparency/documents/index.html",
    "Full-time equivalent": "data/staff/index.html",
}


def test_each_new_term_is_explained_and_linked_where_a_resident_meets_it(site_dir):
    glossary = text_of((site_dir / "glossary/index.html").read_text(encoding="utf-8"))
    for term, page in NEW_TERMS.items():
        assert term in glossary, term
        anchor = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
        html = (site_dir / page).read_text(encoding="utf-8")
        assert f'glossary/#{anchor}"' in html, (term, page)
    assert "A reserves policy usually sets its limits as shares of it" in glossary
