"""MkDocs finds the same theme files to copy when the theme's hidden folders (Material's icons) are not listed."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import material
from jinja2 import FileSystemLoader

from generator.core import installed
from generator.render.theme_loader import VisibleTemplates


def test_the_theme_files_listed_are_those_mkdocs_keeps_of_every_file():
    folders = [str(installed.theme_dir()), str(Path(material.__file__).parent / "templates")]
    every = FileSystemLoader(folders).list_templates()
    # What mkdocs.structure.files.Files.add_files_from_theme drops first: any path with a part starting with ".".
    kept = [name for name in every if not any(fnmatch.fnmatch(name.lower(), p) for p in (".*", "*/.*"))]
    assert len(every) > 10_000 and 100 < len(kept) < 1_000  # Material's icons are in .icons/
    assert VisibleTemplates(folders).list_templates() == kept
