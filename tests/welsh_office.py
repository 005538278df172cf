"""A Welsh tenant for tests: a copy of the second office's fixture (tests/fixtures/exampleshire) published in
English and Welsh, with the Welsh version of every text it writes. Made-up names; not real data."""

from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from welsh import fill_welsh_columns  # noqa: E402  (the synthetic office's Welsh copy fills its columns the same way)

WELSH_PROFILE = """languages: [en, cy]
nation: Wales
body_name_cy: Bwrdd Heddlu a Throseddu Swydd Enghraifft (demo)
short_name_cy: Bwrdd Swydd Enghraifft (demo)
police_area_cy: Swydd Enghraifft
role_cy: Bwrdd Heddlu a Throseddu
role_short_cy: Bwrdd
decision_categories_cy: [Diogelwch cymunedol, Llywodraethu]
"""

GRANTS_CY = {
    "360G-EXMPBOARD-2025-001": {
        "Title_cy": "Llinell gymorth i ddioddefwyr",
        "Description_cy": "Cyllid ar gyfer llinell gymorth gyda'r nos i ddioddefwyr troseddau.",
        "Grant Programme:Title_cy": "Cronfa Dioddefwyr",
        "Conditions_cy": "Ffurflenni monitro chwarterol.",
        "Reasons_cy": "Bydd yn helpu dioddefwyr i ymdopi ac adfer.",
    },
    "360G-EXMPBOARD-2025-002": {
        "Title_cy": "Gweithdai i yrwyr ifanc",
        "Description_cy": "Cyllid ar gyfer gweithdai diogelwch ar y ffyrdd mewn chweched dosbarth.",
        "Grant Programme:Title_cy": "Cronfa Diogelwch Cymunedol",
        "Conditions_cy": "Ffurflenni monitro chwarterol.",
        "Reasons_cy": "Bydd yn lleihau marwolaethau ac anafiadau ymhlith gyrwyr ifanc.",
    },
}

PRIORITIES_CY = {
    "safer-roads": {
        "title_cy": "Ffyrdd mwy diogel",
        "summary_cy": "Llai o bobl yn cael eu lladd neu eu hanafu'n ddifrifol ar ffyrdd Swydd Enghraifft.",
    },
    "victims": {
        "title_cy": "Dioddefwyr yn gyntaf",
        "summary_cy": "Pob dioddefwr yn cael y cymorth sydd ei angen arno i ymdopi ac adfer.",
    },
}

ORGANISATIONS_CY = {
    "GB-CHC-1190001": {"description_cy": "Sefydliad arddangos yn Nhref Enghraifft."},
    "GB-CHC-1190002": {"description_cy": "Sefydliad arddangos yn Rhyd Sampl."},
}

DECISION_CY = """---
title: Dyfarniadau'r Gronfa Dioddefwyr a'r Gronfa Diogelwch Cymunedol 2025/26
decision_maker: Bwrdd Heddlu a Throseddu
summary: Mae'r Bwrdd yn dyfarnu dau grant, £54,500 i gyd, i linell gymorth i ddioddefwyr ac i weithdai diogelwch ar y ffyrdd.
---

## Cefndir

Gwahoddwyd ceisiadau ym mis Ebrill 2025 a'u hasesu yn erbyn blaenoriaethau'r Bwrdd.

## Penderfyniad

Cymeradwyodd y Bwrdd, yn ei gyfarfod ar 10 Mehefin 2025, y ddau ddyfarniad.
"""

PAGES_CY = {
    "index": "---\ndescription: Yr hyn y mae swyddogaethau heddlu a throseddu Swydd Enghraifft yn ei ariannu, ei "
    "benderfynu a'i wario, fel data agored.\n---\n# Tryloywder\n\nMae'r wefan hon yn cyhoeddi'r hyn a ariennir, a "
    "benderfynir ac a werir gyda swyddogaethau heddlu a throseddu Swydd Enghraifft.\n\n"
    "- [Grantiau](grants/index.md): pwy sy'n cael eu hariannu\n- [Penderfyniadau](decisions/index.md): pob "
    "penderfyniad o ddiddordeb cyhoeddus sylweddol\n",
    "about": "# Amdanom ni\n\nMae Bwrdd Heddlu a Throseddu Swydd Enghraifft yn fwrdd dychmygol ar gyfer profion.\n",
    "accessibility": "# Datganiad hygyrchedd\n\nRydym am i gynifer o bobl â phosibl allu defnyddio'r wefan hon.\n",
    "licence": "# Trwydded data agored\n\nMae'r data ar gael o dan y Drwydded Llywodraeth Agored v3.0.\n",
    "privacy": "# Hysbysiad preifatrwydd\n\nNid yw'r wefan hon yn defnyddio cwcis.\n",
}


