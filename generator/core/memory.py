"""Giving memory back to the system between the stages of a build."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading


def give_back() -> None:
    """Collect what is no longer referenced and return free heap memory to the system (glibc only), so the
    next stage (the search indexer, a separate process) does not add its memory on top of what this one
    has freed but still holds."""
    gc.unfreeze()  # what settle() set aside is looked at again, so its leftovers are freed too
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass  # not glibc: the memory is reused by this process instead


def settle() -> None:
    """Set aside everything alive now (the site model, the pages, MkDocs' files and navigation) from the garbage
    collector's scans until give_back(): rendering makes millions of short-lived objects, and each of the
    collector's full scans would otherwise walk the whole site model again (at a large office's size, a tenth of
    the time spent rendering page bodies). Objects are still freed as soon as nothing refers to them."""
    gc.freeze()


class IdleCollector:
    """Preview: the garbage collector does its full scans while no one is waiting for a rebuild.

    After the first build, everything alive (chiefly the data read, which later rebuilds reuse) is exempted
    from the collector's scans, and automatic collections stop; a collection runs a moment after each
    rebuild instead. At a large office's size, collections during a rebuild cost 0.05-0.3 s of it. Objects
    are still freed as soon as nothing refers to them (an edited table's old rows, for instance); only the
    leftovers that refer to each other wait for the collection after the rebuild."""

    DELAY_SECONDS = 1.0

    def __init__(self) -> None:
        self.settled = False
        self.pending: threading.Timer | None = None

    def after_build(self) -> None:
        if not self.settled:
            gc.collect()
            gc.freeze()
            gc.disable()
            self.settled = True
        elif self.pending is None or not self.pending.is_alive():
            self.pending = threading.Timer(self.DELAY_SECONDS, gc.collect)
            self.pending.daemon = True
            self.pending.start()

    def stop(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        if self.settled:
            gc.enable()
