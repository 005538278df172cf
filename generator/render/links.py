"""Hand-written pages never link to a section that was not built: such a link becomes plain text."""

from __future__ import annotations

import posixpath
import re

# [text](target.md) or [text](target.md#part), not images; external and absolute links are left alone.
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s:#]+\.md)(#[^)\s]*)?\)")
LIST_ITEM = re.compile(r"^(\s*[-*+]\s+)\[([^\]]+)\]\(([^)\s:#]+\.md)(#[^)\s]*)?\)")


def unlink_missing(markdown: str, page_path: str, built: set[str]) -> tuple[str, list[str]]:
    """The page with links to pages that were not built made plain; list items that lead with one are dropped.

    Returns the new Markdown and the targets that were missing, so the build can say what it changed.
    """
    folder = posixpath.dirname(page_path)
    missing: list[str] = []

    def exists(target: str) -> bool:
        found = posixpath.normpath(posixpath.join(folder, target)) in built
        if not found:
            missing.append(target)
        return found

    lines = []
    for line in markdown.splitlines(keepends=True):
        item = LIST_ITEM.match(line)
        if item and not exists(item.group(3)):
            continue  # "- [Plan tracker](plan/index.md): ..." says nothing once its section is gone
        lines.append(LINK.sub(lambda m: m.group(0) if exists(m.group(2)) else m.group(1), line))
    return "".join(lines), missing
