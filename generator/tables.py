"""Finish the tables of a rendered page: each scroll region named by its own table's caption, and each cell of
a wide table labelled with its column heading, so on a phone its rows read as cards ("Amount: £1,250")."""

from __future__ import annotations

import re
from html import escape, unescape

WIDE = 3  # tables with this many columns or more become cards on a phone
REGION = re.compile(
    r'(<div class="table-wrap" role="region" aria-label=")[^"]*(" tabindex="0">)(\s*<table)([^>]*)>(.*?</table>)', re.S
)
CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
BODY = re.compile(r"(<tbody>)(.*?)(</tbody>)", re.S)
ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
CELL = re.compile(r"<(td|th)\b(?![^>]*data-label)([^>]*)>")
CELL_TEXT = re.compile(r"<(td|th)\b[^>]*>(.*?)</\1>", re.S)
# A card's cell at its widest (a phone turned sideways, up to 719 px) holds at least this many characters a line,
# so the lines a card is given below are never more than it takes: the page may grow as cards are laid out,
# never shrink under the reader.
CARD_LINE_CHARS = 45
TAGS = re.compile(r"<[^>]+>")


def text_of(html: str) -> str:
    return " ".join(unescape(TAGS.sub(" ", html)).split())


def finish_tables(html: str) -> str:
    return REGION.sub(_finish, html) if "table-wrap" in html else html


def _finish(match: re.Match) -> str:
    start, end, table_open, attributes, rest = match.groups()
    caption = CAPTION.search(rest)
    label = text_of(caption.group(1)) if caption else "Table"
    head = HEAD.search(rest)
    headings = [text_of(h) for h in HEADING.findall(head.group(1))] if head else []
    if len(headings) >= WIDE:
        attributes += " data-cards"
        rest = BODY.sub(lambda body: body.group(1) + _label_rows(body.group(2), headings) + body.group(3), rest)
    return f"{start}{escape(label)}{end}{table_open}{attributes}>{rest}"


def _label_rows(body: str, headings: list[str]) -> str:
    def label_row(row: re.Match) -> str:
        cells = iter(headings)
        labelled = CELL.sub(
            lambda cell: f'<{cell.group(1)}{cell.group(2)} data-label="{escape(next(cells, ""))}">', row.group(2)
        )
        return _sized(row.group(1), row.group(2)) + labelled + row.group(3)

    return ROW.sub(label_row, body)


def _sized(row_open: str, cells: str) -> str:
    """The row's opening tag with the lines and cells its card takes at least (site.css lays out a card below
    the screen only when the reader comes near it, and reserves this much height for it until then)."""
    texts = [text_of(inner) for _, inner in CELL_TEXT.findall(cells)]
    shown = [t for t in texts if t] or [""]
    lines = sum(max(1, -(-len(t) // CARD_LINE_CHARS)) for t in shown)
    if row_open != "<tr>":
        return row_open  # a row with its own attributes (a budget line, a duty) keeps them as written
    return f'<tr style="--card-lines:{lines};--card-cells:{len(shown)}">'
