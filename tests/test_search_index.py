"""A search index is never half written: the build waits until Pagefind's files are whole on disk, and when an
index comes out partial the build fails and the published site is left as it was."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_build
from pagefind.service import get_executable

from generator.search import index_check

# Stands between the build and the real Pagefind; once the index is written, it takes away every page's fragment,
# as a write lost when Pagefind stops too soon would, before passing the answer on.
PROXY = """#!{python}
import base64, json, pathlib, subprocess, sys, threading

real = subprocess.Popen([{real!r}, *sys.argv[1:]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
writes = {{}}

def forward():
    pending = b""
    while chunk := sys.stdin.buffer.read1(65536):
        real.stdin.write(chunk)
        real.stdin.flush()
        *complete, pending = (pending + chunk).split(b",")
        for encoded in complete:
            message = json.loads(base64.b64decode(encoded))
            if message["payload"]["type"] == "WriteFiles":
                writes[message["message_id"]] = pathlib.Path(message["payload"]["output_path"])
    real.stdin.close()

threading.Thread(target=forward, daemon=True).start()
pending = b""
while chunk := real.stdout.read1(65536):
    *complete, pending = (pending + chunk).split(b",")
    for encoded in complete:
        answer = json.loads(base64.b64decode(encoded))
        if answer.get("message_id") in writes:
            for fragment in (writes[answer["message_id"]] / "fragment").glob("*"):
                fragment.unlink()
        sys.stdout.buffer.write(encoded + b",")
        sys.stdout.buffer.flush()
real.wait()
"""


@pytest.fixture
def office(tmp_path) -> Path:
    """A small site (the second office's fixture), built once and published."""
    folder = tmp_path / "office"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exampleshire", folder)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    result = run_build(folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_the_written_index_is_whole(office):
    folder = office / "site" / "pagefind"
    pages = [p for p in (office / "site").rglob("*.html") if p.name != "404.html" and p.parent.name != "search"]
    assert index_check.missing(folder, len(pages)) == []
    assert json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]


def test_a_partial_index_fails_the_build_and_leaves_the_site_untouched(office, tmp_path):
    before = {p: p.read_bytes() for p in (office / "site").rglob("*") if p.is_file()}
    proxy = tmp_path / "pagefind-proxy"
    proxy.write_text(PROXY.format(python=sys.executable, real=str(get_executable())), encoding="utf-8")
    proxy.chmod(0o755)
    result = run_build(office, PAGEFIND_BINARY_PATH=str(proxy))
    assert result.returncode == 1
    assert "The search index came out incomplete (0 page fragments, not " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (office / "site").rglob("*") if p.is_file()} == before
    assert not (office / ".site.staging").exists()


def test_an_empty_or_cut_short_entry_file_is_named(tmp_path):
    folder = tmp_path / "pagefind"
    (folder / "fragment").mkdir(parents=True)
    (folder / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert index_check.missing(folder, 3) == ["pagefind-entry.json is empty or cut short"]
    (folder / "pagefind-entry.json").write_text('{"version": "1.5.2", "languages": {"en-gb": {"hash": "ab', "utf-8")
    assert index_check.missing(folder, 3) == ["pagefind-entry.json is empty or cut short"]
    entry = {"version": "1.5.2", "languages": {"en-gb": {"hash": "abc", "wasm": "en", "page_count": 3}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    (folder / "pagefind.abc.pf_meta").write_bytes(b"")
    for name in ("en-gb_a", "en-gb_b"):
        (folder / "fragment" / f"{name}.pf_fragment").write_bytes(b"x")
    assert index_check.missing(folder, 3) == [
        "2 page fragments, not 3",
        "1 empty file (e.g. pagefind.abc.pf_meta)",
    ]


def test_another_languages_index_in_the_folder_is_not_counted(tmp_path):
    """The English pages' index is written before the Welsh pages are built: the Welsh pages' index, written
    beside it, is whole with its own fragments only."""
    folder = tmp_path / "pagefind"
    (folder / "fragment").mkdir(parents=True)
    entry = {"version": "1.5.2", "languages": {"cy": {"hash": "cy_1", "wasm": None, "page_count": 2}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    (folder / "pagefind.cy_1.pf_meta").write_bytes(b"x")
    for name in ("cy_a", "cy_b", "en-gb_a", "en-gb_b", "en-gb_c"):
        (folder / "fragment" / f"{name}.pf_fragment").write_bytes(b"x")
    assert index_check.missing(folder, 2) == []
    (folder / "fragment" / "cy_b.pf_fragment").unlink()
    assert index_check.missing(folder, 2) == ["1 page fragments, not 2"]
