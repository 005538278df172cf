"""Publishing the staged site: site/ always holds a whole site, and the previous one is removed without the
build waiting for it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.build import staging


def site_with(folder: Path, text: str) -> None:
    (folder / "grants").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "grants" / "index.html").write_text(text, encoding="utf-8")


def gone_within(paths: list[Path], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while any(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(p.exists() for p in paths)


def test_the_new_site_takes_the_place_of_the_old_one_which_is_then_removed(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site_with(site, "old")
    folder = staging.begin(site)
    site_with(folder, "new")
    # The build does not remove the old site itself: a process of its own does, while the build ends.
    monkeypatch.setattr(staging.shutil, "rmtree", lambda *args, **kwargs: pytest.fail("removed by the build"))
    staging.publish(folder, site)
    assert (site / "grants" / "index.html").read_text(encoding="utf-8") == "new"
    assert not folder.exists()
    assert gone_within(staging.previous_sites(site))
    # Only site/ and the (empty) folder previous sites are put aside in, which .gitignore leaves out.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.old", "site"]
    assert not any((tmp_path / ".site.old").iterdir())
    ignored = [line.strip() for line in Path("generator/scaffold/gitignore").read_text(encoding="utf-8").splitlines()]
    assert "/.site.old/" in ignored


def test_a_first_build_publishes_into_an_empty_place(tmp_path):
    site = tmp_path / "site"
    folder = staging.begin(site)
    site_with(folder, "new")
    staging.publish(folder, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert staging.previous_sites(site) == []


def test_when_the_new_site_cannot_be_put_in_place_the_old_one_stays_published(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site_with(site, "old")
    folder = staging.begin(site)
    site_with(folder, "new")
    real_rename = Path.rename

    def failing_rename(self, target):
        if self == folder:
            raise OSError("the disk is full")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError):
        staging.publish(folder, site)
    assert (site / "grants" / "index.html").read_text(encoding="utf-8") == "old"
    assert staging.previous_sites(site) == []


def test_an_old_site_a_stopped_removal_left_behind_is_removed_by_the_next_build(tmp_path):
    site = tmp_path / "site"
    site_with(site, "current")
    # A site a stopped removal left behind, and one an earlier version left (its files directly in the folder).
    left = [tmp_path / ".site.old" / "123-456", tmp_path / ".site.old"]
    for folder in left:
        site_with(folder, "left behind")
    left = [tmp_path / ".site.old" / name for name in ("123-456", "index.html", "grants")]
    staging.begin(site)
    assert gone_within(left)
    assert (site / "index.html").read_text(encoding="utf-8") == "current"
