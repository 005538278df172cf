"""The Specified Information Order's contract rows: a copy of each contract over £10,000, a list of those up to
£10,000, and each invitation to tender, each judged from what the data holds."""

from __future__ import annotations

import re

from helpers import set_cell

from generator.law.duties import assess, load_register


def row_of(html: str, duty: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(rf'<tr id="duty-{duty}"[^>]*>(.*?)</tr>', html, re.S).group(1))


def judged(project) -> dict:
    import generator.build.assemble as build

    site = build.validate(project / "data", project / "content")
    return {r.duty.id: r for r in assess(site, load_register())}


def test_the_compliance_page_states_each_contract_duty_as_the_order_does(site_dir):
    html = (site_dir / "transparency/index.html").read_text(encoding="utf-8")
    copies = row_of(html, "contracts")
    assert "A copy of each contract over £10,000 to which we or the Chief Constable are a party" in copies
    assert "Published" in copies  # every demo contract over £10,000 links to its copy
    small = row_of(html, "contracts-list")
    assert "A list of contracts up to £10,000: the value, every party and the purpose of each" in small
    assert "Published" in small and "Quarterly" in small
    tenders = row_of(html, "tenders")
    assert "Each invitation to tender for a contract expected to exceed £10,000" in tenders and "Published" in tenders


def test_the_contracts_page_links_each_copy_and_lists_the_small_contracts_apart(site_dir):
    html = (site_dir / "contracts/index.html").read_text(encoding="utf-8")
    assert "<h1>Contracts</h1>" in html
    # The demo's copies are notes on the site's own demonstration page, linked from wherever the page is.
    assert 'href="../demo-documents/#contracts">Copy of the contract' in html
    small = html.split('id="contracts-up-to-10-000"')[1]
    assert "Signing Yorkshire CIC" in small and "£8,250" in small and "Copy of the contract" not in small
    large = html.split('id="contracts-up-to-10-000"')[0]
    assert "Signing Yorkshire CIC" not in large and "Custody Healthcare Ltd" in large
    assert "a list, with the value, every party and the purpose of each, rather than a copy" in small


def test_a_contract_without_its_copy_leaves_the_duty_incomplete(project):
    contracts, tenders = project / "data" / "contracts.csv", project / "data" / "tenders.csv"
    set_cell(contracts, 12, "document_url", "")  # C-2026-015, £380,000
    set_cell(contracts, 2, "document_url", "")  # C-2021-014, £4,850,000
    set_cell(contracts, 18, "description", "")  # C-2026-020, £8,250: a small contract without its purpose
    set_cell(tenders, 2, "url", "")
    found = judged(project)
    copies = found["contracts"]
    assert copies.label == "Incomplete" and copies.status == "Due soon"
    assert copies.note == (
        "2 contracts lack a copy of the contract (document_url in contracts.csv): C-2021-014, C-2026-015."
    )
    assert found["contracts-list"].label == "Incomplete"
    assert found["contracts-list"].note.startswith(
        "1 contract lacks a purpose (description in contracts.csv): C-2026-020"
    )
    assert (
        found["tenders"].label == "Incomplete"
        and "1 tender lacks a link to the invitation itself" in found["tenders"].note
    )


def test_a_contract_of_exactly_10000_is_listed_not_copied(project):
    contracts = project / "data" / "contracts.csv"
    set_cell(contracts, 18, "value", "10000")  # C-2026-020 at exactly £10,000: the list, no copy needed
    set_cell(contracts, 17, "value", "10000.01")  # C-2026-019 a penny over: a copy is needed, and it has none
    found = judged(project)
    assert found["contracts"].note.startswith(
        "1 contract lacks a copy of the contract (document_url in contracts.csv): C-2026-019"
    )
    assert found["contracts-list"].label == "Published"


def test_data_without_the_copies_column_is_judged_by_what_it_publishes(project):
    """document_url is optional: an office whose contracts.csv has no such column (as every office's did before
    it existed) is not made "Incomplete" by it; the note says plainly what would complete the duty."""
    path = project / "data" / "contracts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",document_url")
    path.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    descriptor = project / "data" / "datapackage.yaml"
    text = "\n".join(
        line for line in descriptor.read_text(encoding="utf-8").splitlines() if "name: document_url" not in line
    )
    descriptor.write_text(text + "\n", encoding="utf-8")
    found = judged(project)
    copies = found["contracts"]
    assert copies.label == "Published" and copies.status == "Published"
    assert copies.note.endswith(
        "contracts.csv has no document_url column for a copy of the contract: add one, with it in each "
        "contract's row, to complete this duty."
    )
    assert "lack" not in copies.note


def test_a_kept_copies_column_with_a_blank_still_names_the_contract(project):
    """An office that keeps the column is judged by it: a blank cell is a contract without its copy."""
    set_cell(project / "data" / "contracts.csv", 12, "document_url", "")  # C-2026-015, £380,000
    copies = judged(project)["contracts"]
    assert copies.label == "Incomplete" and "document_url column" not in copies.note
