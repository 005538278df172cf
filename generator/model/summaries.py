"""Totals and groupings shared by several sections: sums by key, sorted largest first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from ..core.formatting import money, percent, plural
from ..core.i18n import _
from .records import amount_of


def totals_by(items: Iterable, key: Callable, amount: Callable) -> list[tuple[str, Decimal]]:
    """Sum amount per key, largest first, ties by name so the order is stable."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for item in items:
        sums[key(item)] += amount(item)
    return sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))


def grants_sentence(year: str, grants: list) -> str:
    """In 2023/24 the Commissioner awarded £3.2m in 147 grants to 61 organisations; 48% went to …
    (in a year with a handover: "the Commissioner and then the Mayor awarded …")."""
    if not grants:
        return _("No grants were awarded in %(year)s.") % {"year": year}
    total = amount_of(grants)
    organisations = {g.organisation.id for g in grants}
    awarded_by = _(" and then ").join(
        dict.fromkeys(g.office.the_role for g in sorted(grants, key=lambda g: g.award_date))
    )
    top_priority, top_amount = totals_by(grants, lambda g: g.priority.title, lambda g: g.amount)[0]
    return _(
        "In %(year)s %(body)s awarded %(total)s in %(grants)s to %(organisations)s; %(share)s went to %(priority)s."
    ) % {
        "year": year,
        "body": awarded_by,
        "total": money(total),
        "grants": plural(len(grants), "grant"),
        "organisations": plural(len(organisations), "organisation"),
        "share": percent(top_amount, total),
        "priority": top_priority,
    }
