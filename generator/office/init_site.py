"""`transparency init DIR`: an office's own site folder, which installs the generator instead of copying it."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..comms import forms
from ..core import installed
from ..core.problems import InputError, Problem

# Scaffold names without a leading dot (a wheel's package data leaves dot files out) -> names in the site.
RENAMED = {"github": ".github", "gitignore": ".gitignore"}
COPIED = ("README.md", "github", "gitignore")  # the scaffold's files copied as they are (forms/ is a template)
SITE_WORKFLOW = "site.yml"  # builds and publishes the site, and rebuilds it every day


def requirement(source: str | None = None) -> str:
    """The requirements.txt line pinning this version: a release tag of the generator's git repository (`source`,
    else pyproject.toml's [project.urls] Source), or the package index's when neither names one."""
    version = installed.version()
    source = source or installed.source_url()
    if source:
        return f"pcc-transparency @ git+{source.removeprefix('git+').rstrip('/')}@v{version}"
    return f"pcc-transparency=={version}"


def workflow_files() -> dict[str, bytes]:
    """The GitHub files this version ships, by their path in a site (.github/...)."""
    shipped = installed.SCAFFOLD / "github"
    return {
        f".github/{p.relative_to(shipped).as_posix()}": p.read_bytes()
        for p in sorted(shipped.rglob("*"))
        if p.is_file()
    }


def create(folder: Path, source: str | None = None) -> list[str]:
    """Write a new site into `folder` (which must be empty or absent); the paths written, for the message."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    "already exists and is not empty",
                    "give a new folder's name, e.g. transparency init my-office-site; nothing was written",
                )
            ]
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("data", "content"):
        shutil.copytree(installed.STARTING_SET / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shared = installed.shared_dir()
    shutil.copytree(shared / "inbox", folder / "inbox")
    for name in ("mkdocs.yml", "OWNERS.md"):
        shutil.copy(shared / name, folder / name)
    for name in COPIED:
        item = installed.SCAFFOLD / name
        target = folder / RENAMED.get(name, name)
        if item.is_dir():
            shutil.copytree(item, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(item, target)
    forms.write(folder)
    template = (installed.SCAFFOLD / "requirements.txt").read_text(encoding="utf-8")
    (folder / "requirements.txt").write_text(template.format(requirement=requirement(source)), encoding="utf-8")
    return sorted(p.relative_to(folder).as_posix() for p in folder.iterdir())


def write_workflows(root: Path) -> list[str]:
    """Write the GitHub files this version ships (only those: an office's own workflows are left alone)."""
    for path, data in workflow_files().items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(workflow_files())
