"""Finish the tables of a rendered page: each scroll region named by its own table's caption, each cell of a
wide table labelled with its column heading, so on a phone its rows read as cards ("Amount: £1,250"), and each
table already in the boxes Material's script would otherwise move it into as the page opens."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from html import escape, unescape

WIDE = 3  # tables with this many columns or more become cards on a phone
START = '<div class="table-wrap" role="region" aria-label="'
# What follows START: the label (replaced), the rest of the opening tag and the table's own opening tag. Tables
# are scanned with str.find, not regular expressions: finding the end of a lazy match ("everything up to
# </table>") costs a regular expression many instructions per character, and a month's payments are 200 KB.
AFTER_LABEL = re.compile(r'[^"]*(" tabindex="0">)(\s*<table)([^>]*)>')
CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
CELL = re.compile(r"<(td|th)\b(?![^>]*data-label)([^>]*)>")
# A cell's text up to its closing tag: runs of anything but "<" at a time, not a character at a time looking for the
# closing tag after each (as "(.*?)</\1>" would): the same text, in a fraction of the time on a cell with a link.
CELL_TEXT = re.compile(r"<(td|th)\b[^>]*>([^<]*(?:<(?!/\1>)[^<]*)*)</\1>")
# A card's cell at its widest (a phone turned sideways, up to 719 px) holds at least this many characters a line,
# so the lines a card is given below are never more than it takes: the page may grow as cards are laid out,
# never shrink under the reader.
CARD_LINE_CHARS = 45
TAGS = re.compile(r"<[^>]+>")
CELL_WITH_LABEL = "<{}{}{}{}".format
# Material's script moves every table without a class into these two boxes as the page opens, and each table it
# moves is styled and laid out again: on a phone, with a spending month's 800 payments or the plan's cards, that
# was the longest task of the page (Lighthouse's total blocking time). Written here, with a class that tells
# Material's script to leave the table be (site.css gives it Material's table style).
BOXES = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
BOXES_END = "</div></div>"
TABLE_CLASS = ' class="site-table"'


def text_of(html: str) -> str:
    if "<" not in html and "&" not in html:  # most cells: plain text, with no tag to drop or character to unescape
        return " ".join(html.split())
    return " ".join(unescape(TAGS.sub(" ", html)).split())


def finish_tables(html: str) -> str:
    if "table-wrap" not in html:
        return html
    out, done, at = [], 0, 0
    while (found := html.find(START, at)) >= 0:
        opened = AFTER_LABEL.match(html, found + len(START))
        end = html.find("</table>", opened.end()) if opened else -1
        if end < 0:
            at = found + 1
            continue
        end += len("</table>")
        out += [html[done:found], _finish(START, *opened.groups(), html[opened.end() : end])]
        done = at = end
    out.append(html[done:])
    return "".join(out)


def _finish(start: str, end: str, table_open: str, attributes: str, rest: str) -> str:
    caption = CAPTION.search(rest)
    label = text_of(caption.group(1)) if caption else "Table"
    head = HEAD.search(rest)
    headings = [text_of(h) for h in HEADING.findall(head.group(1))] if head else []
    if len(headings) >= WIDE:
        attributes += " data-cards"
        rest = between(rest, "<tbody>", "</tbody>", lambda body: _label_rows(body, headings))
    if " class=" in attributes:  # a table with its own style (the budget): Material's script leaves it alone
        return f"{start}{escape(label)}{end}{table_open}{attributes}>{rest}"
    return f"{start}{escape(label)}{end}{BOXES}{table_open}{TABLE_CLASS}{attributes}>{rest}{BOXES_END}"


def between(html: str, opening: str, closing: str, change: Callable[[str], str]) -> str:
    """html with change() applied to the text between each opening and the next closing tag (str.find, not a
    regular expression: scanning a large table for the end of a lazy match is many times slower)."""
    out, done = [], 0
    while (start := html.find(opening, done)) >= 0 and (stop := html.find(closing, start + len(opening))) >= 0:
        inside = start + len(opening)
        out += [html[done:inside], change(html[inside:stop])]
        done = stop
    out.append(html[done:])
    return "".join(out)


def _label_rows(body: str, headings: list[str]) -> str:
    # Split and join, not a function called per cell: a spending month's table has thousands of cells.
    labels = [f' data-label="{escape(heading)}">' for heading in headings]
    body, plain = _label_plain_rows(body, labels)
    if plain == body.count("<tr"):
        return body  # every row was plain

    def label_row(row_open: str, row: str) -> str:
        nonlocal labels
        pieces = CELL.split(row)
        cells = len(pieces) // 3
        if cells > len(labels):
            labels += [' data-label="">'] * (cells - len(labels))  # a cell beyond the headings: an empty label
        labelled = pieces[0] + "".join(map(CELL_WITH_LABEL, pieces[1::3], pieces[2::3], labels, pieces[3::3]))
        return _sized(row_open, row) + labelled

    return between_rows(body, label_row)


def _label_plain_rows(body: str, labels: list[str]) -> tuple[str, int]:
    """body with each simple row labelled and sized as label_row does it, and how many rows that was. A simple
    row has a cell for each heading, none labelled yet and none inside another, and no style of its own: most
    rows of a large table (a month's payments, a year's grants with their links), done by one regular expression,
    with one call for each row rather than a search for each cell. The others are left as they are, for
    label_row, which leaves these as they are now (a labelled cell, a row with a style)."""
    count = len(labels)
    written = _plain_row_written(tuple(labels))
    rows = 0

    def label(match: re.Match) -> str:
        nonlocal rows
        rows += 1
        found = match.groups()
        closed = found[3 : 3 * count + 1 : 3]  # each cell's content, with its closing tag (</td> or </th>)
        joined = "".join(closed)
        if joined.count("<") == count and "&" not in joined and max(map(len, closed)) <= CARD_LINE_CHARS + 5:
            # plain text, each cell one line, unless it is blank
            stripped = list(map(str.strip, closed))
            cells = lines = count - stripped.count("</td>") - stripped.count("</th>")
        else:
            shown = [text for text in (text_of(cell[:-5]) for cell in closed) if text]
            cells, lines = len(shown), sum(max(1, -(-len(text) // CARD_LINE_CHARS)) for text in shown)
        return written % (found[0], _card_style(lines or 1, cells or 1), *found[1:])

    return _plain_row(count).sub(label, body), rows


@cache
def _plain_row_written(labels: tuple[str, ...]) -> str:
    """A simple row as label_row writes it, to be filled in (with %) by the row's attributes, its style and then
    _plain_row's groups for each cell (its tag name is in its opening, so it is skipped: %.0s) and the space
    before </tr>."""
    cells = "".join(f"%s%.0s{label.replace('%', '%%')}%s" for label in labels)
    return f"<tr%s%s{cells}%s</tr>"


@cache
def _card_style(lines: int, cells: int) -> str:
    """The end of a row's opening tag, with the lines and cells its card takes (_sized)."""
    return f' style="--card-lines:{lines};--card-cells:{cells}">'