def add_columns(path: Path, key: str, values: dict[str, dict[str, str]]) -> None:
    """Give each row of a CSV file the Welsh columns in `values` (by the row's key column)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = list(rows[0]) + [c for c in next(iter(values.values())) if c not in rows[0]]
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, **values.get(row[key], {})} for row in rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def make_welsh_office(folder: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "exampleshire", folder)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    profile = folder / "data" / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + WELSH_PROFILE, encoding="utf-8")
    add_columns(folder / "data" / "grants.csv", "Identifier", GRANTS_CY)
    add_columns(folder / "data" / "priorities.csv", "id", PRIORITIES_CY)
    add_columns(folder / "data" / "organisations.csv", "id", ORGANISATIONS_CY)
    (folder / "content" / "decisions" / "2025-001.cy.md").write_text(DECISION_CY, encoding="utf-8")
    for name, text in PAGES_CY.items():
        (folder / "content" / f"{name}.cy.md").write_text(text, encoding="utf-8")
    return folder


# The demo published in Welsh too, for tests that need every page type (money, performance, plan, registers):
# each Welsh text is a made-up Welsh placeholder ("Testun Cymraeg 12"), never English, so that a test scanning
# Welsh pages for English finds only the interface's own sentences.
DEMO_PROFILE_CY = {
    "body_name_cy": "Awdurdod Cyfun Maerol De Swydd Efrog (demo)",
    "short_name_cy": "ACM De Swydd Efrog (demo)",
    "police_area_cy": "De Swydd Efrog",
    "role_cy": "Maer De Swydd Efrog",
    "role_short_cy": "Maer",
    "decision_categories_cy": ["Comisiynu", "Cyllid", "Ystadau", "Llywodraethu", "Partneriaethau", "Perfformiad"],
}
PREDECESSOR_CY = {
    "body_name_cy": "Swyddfa Comisiynydd Heddlu a Throseddu De Swydd Efrog (demo)",
    "short_name_cy": "SCHTh De Swydd Efrog (demo)",
    "police_area_cy": "De Swydd Efrog",
    "role_cy": "Comisiynydd Heddlu a Throseddu De Swydd Efrog",
    "role_short_cy": "Comisiynydd",
}


def make_welsh_demo(folder: Path) -> Path:
    """A copy of the shipped demo (data/, content/, mkdocs.yml) with `languages: [en, cy]` and a Welsh version of
    every text the office writes: the Welsh tenant with every page type."""
    import yaml

    from generator.data.welsh import TEXT_COLUMNS

    folder.mkdir(parents=True)
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    profile_path = folder / "data" / "profile.yaml"
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    profile.update(languages=["en", "cy"], nation="Wales", **DEMO_PROFILE_CY)
    for predecessor in profile.get("predecessors") or []:
        predecessor.update(PREDECESSOR_CY)
    profile_path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for dataset, columns in TEXT_COLUMNS.items():
        fill_welsh_columns(folder / "data" / f"{dataset}.csv", columns)
    for page in (folder / "content").rglob("*.md"):
        if page.name.endswith(".cy.md"):
            continue
        _write_welsh_page(page)
    return folder


def _write_welsh_page(page: Path) -> None:
    """NAME.cy.md beside NAME.md: the same front matter keys, each text in Welsh placeholder words."""
    import yaml

    text = page.read_text(encoding="utf-8")
    meta = {}
    if text.startswith("---\n"):
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
    welsh = {
        key: f"Testun Cymraeg: {key}"
        for key in ("title", "summary", "decision_maker", "exempt", "description")
        if meta.get(key)
    }
    if isinstance(meta.get("documents"), list):
        welsh["documents"] = [{"title": f"Dogfen Gymraeg {n}"} for n, _ in enumerate(meta["documents"], start=1)]
    front = f"---\n{yaml.safe_dump(welsh, allow_unicode=True)}---\n" if welsh else ""
    body = "# Tudalen yn Gymraeg\n\nDyma destun y dudalen yn Gymraeg.\n"
    page.with_name(page.name.removesuffix(".md") + ".cy.md").write_text(front + body, encoding="utf-8")


# Common English words that Welsh text never uses: a Welsh page showing a run of them shows an English sentence.
ENGLISH_WORDS = frozenset(
    "the and of to is in for with this that are was were by on from which has have not be it its what when who how"
    " each every page shows than more less all our we you your their there these those".split()
)


def visible_text(html: str) -> str:
    """The words a reader sees on a page (scripts, styles and tags removed; entities decoded)."""
    import re
    from html import unescape

    html = re.sub(r"(?s)<(script|style|svg)\b[^>]*>.*?</\1>", " ", html)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def english_runs(text: str, names: frozenset[str] = frozenset(), run: int = 3) -> list[str]:
    """Each run of `run` or more consecutive common English words in a page's text, after removing the names
    the body did not write (organisations, suppliers), which are never translated."""
    import re

    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    found, current = [], []
    for word in re.findall(r"[A-Za-z']+|[^\sA-Za-z']", text):
        if word.lower() in ENGLISH_WORDS:
            current.append(word)
            continue
        if len(current) >= run:
            found.append(" ".join(current))
        current = [] if not re.fullmatch(r"[A-Za-z']+", word) else []
    if len(current) >= run:
        found.append(" ".join(current))
    return found
