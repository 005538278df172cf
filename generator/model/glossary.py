"""The glossary's terms, and linking the first use of each on a page to its entry."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ..core import i18n
from ..core.formatting import slug
from ..core.installed import STANDARDS

# Text inside these is never linked: links and headings already say what they are, and code, scripts, charts'
# drawings, form controls and table headings are not prose.
SKIPPED = frozenset(
    "a h1 h2 h3 h4 h5 h6 script style svg title button option select textarea label code pre th summary figcaption".split()
)
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


# The glossary an office starts with: its own data/glossary.csv, when it has one, replaces it.
STANDARD = STANDARDS / "glossary.csv"


def glossary_rows(records: dict[str, list[dict]]) -> list[dict]:
    """The office's glossary (data/glossary.csv), or the standard one when it has none (in the language being
    written: the standard glossary has each term's Welsh beside it, in columns ending _cy)."""
    return records.get("glossary") or _standard_rows(i18n.current())


@cache
def _standard_rows(language: str = i18n.ENGLISH) -> list[dict]:
    with STANDARD.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if language == i18n.ENGLISH:
        return rows
    columns = ("term", "also_written", "definition")
    return [{**row, **{c: row[f"{c}_{language}"] for c in columns if row.get(f"{c}_{language}")}} for row in rows]


@dataclass(frozen=True)
class Term:
    name: str
    anchor: str
    pattern: re.Pattern


def terms_of(rows: list[dict]) -> list[Term]:
    """The glossary's terms, each with the pattern that finds it (and its other forms) in a page's text."""
    found = []
    for row in rows:
        forms = [row["term"], *(f.strip() for f in str(row.get("also_written") or "").split(";") if f.strip())]
        forms.sort(key=len, reverse=True)  # "precept raised" before "precept"
        alternatives = "|".join(_form(f) for f in forms)
        found.append(Term(row["term"], slug(row["term"]), re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")))
    return found


def _form(text: str) -> str:
    """A form written with a capital only at the start matches in any case; any other capital, only as written."""
    escaped = re.escape(text)
    return escaped if any(c.isupper() for c in text[1:]) else f"(?i:{escaped})"


def link_first_uses(html: str, terms: list[Term], href: str) -> str:
    """The page with the first use of each term in its prose linked to the glossary entry (href + "#anchor")."""
    if not terms:
        return html
    # Most pages (a grant, a payment month) use no term at all: one search of the page for any of them says so.
    # A text part holds a term only if the whole page does (a part's edges are tags' < and >, which no term's
    # edge can touch), so a page without one is returned as it is and a part without one is left alone.
    any_term = _any_of(tuple(terms))
    if not any_term.search(html):
        return html
    waiting = list(terms)
    parts = TAG.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = TAG_NAME.match(part)
            if match and match.group(2).lower() in SKIPPED and not part.endswith("/>"):
                name = match.group(2).lower()
                if match.group(1):
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
                else:
                    skipping.append(name)
            continue
        if skipping or not waiting or not part.strip() or not any_term.search(part):
            continue
        parts[index] = _link_in_text(part, waiting, href)
    return "".join(parts)


@cache
def _any_of(terms: tuple[Term, ...]) -> re.Pattern:
    """One pattern that finds any of the terms."""
    return re.compile("|".join(f"(?:{term.pattern.pattern})" for term in terms))


def _link_in_text(text: str, waiting: list[Term], href: str) -> str:
    out, position = [], 0
    while waiting:
        found = [(m.start(), m, t) for t in waiting if (m := t.pattern.search(text, position))]
        if not found:
            break
        _, match, term = min(found, key=lambda f: f[0])
        out.append(text[position : match.start()])
        out.append(f'<a class="glossary-term" href="{href}#{term.anchor}">{match.group(0)}</a>')
        position = match.end()
        waiting.remove(term)
    out.append(text[position:])
    return "".join(out)
