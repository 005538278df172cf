"""Typed records built from validated raw data, with every link resolved once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.formatting import financial_year, long_date, slug
from ..core.i18n import _
from ..core.memo import T, remember
from ..data import withdrawal
from ..data.bodies import ROLE_DEFAULTS, Body, bodies_between, body_on, history
from ..data.checks.decisions import parse_amount, parse_date
from ..data.load import RawPackage, Table
from .held_back import HeldBack
from .indicators import Headline, IndicatorSummary, Reading, headline, summarise
from .plan import Ambition, build_ambitions

PROFILE_DEFAULTS = ROLE_DEFAULTS


def amount_of(grants: Iterable[Grant]) -> Decimal:
    """What these grants add up to (£0 for none)."""
    return sum((g.amount for g in grants), Decimal(0))


@dataclass(eq=False)
class Priority:
    id: str
    title: str
    summary: str
    grants: list[Grant] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    kpis: list = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slug(self.id)

    @property
    def grants_total(self) -> Decimal:
        return amount_of(self.grants)


@dataclass(eq=False)
class Organisation:
    id: str
    name: str
    charity_number: str
    company_number: str
    postcode: str
    website: str
    description: str
    grants: list[Grant] = field(default_factory=list)
    kpis: list = field(default_factory=list)

    @property
    def slug(self) -> str:
        return slug(self.id)

    @property
    def total(self) -> Decimal:
        return amount_of(self.grants)


@dataclass(eq=False)
class Decision:
    reference: str
    title: str
    date: dt.date
    decision_maker: str
    summary: str
    amount: Decimal | None
    priorities: list[Priority]
    category: str
    exempt: str
    documents: list[dict]
    body: str
    file: str
    grants: list[Grant] = field(default_factory=list)
    office: Body | None = None  # the body in office on its date (set once, by Site.body_on)
    signature: tuple | None = None  # what its file was read from (data.load.RawDecision)

    @property
    def slug(self) -> str:
        return slug(self.reference)

    @property
    def financial_year(self) -> str:
        return financial_year(self.date)

    @property
    def grants_total(self) -> Decimal:
        return amount_of(self.grants)


@dataclass(eq=False)
class Grant:
    id: str
    title: str
    description: str
    amount: Decimal
    award_date: dt.date
    organisation: Organisation
    fund: str
    priority: Priority
    decision: Decision | None
    start: dt.date | None
    end: dt.date | None
    location: str
    conditions: str
    reasons: str
    row: dict
    office: Body | None = None  # the body in office on the award date: the grant's funder

    @property
    def slug(self) -> str:
        return slug(self.id)

    @property
    def financial_year(self) -> str:
        return financial_year(self.award_date)


@dataclass(eq=False)
class Indicator:
    id: str
    priority: Priority
    title: str
    unit: str
    better: str
    target: Decimal | None
    description: str
    source: str
    organisation: Organisation | None
    readings: list[Reading]
    summary: IndicatorSummary

    @property
    def slug(self) -> str:
        return slug(self.id)


@dataclass
class Site:
    """Everything the pages and exports need, read-only after it is built."""

    profile: dict
    descriptor: dict
    tables: dict[str, Table]
    build_date: dt.date
    priorities: dict[str, Priority]
    organisations: dict[str, Organisation]
    grants: list[Grant]
    decisions: list[Decision]
    records: dict[str, list[dict]]  # every resource as typed rows, keyed by resource name
    indicators: list[Indicator] = field(default_factory=list)
    content_meta: dict[str, dict] = field(default_factory=dict)
    ambitions: list[Ambition] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)  # who held the functions, oldest first; last is current
    duty_changes: list[dict] = field(default_factory=list)  # data/duties.yaml: this office's changes to the register
    address: str = ""  # the published site's absolute address, ending in "/" ("" when it has none; build.site_address)
    withdrawn: dict[str, list[dict]] = field(default_factory=dict)  # withdrawn rows (as text) of each dataset
    held_back: list[HeldBack] = field(default_factory=list)  # in a preview with problems, what was left out (HeldBack)

    def body_on(self, date: dt.date) -> Body:
        """The one answer to "which body was in office on this date"; every record and page asks it."""
        return body_on(self.bodies, date)

    def bodies_between(self, first: dt.date, last: dt.date) -> list[Body]:
        return bodies_between(self.bodies, first, last)

    @property
    def indicator_headline(self) -> Headline:
        """How many indicators are on target, counting only those with a target and a current figure."""
        return headline([i.summary for i in self.indicators])

    @property
    def current_body(self) -> Body:
        return self.bodies[-1]

    @property
    def grants_total(self) -> Decimal:
        return amount_of(self.grants)

    @property
    def grant_years(self) -> tuple[str, str]:
        """The financial years of the first grant and of the latest (the grants are newest first)."""
        return self.grants[-1].financial_year, self.grants[0].financial_year

    @property
    def predecessors(self) -> list[Body]:
        return self.bodies[:-1]

    @property
    def holders(self) -> str:
        """Whose records the site holds, for a sentence: "the Mayor and, until 6 May 2024, the Commissioner"."""
        until = _(" and, until %(date)s, %(role)s")
        earlier = [until % {"date": long_date(b.end), "role": b.the_role} for b in reversed(self.predecessors) if b.end]
        return self.current_body.the_role + "".join(earlier)

    @property
    def role(self) -> str:
        """The office: "Police and Crime Commissioner", or e.g. "Mayor" where a mayor has PCC functions."""
        return str(self.profile["role"])

    @property
    def role_short(self) -> str:
        return str(self.profile["role_short"])

    def has(self, resource: str) -> bool:
        return resource in self.tables

    def resource(self, name: str) -> dict:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def derived(self, name: Hashable, tables: Iterable[str], compute: Callable[[], T], *also: Hashable) -> T:
        """What compute() works out from these tables alone (and `also`, e.g. the build date). A preview keeps it
        between rebuilds until one of them changes; a table read leniently (without its problem rows) is
        never kept."""
        read = {table: self.tables.get(table) for table in tables}
        if any(table is not None and table.signature is None for table in read.values()):
            return compute()
        key = tuple((table, read[table].signature if read[table] is not None else None) for table in read)
        return remember("derived", name, (key, *also), compute)


def convert(value: str, kind: str):
    """Turn validated text into Decimal, date or datetime; empty becomes None."""
    if value == "":
        return None
    parse = PARSERS.get(kind)
    return value if parse is None else parse(value)


PARSERS = {
    "number": Decimal,
    "integer": int,
    "date": dt.date.fromisoformat,
    "datetime": lambda value: dt.datetime.fromisoformat(value.replace("Z", "+00:00")),
}


def typed_rows(table: Table) -> list[dict]:
    return remember("typed-rows", table.file, table.signature, lambda: _typed_rows(table))


def _typed_rows(table: Table) -> list[dict]:
    """Each row as convert() gives its cells: every cell stripped (empty: None), then those of a column that is
    not text parsed (a column at a time, not a call per cell: 100,000 payments have 1.4 million cells)."""
    kinds = {f["name"]: f.get("type", "string") for f in table.descriptor["schema"]["fields"]}
    parsed = [(column, PARSERS[kind]) for column, kind in kinds.items() if kind in PARSERS]
    rows = []
    for row in table.rows:
        get = row.get
        typed = {column: get(column, "").strip() or None for column in kinds}
        for column, parse in parsed:
            value = typed[column]
            if value is not None:
                typed[column] = parse(value)
        rows.append(typed)
    return rows


def build_site(raw: RawPackage, build_date: dt.date) -> Site:
    tables, withdrawn = withdrawal.split(raw.tables)  # a withdrawn row leaves every list, total and file
    records = {name: typed_rows(table) for name, table in sorted(tables.items())}
    priorities = {r["id"]: Priority(r["id"], r["title"], r.get("summary") or "") for r in records.get("priorities", [])}
    organisations = {
        r["id"]: Organisation(
            *(
                r.get(k) or ""
                for k in ("id", "name", "charity_number", "company_number", "postcode", "website", "description")
            )
        )
        for r in records.get("organisations", [])
    }
    decisions = sorted(
        (_decision(d, priorities) for d in raw.decisions), key=lambda d: (d.date, d.reference), reverse=True
    )
    by_reference = {d.reference: d for d in decisions}
    grants = [
        _grant(r, raw_row, organisations, priorities, by_reference)
        for r, raw_row in zip(
            records.get("grants", []), tables["grants"].rows if "grants" in tables else [], strict=True
        )
    ]
    grants.sort(key=lambda g: (g.award_date, g.id), reverse=True)
    for grant in grants:
        grant.organisation.grants.append(grant)
        grant.priority.grants.append(grant)
        if grant.decision:
            grant.decision.grants.append(grant)
    for decision in decisions:
        for priority in decision.priorities:
            priority.decisions.append(decision)
    indicators = _indicators(records, priorities, organisations, build_date)
    bodies = history(raw.profile)
    for record in decisions:
        record.office = body_on(bodies, record.date)
    for grant in grants:
        grant.office = body_on(bodies, grant.award_date)
    return Site(
        PROFILE_DEFAULTS | raw.profile,
        raw.descriptor,
        tables,
        build_date,
        priorities,
        organisations,
        grants,
        decisions,
        records,
        indicators,
        raw.content_meta,
        build_ambitions(
            records.get("plan", []),
            records.get("plan_updates", []),
            priorities,
            {i.id: i for i in indicators},
            build_date,
        ),
        bodies,
        list(raw.duty_changes.get("duties") or []),
        withdrawn=withdrawn,
    )


def _indicators(records: dict, priorities: dict, organisations: dict, today: dt.date) -> list[Indicator]:
    readings = group_by(records.get("kpi_values", []), lambda r: r["kpi"])
    indicators = []
    for row in records.get("kpis", []):
        points = sorted(
            (
                Reading(r["period_end"], r["value"], r.get("period") or r["period_end"].isoformat())
                for r in readings.get(row["id"], [])
            ),
            key=lambda r: r.period_end,
        )
        indicator = Indicator(
            id=row["id"],
            priority=priorities[row["priority"]],
            title=row["title"],
            unit=row["unit"],
            better=row["better"],
            target=row.get("target"),
            description=row.get("description") or "",
            source=row.get("source") or "",
            organisation=organisations.get(row.get("organisation") or ""),
            readings=points,
            summary=summarise(points, row["better"], row.get("target"), today),
        )
        indicator.priority.kpis.append(indicator)
        if indicator.organisation:
            indicator.organisation.kpis.append(indicator)
        indicators.append(indicator)
    return indicators


def _decision(raw, priorities: dict[str, Priority]) -> Decision:
    meta = raw.meta
    amount = meta.get("amount")
    return Decision(
        reference=str(meta["reference"]),
        title=str(meta["title"]),
        date=parse_date(meta["date"]),
        decision_maker=str(meta["decision_maker"]),
        summary=str(meta["summary"]),
        amount=parse_amount(amount) if amount not in (None, "") else None,
        priorities=[priorities[p] for p in meta.get("priorities") or []],
        category=str(meta.get("category") or ""),
        exempt=str(meta.get("exempt") or ""),
        documents=list(meta.get("documents") or []),
        body=raw.body,
        file=raw.file,
        signature=raw.signature,
    )


def _grant(r: dict, raw_row: dict, organisations, priorities, decisions) -> Grant:
    return Grant(
        id=r["Identifier"],
        title=r["Title"],
        description=r["Description"],
        amount=r["Amount Awarded"],
        award_date=r["Award Date"],
        organisation=organisations[r["Recipient Org:Identifier"]],
        fund=r["Grant Programme:Title"],
        priority=priorities[r["Priority"]],
        decision=decisions.get(r.get("Decision Reference") or ""),
        start=r.get("Planned Dates:Start Date"),
        end=r.get("Planned Dates:End Date"),
        location=r.get("Beneficiary Location:Name") or "",
        conditions=r.get("Conditions") or "",
        reasons=r.get("Reasons") or "",
        row=raw_row,
    )


def group_by(items, key) -> dict:
    groups: dict = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)
