"""Finance: funding, budget, council tax precept, reserves, spending over £500 and contracts."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Site
from . import Page


def pages(site: Site) -> Iterator[Page]:
    return iter(())
