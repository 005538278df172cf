"""The glossary's terms, and linking the first use of each on a page to its entry."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..core import i18n
from ..core.formatting import slug
from ..core.installed import STANDARDS

# Text inside these is never linked: links and headings already say what they are, and code, scripts, charts'
# drawings, form controls and table headings are not prose.
SKIPPED = frozenset(
    "a h1 h2 h3 h4 h5 h6 script style svg title button option select textarea label code pre th summary figcaption".split()
)
TAG = re.compile(r"<[^>]*>")
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
    """The page with the first use of each term in its prose linked to the glossary entry (href + "#anchor").

    Its prose is its text outside tags and outside the elements in SKIPPED. The page is searched as it is, tags
    and all, for where a term may start; only there is it asked whether that is prose (Prose), and each term
    matched no further than the end of that text (the next tag): the same links as searching the prose alone,
    without taking the page apart (a large page has thousands of tags, and most pages have few uses of terms)."""
    if not terms:
        return html
    # A page whose text holds no term's form (a month of payments) is given back at once. (Its text without its
    # tags is searched: a large page's tags and their attributes are most of it.)
    possible = _possible_terms(TAG.sub("", html), terms)
    if possible is not None and not possible:
        return html
    if possible is None:
        waiting, starts = list(terms), _starts_of(terms)
    else:  # the page's text holds none of the characters that only match in any case: a quicker search is exact
        # (in its text: a tag may hold one, but no term is linked inside a tag)
        waiting, starts = possible, _ascii_starts(tuple(possible))
    prose = Prose(html)
    parts, done, position = [], 0, 0
    for place in starts.finditer(html):
        at = place.start()
        if at < position or not prose.holds(at):
            continue
        text_end = prose.text_end(at)
        for term in waiting:
            if match := term.pattern.match(html, at, text_end):
                link = f'<a class="glossary-term" href="{href}#{term.anchor}">{match.group(0)}</a>'
                parts += [html[done:at], link]
                done = position = match.end()
                waiting.remove(term)
                break
        if not waiting:
            break
    if not parts:
        return html
    parts.append(html[done:])
    return "".join(parts)


class Prose:
    """Whether a place in a page is in its prose: in its text (a tag runs from a "<" to the next ">", as TAG reads
    it), and not inside an element in SKIPPED. Asked about places in order, it reads the tags of the skipped
    elements only as far as the place asked about."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.tags = _skipped_tags().finditer(html)
        self.skipping: list[str] = []  # the skipped elements open where reading stopped, innermost last
        self.next = next(self.tags, None)  # the next skipped element's tag not yet read

    def holds(self, at: int) -> bool:
        """Whether the text at `at` is prose (asked in order: each place after the last one asked about)."""
        if self.in_tag(at):
            return False
        found, skipping, tags = self.next, self.skipping, self.tags
        rfind, find = self.html.rfind, self.html.find  # (in_tag and the tag's end, written out: a page has hundreds)
        while found is not None and (start := found.start()) < at:
            closing, name = found.groups()
            name = name.lower()
            # A closing tag of no element being skipped changes nothing, whether or not it is a tag: not asked.
            if (
                (not closing or name in skipping)
                and not (rfind("<", 0, start) > rfind(">", 0, start))  # where a tag starts, not inside one
                and (end := find(">", start)) >= 0  # a tag (text has no ">" after it)
                and self.html[end - 1] != "/"  # not one closing itself
            ):
                if not closing:
                    skipping.append(name)
                else:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            found = next(tags, None)
        self.next = found
        return not skipping

    def in_tag(self, at: int) -> bool:
        """Whether `at` is inside a tag: after a "<" that follows the last ">" before it, with a ">" still to come
        (a "<" with no ">" after it is text)."""
        html = self.html
        opened = html.rfind("<", 0, at)
        return opened > html.rfind(">", 0, at) and html.find(">", at) >= 0

    def text_end(self, at: int) -> int:
        """Where the text that `at` is in ends: at the next tag, or the page's end."""
        html = self.html
        opened = html.find("<", at)
        return opened if opened >= 0 and html.find(">", opened) >= 0 else len(html)


def _possible_terms(text: str, terms: list[Term]) -> list[Term] | None:
    """The terms (in order) one of whose forms is somewhere in the page's text (prose or not), or None when that
    cannot be told quickly: the others need not be searched for, and a page with none, such as a month of
    payments, is given back as it is. Searched in its UTF-8 bytes, with ASCII letters lowered for the forms that
    match in any case: far quicker than lowering the text, and the same answer, as long as the page holds none of
    the four other characters a pattern's ASCII letter matches in any case (İ ı ſ K)."""
    needles = _needles_of(terms)
    if needles is None or any(c in text for c in FOLDED_INTO_ASCII):
        return None
    data = text.encode("utf-8", "surrogatepass")
    lowered = data.lower()
    as_written, any_case = needles
    found = {number for needle, number in as_written if needle in data}
    found.update([number for needle, number in any_case if needle in lowered])
    return [term for number, term in enumerate(terms) if number in found] if found else []


FOLDED_INTO_ASCII = "\u0130\u0131\u017f\u212a"
Needles = tuple[tuple[tuple[bytes, int], ...], tuple[tuple[bytes, int], ...]]
_last_needles: list = [None, None]  # the list of terms last asked about, and its needles


def _needles_of(terms: list[Term]) -> Needles | None:
    """_needles, remembered for the list of terms last asked about: every page of a build passes the same list,
    and hashing its terms to look them up would cost more than the search."""
    if _last_needles[0] is not terms:
        _last_needles[:] = [terms, _needles(tuple(terms))]
    return _last_needles[1]


@cache
def _needles(terms: tuple[Term, ...]) -> Needles | None:
    """What _possible_terms looks for: the bytes of the forms that match as written, and of those that match in
    any case (lowered), each with its term's number; None when a form cannot be looked for this way (empty, or
    not ASCII and matching in any case). A form holding another form of its term is not looked for: wherever it
    is, the other is too ("precept raised" holds "precept")."""
    as_written: list[tuple[bytes, int]] = []
    any_case: list[tuple[bytes, int]] = []
    for number, term in enumerate(terms):
        written: set[bytes] = set()
        lowered: set[bytes] = set()
        for form in term.forms or (None,):
            if not form or (not _as_written(form) and not form.isascii()):
                return None
            if _as_written(form):
                written.add(form.encode("utf-8"))
            else:
                lowered.add(form.lower().encode("utf-8"))
        lowered = {f for f in lowered if not any(g != f and g in f for g in lowered)}
        written = {
            f
            for f in written
            if not any(g in f.lower() for g in lowered) and not any(g != f and g in f for g in written)
        }
        as_written += [(needle, number) for needle in sorted(written)]
        any_case += [(needle, number) for needle in sorted(lowered)]
    return tuple(as_written), tuple(any_case)


@cache
def _skipped_tags() -> re.Pattern:
    """A pattern for the start of a tag that opens or closes an element whose text is not prose: the name as
    a tag's name is read (letters and digits), in any case. It starts with "<", which the search looks for quickly."""
    names = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in n) for n in sorted(SKIPPED))
    return re.compile(rf"<\s*(/?)\s*({names})(?![a-zA-Z0-9])")


_last_starts: list = [None, None]  # the list of terms last asked about, and its pattern


def _starts_of(terms: list[Term]) -> re.Pattern:
    """_starts, remembered for the list of terms last asked about (as _needles_of)."""
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
