"""Packs the theme and what every office's folder shares with the demo (mkdocs.yml, inbox/, the owner's guide) into the wheel, where the generator finds them (generator/core/installed.py).

They stay at the top of this repository, where people edit them; an editable install reads them there. The demo's
data is not packed: `transparency init` writes the small starting set in generator/scaffold/start/."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# Repository path -> path inside the installed package `generator`.
SHIPPED = {
    "theme": "theme",
    "mkdocs.yml": "example/mkdocs.yml",
    "inbox": "example/inbox",
    "OWNERS.md": "example/OWNERS.md",
}


class BuildWithTheme(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "generator"
        for source, inside in SHIPPED.items():
            target = package / inside
            target.parent.mkdir(parents=True, exist_ok=True)
            if Path(source).is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target)


setup(cmdclass={"build_py": BuildWithTheme})
