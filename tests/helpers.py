"""Helpers for tests: copy the demo project, build it, run the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_EPOCH = "1795392000"  # 2026-11-23: a fixed build date, so the tests do not depend on today
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
TRANSPARENCY = str(Path(sys.executable).with_name("transparency"))


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("data", "content", "theme"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run_build(project: Path, **variables: str) -> subprocess.CompletedProcess:
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"} | variables
    return subprocess.run([MKDOCS, "build", "--quiet"], cwd=project, env=env, capture_output=True, text=True)


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH}
    return subprocess.run([TRANSPARENCY, "--root", str(project), *args], env=env, capture_output=True, text=True)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell of a CSV file, addressed as a spreadsheet would (headings are row 1)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
