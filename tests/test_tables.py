"""Rendered tables are finished once: the scroll region named by its caption, and cells labelled for cards."""

from __future__ import annotations

from generator.render.tables import finish_tables

REGION = '<div class="table-wrap" role="region" aria-label="Table, scrolls sideways on small screens" tabindex="0">'


def table(caption: str, headings: list[str], cells: list[str]) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in headings)
    body = "".join(f"<td>{c}</td>" for c in cells)
    return f"{REGION}<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody><tr>{body}</tr></tbody></table></div>"


def test_each_region_is_named_by_its_own_caption():
    html = finish_tables(table("Grants in 2024/25", ["A"], ["1"]) + table("Gifts &amp; hospitality", ["A"], ["1"]))
    assert 'aria-label="Grants in 2024/25"' in html
    assert 'aria-label="Gifts &amp; hospitality"' in html
    assert "scrolls sideways" not in html


def test_cells_of_a_wide_table_carry_their_heading():
    html = finish_tables(table("Payments", ["Date", "Supplier", "Amount"], ["1 May", "<b>Acme</b>", "£5"]))
    assert '<table class="site-table" data-cards>' in html
    assert '<td data-label="Supplier"><b>Acme</b></td>' in html and '<td data-label="Amount">£5</td>' in html


def test_narrow_tables_stay_tables_and_hostile_headings_stay_text():
    assert "data-cards" not in finish_tables(table("Two", ["Year", "Total"], ["2024/25", "£1"]))
    html = finish_tables(table("x", ["&quot;&gt;&lt;script&gt;", "B", "C"], ["1", "2", "3"]))  # as rendered, escaped
    assert 'data-label="&quot;&gt;&lt;script&gt;"' in html


def test_a_row_with_its_own_attributes_still_reserves_its_cards_height():
    # A duty's row has an id (a link target): its card below a phone's screen still keeps the height of its lines.
    html = table("Duties", ["What", "Law", "Status", "How often"], ["x" * 50, "8", "Published", "Annual"])
    html = html.replace("<tbody><tr>", '<tbody><tr id="duty-x">')
    assert '<tr id="duty-x" style="--card-lines:5;--card-cells:4">' in finish_tables(html)


def test_tables_are_written_in_materials_scroll_boxes_so_its_script_leaves_them_be():
    # Material's script moves each table without a class into these boxes as a page opens, and the page is then
    # styled and laid out again: the boxes are written with the page, and the class keeps the script away.
    html = finish_tables(table("Payments", ["Date", "Amount"], ["1 May", "£5"]))
    assert (
        '" tabindex="0"><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="site-table">'
        in html
    )
    assert html.endswith("</table></div></div></div>")
    budget = finish_tables(
        table("Budget", ["Area", "Amount"], ["Police", "£5"]).replace("<table>", '<table class="budget">')
    )
    assert '<table class="budget">' in budget and "md-typeset__scrollwrap" not in budget


def test_plain_rows_done_by_one_pattern_are_written_as_cell_by_cell(monkeypatch):
    # Most rows of a large table are labelled and sized by one regular expression (tables._label_plain_rows);
    # every row must read as the cell-by-cell way writes it, whichever way each row of a mixed table takes.
    from generator.render import tables

    sized = tables._sized
    rows = [
        ["2024-05-01", "Acme Ltd", "£5"],  # plain
        ["", " ", "£5"],  # blank and white-space cells are not shown on a card
        ["", "", ""],
        ["x" * 46, "y " * 60, "z"],  # longer than a line
        ["Smith &amp; Sons", "a", "b"],  # a character reference
        ["<b>Acme</b>", "a", "b"],  # a tag
        ['<a href="../g/1/">Youth &amp; families</a>', "<em>a</em> b", "£5"],  # links and emphasis
        ['<a href="x">' + "long " * 12 + "</a>", "<br>", " <span> </span> "],  # long text in a tag; blank tags
        ["<thead>x</thead>", "a</th>b", "c"],  # not a cell's tag; another kind's closing tag inside a cell
        ["<td>inner</td>", "a", "b"],  # a cell inside a cell
        ["one", "two"],  # fewer cells than headings
        ["one", "two", "three", "four"],  # more
    ]

    def row(number: int, cells: list[str]) -> str:
        opening = '<tr class="x">' if number % 2 else "<tr>"
        written = "".join(
            f'<{"td" if j else "th"} class="c{j}">{c}</{"td" if j else "th"}>' for j, c in enumerate(cells)
        )
        return f"{opening}\n  {written}\n</tr>\n"

    body = "".join(row(number, cells) for number, cells in enumerate(rows))
    body += '<tr style="color:red"><td>a</td><td>b</td><td>c</td></tr><tr><td data-label="Set">a</td><td>b</td><td>c</td></tr>'
    html = table("Payments", ["Date", "Supplier {name} 100%", "Amount &amp; VAT %s"], ["a", "b", "c"]).replace(
        "<tr><td>a</td><td>b</td><td>c</td></tr>", body
    )
    mixed = finish_tables(html)
    calls = []
    monkeypatch.setattr(tables, "_sized", lambda *row: calls.append(row) or sized(*row))
    assert finish_tables(html) == mixed
    # Links, emphasis and character references are done by the pattern too: only the rows of another shape are
    # left to be sized one by one (fewer or more cells, a cell inside a cell or closed by the other kind's tag, a
    # labelled cell; a row with a style of its own keeps it).
    assert len([row for row in calls if "style=" not in row[0]]) == 5
    monkeypatch.setattr(tables, "_label_plain_rows", lambda body, labels: (body, 0))
    assert mixed == finish_tables(html)
    assert mixed.count("--card-lines") == len(rows) + 1


def test_a_cells_text_is_read_up_to_its_own_closing_tag_as_the_plain_definition_reads_it():
    import re

    from generator.render.tables import CELL_TEXT

    plain = re.compile(r"<(td|th)\b[^>]*>(.*?)</\1>", re.S)  # everything up to the first closing tag of its kind
    rows = [
        '<td><a href="x">A</a></td><td class="num">£5</td>',
        "<th>a</td>b</th><td>c<td>d</td>",  # a closing tag of the other kind; a cell left open
        "<td>a</ td></td><td>\nb\n</td><td>never closed",
        "<tdx>a</tdx><td>a</td ><td>b</td>",
        '<td data-label="Set">a < b</td><thead><th>h</th>',
    ]
    for row in rows:
        assert CELL_TEXT.findall(row) == plain.findall(row), row
