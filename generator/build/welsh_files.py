"""The files of the Welsh pages that are not pages: their hand-written text, and the downloads both languages share."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..data.load import WELSH_SUFFIX, split_front_matter

# What the Welsh build writes for itself (its feeds and its pages' own files), never the English one's.
OWN = ("feeds/", "robots.txt")


def pages_in_welsh(welsh: dict, files) -> list[tuple[str, str]]:
    """(NAME.md, the text of NAME.cy.md) for each hand-written page that has a Welsh version (MkDocs' files)."""
    found = []
    for uri, page in sorted(welsh.items()):
        english = uri.removesuffix(".cy.md") + ".md"
        if files.get_file_from_path(english) is not None and page.abs_src_path:
            found.append((english, Path(page.abs_src_path).read_text(encoding="utf-8-sig")))
    return found


def home_description(docs: Path) -> str:
    """The Welsh home page's description (the front matter of content/index.cy.md), which a Welsh page without
    its own (the 404 page) gives in place of mkdocs.yml's English site_description; "" when it has none."""
    path = docs / ("index" + WELSH_SUFFIX)
    text = path.read_text(encoding="utf-8-sig", errors="replace") if path.is_file() else ""
    meta = split_front_matter(text, path.name, [])[0] if text.startswith("---") else None
    return str((meta or {}).get("description") or "").strip()


def link_shared_downloads(paths: Iterable[str], site_dir: Path, welsh_dir: Path) -> None:
    """Make the English build's downloads (the open data, whose columns are the same in both languages) reachable
    from the Welsh pages' links too (cy/data/grants.csv): a hard link where the file system allows, else a copy.
    Files the Welsh build wrote itself (its feeds, its explorers' rows) are kept."""
    for path in paths:
        target = welsh_dir / path
        if path.startswith(OWN) or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / path, target)
        except OSError:
            shutil.copy2(site_dir / path, target)


# Material's script looks for sitemap.xml beside every <link rel="alternate"> of a page, for its own language
# selector (which this site does not use: its switch links each page to its twin). For the hreflang links that
# is a request per page that finds nothing, so in a site in two languages its script skips them; the feeds'
# links still find their small feeds/sitemap.xml.
ALTERNATES = 'M("link[rel=alternate]")'
FEED_ALTERNATES = 'M("link[rel=alternate]:not([hreflang])")'


def skip_language_sitemaps(site_dir: Path) -> None:
    """Material's script as published in site_dir, without its sitemap.xml lookups for the hreflang links."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        script = bundle.read_text(encoding="utf-8")
        if ALTERNATES not in script:
            raise ValueError(f"{bundle.name}: Material's script no longer looks for {ALTERNATES}; update {__name__}")
        bundle.write_text(script.replace(ALTERNATES, FEED_ALTERNATES), encoding="utf-8")
    if not bundles:
        raise ValueError(f"{site_dir / 'assets' / 'javascripts'}: Material's script is not there; update {__name__}")
