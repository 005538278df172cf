"""What the search indexer is given of each page: its language, title and main content, nothing else."""

from __future__ import annotations

from generator.search import entries
from generator.search.entries import indexed_part

PAGE = """<!doctype html><html lang="en-GB"><head><title>Grant 7 - Example OPCC</title></head><body>
<nav><div><a href="/">Home</a> navigation words</div></nav>
<div data-pagefind-body><h1>Grant 7</h1><div class="facts"><p>Amount £1,000</p></div>
<!--search:skip--><div class="notice"><p>Made before the handover.</p></div><!--/search:skip-->
<p>Awarded to Example Trust</p></div>
<footer><div>Footer words</div></footer></body></html>"""


class Recorder:
    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def add(self, url: str, html: str) -> None:
        self.pages[url] = html


def test_the_indexed_part_is_the_main_content_with_the_page_language_and_title():
    part = indexed_part(PAGE)
    assert part.startswith('<!doctype html>\n<html lang="en-GB">')
    assert "<title>Grant 7 - Example OPCC</title>" in part
    assert '<div class="facts"><p>Amount £1,000</p></div>' in part and "Awarded to Example Trust" in part
    assert part.rstrip().endswith("<p>Awarded to Example Trust</p></div></body></html>")
    assert "navigation words" not in part and "Footer words" not in part


def test_regions_marked_as_skipped_are_left_out():
    assert "Made before the handover" not in indexed_part(PAGE)


def test_a_page_without_indexed_content_is_not_given_to_the_indexer():
    page = PAGE.replace("<div data-pagefind-body>", "<div>")
    assert indexed_part(page) is None
    indexer = Recorder()
    entries.add_page(indexer, "grants/7/", page)
    entries.add_page(indexer, "grants/8/", PAGE)
    entries.add_page(indexer, "", PAGE)
    assert list(indexer.pages) == ["/grants/8/", "/"]


def test_content_that_cannot_be_delimited_is_given_whole():
    unbalanced = PAGE.replace("</footer>", "").replace("</div></body>", "</body>").replace("</div>\n<footer>", "")
    assert indexed_part(unbalanced) == unbalanced


def test_skipped_regions_are_taken_out_as_the_pattern_takes_them_out():
    start, end = entries.SKIP_START, entries.SKIP_END
    for html in [
        f"a{start}b{end}c{start}d{end}e",
        f"a{start}b{start}c{end}d{end}e",  # a region inside a region: up to the first end
        f"a{start}never ended",
        f"a{end}b{start}c",
        f"{start}{end}{start}{end}",
        f"a{start}b{end}c{start}d",
        "",
    ]:
        assert entries.without_skipped(html) == entries.SKIPPED.sub("", html), html
