"""A dataset's (or column's) title and description in the language being written: the data package's own.

In Welsh, each from its optional `title_cy` / `description_cy` (data/datapackage.yaml), else the catalogue's
Welsh for the generator's own words, else the English, marked as English (`title_lang`, `description_lang`: the
template gives it lang="en", so a screen reader reads it in English). No problem is raised for a missing one."""

from __future__ import annotations

from ..core import i18n

KEYS = ("title", "description")


def described(item: dict, declared: dict | None = None, keys: tuple[str, ...] = KEYS) -> dict:
    """The item (a resource or a field) with its texts in this language; in English, the item itself."""
    language = i18n.current()
    if language == i18n.ENGLISH:
        return item
    declared = item if declared is None else declared
    out = dict(item)
    for key in keys:
        own = str(declared.get(f"{key}_{language}") or "").strip()
        english = item.get(key)
        if own:
            out[key] = own
        elif english and i18n.gettext(english) != english:
            out[key] = i18n.gettext(english)
        elif english:
            out[f"{key}_lang"] = "en"
    return out


def described_resource(resource: dict, declared: dict | None = None) -> dict:
    """The resource and each of its schema's fields in this language (declared: the data package's resource,
    where `resource` is a copy made from it)."""
    if i18n.current() == i18n.ENGLISH:
        return resource
    declared = resource if declared is None else declared
    fields = {f.get("name"): f for f in (declared.get("schema") or {}).get("fields", []) if isinstance(f, dict)}
    schema = dict(resource["schema"])
    schema["fields"] = [described(f, fields.get(f["name"], f)) for f in schema["fields"]]
    return described(resource, declared) | {"schema": schema}
