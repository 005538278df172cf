"""A Welsh tenant for tests: a copy of the second office's fixture (tests/fixtures/exampleshire) published in
English and Welsh, with the Welsh version of every text it writes. Made-up names; not real data."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from helpers import ROOT

WELSH_PROFILE = """languages: [en, cy]
nation: Wales
body_name_cy: Bwrdd Heddlu a Throseddu Swydd Enghraifft (demo)
short_name_cy: Bwrdd Swydd Enghraifft (demo)
police_area_cy: Swydd Enghraifft
role_cy: Bwrdd Heddlu a Throseddu
role_short_cy: Bwrdd
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
    (folder / "content" / "decisions" / "2025-001.cy.md").write_text(DECISION_CY, encoding="utf-8")
    for name, text in PAGES_CY.items():
        (folder / "content" / f"{name}.cy.md").write_text(text, encoding="utf-8")
    return folder
