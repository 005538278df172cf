"""The last English on Welsh pages (tests/welsh_office.make_welsh_demo, built once for this module): the feeds'
entry words, the search index's facts and facets, the sentences about who held the functions, and the scripts'
words, all in Welsh."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from test_welsh_every_page import names
from welsh_office import english_runs, visible_text


@pytest.fixture
def office(welsh_demo) -> Path:
    return welsh_demo


def cy(office: Path, path: str) -> str:
    return (office / "site" / "cy" / path).read_text(encoding="utf-8")


def test_the_welsh_feeds_name_each_kind_of_update_in_welsh(office):
    feed = cy(office, "feeds/updates.xml")
    titles = re.findall(r"<entry>\s*<title>([^<]*)</title>", feed)
    assert titles
    kinds = {title.split(":")[0] for title in titles}
    assert kinds <= {"Penderfyniad", "Grantiau", "Set ddata", "Adroddiad"} and "Set ddata" in kinds
    assert set(re.findall(r'<category term="([^"]*)"', feed)) == kinds
    english = (office / "site" / "feeds" / "updates.xml").read_text(encoding="utf-8")
    assert "<title>Dataset: " in english and '<category term="Dataset"/>' in english


def fragments(office: Path, language: str) -> list[dict]:
    """What Pagefind stored for each page of a language: its text, title, kind, fact and filters."""
    found = []
    for path in sorted((office / "site" / "pagefind" / "fragment").glob(f"{language}_*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[len(b"pagefind_dcd") :]))
    return found


def test_the_welsh_search_index_says_what_each_page_is_in_welsh(office):
    welsh = fragments(office, "cy")
    assert len(welsh) > 100 and all(f["url"].startswith("/cy/") for f in welsh)
    facts = {f["url"]: f["meta"].get("fact", "") for f in welsh}
    ambitions = [url for url in facts if re.fullmatch(r"/cy/plan/[^/]+/", url)]
    assert ambitions and {facts[url] for url in ambitions} <= {
        "Heb ddechrau",
        "Ar y trywydd iawn",
        "Mewn perygl",
        "Wedi'i oedi",
        "Yn hwyr",
        "Wedi'i gwblhau",
    }
    leftover = {}
    for fragment in welsh:
        said = [fragment["meta"].get(key, "") for key in ("kind", "fact", "title")]
        said += [value for values in fragment["filters"].values() for value in values]
        runs = english_runs(" · ".join(said), names(office), run=2)
        if runs:
            leftover[fragment["url"]] = runs
    assert leftover == {}


def test_who_held_the_functions_is_said_in_welsh_with_the_article(office):
    month = " ".join(visible_text(cy(office, "spending/2024-07/index.html")).split())
    assert "Yn y mis hwn roedd y swyddogaethau heddlu a throseddu yn nwylo" in month
    assert "functions were held" not in month
    compliance = " ".join(visible_text(cy(office, "transparency/index.html")).split())
    assert "Cymerodd y Maer y swyddogaethau" in compliance
    assert "gan y Maer a, hyd at 6 Mai 2024, y Comisiynydd" in cy(office, "grants/index.html")  # its description
    every = " ".join(visible_text(p.read_text(encoding="utf-8")) for p in (office / "site" / "cy").rglob("*.html"))
    assert not re.search(r"\b(gan|i|dyfarnodd|Cymerodd) (Maer|Comisiynydd)\b", every)
    english = " ".join(visible_text((office / "site" / "transparency" / "index.html").read_text("utf-8")).split())
    assert "The Mayor took on the functions" in english


def test_a_welsh_noun_after_a_number_mutates_as_after_the_word():
    from generator.core.formatting import plural
    from generator.core.i18n import writing_in

    with writing_in("cy"):
        said = {n: plural(n, "payment") for n in (1, 2, 3, 6, 19)}
        assert said == {1: "1 taliad", 2: "2 daliad", 3: "3 thaliad", 6: "6 thaliad", 19: "19 taliad"}
        assert plural(2, "decision") == "2 benderfyniad" and plural(3, "decision") == "3 phenderfyniad"
        assert plural(2, "row") == "2 res" and plural(3, "row") == "3 rhes"  # rhes is feminine: "tair rhes"
        assert plural(2, "indicator") == "2 ddangosydd" and plural(2, "grant") == "2 grant"
    assert plural(2, "payment") == "2 payments"


def test_welsh_pages_count_with_the_mutation(office):
    every = " ".join(visible_text(p.read_text(encoding="utf-8")) for p in (office / "site" / "cy").rglob("*.html"))
    assert not re.search(r"\b2 (taliad|penderfyniad|cofnod|dangosydd|rhes)\b", every)
    assert not re.search(r"\b[36] (taliad|penderfyniad|cofnod)\b", every)
    assert re.search(r"\b2 (daliad|benderfyniad|gofnod|ddangosydd|res)\b", every)


def test_the_welsh_reserves_charts_dates_fit_a_phone_as_the_english_do(office):
    def labels(html: str) -> list[str]:
        return re.findall(r'<text class="chart__period"[^>]*>([^<]*)</text>', html)

    welsh = labels(cy(office, "money/reserves/index.html"))
    english = labels((office / "site" / "money" / "reserves" / "index.html").read_text(encoding="utf-8"))
    assert "2023-03-31 (alldro)" in welsh and "2023-03-31 (actual)" in english
    assert len(welsh) == len(english) and all(len(w) <= len(e) for w, e in zip(welsh, english, strict=True))


def test_the_search_scripts_count_results_in_welsh_whatever_the_number(office):
    # "{count} canlyniad" would need the mutation of each number ("2 ganlyniad", "3 chanlyniad"): the scripts
    # write "{count} o ganlyniadau", right after any number.
    for path in ("index.html", "search/index.html", "plan/index.html"):
        page = cy(office, path)
        assert "o ganlyniadau" in page and "{count} canlyniad" not in page, path
