"""Giving memory back to the system between the stages of a build."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def give_back() -> None:
    """Collect what is no longer referenced and return free heap memory to the system (glibc only), so the
    next stage (the search indexer, a separate process) does not add its memory on top of what this one
    has freed but still holds."""
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass  # not glibc: the memory is reused by this process instead
