"""The duties register's words for the translation catalogue: `make translations` collects them (babel.cfg)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from .act_duties import DUE_SOON, OVERDUE, PUBLISHED
from .duties import MISSING

STATUSES = (PUBLISHED, DUE_SOON, OVERDUE, MISSING)


def extract_duties(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for generator/standards/duties.yaml: each group's and duty's title, each
    frequency as the compliance page shows it (capitalised), each law cited by name, and the statuses."""
    register = yaml.safe_load(fileobj.read().decode("utf-8")) or {}
    seen: set[str] = set()

    def once(text: str) -> Iterator[tuple[int, str, str, list[str]]]:
        if text and text not in seen:
            seen.add(text)
            yield 0, "_", text, []

    for status in STATUSES:
        yield from once(status)
    for group in register.get("groups", []):
        yield from once(str(group.get("title", "")))
        for duty in group.get("duties", []):
            yield from once(str(duty.get("title", "")))
            yield from once(str(duty.get("frequency", "")).capitalize())
            for key in ("para", "para_wales"):  # a citation of a law by name ("Police Act 1996 s.55"), not a number
                if re.search(r"[A-Za-z]{2}", str(duty.get(key, ""))):
                    yield from once(str(duty[key]))
