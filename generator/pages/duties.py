"""The compliance page (what the law requires, and whether it is published) and a page per register."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.formatting import N_, money_format
from ..core.i18n import _
from ..data.welsh import SUFFIX
from ..law.duties import MISSING, OVERDUE, assess, not_in_force, register_for, retired
from ..model.records import Site, group_by
from . import Page
from .described import described

MONEY_WORDS = ("salary", "amount", "value", "salary_band_top", "estimated_value")


def money_formats(resource: dict, rows: list[dict]) -> dict:
    """For each money column, one format for the whole column: £8.75 and £129.00, never 8.75 beside 129."""
    named = set(resource.get("money_fields") or [])
    fields = [
        f["name"]
        for f in resource["schema"]["fields"]
        if f["name"] in named
        or f["name"] in MONEY_WORDS
        or (f.get("type") == "number" and "in pounds" in f.get("description", ""))
    ]
    return {name: money_format([r.get(name) for r in rows], exact=True) for name in fields}


HIDDEN_COLUMNS = ("withdrawn", "withdrawn_reason")
# A register's yes/no cell, in the page's language (register.html).
YES_NO = (N_("yes"), N_("no"))


def register_columns(resource: dict) -> list[dict]:
    """Each column a register shows: its heading in words (the schema's title, else its name in words) and,
    for a link column, the words its links say ("Minutes", "Inspection report"), never a bare "Link"."""
    columns = []
    for field in resource["schema"]["fields"]:
        name = field["name"]
        if name in HIDDEN_COLUMNS or name.endswith(SUFFIX):  # a Welsh column: the Welsh page shows it in its place
            continue
        link = name == "url" or name.endswith("_url")
        plain = name.removesuffix("_url").replace("_", " ").capitalize() if name != "url" else "Open"
        # In Welsh: the field's title_cy, else the catalogue's Welsh for the heading, else the English (marked).
        words = described({"title": str(field.get("title") or plain)}, field, keys=("title",))
        heading, lang = words["title"], words.get("title_lang", "")
        columns.append(
            {"field": field, "name": name, "heading": heading, "link": heading if link else "", "lang": lang}
        )
    return columns


def pages(site: Site) -> Iterator[Page]:
    register = register_for(site)
    results = assess(site, register)
    counts = {
        status: sum(1 for r in results if r.status == status) for status in ("Published", "Due soon", OVERDUE, MISSING)
    }
    yield Page(
        "transparency/index.md",
        _("What we must publish"),
        "compliance.html",
        {
            "groups": list(group_by(results, lambda r: r.duty.group).items()),
            "counts": counts,
            "total": len(results),
            "today": site.build_date,
            "retired": retired(site.duty_changes),
            "not_in_force": not_in_force(site, register),
            "current": site.current_body,
            "earlier": site.predecessors,
        },
        description=_(
            "Every category of information the law requires %(role)s to publish, where it is, when it was last updated, and what is due or overdue."
        )
        % {"role": site.current_body.the_role},
        nav_title=_("Transparency"),
        search=True,
    )
    registers = sorted({r.duty.link.split("/")[1] for r in results if r.duty.link.startswith("transparency/")})
    for name in registers:
        if name not in site.records:
            continue
        resource = described(site.resource(name))
        yield Page(
            f"transparency/{name}.md",
            resource["title"],
            "register.html",
            {
                "resource": resource,
                "columns": register_columns(resource),
                "rows": site.records[name],
                "money_formats": money_formats(resource, site.records[name]),
            },
            description=resource.get("description", "")[:300],
            search=True,
            sources=frozenset({name, "descriptor"}),
        )
