"""The generator's packages import only the packages their own docstring allows, so the layers never form a cycle.

Each package's `__init__` docstring ends with "May import: ..." (ARCHITECTURE.md draws the same picture). A module
that imports a package its docstring does not list fails here with the line to look at.
"""

import ast
import re
from pathlib import Path

from helpers import ROOT

GENERATOR = ROOT / "generator"
TOP_LEVEL = {"plugin", "cli"}  # the adaptors at the top, which may import anything


def packages() -> dict[str, Path]:
    return {p.name: p for p in sorted(GENERATOR.iterdir()) if (p / "__init__.py").is_file() and p.name != "standards"}


def allowed(package: Path, names: set[str]) -> set[str]:
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
    said = re.search(r"May import: (.*)", doc, re.S)
    assert said, f"{package.name}/__init__.py's docstring does not say which packages it may import"
    words = said.group(1)
    if words.strip().startswith("every package except"):
        return names - set(re.findall(r"\w+", words.split("except", 1)[1]))
    if words.strip().startswith("every package below"):
        return set(re.findall(r"\w+", words.split("(", 1)[1]))
    if words.strip().startswith("every package"):
        return names
    return set(re.findall(r"\w+", words)) & names


def imported_packages(module: Path, names: set[str], root: Path = GENERATOR) -> list[tuple[str, int]]:
    """(package, line) for each import of another generator package, relative or absolute."""
    parts = module.relative_to(root).with_suffix("").parts
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(parts[:-1])[: len(parts) - node.level]
                target = base + (node.module.split(".") if node.module else [])
                if not target:  # from the generator itself: the names are the packages
                    target = [alias.name for alias in node.names]
                    found += [(name, node.lineno) for name in target if name in names]
                    continue
            elif (node.module or "").startswith("generator"):
                target = node.module.split(".")[1:] or [alias.name for alias in node.names]
            else:
                continue
            if target and target[0] in names:
                found.append((target[0], node.lineno))
    return found


def test_every_package_says_what_it_holds_and_may_import():
    names = set(packages())
    assert {"core", "data", "model", "pages", "render", "publish", "comms"} <= names
    for package in packages().values():
        allowed(package, names)


def test_no_package_imports_one_its_docstring_does_not_allow():
    names = set(packages())
    wrong = []
    for name, package in packages().items():
        may = allowed(package, names) | {name}
        for module in package.rglob("*.py"):
            for target, line in imported_packages(module, names):
                if target not in may:
                    wrong.append(f"{module.relative_to(ROOT)}:{line} imports {target}, which {name} may not")
    assert not wrong, "\n".join(wrong)


def test_only_the_adaptors_sit_at_the_top():
    loose = {p.stem for p in GENERATOR.glob("*.py")} - {"__init__"}
    assert loose == TOP_LEVEL, f"modules outside any package: {sorted(loose - TOP_LEVEL)}"


def test_the_check_catches_an_upward_import(tmp_path):
    """The check itself works: a module of core importing model and pages is reported, and core may not."""
    module = tmp_path / "generator" / "core" / "problems.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..model.records import Site\nfrom .. import pages\nimport json\n", encoding="utf-8")
    names = set(packages())
    assert imported_packages(module, names, tmp_path / "generator") == [("model", 1), ("pages", 2)]
    assert not {"model", "pages"} & allowed(GENERATOR / "core", names)
