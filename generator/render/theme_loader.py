"""The theme's templates as MkDocs' page environment finds them, listed without the hidden folders.

MkDocs lists every file of the theme's folders (Theme.get_env's loader, Files.add_files_from_theme) to copy the
theme's static files, then drops each whose path has a part starting with "." (its patterns ".*" and "*/.*").
Material keeps its 14,400 icons in .icons/, so listing and then dropping them took about 0.05 s of every build and
every preview rebuild; this loader does not walk hidden folders at all, so MkDocs finds the same files.
"""

from __future__ import annotations

import os

from jinja2 import FileSystemLoader


class VisibleTemplates(FileSystemLoader):
    """A FileSystemLoader whose list of templates leaves out hidden files and folders (loading is Jinja's own)."""

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.searchpath:
            for here, folders, files in os.walk(folder, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                inside = os.path.relpath(here, folder)
                prefix = "" if inside == "." else inside.replace(os.path.sep, "/") + "/"
                found.update(prefix + name for name in files if not name.startswith("."))
        return sorted(found)
