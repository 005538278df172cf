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
    # Split and join, not substitute with a function per cell: a spending month's table has thousands of cells.
    labels = [f' data-label="{escape(heading)}">' for heading in headings]
    parts = ROW.split(body)  # text, then for each row: its opening tag, its cells, its closing tag, text after
    for row in range(2, len(parts), 4):
        pieces = CELL.split(parts[row])  # text, then for each cell: its tag name, its attributes, text after
        cells = len(pieces) // 3
        if cells > len(labels):
            labels += [' data-label="">'] * (cells - len(labels))  # a cell beyond the headings gets an empty label
        parts[row] = pieces[0] + "".join(map(CELL_WITH_LABEL, pieces[1::3], pieces[2::3], labels, pieces[3::3]))
    return "".join(parts)


CELL_WITH_LABEL = "<{}{}{}{}".format
