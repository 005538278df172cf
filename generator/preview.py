"""Fast preview rebuilds: page stubs on disk that change only when their page changed.

`mkdocs serve --dirty` rebuilds a page only when its source file is newer than its output. Generated pages
have no source file, so each gets a stub here, rewritten only when the page's digest changes.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class StubStore:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="transparency-preview-"))
        self.digests: dict[str, str | None] = {}

    def stub(self, page_path: str, content: str, digest: str | None) -> Path:
        target = self.folder / page_path
        if digest is None or self.digests.get(page_path) != digest or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        self.digests[page_path] = digest
        return target

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
