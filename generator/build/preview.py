"""Fast preview rebuilds: page stubs on disk that change only when their page changed.

`mkdocs serve --dirty` rebuilds a page only when its source file is newer than its output. Generated pages
have no source file, so each gets a stub here, rewritten only when the page's digest changes; the downloads
are kept here too, rewritten only when their bytes change.
"""

from __future__ import annotations

import logging
import posixpath
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

    With `later` (a preview whose server asks `ensure` before serving a file), the changed pages are written after
    the rebuild instead of during it: the browser reloads at once, the page it asks for is written before it is
    served, and a thread writes the rest meanwhile. A page is never served as it was: until it is written, asking
    for it writes it. `written` always says what is on disk, so pages not yet written when the next rebuild begins
    (`stop`) are simply compared again by that rebuild.
    """

    def __init__(self) -> None:
        self.written: dict[str, tuple[str | None, str]] = {}  # page path: (its digest, the chrome it was put in)
        self.later = False
        self.queue: dict[str, tuple[str, tuple[str | None, str]]] = {}  # file: (page path, (digest, chrome))
        self.busy: set[str] = set()  # files being written now
        self.asking = 0  # requests waiting for a page: the thread writing the rest gives way to them
        self.changed = threading.Condition()  # guards the queue, busy, asking and written while pages are written
        self.thread: threading.Thread | None = None
        self.generation = 0  # counts the stops, so a thread that was stopped does not go on to what follows
        self.site_dir = Path()
        self.render: Callable[[str], str] = str

    def write(
        self,
        site_dir: Path,
        pages: dict[str, tuple[str | None, str | None]],
        render: Callable[[str], str],
    ) -> list[str]:
        """Write each page (path: (digest, chrome)) that changed, or with `later` queue it (`start` writes it);
        remove pages that are gone.

        `render(path)` gives a page's finished HTML. Returns the paths of pages that had no chrome to go in.
        """
        self.stop()
        missing, queue = [], {}
        for path, (digest, shell) in pages.items():
            if shell is None:
                missing.append(path)
                continue
            if digest is not None and self.written.get(path) == (digest, shell):
                continue
            queue[output_path(path)] = (path, (digest, shell))
        for path in [p for p in self.written if p not in pages]:
            del self.written[path]
        self.queue, self.site_dir, self.render = queue, site_dir, render
        if not self.later:
            for target in list(queue):
                self.write_one(target)
        return missing

    def start(self, then: Callable[[], None] = lambda: None) -> None:
        """Write the queued pages in a thread, the pages asked for first; then call `then` (unless stopped)."""

        generation = self.generation

        def run() -> None:
            while True:
                with self.changed:
                    self.changed.wait_for(lambda: not self.asking or not self.queue)
                    if not self.queue:
                        break
                    target = next(iter(self.queue))
                self.write_one(target)
            if self.generation == generation:  # not stopped by a rebuild
                then()

        if not self.queue:
            then()
            return
        self.thread = threading.Thread(target=run, name="preview-records", daemon=True)
        self.thread.start()

    def ensure(self, target: str | None) -> None:
        """Before a file of the site is served: if it is a page still to be written, write it now (or wait for
        the thread writing it)."""
        with self.changed:
            if target not in self.queue and target not in self.busy:
                return
            self.asking += 1
        try:
            self.write_one(target)
        finally:
            with self.changed:
                self.asking -= 1
                self.changed.notify_all()

    def write_one(self, target: str) -> None:
        with self.changed:
            item = self.queue.pop(target, None)
            if item is None:
                self.changed.wait_for(lambda: target not in self.busy)  # another thread is writing it
                return
            self.busy.add(target)
        path, written = item
        try:
            try:
                html = self.render(path)
            except Exception as error:
                # Not served as it was: the page is taken away, and the next rebuild tries again.
                (self.site_dir / target).unlink(missing_ok=True)
                with self.changed:
                    self.written.pop(path, None)
                logging.getLogger("mkdocs.plugins.transparency").error(
                    f"{path} could not be made ({type(error).__name__}: {error})."
                )
                if not self.later:
                    raise
                return
            file = self.site_dir / target
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(html, encoding="utf-8")
            with self.changed:
                self.written[path] = written
        finally:
            with self.changed:
                self.busy.discard(target)
                self.changed.notify_all()

    def stop(self) -> None:
        """A rebuild begins: pages not yet written are left as they are on disk (`written` says so); the one being
        written is finished first."""
        with self.changed:
            self.queue, self.generation = {}, self.generation + 1
            self.changed.notify_all()
            self.changed.wait_for(lambda: not self.busy)
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()
        self.thread = None

    def adopt(self, path: str, digest: str | None, shell: str | None) -> None:
        """This page is on disk as it would be written in this shell (MkDocs rendered it as its kind's exemplar)."""
        if shell is not None:
            self.written[path] = (digest, shell)

    def forget(self, paths: Iterable[str]) -> None:
        """These pages are MkDocs' again (e.g. a record page that became its kind's exemplar)."""
        for path in paths:
            self.written.pop(path, None)


def requested_file(path_info: str, mount_path: str) -> str | None:
    """The file of the site a request asks for (as MkDocs' preview server finds it), or None."""
    path = path_info.encode("latin-1").decode("utf-8", "ignore")
    if not (path + "/").startswith(mount_path):
        return None
    relative = path[len(mount_path) :] + ("index.html" if path.endswith("/") else "")
    return posixpath.normpath("/" + relative).lstrip("/")


def remove_gone(site_dir: Path, before: Iterable[str], now: Iterable[str]) -> None:
    """Take away the pages that are gone since the last rebuild (a record deleted, or left out while it has a
    problem): `mkdocs serve --dirty` never deletes, so it would go on serving them as they were."""
    for path in set(before) - set(now):
        (site_dir / output_path(path)).unlink(missing_ok=True)


def output_path(page_path: str) -> str:
    """Where a generated page's HTML goes (directory URLs): grants/x.md -> grants/x/index.html."""
    stem = page_path.removesuffix(".md")
    return "index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html"
