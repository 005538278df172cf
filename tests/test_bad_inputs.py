"""The bad-input corpus: each broken package gives its exact message, exit 1, no traceback, site/ untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import run_build, set_cell

CASES = yaml.safe_load((Path(__file__).parent / "bad_inputs" / "cases.yaml").read_text(encoding="utf-8"))
HUGE = "x" * 100_001


def apply(project: Path, edit: dict) -> None:
    ((kind, spec),) = edit.items()
    path = project / spec["file"]
    if kind == "cell":
        set_cell(path, spec["row"], spec["column"], HUGE if spec["value"] == "HUGE" else spec["value"])
    elif kind == "replace":
        text = path.read_text(encoding="utf-8")
        assert spec["old"] in text, spec
        path.write_text(text.replace(spec["old"], spec["new"], 1), encoding="utf-8")
    elif kind == "write":
        path.write_text(spec["text"], encoding="utf-8")
    elif kind == "append_cp1252":
        path.write_bytes(path.read_bytes() + spec["text"].encode("cp1252"))
    elif kind == "delete":
        path.unlink()
    else:
        raise ValueError(kind)


@pytest.fixture(scope="module")
def published(tmp_path_factory, built) -> Path:
    return built / "site"


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case, project, published):
    shutil.copytree(published, project / "site")
    before = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    apply(project, CASES[case]["edit"])
    result = run_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert f"- {CASES[case]['message']}" in lines, result.stderr
    after = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (project / ".site.staging").exists()
