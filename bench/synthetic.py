"""Write a synthetic large OPCC (same data contract as the demo) into a project folder."""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = {
    "grants": 5_000,
    "organisations": 1_000,
    "decisions": 2_000,
    "spend": 100_000,
    "kpis": 50,
    "quarters": 40,
    "ambitions": 130,
    "plan_quarters": 12,
}
STATUSES = ["not started", "on track", "at risk", "delayed", "complete"]
FUNDS = [
    "Community Safety Fund",
    "Victims of Crime",
    "Violence Reduction Unit",
    "Safer Streets",
    "POCA Community Grant Scheme",
]
SUPPLIERS = [f"Supplier {i:03d} Ltd" for i in range(400)]


def write_csv(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def fy(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def make_project(target: Path, scale: dict[str, int] = SCALE, seed: int = 1) -> Path:
    """Copy the demo project's code-side files, keep the small demo resources, and replace the large ones."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "theme", target / "theme")
    shutil.copytree(ROOT / "data", target / "data")
    shutil.copytree(ROOT / "content", target / "content", ignore=shutil.ignore_patterns("decisions"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    data = target / "data"
    priorities = [r["id"] for r in csv.DictReader((data / "priorities.csv").open(encoding="utf-8"))]
    organisations = [f"GB-CHC-{2_000_000 + i}" for i in range(scale["organisations"])]
    write_csv(
        data / "organisations.csv",
        ["id", "name", "charity_number"],
        ([o, f"Community organisation {i}", o[7:]] for i, o in enumerate(organisations)),
    )
    start = dt.date(2016, 4, 1)
    decisions_dir = target / "content" / "decisions"
    decisions_dir.mkdir(parents=True)
    references = []
    for i in range(scale["decisions"]):
        date = start + dt.timedelta(days=i * 3650 // scale["decisions"])
        reference = f"{date.year}/{i:04d}"
        references.append(reference)
        (decisions_dir / f"{date.year}-{i:04d}.md").write_text(
            f"---\nreference: {reference}\ntitle: Synthetic decision {i}\ndate: {date.isoformat()}\ndecision_maker: Police and Crime Commissioner\n"
            f"summary: A synthetic decision for the benchmark.\namount: {rng.randint(1, 500) * 1000}\npriorities: [{rng.choice(priorities)}]\ncategory: {rng.choice(['Commissioning', 'Finance', 'Estates'])}\n---\n\n"
            "## Background\n\nText of the record.\n\n## Decision\n\nThe Commissioner approves it.\n",
            encoding="utf-8",
        )
    grant_rows = []
    for i in range(scale["grants"]):
        date = start + dt.timedelta(days=rng.randint(0, 3650))
        grant_rows.append(
            [
                f"360G-BENCH-{i:05d}",
                f"Grant {i}",
                "Synthetic grant.",
                "GBP",
                f"{rng.randint(500, 200_000)}.{rng.randint(0, 99):02d}",
                date.isoformat(),
                rng.choice(organisations),
                rng.choice(FUNDS),
                rng.choice(priorities),
                rng.choice(references),
            ]
        )
    write_csv(
        data / "grants.csv",
        [
            "Identifier",
            "Title",
            "Description",
            "Currency",
            "Amount Awarded",
            "Award Date",
            "Recipient Org:Identifier",
            "Grant Programme:Title",
            "Priority",
            "Decision Reference",
        ],
        grant_rows,
    )
    spend_rows = []
    for i in range(scale["spend"]):
        date = start + dt.timedelta(days=i * 3650 // scale["spend"])
        spend_rows.append(
            [
                date.isoformat(),
                f"T{i:07d}",
                rng.choice(SUPPLIERS),
                f"{rng.randint(501, 90_000)}.{rng.randint(0, 99):02d}",
                "Supplies and services",
                "Chief Constable",
            ]
        )
    write_csv(
        data / "spend.csv",
        ["date", "transaction_id", "supplier", "amount", "expense_type", "spending_body"],
        spend_rows,
    )
    kpi_rows, value_rows = [], []
    for k in range(scale["kpis"]):
        kpi_rows.append(
            [
                f"kpi-{k:02d}",
                rng.choice(priorities),
                f"Indicator {k}",
                "count",
                rng.choice(["higher", "lower"]),
                str(rng.randint(50, 150)),
            ]
        )
        for q in range(scale["quarters"]):
            end = dt.date(2016 + (q + 1) // 4, [3, 6, 9, 12][(q + 1) % 4], [31, 30, 30, 31][(q + 1) % 4])
            value_rows.append([f"kpi-{k:02d}", end.isoformat(), str(rng.randint(40, 160))])
    write_csv(data / "kpis.csv", ["id", "priority", "title", "unit", "better", "target"], kpi_rows)
    write_csv(data / "kpi_values.csv", ["kpi", "period_end", "value"], value_rows)
    plan_rows, update_rows = [], []
    for a in range(scale["ambitions"]):
        plan_rows.append(
            [
                f"a-{a:03d}",
                rng.choice(priorities),
                f"Theme {a % 12}",
                f"Ambition {a}",
                f"Lead {a % 9}",
                f"{2024 + a % 4}-03-31",
                f"kpi-{a % scale['kpis']:02d}",
            ]
        )
        for q in range(scale["plan_quarters"]):
            update_rows.append(
                [
                    f"a-{a:03d}",
                    (dt.date(2023, 7, 1) + dt.timedelta(days=91 * q)).isoformat(),
                    rng.choice(STATUSES),
                    f"Update {q}",
                ]
            )
    write_csv(data / "plan.csv", ["id", "priority", "theme", "title", "lead", "due", "kpis"], plan_rows)
    write_csv(data / "plan_updates.csv", ["ambition", "date", "status", "note"], update_rows)
    return target
