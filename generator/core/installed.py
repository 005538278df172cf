"""Where the generator's own files are (its theme, and what `transparency init` writes) and its version."""

from __future__ import annotations

import json
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # the `generator` package (this file is in generator/core/)
STANDARDS = PACKAGE / "standards"  # the law's and data standards' files: duties, schemas, registers
# Markdown extensions the pages rely on (admonitions, attribute lists, tables, heading ids), added to any
# mkdocs.yml that does not list them.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "tables", "toc")
DISTRIBUTION = "pcc-transparency"


def theme_dir() -> Path:
    """The theme: inside the package when installed from a wheel, beside it in a checkout (an editable install)."""
    inside = PACKAGE / "theme"
    return inside if (inside / "main.html").is_file() else PACKAGE.parent / "theme"


@cache
def version() -> str:
    """The generator's version, as installed (pyproject.toml's, for an editable install)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


# pyproject.toml's Source as this repository ships it, until its owner names the real address: not an address.
PLACEHOLDER_SOURCE = "/OWNER/REPOSITORY"


def source_url() -> str:
    """The git repository the generator was installed from, or "": where pip took it from (its PEP 610 record,
    direct_url.json, when installed with `pip install "pcc-transparency @ git+ADDRESS@vX.Y.Z"`), else
    pyproject.toml's [project.urls] Source unless that is still the placeholder."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return ""
    installed_from = _git_address(distribution.read_text("direct_url.json"))
    if installed_from:
        return installed_from
    for entry in distribution.metadata.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "source" and PLACEHOLDER_SOURCE not in url:
            return url.strip()
    return ""


def _git_address(record: str | None) -> str:
    """The git address in a PEP 610 direct_url.json record, or "" (not from git, or no record)."""
    try:
        found = json.loads(record or "{}")
    except ValueError:
        return ""
    if not isinstance(found, dict) or not isinstance(found.get("vcs_info"), dict):
        return ""
    return str(found.get("url") or "").removeprefix("git+") if found["vcs_info"].get("vcs") == "git" else ""


def generator_name() -> str:
    """What every page's <meta name="generator"> says."""
    return f"{DISTRIBUTION} {version()}"


def theme_stylesheets(theme: Path) -> list[str]:
    """The theme's style sheets as MkDocs' extra_css names them: site.css first, then the others by name."""
    names = sorted(p.name for p in (theme / "assets").glob("*.css"))
    return [f"assets/{name}" for name in sorted(names, key=lambda name: name != "site.css")]


def shared_dir() -> Path:
    """Where mkdocs.yml, inbox/ and OWNERS.md, the same for every office, are: packed, or this checkout."""
    inside = PACKAGE / "example"
    return inside if (inside / "mkdocs.yml").is_file() else PACKAGE.parent


SCAFFOLD = PACKAGE / "scaffold"  # the office's README, requirements.txt, .gitignore and .github/, as shipped
STARTING_SET = SCAFFOLD / "start"  # the small example data/ and content/ `transparency init` writes
