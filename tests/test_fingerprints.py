"""A preview rebuild skips a page whose fingerprint is unchanged: every page that shows an edited decision's
title must therefore get a new fingerprint, and pages that do not show it should keep theirs."""

from __future__ import annotations

import re

from generator import build


def rendered_and_fingerprints(project):
    result, error = build.prepare_preview(project / "data", project / "content", project / "theme", "")
    assert error is None
    pages = {page.path: build.render(result, page) for page in result.pages}
    return pages, build.fingerprints(result, project / "content", project / "theme")


def test_every_page_showing_an_edited_decision_title_gets_a_new_fingerprint(project):
    record = max((project / "content" / "decisions").glob("*.md"))  # the newest: shown on the most pages
    text = record.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.MULTILINE).group(1).strip().strip("\"'")
    before, old = rendered_and_fingerprints(project)
    record.write_text(text.replace(title, "An edited title", 1), encoding="utf-8")
    after, new = rendered_and_fingerprints(project)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed, "the edit should change some pages"
    stale = sorted(path for path in changed if new[path] is not None and new[path] == old.get(path))
    assert stale == [], "these pages show the edit but a preview would skip them"
    # Year lists and ambitions name the decisions they show: they are rebuilt exactly when they change.
    precise = [path for path in after if path.startswith(("decisions/year-", "plan/")) and path != "plan/index.md"]
    assert precise
    assert [path for path in precise if (new[path] != old[path]) != (path in changed)] == []
