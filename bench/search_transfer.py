"""What searching a large site costs a reader: the index's size, and what a first query downloads."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

from .static_server import serve


def first_query_transfer(project: Path, name: str = "") -> dict:
    """Search for an organisation's name on the built site (served compressed) and add up what Pagefind fetched."""
    site = project / "site"
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    with (project / "data" / "organisations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    name = name or rows[len(rows) // 2]["name"]
    server, base = serve(site)
    fetched: list = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), args=["--no-sandbox"]
            )
            page = browser.new_page()
            page.on("requestfinished", lambda request: fetched.append(request))
            page.goto(f"{base}search/?q={name}")
            page.locator("[data-search-status]").filter(has_text=re.compile(r"results?\b")).wait_for(timeout=60000)
            first = page.locator(".site-search-result__title").first.get_attribute("href")
            searched = [r for r in fetched if "/pagefind/" in r.url]
            transferred = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in searched)
            browser.close()
    finally:
        server.shutdown()
    return {
        "search_index_files": len(index),
        "search_index_mb": round(sum(p.stat().st_size for p in index) / 1e6, 1),
        "first_query": name,
        "first_query_top_result": first,
        "first_query_requests": len(searched),
        "first_query_transfer_kb": round(transferred / 1024, 1),
    }
