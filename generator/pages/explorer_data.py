"""Rows for the in-browser explorers, as JSON: the page stays light however many records there are."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..core.formatting import long_date, money
from ..core.i18n import _
from ..model.records import Decision, Grant


def cell(text: str, href: str = "", sort: str = "", numeric: bool = False) -> dict:
    found = {"text": text}
    if href:
        found["href"] = href
    if sort:
        found["sort"] = sort
    if numeric:
        found["num"] = True
    return found


def grant_rows(grants: Iterable[Grant], root: str) -> list[dict]:
    """Links are relative to the explorer page; root leads from it to the site root."""
    return [
        {
            "attrs": {
                "year": g.financial_year,
                "fund": g.fund,
                "priority": g.priority.id,
                "recipient": g.organisation.id,
                "amount": str(g.amount),
            },
            "cells": [
                cell(g.title, f"{root}grants/{g.slug}/"),
                cell(g.organisation.name, f"{root}organisations/{g.organisation.slug}/"),
                cell(money(g.amount, exact=True), sort=str(g.amount), numeric=True),
                cell(long_date(g.award_date), sort=g.award_date.isoformat()),
                cell(g.fund),
                cell(g.priority.title, f"{root}priorities/{g.priority.slug}/"),
                cell("Outcomes", f"{root}organisations/{g.organisation.slug}/#outcomes")
                if g.organisation.kpis
                else cell(""),
            ],
        }
        for g in grants
    ]


def decision_rows(decisions: Iterable[Decision], root: str, show_body: bool = False) -> list[dict]:
    """show_body adds who made each decision, for a site whose records span a handover."""
    return [
        {
            "attrs": {
                "year": d.financial_year,
                "category": d.category,
                "priority": "|".join(p.id for p in d.priorities),
            }
            | ({"body": d.office.role_short} if show_body else {}),
            "cells": [
                cell(d.reference),
                cell(d.title, f"{root}decisions/{d.slug}/"),
                decision_amount(d),
                cell(long_date(d.date), sort=d.date.isoformat()),
                cell(d.category),
            ]
            + ([cell(d.office.role_short)] if show_body else []),
        }
        for d in decisions
    ]


def decision_amount(decision: Decision) -> dict:
    """The sum a decision commits, sortable; a decision with none sorts below every sum."""
    if decision.amount is None:
        return cell(_("None stated"), sort="-1", numeric=True)
    return cell(money(decision.amount, exact=True), sort=str(decision.amount), numeric=True)


def as_json(rows: list[dict]) -> bytes:
    return json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
