"""A strict Content-Security-Policy for each page, allowing only the site's own files and its own inline scripts."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
SCRIPT_OPEN = re.compile(r"<script(?P<attrs>[^>]*)>")
# The page that runs Pagefind's search itself. The header's box on every other page runs Pagefind too, but in
# Pagefind's web worker, which the page's policy does not govern (a worker takes its policy from its own script's
# headers), so those pages need not allow WebAssembly.
SEARCH_PAGE_SCRIPT = "assets/js/search.js"
DATA_TYPES = ('type="application/json"', "type='application/json'")
# Plotly and Material set inline style attributes, so styles allow 'unsafe-inline'; scripts never do.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def script_hashes(html: str) -> list[str]:
    """The sha256 source of every inline script that runs (JSON data blocks do not run, so need none)."""
    hashes = []
    for attrs, body in inline_scripts(html):
        if "src=" in attrs or any(t in attrs for t in DATA_TYPES):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def inline_scripts(html: str) -> Iterator[tuple[str, str]]:
    """Each script's attributes and text, as INLINE_SCRIPT.finditer finds them: with str.find, which skips to
    the next script at once, where the pattern's "anything up to </script>" tries each character in turn."""
    at = 0
    while (start := html.find("<script", at)) >= 0:
        opened = SCRIPT_OPEN.match(html, start)
        end = html.find("</script>", opened.end()) if opened else -1
        if end < 0:
            at = start + 1
            continue
        yield opened.group("attrs"), html[opened.end() : end]
        at = end + len("</script>")


def add_policy(html: str, preview: bool = False) -> str:
    """The page with its policy. A preview (`make serve`) also allows inline scripts: MkDocs adds a script to
    every page it serves that reloads it after an edit, different each time, so it cannot be allowed by its
    hash. The published site never allows them."""
    sources = ["'unsafe-inline'"] if preview else script_hashes(html)
    if SEARCH_PAGE_SCRIPT in html:
        # Pagefind's search engine is WebAssembly; should its worker fail, it runs it in the page.
        sources.insert(0, "'wasm-unsafe-eval'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=" ".join(sources))}">'
    return html.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n    {meta}', 1)
