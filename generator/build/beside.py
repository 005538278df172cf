"""Work done in a second process while MkDocs renders the pages: the downloads (exports, spreadsheets to edit).

On a machine with more than one core (and where processes can be forked, i.e. Linux), `mkdocs build` writes
the downloads in a copy of itself, so the two halves of the build run side by side. Anywhere else, and in the
preview (which keeps results between rebuilds), the work is done in this process when it is first asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

Files = dict[str, bytes]
_work: Callable[[], Files] | None = None  # what the forked process runs (it inherits this module's state)


def _run_forked() -> Files:
    assert _work is not None
    return _work()


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
        if beside and can_fork():
            global _work
            _work = work
            self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._executor.submit(_run_forked)

    @property
    def done(self) -> bool:
        """Whether the files are made (and kept)."""
        return self._files is not None

    def result(self) -> Files:
        if self._files is None:
            if self._future is not None:
                try:
                    self._files = self._future.result()
                finally:
                    self._future = None  # it holds the files too
                    self.close()
            else:
                assert self._work is not None
                self._files = self._work()
            self._work = None
        return self._files

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
