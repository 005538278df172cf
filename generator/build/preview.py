"""Fast preview rebuilds: page stubs on disk that change only when their page changed.

`mkdocs serve --dirty` rebuilds a page only when its source file is newer than its output. Generated pages
have no source file, so each gets a stub here, rewritten only when the page's digest changes; the downloads
are kept here too, rewritten only when their bytes change.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from .beside import Pending, Superseded


class StubStore:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="transparency-preview-"))
        self.digests: dict[str, str | None] = {}
        self.downloads: dict[str, bytes] = {}

    def stub(self, page_path: str, content: str, digest: str | None) -> Path:
        target = self.folder / page_path
        if digest is None or self.digests.get(page_path) != digest or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        self.digests[page_path] = digest
        return target

    def download(self, path: str, data: bytes) -> Path:
        """A file to download, rewritten only when its bytes changed (MkDocs then copies it only if newer)."""
        target = self.folder / "downloads" / path
        if self.downloads.get(path) != data or not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.downloads[path] = data
        return target

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class LateDownloads:
    """In a preview rebuild, the downloads are made once the pages are written, while the reader looks at them.

    Remaking a spreadsheet to edit or the 360Giving files takes seconds for a large office; a page showing the
    edit need not wait for them. Each changed download is written into the preview's folder when it is made.
    When the next edit comes before they are all made, the next rebuild does not wait for them: they are of data
    that has changed, so they stop at their next file (Pending.checkpoint) and are not written; that rebuild
    makes them again.
    """

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.pending: Pending | None = None
        self.writing = threading.Lock()  # held while downloads are written, so a rebuild never sees half of them

    def start(self, pending: Pending, stubs: StubStore, site_dir: Path) -> None:
        def run() -> None:
            try:
                made = pending.result()
            except Superseded:
                return
            except Exception as error:  # shown in the terminal, as a build's would be; the pages are served
                logging.getLogger("mkdocs.plugins.transparency").error(
                    f"The downloads could not be made ({type(error).__name__}: {error})."
                )
                return
            with self.writing:
                if pending.stopped:
                    return  # a rebuild with newer data has begun: it writes its own
                for path, data in made.items():
                    if stubs.downloads.get(path) != data or not (site_dir / path).exists():
                        stubs.download(path, data)
                        target = site_dir / path
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(data)

        pending.resume()  # they may have been stopped by a rebuild that went on showing this site
        self.pending = pending
        self.thread = threading.Thread(target=run, name="preview-downloads", daemon=True)
        self.thread.start()

    def supersede(self) -> None:
        """A rebuild begins: the downloads still being made stop at their next file and are never written; ones
        being written are finished first."""
        if self.pending is not None:
            self.pending.stop()
        with self.writing:
            pass

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None


class RecordWriter:
    """In preview, record pages are written here, not by MkDocs: only those whose content or chrome changed.

    MkDocs renders one record page of each kind (its exemplar), which gives the chrome for the kind
    (generator/render/chrome.py); every other record page is that chrome with its own parts put in. Handing MkDocs
    only the exemplars keeps each rebuild's bookkeeping to a few hundred pages instead of thousands.
    """

    def __init__(self) -> None:
        self.written: dict[str, tuple[str | None, str]] = {}  # page path: (its digest, the chrome it was put in)

    def write(
        self,
        site_dir: Path,
        pages: dict[str, tuple[str | None, str | None]],
        render: Callable[[str], str],
    ) -> list[str]:
        """Write each page (path: (digest, chrome)) that changed; remove pages that are gone.

        `render(path)` gives a page's finished HTML. Returns the paths of pages that had no chrome to go in.
        """
        missing = []
        for path, (digest, shell) in pages.items():
            if shell is None:
                missing.append(path)
                continue
            if digest is not None and self.written.get(path) == (digest, shell):
                continue
            target = site_dir / output_path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render(path), encoding="utf-8")
            self.written[path] = (digest, shell)
        for path in [p for p in self.written if p not in pages]:
            del self.written[path]
        return missing

    def adopt(self, path: str, digest: str | None, shell: str | None) -> None:
        """This page is on disk as it would be written in this shell (MkDocs rendered it as its kind's exemplar)."""
        if shell is not None:
            self.written[path] = (digest, shell)

    def forget(self, paths: Iterable[str]) -> None:
        """These pages are MkDocs' again (e.g. a record page that became its kind's exemplar)."""
        for path in paths:
            self.written.pop(path, None)


def remove_gone(site_dir: Path, before: Iterable[str], now: Iterable[str]) -> None:
    """Take away the pages that are gone since the last rebuild (a record deleted, or left out while it has a
    problem): `mkdocs serve --dirty` never deletes, so it would go on serving them as they were."""
    for path in set(before) - set(now):
        (site_dir / output_path(path)).unlink(missing_ok=True)


def output_path(page_path: str) -> str:
    """Where a generated page's HTML goes (directory URLs): grants/x.md -> grants/x/index.html."""
    stem = page_path.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"
