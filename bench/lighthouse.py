"""`make lighthouse`: Lighthouse mobile scores for the demo site's key pages, served compressed as a host would."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .static_server import serve

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "grants explorer": "grants/",
    "finance charts": "money/",
    "council tax chart": "money/council-tax/",
    "priority with trend charts": "priorities/vulnerable/",
    "plan tracker": "plan/",
}
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
)


def main() -> None:
    server, base = serve(ROOT / "site")
    results = {}
    try:
        for name, path in PAGES.items():
            out = ROOT / "bench" / "lighthouse-report.json"
            subprocess.run(
                [
                    str(ROOT / "node_modules/.bin/lighthouse"),
                    base + path,
                    "--quiet",
                    f"--chrome-flags={FLAGS}",
                    "--output=json",
                    f"--output-path={out}",
                    "--form-factor=mobile",
                ],
                check=True,
                env=os.environ | {"CHROME_PATH": "/usr/bin/chromium"},
                capture_output=True,
            )
            report = json.loads(out.read_text(encoding="utf-8"))
            out.unlink()
            scores = {k: round(v["score"] * 100) for k, v in report["categories"].items() if v["score"] is not None}
            scores["LCP"] = report["audits"]["largest-contentful-paint"]["displayValue"]
            scores["TBT"] = report["audits"]["total-blocking-time"]["displayValue"]
            results[name] = scores
            print(f"{name:>28}: {scores}")
    finally:
        server.shutdown()
    (ROOT / "bench" / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
