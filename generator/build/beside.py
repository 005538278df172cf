"""Work done in a second process while MkDocs renders the pages: the downloads (exports, spreadsheets to edit).

On a machine with more than one core (and where processes can be forked, i.e. Linux), `mkdocs build` makes
the downloads in a copy of itself, so the two halves of the build run side by side; the copy writes them into a
temporary folder, from which the build moves them into the site. Anywhere else, and in the preview (which keeps
results between rebuilds), the work is done in this process when it is first asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

Files = dict[str, bytes]
_work: Callable[[], Files] | None = None  # what the forked process runs (it inherits this module's state)


def _run_forked(folder: Path) -> list[str]:
    """Make the files and write them into folder; their paths. Passing a large office's files (about 100 MB)
    back through the pipe would hold them twice in this process and once more in the build's, while it renders."""
    assert _work is not None
    files = _work()
    write_files(files, folder)
    return list(files)


def write_files(files: Files, folder: Path) -> None:
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def can_fork() -> bool:
    return sys.platform == "linux" and (os.cpu_count() or 1) > 1


class Superseded(Exception):
    """The files being made are no longer wanted (a preview rebuild began with newer data): making them stopped."""


def checkpoint(stopped: threading.Event) -> None:
    """Called by the work between one file and the next: stops it (raising Superseded) if it is no longer wanted."""
    if stopped.is_set():
        raise Superseded


class Pending:
    """Files being made: `result()` waits for them, and raises what making them raised."""

    def __init__(self, work: Callable[[], Files], beside: bool, stopped: threading.Event | None = None) -> None:
        """`stopped`: what the work checks between files (checkpoint), so that stop() stops it there."""
        self._work: Callable[[], Files] | None = work
        self._stopped = stopped or threading.Event()
        self._files: Files | None = None
        self._future: Future | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._folder: Path | None = None  # where the second process writes the files
        if beside and can_fork():
            global _work
            _work = work
            self._folder = Path(tempfile.mkdtemp(prefix="transparency-downloads-"))
            self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._executor.submit(_run_forked, self._folder)

    @property
    def done(self) -> bool:
        """Whether the files are made (and kept)."""
        return self._files is not None

    def result(self) -> Files:
        if self._files is None:
            if self._future is not None:
                try:
                    self._files = {path: (self._folder / path).read_bytes() for path in self._made_beside()}
                finally:
                    self.close()
            else:
                assert self._work is not None
                self._files = self._work()
            self._work = None
        return self._files

    def write(self, folder: Path) -> list[str]:
        """Put the files into folder (those made beside are moved there, never read into this process); their
        paths."""
        if self._files is None and self._future is not None:
            try:
                paths = self._made_beside()
                for path in paths:
                    (folder / path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(self._folder / path, folder / path)
            finally:
                self.close()
            return paths
        files = self.result()
        write_files(files, folder)
        return list(files)

    def _made_beside(self) -> list[str]:
        assert self._future is not None
        try:
            return self._future.result()
        finally:
            self._future = None

    def stop(self) -> None:
        """Ask the work to stop at its next step between files (checkpoint); it raises Superseded there."""
        self._stopped.set()

    def resume(self) -> None:
        """The files are wanted after all (a preview that goes on showing the site as last built)."""
        self._stopped.clear()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def release(self) -> None:
        """Forget the files once they are written, so their memory is free while the search index is built."""
        self._files, self._work = {}, None

    def close(self) -> None:
        """Stop the second process (if a build failed before its files were needed)."""
        global _work
        _work = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
