"""Page chrome rendered once per kind of record page, then reused.

Material's header, navigation and footer are most of the work of rendering a page, and they are the same on
every record page (a grant, a decision, a spending month ...) at the same depth: only the title, description,
address and content differ (and, in a site in two languages, the links to the page's twin, which end in its address). So the first record page of each kind is rendered in full, its own parts are
replaced by markers to make a shell, and every later record page is its shell with its own parts put back.
The second page of each kind is also rendered in full and compared, so a shell that would differ from a full
render is never used.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

TEMPLATE = "record.html"  # the template record pages name, so MkDocs itself renders almost nothing for them
TOPIC = 'data-md-component="header-topic">'


@dataclass(frozen=True)
class Parts:
    """What differs from one record page to the next, as it appears in the page."""

    title: str  # in <title>
    topic: str  # in the header
    description: str
    canonical: str
    content: str
    url: str = ""  # the page's address from the site's root (grants/360g-x/), ending its twin's links

    @classmethod
    def of(cls, title: str, description: str, canonical: str | None, content: str, url: str = "") -> Parts:
        return cls(str(escape(Markup(title).striptags())), title, description, canonical or "", content, url)


def kind_of(url: str, meta: dict) -> tuple:
    """Pages of one kind share their chrome: the same folder (so the same relative links) and the same scripts."""
    return (url.rstrip("/").rpartition("/")[0], bool(meta.get("charts")), bool(meta.get("explorer")))


def marker(name: str) -> str:
    return f"\x00{name}\x00"


def make_shell(full: str, parts: Parts) -> str | None:
    """The page with its own parts replaced by markers, or None when they cannot be found unambiguously."""
    if full.count(parts.content) != 1 or "\x00" in full:
        return None
    shell = full.replace(parts.content, marker("content"))
    anchored = [
        ("<title>", parts.title, " - ", "title"),
        ('<meta name="description" content="', parts.description, '">', "description"),
    ]
    if parts.canonical:
        anchored.append(('<link rel="canonical" href="', parts.canonical, '">', "canonical"))
    for before, value, after, name in anchored:
        if shell.count(before + value + after) != 1:
            return None
        shell = shell.replace(before + value + after, before + marker(name) + after)
    start = shell.find(TOPIC)
    found = shell.find(parts.topic, start) if start >= 0 else -1
    if found < 0 or shell[start + len(TOPIC) : found].strip(" \n") != '<span class="md-ellipsis">':
        return None
    shell = shell[:found] + marker("topic") + shell[found + len(parts.topic) :]
    # The hreflang alternates and the language switch end in the page's own address (the canonical link, which
    # does too, is already a marker). The check of a kind's second page catches any other use of it.
    return shell.replace(f'{parts.url}"', f'{marker("url")}"') if parts.url else shell


FILLED = ("title", "topic", "description", "canonical", "url")  # in this order, then the content


def fill(shell: str, parts: Parts) -> str:
    """The shell with each marker replaced by the page's part: in one join of the shell's pieces (split once),
    rather than a pass over the whole page for each part."""
    if any("\x00" in getattr(parts, name) for name in FILLED):
        return _fill_in_turn(shell, parts)  # a part that holds a marker would be filled in turn
    values = {name: getattr(parts, name) for name in FILLED} | {"content": parts.content, "": ""}
    return "".join([text for piece, name in _pieces(shell) for text in (piece, values[name])])


def _fill_in_turn(shell: str, parts: Parts) -> str:
    for name in FILLED:
        shell = shell.replace(marker(name), getattr(parts, name))
    return shell.replace(marker("content"), parts.content)


@lru_cache(maxsize=64)
def _pieces(shell: str) -> tuple[tuple[str, str], ...]:
    """The shell as (text, the name of the marker after it) pairs; the last text has no marker after it ("")."""
    split = shell.split("\x00")  # markers are the only NUL characters in a shell (make_shell)
    return tuple(zip(split[0::2], [*split[1::2], ""], strict=True))


class ChromeCache:
    """Shells by kind of record page: its depth in the site and which scripts it loads."""

    def __init__(self) -> None:
        # Set TRANSPARENCY_FULL_RENDER=1 to render every page in full, e.g. to compare the two builds.
        self.enabled = os.environ.get("TRANSPARENCY_FULL_RENDER") != "1"
        self.shells: dict[tuple, str | None] = {}
        self.checked: set[tuple] = set()

    def render(self, kind: tuple, parts: Parts, render_full: Callable[[], str]) -> str:
        if not self.enabled:
            return render_full()
        if kind not in self.shells:
            full = render_full()
            self.shells[kind] = make_shell(full, parts)
            return full
        shell = self.shells[kind]
        if shell is None:
            return render_full()
        if kind not in self.checked:
            self.checked.add(kind)
            full = render_full()
            if fill(shell, parts) != full:
                self.shells[kind] = None
            return full
        return fill(shell, parts)

    def summary(self) -> str:
        unused = sorted(str(kind) for kind, shell in self.shells.items() if shell is None)
        return f"Page chrome: {len(self.shells)} kinds of record page, rendered in full for {unused or 'none'}"
