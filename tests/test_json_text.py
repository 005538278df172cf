"""The downloads' JSON, made with the C encoder, is exactly what json.dumps writes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from generator.publish import json_text
from generator.publish.exports import _plain

VALUES = [
    {},
    [],
    "text",
    Decimal("12.50"),
    None,
    [{}, [], [[]], {"a": []}],
    {"b": 1, "a": "x", "c": None, "d": True, "e": 1.5, "f": Decimal("3"), "g": dt.date(2026, 4, 1)},
    [1, "two", 3.0, None, False, float("nan"), float("inf"), Decimal("-0.25")],
    {
        "rows": [
            {"Amount": Decimal("1000.00"), "Name": 'Café "Ŵyn" <b>&\n\t\x01', "When": dt.datetime(2026, 1, 2, 3, 4)}
        ]
    },
    {"nested": {"deeper": {"deepest": [{"x": [1, {"y": (2, 3)}]}]}}, "list": [[1, 2], [3, [4, [5]]]]},
    {1: "integer key", 3: "another"},
    {2.5: "float key", 0.5: "another"},
    {"text keys": {"1": [1], "x": 2}},
    [{"set": object()}],
]


def test_the_downloads_json_is_what_json_dumps_writes():
    for value in VALUES:
        expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=_plain)
        assert json_text.dumps(value, default=_plain) == expected, value


def test_a_key_that_is_not_text_inside_a_nested_object_is_written_by_json_dumps():
    value = {"outer": {1: [1, 2], 2: "b"}}
    expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=_plain)
    assert json_text.dumps(value, default=_plain) == expected


def test_a_default_that_makes_a_container_is_written_by_json_dumps():
    def listed(value: object) -> object:
        return sorted(value) if isinstance(value, set) else str(value)

    value = {"tags": {"b", "a"}, "rows": [{"set": {"x"}}]}
    expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=listed)
    assert json_text.dumps(value, default=listed) == expected
