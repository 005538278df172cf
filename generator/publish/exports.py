"""Downloads: CSV, JSON, the Frictionless data package, a zip, 360Giving and OCDS files and the Atom feed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

from ..core.formatting import N_
from ..data import withdrawal
from ..data.bodies import paid_by
from ..model.records import Site
from ..sheets.spreadsheets import open_workbook, write_row
from . import giving, json_text, ocds

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def downloads(site: Site, site_url: str, compress: bool = True) -> dict[str, bytes]:
    """Every download. In preview (compress=False) the zip is stored uncompressed, which is much faster."""
    files: dict[str, bytes] = {}
    for name, table in sorted(site.tables.items()):
        tables = [name, *FILLED_FROM.get(name, ())]
        also = bodies_key(site) if name == "spend" else ()
        files.update(
            site.derived(("downloads", name), tables, lambda n=name, t=table: table_downloads(site, n, t), also)
        )
    if site.decisions:
        header, rows = decision_rows(site, site_url)
        files["data/decisions.csv"] = table_csv(header, rows, [])
        files["data/decisions.json"] = to_json(rows)
    if site.grants:
        funders = json.dumps([(b.funder_identifier, b.body_name, str(b.start), str(b.end)) for b in site.bodies])
        address = site_url if site_url.startswith(("https://", "http://")) else ""
        files.update(
            site.derived(
                "360giving", ["grants", "organisations"], lambda: giving_downloads(site, address), funders, address
            )
        )
    if site.has("contracts"):
        files.update(
            site.derived(
                "ocds", ["contracts", "tenders"], lambda: ocds_downloads(site, site_url), site_url, bodies_key(site)
            )
        )
    package = datapackage(site)
    files["data/datapackage.json"] = to_json(package)
    # The data package as one file: its descriptor and the CSV of every resource it describes (the JSON copies
    # and monthly files repeat what the CSVs hold, and would triple the size).
    members = ["datapackage.json"] + [resource["path"] for resource in package["resources"]]
    files["data/open-data.zip"] = zip_of({name: files[f"data/{name}"] for name in members}, compress)
    return files


# Columns a download fills from another table where the office left them empty (its data dictionary says so).
FILLED_FROM = {"grants": ("organisations",)}
RECIPIENT_ID, RECIPIENT_NAME = "Recipient Org:Identifier", "Recipient Org:Name"
SPENDING_BODY = "spending_body"


def with_recipient_names(site: Site, rows: list[dict]) -> list[dict]:
    """Grants rows with each empty recipient name filled from organisations, as the pages show it."""
    names = {key: o.name for key, o in site.organisations.items()}
    return [
        row | {RECIPIENT_NAME: names.get(str(row.get(RECIPIENT_ID, "")).strip(), "")}
        if not str(row.get(RECIPIENT_NAME) or "").strip()
        else row
        for row in rows
    ]


def bodies_key(site: Site) -> tuple:
    """What the body that paid depends on besides spend.csv: who held the functions, and when."""
    return tuple((b.role_short, b.role, b.body_name, b.short_name, b.start, b.end) for b in site.bodies)


def with_payers(site: Site, rows: list[dict]) -> list[dict]:
    """Spending rows saying who paid as the pages do: the generic "Commissioner" becomes the body holding the
    functions on the payment's date; a body the office named, the Chief Constable or an empty cell stay."""
    found = []
    for row in rows:
        date = row["date"] if isinstance(row["date"], dt.date) else dt.date.fromisoformat(str(row["date"]).strip())
        typed = str(row.get(SPENDING_BODY) or "")
        found.append(row | {SPENDING_BODY: paid_by(site.bodies, typed, date)} if typed.strip() else row)
    return found


def published_header(header: list[str]) -> list[str]:
    """A table's columns as downloaded: without the withdrawal columns, always empty there (withdrawn rows leave
    every download)."""
    return [column for column in header if column not in withdrawal.NAMES]


def without_withdrawal(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in record.items() if k not in withdrawal.NAMES} for record in records]


def table_downloads(site: Site, name: str, table) -> dict[str, bytes]:
    fields = site.resource(name)["schema"]["fields"]
    rows, records = table.rows, site.records[name]
    if name == "grants":
        rows, records = with_recipient_names(site, rows), with_recipient_names(site, records)
    if name == "spend" and SPENDING_BODY in table.header:
        rows, records = with_payers(site, rows), with_payers(site, records)
    if withdrawal.NAMES & set(table.header):
        records = without_withdrawal(records)
    files = {
        f"data/{name}.csv": table_csv(published_header(table.header), rows, fields),
        f"data/{name}.json": to_json(records),
    }
    if name == "spend":
        files.update(spend_by_month(site, rows))
    return files


def giving_downloads(site: Site, address: str = "") -> dict[str, bytes]:
    header, rows = giving.flat(site, address)
    return {
        "data/grants-360giving.json": to_json(giving.package(site, address)),
        "data/grants-360giving.csv": table_csv(header, rows, []),
        "data/grants-360giving.xlsx": table_xlsx(header, rows, {"Amount Awarded"}),
    }