@cache
def _plain_row(cells: int) -> re.Pattern:
    """A simple row of this many cells (_label_plain_rows): its opening tag's attributes, then for each cell
    its opening tag up to its ">" (with the space before it, and its name), and its content with its closing
    tag, then the space before </tr>. A cell's content is anything up to its closing tag but the start or end of
    another cell (as CELL and CELL_TEXT read them), so that label_row would find just these cells, and read just
    this content as their text. (Three groups a cell, not one for each part: each group is a string made.)"""
    cell = r"(\s*<(td|th)\b(?![^>]*data-label)[^>]*)>([^<]*(?:<(?!(?:td|th)\b|/(?:td|th)>)[^<]*)*</\{}>)"
    return re.compile(
        r"<tr\b(?![^>]*style=)([^>]*)>" + "".join(cell.format(3 + 3 * i) for i in range(cells)) + r"(\s*)</tr>"
    )


def between_rows(body: str, change: Callable[[str, str], str]) -> str:
    """body with each row's opening tag and cells (what is between <tr ...> and </tr>) replaced by
    change(opening tag, cells)."""
    out, done, at = [], 0, 0
    while (start := body.find("<tr", at)) >= 0:
        after = body[start + 3 : start + 4]
        if after.isalnum() or after == "_":  # <track>, not <tr>
            at = start + 1
            continue
        opened = body.find(">", start)
        closed = body.find("</tr>", opened + 1) if opened >= 0 else -1
        if closed < 0:
            break
        out += [body[done:start], change(body[start : opened + 1], body[opened + 1 : closed])]
        done = at = closed
    out.append(body[done:])
    return "".join(out)


def _sized(row_open: str, cells: str) -> str:
    """The row's opening tag with the lines and cells its card takes at least (site.css lays out a card below
    the screen only when the reader comes near it, and reserves this much height for it until then)."""
    if "style=" in row_open:
        return row_open  # a row with its own style keeps it as written
    texts = [text_of(inner) for _, inner in CELL_TEXT.findall(cells)]
    shown = [t for t in texts if t] or [""]
    lines = sum(max(1, -(-len(t) // CARD_LINE_CHARS)) for t in shown)
    return row_open[:-1] + _card_style(lines, len(shown))
