"""The spreadsheet to edit for each dataset: the importer's template, filled with what is published."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from pathlib import Path

from ..model.records import Site
from . import base_sheet
from .sheet_values import choices, display_rows
from .spreadsheets import next_identifier, write_template


def write_filled(site: Site, name: str, path: Path, with_data: bool = True, route: str = "command") -> None:
    """The dataset's template, with the published rows when asked: references shown as "Name (id)" drop-downs.
    It records the published rows (even when not shown), so an import applies only what the person changed."""
    resource = site.resource(name)
    lists = choices(site.tables, resource)
    # A reference to another dataset only warns, so a record added in the same upload (a new organisation in
    # organisations.xlsx beside grants.xlsx) can be typed; the import checks both files together.
    strict: set[str] = set()
    if name == "grants" and "grants" in site.tables:
        lists["Grant Programme:Title"] = sorted({row["Grant Programme:Title"] for row in site.tables["grants"].rows})
    rows = display_rows(site.tables, resource, site.tables[name].rows) if with_data and name in site.tables else []
    # Numbered identifiers of the office's own (not those other datasets refer to, such as charity numbers).
    own = name in site.tables and not any(name in referenced(r) for r in site.descriptor["resources"])
    # Withdrawn rows keep their identifiers: the highest counts them too.
    used = [*site.withdrawn.get(name, []), *site.tables[name].rows] if name in site.tables else []
    identifiers = next_identifier(resource, used) if own else None
    table = site.tables.get(name)
    published = base_sheet.grid(
        name,
        site.build_date.isoformat(),
        route,
        list(table.header) if table else [f["name"] for f in resource["schema"]["fields"]],
        table.rows if table else [],
        shown=bool(rows),
    )
    write_template(resource, lists, rows, path, strict, identifiers, published, route)


def filled_template(site: Site, name: str) -> bytes:
    """The .xlsx template for a dataset with every published row, as bytes for a download.

    Kept between preview rebuilds until the dataset, or one its drop-downs list, changes."""
    resource = site.resource(name)
    sources = sorted({name} | referenced(resource))
    return site.derived(("template", name), sources, lambda: _filled(site, resource), repr(resource))


def referenced(resource: dict) -> set[str]:
    """The datasets whose ids fill this dataset's drop-downs."""
    return {key["reference"]["resource"] for key in resource.get("schema", {}).get("foreignKeys", [])}


def _filled(site: Site, resource: dict) -> bytes:
    name = resource["name"]
    with tempfile.TemporaryDirectory(prefix="transparency-template-") as folder:
        path = Path(folder) / f"{name}.xlsx"
        write_filled(site, name, path, route="site")
        return reproducible(path.read_bytes(), site.build_date)


def reproducible(workbook: bytes, when: dt.date) -> bytes:
    """The same workbook for the same data: the build date instead of the clock in its zip and its properties."""
    stamp = f"{when.isoformat()}T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", data.decode("utf-8"))
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
