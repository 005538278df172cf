"""Print: a quarterly report printed to PDF in Chromium is A4, keeps every column, and says what it is."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

A4 = (595.3, 841.9)  # points


def printed(page) -> tuple[PdfReader, str]:
    # No paper size is passed: the page's own @page rule must choose A4, as it does for a reader's browser.
    reader = PdfReader(io.BytesIO(page.page.pdf(prefer_css_page_size=True)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, " ".join(text.split())


@pytest.mark.parametrize(
    "path",
    [
        "reports/2026-q2-performance/",
        "reports/2026-q2-resources/",
        "grants/year-2024-25/",
        "transparency/",
        "spending/2026-03/",  # an explorer: its headings are sort buttons
    ],
)
def test_page_prints_on_a4_with_every_column(visit, path):
    page = visit(path)
    headings = page.page.evaluate(
        "() => [...document.querySelectorAll('.md-content table:not([hidden]) thead th')].map(t => t.textContent.trim())"
    )
    assert headings
    reader, text = printed(page)
    for sheet in reader.pages:
        size = sorted((float(sheet.mediabox.width), float(sheet.mediabox.height)))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, size
    squashed = text.replace(" ", "")
    missing = [h for h in set(headings) if h.replace(" ", "") not in squashed]
    assert missing == []
    assert "Demonstration site." in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Figures as published on 23 November 2026" in text
    assert not re.search(r"\bNone\b", text)


def test_printed_table_is_not_clipped(visit):
    """Every cell of the widest report table lies within the printed page."""
    page = visit("reports/2026-q2-performance/")
    page.page.emulate_media(media="print")
    page.page.set_viewport_size({"width": 718, "height": 1000})  # A4 less its margins, at 96 px to the inch
    overflow = page.page.evaluate(
        "() => [...document.querySelectorAll('.md-content table')].map(t => t.getBoundingClientRect().right)"
        ".filter(right => right > document.documentElement.clientWidth + 1)"
    )
    assert overflow == []


def test_the_money_page_prints_its_first_chart_on_the_first_page(visit):
    """A chart keeps its title and drawing together, but its table of numbers may follow on the next page: kept
    whole, the first chart and its table did not fit under the page's opening and left page 1 nearly empty."""
    page = visit("money/")
    title = page.page.locator("figure.chart figcaption").first.inner_text().strip()
    first_bar = page.page.locator("figure.chart .chart__svg text").first.text_content().strip()
    reader, _ = printed(page)
    first = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())  # no "ﬃ" ligature
    assert title in first and first_bar in first, first[-300:]
