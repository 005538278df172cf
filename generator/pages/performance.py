"""Performance against the Police and Crime Plan: priorities, indicators, targets and trends."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Site
from . import Page


def pages(site: Site) -> Iterator[Page]:
    return iter(())
