"""Corrections to Material's page chrome where its templates write it outside any block a theme can override."""

from __future__ import annotations

import re
from html import escape

from ..core.i18n import _

# Material's base.html writes its two toggles (the navigation drawer and its own search) with autocomplete="off",
# which HTML allows only on text-like inputs (the Nu Html Checker's error); it keeps Firefox from restoring an
# open drawer on reload, which assets/js/search-key.js now does instead. The site replaced Material's search, so
# nothing labels its toggle: it is hidden from assistive technology as it already is from sight, and named for
# checkers that look at hidden controls too (Material's script still needs it to exist).
TOGGLES = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">': (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
    ),
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">': (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" hidden aria-label="{}">'
    ),
}
TOC_INPUT = re.compile(r'[ \t]*<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n?')
TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(?P<inside>.*?)</label>', re.S)


def correct(html: str) -> str:
    """The page with Material's chrome made valid HTML: no autocomplete on checkboxes, and the table of contents'
    toggle (written by the navigation, for the current page) and its label (written by the table of contents)
    only together: a page outside the navigation has a label for no control, a page without headings a
    control with no label."""
    for theirs, ours in TOGGLES.items():
        html = html.replace(theirs, ours.format(escape(_("Search panel (not used)"))), 1)
    has_toggle, has_label = 'id="__toc"' in html, 'for="__toc"' in html
    if has_toggle and not has_label:
        html = TOC_INPUT.sub("", html, count=1)
    elif has_label and not has_toggle:
        html = TOC_TITLE.sub(r'<div class="md-nav__title">\g<inside></div>', html, count=1)
    return html
