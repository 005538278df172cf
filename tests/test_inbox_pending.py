"""`transparency inbox --pending`: which open pull requests the inbox workflow imports again when main moves."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import ROOT, TRANSPARENCY


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def commit(folder: Path, message: str, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = folder / name
        if text is None:
            git(folder, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(folder, "add", name)
    git(folder, "commit", "-qm", message)


def pending(clone: Path, branches: list[str]) -> list[str]:
    result = subprocess.run(
        [TRANSPARENCY, "--root", str(clone), "inbox", "--pending", "origin/main"],
        input="".join(f"{b}\n" for b in branches),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_only_branches_that_uploaded_to_the_inbox_since_leaving_main_are_imported_again(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "config", "user.email", "comms@example.org")
    git(origin, "config", "user.name", "Comms")
    commit(origin, "Published", {"data/grants.csv": "Identifier\n", "inbox/README.md": "Upload here\n"})
    # Ann uploads a sheet; the inbox imports it and removes the upload (a green check): only history shows it.
    git(origin, "checkout", "-q", "-b", "ann-grants")
    commit(origin, "Upload grants.xlsx", {"inbox/grants.xlsx": "a workbook"})
    commit(origin, "Import", {"data/grants.csv": "Identifier\n360G-X-1\n", "inbox/grants.xlsx": None})
    # Bilal's upload is still waiting (a red check): the file is there.
    git(origin, "checkout", "-q", "main")
    git(origin, "checkout", "-q", "-b", "bilal-budget")
    commit(origin, "Upload budget.xlsx", {"inbox/budget.xlsx": "a workbook"})
    # A hand edit of data/ and a change to the folder's own README are not uploads.
    git(origin, "checkout", "-q", "main")
    git(origin, "checkout", "-q", "-b", "hand-edit")
    commit(origin, "Correct a grant", {"data/grants.csv": "Identifier\n360G-X-2\n"})
    git(origin, "checkout", "-q", "main")
    git(origin, "checkout", "-q", "-b", "readme")
    commit(origin, "Explain the inbox", {"inbox/README.md": "Upload spreadsheets here\n"})
    # main moves on after every branch left it, with an upload of its own long merged.
    git(origin, "checkout", "-q", "main")
    commit(origin, "Older upload, merged", {"inbox/precept.xlsx": "a workbook"})
    commit(origin, "Imported", {"inbox/precept.xlsx": None, "data/precept.csv": "financial_year\n"})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))

    branches = ["ann-grants", "bilal-budget", "hand-edit", "readme", "merged-and-deleted"]
    assert pending(clone, branches) == ["ann-grants", "bilal-budget"]

    # Once the again job has merged main into Ann's branch, her upload is still hers to import again.
    git(origin, "checkout", "-q", "ann-grants")
    git(origin, "merge", "-q", "--no-edit", "main")
    git(clone, "fetch", "-q")
    assert pending(clone, ["ann-grants"]) == ["ann-grants"]
    # And merged into main, the branch has nothing main lacks: nothing to import again.
    git(origin, "checkout", "-q", "main")
    git(origin, "merge", "-q", "--no-edit", "ann-grants")
    git(clone, "fetch", "-q")
    assert pending(clone, ["ann-grants"]) == []


def test_both_inbox_workflows_select_the_branches_with_the_command():
    for path in (ROOT / ".github/workflows/inbox.yml", ROOT / "generator/scaffold/github/workflows/inbox.yml"):
        text = path.read_text(encoding="utf-8")
        again = text.split("  again:")[1]
        assert "transparency inbox --pending origin/main" in again, path
        assert "git log --diff-filter" not in again, path  # the selection is the command's, and tested here
