"""`make lighthouse`: Lighthouse scores (performance, accessibility, best practices, SEO) of one page of every
type in the demo site, on a phone and on a desktop, and of the synthetic large office's explorers and heaviest
pages, each served compressed as a host would. Writes `bench/lighthouse.json`.

`LIGHTHOUSE=/path/to/lighthouse` runs another Lighthouse than `node_modules/.bin/lighthouse` (e.g. one installed
with `npm install --prefix /tmp/lh lighthouse`); `LIGHTHOUSE_SYNTHETIC=0` scores the demo only, and
`LIGHTHOUSE_ONLY="contracts,spending month"` only the demo's pages named; the scores of pages not scored again are
kept from the last run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .static_server import serve
from .synthetic import make_project

ROOT = Path(__file__).resolve().parent.parent
# One page of every type the demo has.
PAGES = {
    "home": "",
    "grants explorer": "grants/",
    "a grant": "grants/360g-demopcc-2024-046/",
    "grants in a year": "grants/year-2024-25/",
    "organisations": "organisations/",
    "an organisation": "organisations/gb-chc-1115164/",
    "decisions log": "decisions/",
    "a decision": "decisions/2025-021/",
    "decisions in a year": "decisions/year-2024-25/",
    "money": "money/",
    "council tax": "money/council-tax/",
    "reserves": "money/reserves/",
    "spending index": "spending/",
    "spending month": "spending/2025-10/",
    "contracts": "contracts/",
    "payments over £30,000": "money/contract-payments/",
    "payment times": "money/payment-times/",
    "performance": "performance/",
    "a priority": "priorities/vulnerable/",
    "plan tracker": "plan/",
    "an ambition": "plan/ca-04/",
    "reports": "reports/",
    "a report": "reports/2026-q2-performance/",
    "updates": "updates/",
    "compliance": "transparency/",
    "a register": "transparency/expenses/",
    "open data": "data/",
    "data dictionary": "data/grants/",
    "glossary": "glossary/",
    "search": "search/",
    "404": "404.html",
}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
)


def lighthouse() -> str:
    return os.environ.get("LIGHTHOUSE") or str(ROOT / "node_modules/.bin/lighthouse")


def score(url: str, form_factor: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="pcc-lighthouse-") as folder:
        out = Path(folder) / "report.json"
        subprocess.run(
            [
                lighthouse(),
                url,
                "--quiet",
                f"--chrome-flags={FLAGS}",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                *FORM_FACTORS[form_factor],
            ],
            check=True,
            env=os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
            capture_output=True,
        )
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items() if v["score"] is not None}
    for name, audit in (
        ("LCP", "largest-contentful-paint"),
        ("TBT", "total-blocking-time"),
        ("CLS", "cumulative-layout-shift"),
    ):
        scores[name] = report["audits"][audit]["displayValue"].replace("\u00a0", " ")
    scores["failing"] = failing(report)
    return scores


def failing(report: dict) -> list[str]:
    """The audits that cost points: what to look at when a score is under 100."""
    ids = {ref["id"] for key in CATEGORIES for ref in report["categories"][key]["auditRefs"] if ref["weight"] > 0}
    audits = report["audits"]
    return sorted(i for i in ids if audits[i]["score"] is not None and audits[i]["score"] < 0.9)


def synthetic_pages(site: Path) -> dict[str, str]:
    """The synthetic office's explorers and its heaviest year list (the largest page listing a year's records)."""
    years = [p for p in site.glob("*/year-*/index.html")]
    heaviest = max(years, key=lambda p: p.stat().st_size)
    months = [p for p in (site / "spending").glob("*/index.html")]
    busiest = max(months, key=lambda p: p.stat().st_size)
    return {
        "synthetic grants explorer (5,000 grants)": "grants/",
        "synthetic decisions log (2,000 decisions)": "decisions/",
        f"synthetic heaviest year list ({heaviest.parent.relative_to(site)})": heaviest.parent.relative_to(
            site
        ).as_posix()
        + "/",
        f"synthetic busiest spending month ({busiest.parent.name})": busiest.parent.relative_to(site).as_posix() + "/",
    }


def score_all(site: Path, pages: dict[str, str], results: dict) -> None:
    server, base = serve(site)
    try:
        for name, path in pages.items():
            results[name] = {"path": "/" + path}
            for form_factor in FORM_FACTORS:
                results[name][form_factor] = score(base + path, form_factor)
                shown = {k: v for k, v in results[name][form_factor].items() if k != "failing" or v}
                print(f"{name:>45} {form_factor:>7}: {shown}", flush=True)
            write(results)  # what is scored so far, should a long run be stopped
    finally:
        server.shutdown()


def lowest(results: dict) -> dict[str, int]:
    """Each category's lowest score over every page and form factor."""
    runs = [page[f] for page in results.values() for f in FORM_FACTORS if f in page]
    return {key: min(run.get(key, 0) for run in runs) for key in CATEGORIES}


def write(results: dict) -> None:
    summary = {"lowest": lowest(results), "pages": results}
    (ROOT / "bench" / "lighthouse.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


def earlier() -> dict[str, dict]:
    """The scores of the last run that are still of a page scored (kept for the pages this run skips)."""
    path = ROOT / "bench" / "lighthouse.json"
    try:
        pages = json.loads(path.read_text(encoding="utf-8")).get("pages", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return {k: v for k, v in pages.items() if (k in PAGES or k.startswith("synthetic")) and "mobile" in v}


def main() -> None:
    only = [name.strip() for name in os.environ.get("LIGHTHOUSE_ONLY", "").split(",") if name.strip()]
    if unknown := [name for name in only if name not in PAGES]:
        sys.exit(f"LIGHTHOUSE_ONLY: no page type called {', '.join(unknown)}; the types are: {', '.join(PAGES)}")
    results = earlier()
    score_all(ROOT / "site", {name: PAGES[name] for name in only} if only else PAGES, results)
    if not only and os.environ.get("LIGHTHOUSE_SYNTHETIC", "1") != "0":
        work = Path(tempfile.mkdtemp(prefix="pcc-lighthouse-"))
        try:
            project = make_project(work / "project")
            env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
            mkdocs = str(Path(sys.executable).with_name("mkdocs"))
            subprocess.run([mkdocs, "build", "--quiet"], cwd=project, env=env, check=True)
            score_all(project / "site", synthetic_pages(project / "site"), results)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    write(results)
    print("lowest:", lowest(results), flush=True)


if __name__ == "__main__":
    main()