def ocds_downloads(site: Site, site_url: str) -> dict[str, bytes]:
    """The contracts register as an OCDS release package, dated by the contracts' last update."""
    updated = site.resource("contracts").get("last_updated")
    published = dt.date.fromisoformat(str(updated)) if updated else site.build_date
    contracts, tenders = site.records["contracts"], site.records.get("tenders", [])
    return {ocds.PACKAGE_PATH: to_json(ocds.package(contracts, tenders, site.profile, published, site_url))}


def spend_by_month(site: Site, rows: list[dict]) -> dict[str, bytes]:
    """A CSV of each month's spending rows (rows as spend.csv is downloaded: with who paid, with_payers)."""
    table = site.tables["spend"]
    fields = site.resource("spend")["schema"]["fields"]
    months: dict[str, list[dict]] = {}
    for row in rows:
        months.setdefault(row["date"].strip()[:7], []).append(row)
    header = published_header(table.header)
    return {f"data/spend/{month}.csv": table_csv(header, rows, fields) for month, rows in sorted(months.items())}


def neutralise(value: str) -> str:
    """Stop a spreadsheet treating text as a formula: prefix such cells with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def table_csv(header: list[str], rows: list[dict], fields: list[dict]) -> bytes:
    numeric = {f["name"] for f in fields if f.get("type") in ("number", "integer")}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([v if c in numeric else neutralise(str(v)) for c in header for v in [row.get(c, "")]])
    return out.getvalue().encode("utf-8")


def to_json(value: object) -> bytes:
    return (json_text.dumps(value, default=_plain) + "\n").encode("utf-8")


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def decision_rows(site: Site, site_url: str) -> tuple[list[str], list[dict]]:
    header = [
        "reference",
        "title",
        "date",
        "decision_maker",
        "summary",
        "amount",
        "priorities",
        "category",
        "exempt",
        "made_by",
        "url",
    ]
    rows = [
        {
            "reference": d.reference,
            "title": d.title,
            "date": d.date.isoformat(),
            "decision_maker": d.decision_maker,
            "summary": d.summary,
            "amount": "" if d.amount is None else str(d.amount),
            "priorities": ";".join(p.id for p in d.priorities),
            "category": d.category,
            "exempt": d.exempt,
            "made_by": d.office.body_name,
            "url": f"{site_url.rstrip('/')}/decisions/{d.slug}/" if site_url else f"/decisions/{d.slug}/",
        }
        for d in site.decisions
    ]
    return header, rows


DECISIONS_SCHEMA = {
    "fields": [
        {"name": "reference", "type": "string", "description": N_("Unique reference of the decision")},
        {"name": "title", "type": "string", "description": N_("Title")},
        {"name": "date", "type": "date", "description": N_("Date the decision was signed")},
        {"name": "decision_maker", "type": "string", "description": N_("Who made it")},
        {"name": "summary", "type": "string", "description": N_("Summary")},
        {"name": "amount", "type": "number", "description": N_("Money the decision commits, in pounds")},
        {"name": "priorities", "type": "string", "description": N_("Priority ids separated by ;")},
        {"name": "category", "type": "string", "description": N_("Category")},
        {"name": "exempt", "type": "string", "description": N_("Why part of the record is withheld")},
        {
            "name": "made_by",
            "type": "string",
            "description": N_("The body that held the police and crime functions on the decision's date"),
        },
        {"name": "url", "type": "string", "description": N_("Web page of the decision")},
    ]
}


def published_resources(site: Site) -> list[dict]:
    """The resources the site publishes, in data-package form: data/ resources plus decisions."""
    resources = []
    for name in sorted(site.tables):
        resource = site.resource(name)
        schema = dict(resource["schema"])
        # The withdrawal columns are never in a download (published_header).
        schema["fields"] = [f for f in schema["fields"] if f["name"] not in withdrawal.NAMES]
        resources.append(
            {k: v for k, v in resource.items() if k in ("name", "title", "description")}
            | {"schema": schema, "path": f"{name}.csv"}
        )
    if site.decisions:
        resources.append(
            {
                "name": "decisions",
                "title": N_("Decisions of significant public interest"),
                "description": N_("One row per decision record."),
                "path": "decisions.csv",
                "schema": DECISIONS_SCHEMA,
            }
        )
    for resource in resources:
        resource.update(
            {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource"}
        )
    return resources


def datapackage(site: Site) -> dict:
    descriptor = {k: v for k, v in site.descriptor.items() if k in ("name", "title", "licenses")}
    descriptor["publisher"] = site.profile["body_name"]
    descriptor["resources"] = published_resources(site)
    return descriptor


def zip_of(files: dict[str, bytes], compress: bool = True) -> bytes:
    """A zip with fixed timestamps, so the same data gives the same bytes."""
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = method
            archive.writestr(info, files[name])
    return out.getvalue()


def table_xlsx(header: list[str], rows: list[dict], numeric: set[str]) -> bytes:
    """A one-sheet workbook of a table: text stored as text (never a formula), fixed timestamps (deterministic)."""
    out = io.BytesIO()
    book, formats = open_workbook(out)
    sheet = book.add_worksheet("data")
    write_row(sheet, formats, 0, header)
    for number, row in enumerate(rows, start=1):
        cells: list[object] = []
        for column in header:
            value = row.get(column, "")
            if column in numeric and value not in ("", None):
                cells.append(float(value) if "." in str(value) else int(value))
            else:
                cells.append(str(value) if value is not None else "")
        write_row(sheet, formats, number, cells)
    book.close()
    return out.getvalue()
