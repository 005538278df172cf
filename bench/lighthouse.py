"""`make lighthouse`: Lighthouse mobile scores of the demo site's key pages and of the synthetic large office's
explorers and heaviest year list, each served compressed as a host would."""

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
PAGES = {
    "home": "",
    "grants explorer": "grants/",
    "finance charts": "money/",
    "council tax chart": "money/council-tax/",
    "priority with trend charts": "priorities/vulnerable/",
    "plan tracker": "plan/",
    "search": "search/",
}
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
)


def score(url: str) -> dict:
    out = ROOT / "bench" / "lighthouse-report.json"
    subprocess.run(
        [
            str(ROOT / "node_modules/.bin/lighthouse"),
            url,
            "--quiet",
            f"--chrome-flags={FLAGS}",
            "--output=json",
            f"--output-path={out}",
            "--form-factor=mobile",
        ],
        check=True,
        env=os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        capture_output=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items() if v["score"] is not None}
    for name, audit in (
        ("LCP", "largest-contentful-paint"),
        ("TBT", "total-blocking-time"),
        ("CLS", "cumulative-layout-shift"),
    ):
        scores[name] = report["audits"][audit]["displayValue"]
    return scores


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
            results[name] = score(base + path)
            print(f"{name:>60}: {results[name]}", flush=True)
    finally:
        server.shutdown()


def main() -> None:
    results: dict[str, dict] = {}
    score_all(ROOT / "site", PAGES, results)
    work = Path(tempfile.mkdtemp(prefix="pcc-lighthouse-"))
    try:
        project = make_project(work / "project")
        env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [str(Path(sys.executable).with_name("mkdocs")), "build", "--quiet"], cwd=project, env=env, check=True
        )
        score_all(project / "site", synthetic_pages(project / "site"), results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
