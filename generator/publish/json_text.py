"""JSON as the downloads write it (indented by one space, keys sorted, UTF-8 as is), made several times faster.

Python's json module writes indented JSON with its pure-Python encoder, one generator step per value: for a large
office's tables (100,000 payments) that is seconds. Its C encoder takes any separators, and an object or array
holding only plain values is, indented, that object written with ",\\n" and the indent between its members. So
each such innermost container is written by the C encoder, and only the containers around them here. The text
is exactly json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=default); anything this does
not expect (a key that is not text) is written by json.dumps itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from json.encoder import encode_basestring

CONTAINERS = (dict, list, tuple)


class _Unexpected(Exception):
    """A value the fast path does not write exactly as json.dumps would."""


def dumps(value: object, default: Callable[[object], object]) -> str:
    try:
        return "".join(_chunks(value, 0, default))
    except _Unexpected:
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=default)


@cache
def _flat_encoder(level: int, default: Callable[[object], object]) -> json.JSONEncoder:
    """Writes a container of plain values as json.dumps would at this depth, bar its opening and closing lines."""
    between = ",\n" + " " * (level + 1)

    def plain(value: object) -> object:
        made = default(value)
        if isinstance(made, CONTAINERS):  # it would be written with this depth's separators
            raise _Unexpected
        return made

    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=plain, separators=(between, ": "))


def _chunks(value: object, level: int, default: Callable[[object], object]) -> list[str]:
    if not isinstance(value, CONTAINERS):
        return [_flat_encoder(level, default).encode(value)]
    if not value:
        return ["{}" if isinstance(value, dict) else "[]"]
    members = value.values() if isinstance(value, dict) else value
    inner, outer = "\n" + " " * (level + 1), "\n" + " " * level
    if not any(isinstance(member, CONTAINERS) for member in members):
        text = _flat_encoder(level, default).encode(value)
        return [text[0], inner, text[1:-1], outer, text[-1]]
    out = ["{" if isinstance(value, dict) else "["]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise _Unexpected
        for number, (key, member) in enumerate(sorted(value.items())):
            out += ["," + inner if number else inner, encode_basestring(key), ": "]
            out += _chunks(member, level + 1, default)
    else:
        for number, member in enumerate(value):
            out.append("," + inner if number else inner)
            out += _chunks(member, level + 1, default)
    out += [outer, "}" if isinstance(value, dict) else "]"]
    return out
