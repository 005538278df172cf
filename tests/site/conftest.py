"""Browser fixtures: the built demo site served on localhost, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closing a page mid-download is not a test failure


@pytest.fixture(scope="session")
def base_url(site_dir):
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def welsh_demo_url(welsh_demo):
    """The demo in English and Welsh (conftest.welsh_demo), served on localhost."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(welsh_demo / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Visit:
    """A page opened as a reader would, recording console errors and every host it contacted."""

    def __init__(
        self,
        browser,
        base_url: str,
        path: str,
        width: int = 1280,
        javascript: bool = True,
        color_scheme: str = "light",
        touch: bool = False,
        before_scripts: str = "",
    ):
        # touch: a phone's browser (touch events, taps, the viewport meta tag obeyed), not a narrow desktop window.
        self.context = browser.new_context(
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            color_scheme=color_scheme,
            is_mobile=touch,
            has_touch=touch,
        )
        if before_scripts:  # run in each page before any of the page's own scripts
            self.context.add_init_script(before_scripts)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.requests: list[str] = []  # every address the page asked for, in order
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.hosts.add(r.url.split("/")[2] if "://" in r.url else r.url))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.response = self.page.goto(base_url + path, wait_until="load")

    def axe(self) -> list[dict]:
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not block.
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = self.page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result["violations"]]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened: list[Visit] = []

    def open_page(path: str, **options) -> Visit:
        opened.append(Visit(browser, base_url, path, **options))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()
