"""The glossary's terms, and linking the first use of each on a page to its entry."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

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
    # The characters its forms start with, as `pattern` reads them: those matched as written, those in any case
    # (None: any character, for a term with an empty form).
    first: tuple[str, str] | None = None
    forms: tuple[str, ...] = ()  # the term and its other forms, as written in the glossary


def terms_of(rows: list[dict]) -> list[Term]:
    """The glossary's terms, each with the pattern that finds it (and its other forms) in a page's text."""
    found = []
    for row in rows:
        forms = [row["term"], *(f.strip() for f in str(row.get("also_written") or "").split(";") if f.strip())]
        forms.sort(key=len, reverse=True)  # "precept raised" before "precept"
        alternatives = "|".join(_form(f) for f in forms)
        pattern = re.compile(rf"{BEFORE}(?:{alternatives})(?![\w-])")
        first = (
            ("".join(f[0] for f in forms if _as_written(f)), "".join(f[0] for f in forms if not _as_written(f)))
            if all(forms)
            else None
        )
        found.append(Term(row["term"], slug(row["term"]), pattern, first, tuple(forms)))
    return found


def _form(text: str) -> str:
    escaped = re.escape(text)
    return escaped if _as_written(text) else f"(?i:{escaped})"


def _as_written(form: str) -> bool:
    """A form written with a capital only at the start matches in any case; any other capital, only as written."""
    return any(c.isupper() for c in form[1:])


def link_first_uses(html: str, terms: list[Term], href: str) -> str:
    """The page with the first use of each term in its prose linked to the glossary entry (href + "#anchor")."""
    if not terms:
        return html
    # The page's text without its tags: a page holding no term's form (a month of payments) is given back without
    # being split into its parts.
    possible = _possible_terms(TAG.sub("", html), terms)
    if possible is not None and not possible:
        return html
    parts = TAG.split(html)
    texts, tags = parts[0::2], parts[1::2]
    # The page's prose is searched as one text, its parts joined by a character neither the page nor any term
    # holds (each term once, not once in every table cell: most of the cost on a large page). That character,
    # like the tags around a part, is neither a letter nor a hyphen, so a term matches beside it just as at a
    # part's edges, and no match reaches across it.
    separator = next(c for c in SEPARATORS if c not in html and not any(c in t.pattern.pattern for t in terms))
    prose = _prose(tags, separator)
    text = separator.join(map(texts.__getitem__, prose))
    if possible is None:
        links = _first_uses(text, list(terms), _starts_of(terms))
    else:  # the page holds none of the characters that only match in any case: a quicker search is exact
        links = _first_uses(text, possible, _ascii_starts(tuple(possible)))
    done: dict[int, int] = {}  # text part -> how far into it the links reach (in its text as it was)
    for match, term in links:
        # The part this use is in, and where in it: counted by the separators before it.
        number = prose[text.count(separator, 0, match.start())]
        start = match.start() - text.rfind(separator, 0, match.start()) - 1
        index, before = 2 * number, done.get(number, 0)
        grown = len(parts[index]) - len(texts[number])  # the links already made in this part
        link = f'<a class="glossary-term" href="{href}#{term.anchor}">{match.group(0)}</a>'
        cut = start + grown
        parts[index] = parts[index][:cut] + link + parts[index][cut + len(match.group(0)) :]
        done[number] = max(before, start + len(match.group(0)))
    return "".join(parts)


def _possible_terms(text: str, terms: list[Term]) -> list[Term] | None:
    """The terms (in order) one of whose forms is somewhere in the page's text (prose or not), or None when that
    cannot be told quickly: the others need not be searched for, and a page with none, such as a month of
    payments, is given back as it is. Searched in its UTF-8 bytes, with ASCII letters lowered for the forms that
    match in any case: far quicker than lowering the text, and the same answer, as long as the page holds none of
    the four other characters a pattern's ASCII letter matches in any case (İ ı ſ K)."""
    forms = _forms_of(terms)
    if forms is None or any(c in text for c in FOLDED_INTO_ASCII):
        return None
    data = text.encode("utf-8", "surrogatepass")
    lowered = data.lower()
    return [
        term
        for term, (as_written, any_case) in zip(terms, forms, strict=True)
        if any(map(data.__contains__, as_written)) or any(map(lowered.__contains__, any_case))
    ]


FOLDED_INTO_ASCII = "\u0130\u0131\u017f\u212a"
_last_forms: list = [None, None]  # the list of terms last asked about, and its forms


def _forms_of(terms: list[Term]) -> tuple[tuple[tuple[bytes, ...], tuple[bytes, ...]], ...] | None:
    """_forms_as_bytes, remembered for the list of terms last asked about: every page of a build passes the same
    list, and hashing its terms to look them up would cost more than the search."""
    if _last_forms[0] is not terms:
        _last_forms[:] = [terms, _forms_as_bytes(tuple(terms))]
    return _last_forms[1]


