"""The starting set's placeholders still in data/profile.yaml: a warning for each, until the office replaces it."""

from __future__ import annotations

from functools import cache

from ...core import installed
from ...core.problems import Problem
from ..load import read_yaml

FILE = "data/profile.yaml"


@cache
def placeholders() -> dict[str, str]:
    """The starting set's profile values that are placeholders (each has "example" in it), by key."""
    shipped = read_yaml(installed.STARTING_SET / "data" / "profile.yaml", FILE, [], required=False) or {}
    return {key: value for key, value in shipped.items() if isinstance(value, str) and "example" in value.lower()}


def left(profile: dict) -> list[str]:
    """The keys of `profile` still holding the starting set's placeholder."""
    return [key for key, value in placeholders().items() if str(profile.get(key) or "").strip() == value]


def check(profile: dict) -> list[Problem]:
    return [
        Problem(
            FILE,
            None,
            key,
            f'is still the example\'s placeholder "{placeholders()[key]}"',
            "replace it with your office's in data/profile.yaml (on GitHub: open the file, the pencil, then Commit "
            "changes); with the commands, transparency doctor lists what is still an example",
            warning=True,
        )
        for key in left(profile)
    ]
