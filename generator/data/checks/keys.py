"""Every key in the YAML the office edits is known: a misspelt key is a problem, not a silently missing sentence.

Each file's known keys are a shape: a dict maps each key to the shape of its value (None: any value,
a dict: a mapping with those keys, [dict]: a list of such mappings, ANY_KEYS: a mapping checked elsewhere).
Another check registers its keys here, e.g. `PROFILE_KEYS["predecessors"] = [{...}]`.
"""

from __future__ import annotations

import difflib

from ...core.problems import Problem

ANY_KEYS = "any keys"  # a mapping whose keys are data (e.g. duty ids), checked by its own rule

PERSON_KEYS: dict[str, object] = {
    "body_name": None,
    "short_name": None,
    "role": None,
    "role_short": None,
    "commissioner": None,
    "funder_identifier": None,
    "website": None,
    "contact_email": None,
    "police_area": None,
}
# The Welsh version of each of a body's names, for a site published in Welsh too (generator/data/welsh.py).
WELSH_PERSON_KEYS: dict[str, object] = {
    f"{key}_cy": None for key in ("body_name", "short_name", "role", "role_short", "police_area")
}

PROFILE_KEYS: dict[str, object] = {
    **PERSON_KEYS,
    **WELSH_PERSON_KEYS,
    "languages": None,
    "demo": None,
    "example": None,
    "reserves_policy": {"general_min_percent": None, "general_max_percent": None, "total_min_percent": None},
    "publication_timetable": ANY_KEYS,
    "decision_categories": None,
    "decision_categories_cy": None,
    "since": None,
    "nation": None,
    "predecessors": [{**PERSON_KEYS, **WELSH_PERSON_KEYS, "from": None, "until": None}],
}

RESOURCE_KEYS: dict[str, object] = {
    key: None
    for key in (
        "name path title description title_cy description_cy last_updated duty frequency date_field schema money_fields "
        "profile format mediatype encoding bytes hash sources licenses homepage dialect"
    ).split()
}

DATAPACKAGE_KEYS: dict[str, object] = {
    key: None for key in "name title description licenses profile homepage version sources contributors".split()
} | {"resources": [RESOURCE_KEYS]}

KNOWN_KEYS: dict[str, dict[str, object]] = {
    "data/profile.yaml": PROFILE_KEYS,
    "data/datapackage.yaml": DATAPACKAGE_KEYS,
}


def check(file: str, data: object, shape: dict[str, object] | None = None) -> list[Problem]:
    """A problem for each key the file's shape does not know, naming the closest known key."""
    shape = KNOWN_KEYS.get(file) if shape is None else shape
    if shape is None or not isinstance(data, dict):
        return []
    return list(_walk(file, data, shape, ""))


def _walk(file: str, data: dict, shape: dict[str, object], prefix: str):
    for key, value in data.items():
        path = f"{prefix}{key}"
        if key not in shape:
            yield Problem(file, None, path, "is not a known key", suggest(str(key), list(shape)))
            continue
        inner = shape[key]
        if isinstance(inner, dict) and isinstance(value, dict):
            yield from _walk(file, value, inner, f"{path}.")
        elif isinstance(inner, list) and isinstance(value, list):
            for index, item in enumerate(value, start=1):
                if isinstance(item, dict):
                    label = str(item.get("name") or index)
                    yield from _walk(file, item, inner[0], f"{path}[{label}].")


def suggest(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or difflib.get_close_matches(
        key.lower().replace(" ", "_").replace("-", "_"), known, n=1, cutoff=0.6
    )
    if close:
        return f'did you mean "{close[0]}"? A misspelt key is ignored, so what it sets would not be published'
    return "the known keys are " + ", ".join(known)
