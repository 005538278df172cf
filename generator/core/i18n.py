"""The language pages are being written in, and its catalogue: `_()` gives a sentence in that language.

English is the language the generator is written in: in English `_()` gives back what it is given, so an
English-only site is byte for byte what it was before. For another language the catalogue
theme/locales/<code>/LC_MESSAGES/messages.po is read once (with Babel, no compiled .mo file), and a sentence
it does not translate stays in English (tests/test_welsh.py fails on any such miss in a Welsh page).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from .installed import theme_dir

ENGLISH = "en"
# The languages a site may publish in (profile.yaml's `languages:`), with their names in themselves, as the
# language switch shows them.
NAMES = {"en": "English", "cy": "Cymraeg"}
# Each language's tag, as pages and feeds declare it (xml:lang, <html lang>): British English, and Welsh.
TAGS = {"en": "en-GB", "cy": "cy"}
# Where each language's pages are, relative to the English site's root.
PREFIXES = {"en": "", "cy": "cy/"}

_current = ENGLISH


def current() -> str:
    """The language pages are being written in now (a build writes one language at a time)."""
    return _current


@contextmanager
def writing_in(language: str) -> Iterator[None]:
    """Everything inside writes its sentences in this language."""
    global _current
    before, _current = _current, language
    try:
        yield
    finally:
        _current = before


def set_language(language: str) -> None:
    """From now on, write in this language (a Welsh build sets it for its whole run, then sets English back)."""
    global _current
    _current = language


@cache
def catalogue(language: str, folder: Path | None = None) -> dict[str, object]:
    """The language's translations: English text (or (singular, plural)) -> translation (or a tuple of forms)."""
    path = (folder or theme_dir() / "locales") / language / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        messages = read_po(file, locale=language)
    found: dict[str, object] = {}
    for message in messages:
        if not message.id or not message.string or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if isinstance(message.string, str) or all(message.string):
            found[key] = message.string
    return found


def gettext(text: str) -> str:
    """The sentence in the current language (in English, or where the catalogue has no translation, as given)."""
    if _current == ENGLISH:
        return text
    translated = catalogue(_current).get(text)
    return translated if isinstance(translated, str) and translated else text


_ = gettext

# Welsh takes "yr" before a vowel or h ("yr Awdurdod"), else "y" ("y Maer", "y Bwrdd").
WELSH_VOWELS = tuple("aeiouyhâêîôûŵŷ")


def definite(noun: str) -> str:
    """A noun with the definite article in the language being written: "the Mayor"; Welsh "y Maer", "yr Awdurdod".
    Welsh has no article to translate, so it is written here rather than in the catalogue."""
    if _current == "cy":
        return ("yr " if noun[:1].lower().startswith(WELSH_VOWELS) else "y ") + noun
    return gettext("the %(role)s") % {"role": noun}


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural sentence for this count, in the current language.

    The Welsh catalogue has two forms (its header says so): after a numeral Welsh uses the singular noun
    ("3 grant"), so its plural form is the one used after any number but one."""
    forms = catalogue(_current).get(singular) if _current != ENGLISH else None
    if isinstance(forms, tuple) and len(forms) >= 2:
        return forms[0] if count == 1 else forms[1]
    if isinstance(forms, str) and forms:
        return forms  # Welsh counts with the singular noun after any numeral: "2 grant", "3 penderfyniad"
    return singular if count == 1 else plural


# After a number, Welsh mutates the noun (CLDR's Welsh plural categories "two", "few" and "many" are these
# numbers): soft mutation after 2 (dau, dwy: "2 daliad", "2 res"), aspirate after 3 (tri, masculine nouns only) and
# 6 (chwe): "3 thaliad", "6 phenderfyniad". Written with figures, the noun mutates as it would after the word.
SOFT = {"ll": "l", "rh": "r", "p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "m": "f", "g": ""}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
# The counted nouns that are feminine (no aspirate mutation after "tair"), and those that keep their first letter
# (a loanword: "2 grant", not "2 rant").
FEMININE = frozenset({"rhes", "cronfa", "blaenoriaeth", "tudalen", "ffurflen"})
UNMUTATED = frozenset({"grant"})


def after_number(count: int, noun: str) -> str:
    """The noun as it follows the number `count` in the language being written (Welsh "taliad" after 2 is
    "daliad"; English as it is)."""
    first = noun.split(" ", 1)[0].lower()
    if _current != "cy" or first in UNMUTATED:
        return noun
    if count == 2:
        table = SOFT
    elif count == 6 or (count == 3 and first not in FEMININE):
        table = ASPIRATE
    else:
        return noun
    for start, mutated in table.items():
        if noun.lower().startswith(start):
            return mutated + noun[len(start) :]
    return noun
