"""The glossary's terms, and linking the first use of each on a page to its entry."""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
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
BEFORE = r"(?<![\w-])"  # what a term's pattern starts with (terms_of): no letter, digit or hyphen before it


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
        found.append(Term(row["term"], slug(row["term"]), re.compile(rf"{BEFORE}(?:{alternatives})(?![\w-])")))
    return found


def _form(text: str) -> str:
    """A form written with a capital only at the start matches in any case; any other capital, only as written."""
    escaped = re.escape(text)
    return escaped if any(c.isupper() for c in text[1:]) else f"(?i:{escaped})"


def link_first_uses(html: str, terms: list[Term], href: str) -> str:
    """The page with the first use of each term in its prose linked to the glossary entry (href + "#anchor")."""
    if not terms:
        return html
    parts = TAG.split(html)
    prose = _prose(parts)
    # The prose is searched as one text, its parts joined by a character no term and no page holds (each term
    # once, not once in every table cell: most of the cost on a large page); a page holding it is searched part
    # by part. Either way each term's first use is the same: the character, like the tags around a part, is
    # neither a letter nor a hyphen, so a term matches beside it just as at a part's edges.
    joined = "\x00" not in html and not any("\x00" in term.pattern.pattern for term in terms)
    groups = [prose] if joined else [[index] for index in prose]
    waiting = list(terms)
    for group in groups:
        text = SEPARATOR.join(parts[index] for index in group)
        links = _first_uses(text, waiting, terms)
        if links:
            _splice(parts, group, links, href)
    return "".join(parts)


SEPARATOR = "\x00"


def _prose(parts: list[str]) -> list[int]:
    """The indexes of the text parts (between tags) that are prose: not inside a link, heading, script ... (SKIPPED)."""
    prose, skipping = [], []
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
        elif not skipping and part.strip():
            prose.append(index)
    return prose


def _first_uses(text: str, waiting: list[Term], terms: list[Term]) -> list[tuple[re.Match, Term]]:
    """The first use of each waiting term in the text, in order, each after the one before (a term found is taken
    out of `waiting`; where two start at the same place, the one listed first)."""
    links: list[tuple[re.Match, Term]] = []
    position = 0
    # One pass finds every place where some term starts (far quicker than a pass for each term); only there is
    # each term tried.
    for place in _starts(tuple(terms)).finditer(text):
        if place.start() < position:
            continue
        for term in waiting:
            if match := term.pattern.match(text, place.start()):
                links.append((match, term))
                waiting.remove(term)
                position = match.end()
                break
        if not waiting:
            break
    return links


@cache
def _starts(terms: tuple[Term, ...]) -> re.Pattern:
    """A pattern matching (with nothing) wherever any of the terms starts."""
    return re.compile(BEFORE + "(?=" + "|".join(term.pattern.pattern.removeprefix(BEFORE) for term in terms) + ")")


def _splice(parts: list[str], group: list[int], links: list[tuple[re.Match, Term]], href: str) -> None:
    """Put each link into the part of the group (joined by SEPARATOR) its match is in."""
    ends, offset = [], 0
    for index in group:
        offset += len(parts[index])
        ends.append(offset)
        offset += len(SEPARATOR)
    by_part: dict[int, list[tuple[re.Match, Term]]] = {}
    for match, term in links:
        by_part.setdefault(bisect_left(ends, match.start()), []).append((match, term))
    for position, found in by_part.items():
        index, start = group[position], ends[position] - len(parts[group[position]])
        out, done = [], 0
        for match, term in found:
            out.append(parts[index][done : match.start() - start])
            out.append(f'<a class="glossary-term" href="{href}#{term.anchor}">{match.group(0)}</a>')
            done = match.end() - start
        out.append(parts[index][done:])
        parts[index] = "".join(out)