@cache
def _forms_as_bytes(terms: tuple[Term, ...]) -> tuple[tuple[tuple[bytes, ...], tuple[bytes, ...]], ...] | None:
    """For each term, the bytes of its forms that match as written, and of those that match in any case
    (lowered); None when a form cannot be looked for this way (empty, or not ASCII and matching in any case)."""
    found = []
    for term in terms:
        as_written, any_case = [], []
        for form in term.forms or (None,):
            if not form or (not _as_written(form) and not form.isascii()):
                return None
            if _as_written(form):
                as_written.append(form.encode("utf-8"))
            else:
                any_case.append(form.lower().encode("utf-8"))
        found.append((tuple(as_written), tuple(any_case)))
    return tuple(found)


# Characters that never appear in a page's text: one joins the prose's parts for the search.
SEPARATORS = "".join(chr(c) for c in (*range(0, 9), 0xE, 0xF, *range(0xF0000, 0xF1000)))


def _prose(tags: list[str], separator: str) -> list[int]:
    """Which of the page's text parts (text[k] comes before tags[k]) are prose: not inside a link, heading,
    script ... (SKIPPED). Only those tags are looked at, found with one search of all the tags joined."""
    joined, skipping = separator.join(tags), []
    kept, start, tag, counted = [], 0, 0, 0
    for found in _skipped_tags().finditer(joined):
        if found.start() and joined[found.start() - 1] != separator:
            continue  # not where a tag starts (a "<" inside a tag)
        tag += joined.count(separator, counted, found.start())  # the number of this tag
        counted = found.start()
        if tags[tag].endswith("/>"):
            continue
        name = found.group(2).lower()
        if not found.group(1):
            if not skipping:
                kept.append(range(start, tag + 1))  # the text after this tag is skipped
            skipping.append(name)
        elif name in skipping:
            del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            if not skipping:
                start = tag + 1  # the text after this closing tag is prose again
    if not skipping:
        kept.append(range(start, len(tags) + 1))
    return list(chain.from_iterable(kept))


@cache
def _skipped_tags() -> re.Pattern:
    """A pattern for the start of a tag that opens or closes an element whose text is not prose: the name as
    TAG_NAME reads it (letters and digits), in any case. It starts with "<", which the search looks for quickly."""
    names = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in n) for n in sorted(SKIPPED))
    return re.compile(rf"<\s*(/?)\s*({names})(?![a-zA-Z0-9])")


def _first_uses(text: str, waiting: list[Term], starts: re.Pattern) -> list[tuple[re.Match, Term]]:
    """The first use of each waiting term in the text, in order, each after the one before (a term found is taken
    out of `waiting`; where two start at the same place, the one listed first). `starts` finds where any of them
    may start (_starts)."""
    links: list[tuple[re.Match, Term]] = []
    position = 0
    # One pass finds every place where some term starts (far quicker than a pass for each term); only there is
    # each term tried.
    for place in starts.finditer(text):
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


_last_starts: list = [None, None]  # the list of terms last asked about, and its pattern


def _starts_of(terms: list[Term]) -> re.Pattern:
    """_starts, remembered for the list of terms last asked about (as _forms_of)."""
    if _last_starts[0] is not terms:
        _last_starts[:] = [terms, _starts(tuple(terms))]
    return _last_starts[1]


@cache
def _starts(terms: tuple[Term, ...]) -> re.Pattern:
    """A pattern matching (with nothing) wherever any of the terms starts. It first asks whether the character
    there can start one (quick to refuse: most characters cannot), then whether a term is there."""
    forms = "|".join(term.pattern.pattern.removeprefix(BEFORE) for term in terms)
    if any(term.first is None for term in terms):
        return re.compile(f"{BEFORE}(?={forms})")
    written, any_case = ("".join(sorted({c for term in terms for c in term.first[i]})) for i in (0, 1))
    firsts = "|".join([f"[{re.escape(written)}]"] * bool(written) + [f"(?i:[{re.escape(any_case)}])"] * bool(any_case))
    return re.compile(f"(?={firsts}){BEFORE}(?={forms})")


@lru_cache(maxsize=256)
def _ascii_starts(terms: tuple[Term, ...]) -> re.Pattern:
    """What _starts finds, in a text holding none of FOLDED_INTO_ASCII and for terms whose forms matching in any
    case are ASCII: there a first letter matches in any case exactly when it is either ASCII case of it, so the
    pattern can start with that set of characters, which the search skips to quickly. It takes that character,
    then asks (looking back at it) whether the character before it is neither a letter nor a hyphen, and whether
    a term starts at it; the match is that one character, so its start is where the term starts."""
    forms = "|".join(term.pattern.pattern.removeprefix(BEFORE) for term in terms)
    firsts = {c for term in terms for c in term.first[0]}
    firsts |= {case for term in terms for c in term.first[1] for case in (c.lower(), c.upper())}
    return re.compile(rf"[{re.escape(''.join(sorted(firsts)))}](?<![\w-][\s\S])(?<=(?=(?:{forms}))[\s\S])")
