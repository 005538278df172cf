"""Site search as a resident uses it: from the header or the / key, by name, by a word, filtered by year."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import re

import yaml

from generator.core.formatting import financial_year, slug


def records(built, name: str) -> list[dict]:
    return list(csv.DictReader(open(built / "data" / f"{name}.csv", encoding="utf-8-sig")))


def results(page) -> list[str]:
    """The addresses of the results shown, once the search has finished."""
    page.locator("[data-search-status]").filter(has_text=re.compile(r"results?\b")).wait_for(timeout=20000)
    return [a.get_attribute("href") for a in page.locator(".site-search-result__title").all()]


def count(page) -> int:
    """The number of results the status line reports."""
    text = page.locator("[data-search-status]").inner_text()
    return 0 if text.startswith("No results") else int(text.split(" ")[0].replace(",", ""))


def search(visit, query: str, **filters):
    options = "".join(f"&{k}={v}" for k, v in filters.items())
    visited = visit(f"search/?q={query}{options}")
    return visited, results(visited.page)


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{6,}", text.lower()))


def test_an_organisation_name_typed_in_the_header_shows_its_page_first(built, visit):
    funded = {g["Recipient Org:Identifier"] for g in records(built, "grants")}
    organisation = next(o for o in records(built, "organisations") if o["id"] in funded)
    home = visit("")
    home.page.fill(".site-search input[name=q]", organisation["name"])
    home.page.press(".site-search input[name=q]", "Enter")
    found = results(home.page)
    assert found[0].endswith(f"/organisations/{slug(organisation['id'])}/")
    assert "Funded organisation: £" in home.page.locator(".site-search-result__about").first.inner_text()
    assert home.errors == [] and home.hosts == {home.page.url.split("/")[2]}


def test_a_word_only_in_one_decisions_text_finds_that_decision(built, site_dir, visit):
    bodies = {
        p.stem: p.read_text(encoding="utf-8").split("---", 2)[2] for p in (built / "content/decisions").glob("*.md")
    }
    counts = collections.Counter(w for body in bodies.values() for w in words(body))
    others = " ".join(
        p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html") if p.parent.parent.name != "decisions"
    ).lower()
    stem, word = next(
        (stem, w)
        for stem, body in sorted(bodies.items())
        for w in sorted(words(body))
        if counts[w] == 1 and w not in others
    )
    page, found = search(visit, word)
    assert found[0].endswith(f"/decisions/{stem}/"), (word, found)
    assert "Decision: " in page.page.locator(".site-search-result__about").first.inner_text()
    assert page.page.locator(".site-search-result__excerpt mark").first.inner_text().lower().startswith(word[:5])


def test_a_grant_title_finds_the_grant_with_its_amount_and_date(built, visit):
    rows = records(built, "grants")
    titles = collections.Counter(g["Title"] for g in rows)
    grant = next(g for g in rows if titles[g["Title"]] == 1)
    page, found = search(visit, grant["Title"])
    assert found[0].endswith(f"/grants/{slug(grant['Identifier'])}/")
    about = page.page.locator(".site-search-result__about").first.inner_text()
    award = dt.date.fromisoformat(grant["Award Date"])
    assert about.startswith("Grant: £") and f"{award.day} " in about and str(award.year) in about


def test_a_financial_year_filter_narrows_the_results_to_that_year(visit):
    page, _ = search(visit, "grant", section="Grants")
    everything = count(page.page)
    page.page.select_option("select[name=year]", "2024/25")
    page.page.locator("[data-search-status]").filter(has_text="in Grants, 2024/25").wait_for()
    assert 0 < count(page.page) < everything
    total = count(page.page)
    while page.page.locator(".site-search-result").count() < total:
        shown = page.page.locator(".site-search-result").count()
        page.page.click("[data-search-more]")
        page.page.locator(".site-search-result").nth(shown).wait_for()
    assert page.page.locator("[data-search-more]").is_hidden()
    for about in page.page.locator(".site-search-result__about").all_inner_texts():
        date = re.search(r"awarded (\d+ \w+ \d{4})", about)
        if date:
            assert financial_year(dt.datetime.strptime(date.group(1), "%d %B %Y").date()) == "2024/25", about
    assert "year=2024%2F25" in page.page.url


def test_keyboard_only_search_from_the_slash_key(built, visit):
    organisation = records(built, "organisations")[0]
    page = visit("grants/")
    page.page.keyboard.press("/")
    assert page.page.evaluate("document.activeElement.closest('.site-search') !== null")
    page.page.keyboard.type(organisation["name"])
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/search/?q=*")
    results(page.page)
    assert page.page.evaluate("document.activeElement.id") == "search-query"
    for _ in range(10):
        page.page.keyboard.press("Tab")
        if page.page.evaluate("document.activeElement.classList.contains('site-search-result__title')"):
            break
    page.page.keyboard.press("Enter")
    page.page.wait_for_url(f"**/organisations/{slug(organisation['id'])}/")
    assert page.errors == []


def test_slash_on_a_phone_opens_the_search_page_ready_to_type(visit):
    page = visit("decisions/", width=375)
    page.page.keyboard.press("/")
    page.page.wait_for_url("**/search/")
    assert page.page.evaluate("document.activeElement.id") == "search-query"


def test_search_page_with_results_is_accessible_and_self_contained(visit):
    page, found = search(visit, "domestic abuse")
    assert found
    page.page.click("[data-search-more]")
    page.page.locator(".site-search-result").nth(len(found)).wait_for()
    assert page.page.evaluate("document.activeElement.classList.contains('site-search-result__title')")
    assert page.axe() == []
    assert page.errors == []
    assert page.hosts == {page.page.url.split("/")[2]}


def test_without_javascript_the_search_page_links_to_every_list(visit):
    page = visit("search/?q=grant", javascript=False)
    assert "Search needs JavaScript" in page.page.inner_text("main")
    links = page.page.locator(".site-search-page__lists a").all_inner_texts()
    assert {"Grants", "Funded organisations", "Decisions"} <= set(links)


def test_a_supplier_name_finds_the_months_it_was_paid_in(built, visit):
    payments = records(built, "spend")
    paid = collections.Counter(p["supplier"] for p in payments)
    supplier = min(paid, key=lambda name: (paid[name], name))  # the supplier paid least often: fewest months
    months = {p["date"][:7] for p in payments if p["supplier"] == supplier}
    page, found = search(visit, supplier)
    shown = [href.rstrip("/").rsplit("/", 1)[-1] for href in found if "/spending/" in href]
    assert found[0].rstrip("/").rsplit("/", 1)[-1] in months, (supplier, found)
    assert shown and set(shown) <= months, (supplier, months, found)
    assert "Spending month: " in page.page.locator(".site-search-result__about").first.inner_text()


def test_result_excerpts_keep_a_label_apart_from_its_value(visit):
    page, found = search(visit, "Recipient")
    excerpts = page.page.locator(".site-search-result__excerpt").all_inner_texts()
    assert found and any("Recipient " in text for text in excerpts), excerpts
    assert not any(re.search(r"Recipient[A-Z£0-9]", text) for text in excerpts), excerpts


def test_a_former_office_holders_name_finds_pages_about_them_not_every_record_of_their_time(built, visit):
    # Records made before a handover all carry the same notice naming the earlier holder; it is left out of
    # the index, so the name finds the pages that speak of them (who held the functions, reports) instead.
    holder = yaml.safe_load((built / "data" / "profile.yaml").read_text(encoding="utf-8"))["predecessors"][0]
    notice = "Made before the handover"
    earlier = [p for p in (built / "site" / "grants").rglob("index.html") if notice in p.read_text(encoding="utf-8")]
    assert earlier, "the demo should have grants made before the handover"
    _, found = search(visit, holder["commissioner"])
    assert found, holder["commissioner"]
    assert not [url for url in found if "/grants/" in url or "/decisions/" in url], found
    # The pages that say who held the functions, and when, come first.
    assert sorted(url.rsplit("/", 2)[-2] for url in found[:2]) == ["", "about"], found


def test_an_address_with_a_section_or_year_that_does_not_exist_shows_everything(visit):
    page, found = search(visit, "grant", section="Nonsense", year="1999%2F00")
    assert found
    assert page.page.locator("select[name=section]").evaluate("s => s.options[s.selectedIndex].text") == "Everything"
    assert page.page.locator("select[name=year]").evaluate("s => s.options[s.selectedIndex].text") == "All years"
    assert page.errors == []
