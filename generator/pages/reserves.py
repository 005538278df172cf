"""The reserves page: totals over time, and a verdict on each reserve against each band of the office's policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..core.formatting import N_, financial_year, long_date, money, money_format
from ..core.i18n import _, current
from ..data.welsh import SUFFIX
from ..model.as_known import as_known
from ..model.records import Site
from ..render.charts import line_chart
from . import Page

# A date under a reserves chart, with whether its figure is actual or a forecast. Welsh says "alldro" (outturn) for
# an actual year-end figure: "gwirioneddol" is too long for two labels side by side on a phone.
PERIOD_LABELS = {"actual": N_("%(date)s (actual)"), "forecast": N_("%(date)s (forecast)")}


def period_label(date, kind: str) -> str:
    if kind in PERIOD_LABELS:
        return _(PERIOD_LABELS[kind]) % {"date": date.isoformat()}
    return f"{date.isoformat()} ({_(kind)})"


GENERAL = "General"  # the reserve the policy's general band applies to, as reserves.csv names it
# The reserves a policy sets a band for: named in English in the model, in the page's language when shown.
GENERAL_RESERVES, TOTAL_RESERVES = N_("General reserves"), N_("Total reserves")


@dataclass(frozen=True)
class Verdict:
    """One reserve on one date against one rule of the policy."""

    reserve: str  # "General reserves" or "Total reserves"
    date: object
    kind: str  # actual or forecast
    amount: Decimal
    share: Decimal  # % of the net budget
    rule: str  # "between 2.5% and 3%", "at least 6%"
    verdict: str  # "within the band", "above the band's 3% maximum", ...
    met: bool


def percent_text(value: Decimal) -> str:
    """A share as the data gives it: 2.5% and 3% from the policy, 11.0% worked out to one decimal."""
    return f"{value}%"


def reserves(site: Site, yearly_totals: Callable) -> Page:
    rows = as_known(site, "reserves")
    dates = sorted({r["as_at"] for r in rows})
    totals = [(d, sum((r["amount"] for r in rows if r["as_at"] == d), Decimal(0))) for d in dates]
    names = sorted({r["reserve"] for r in rows}, key=lambda n: (n != GENERAL, n))
    by_name = {(r["reserve"], r["as_at"]): r["amount"] for r in rows}
    # Each reserve as the page names it: its Welsh name (reserve_cy) on a Welsh page, the English name its key.
    labels = {r["reserve"]: (r.get("reserve" + SUFFIX) or "").strip() or r["reserve"] for r in rows}
    labels = labels if current() == "cy" else {}
    kind = {d: next(r["kind"] for r in rows if r["as_at"] == d) for d in dates}
    budget = site.records.get("budget", [])
    net = {y: v for y, v in yearly_totals([r for r in budget if r["kind"] == "budget"])} if budget else {}

    def share_of(date, amount: Decimal) -> Decimal | None:
        year = financial_year(date)
        return (amount * 100 / net[year]).quantize(Decimal("0.1")) if year in net else None

    shares = {d: share_of(d, t) for d, t in totals}
    policy = site.profile.get("reserves_policy") or {}
    title, sentence = _reserves_sentence(totals, shares, kind, policy)
    shown = money_format([t for _d, t in totals])
    charts = [
        line_chart(
            "reserves-total",
            title,
            sentence,
            [(period_label(d, kind[d]), t) for d, t in totals],
            _(TOTAL_RESERVES),
            shown,
        )
    ]
    general = [(d, by_name[(GENERAL, d)]) for d in dates if (GENERAL, d) in by_name]
    verdicts = judged(general, totals, share_of, kind, policy)
    charts += band_charts(verdicts, policy)
    return Page(
        "money/reserves.md",
        _("Reserves"),
        "reserves.html",
        {
            "dates": dates,
            "names": names,
            "labels": labels,
            "by_name": by_name,
            "totals": dict(totals),
            "shares": shares,
            "kind": kind,
            "policy": policy,
            "sentence": sentence,
            "charts": charts,
            "verdicts": verdicts,
            "latest": latest_verdicts(verdicts),
        },
        description=sentence[:300],
        charts=True,
        sources=frozenset({"reserves", "budget"}),
    )


def judged(general, totals, share_of, kind, policy: dict) -> list[Verdict]:
    """Every reserve the policy sets a band for, on every date the net budget is known, against that band."""
    found = []
    low, high = policy.get("general_min_percent"), policy.get("general_max_percent")
    if low is not None or high is not None:
        for date, amount in general:
            share = share_of(date, amount)
            if share is not None:
                found.append(_against_band(GENERAL_RESERVES, date, kind[date], amount, share, low, high))
    minimum = policy.get("total_min_percent")
    if minimum is not None:
        for date, amount in totals:
            share = share_of(date, amount)
            if share is not None:
                found.append(_against_band(TOTAL_RESERVES, date, kind[date], amount, share, minimum, None))
    return found


def _against_band(name, date, kind, amount, share, low, high) -> Verdict:
    low = Decimal(str(low)) if low is not None else None
    high = Decimal(str(high)) if high is not None else None
    bounds = {
        "low": percent_text(low) if low is not None else "",
        "high": percent_text(high) if high is not None else "",
    }
    if low is not None and high is not None:
        rule = _("between %(low)s and %(high)s") % bounds
    elif low is not None:
        rule = _("at least %(low)s") % bounds
    else:
        rule = _("at most %(high)s") % bounds
    if low is not None and share < low:
        verdict, met = _("below the policy's %(low)s minimum") % bounds, False
    elif high is not None and share > high:
        verdict, met = _("above the policy's %(high)s maximum") % bounds, False
    else:
        verdict, met = (
            (_("within the policy's band") if high is not None else _("at or above the policy's minimum")),
            True,
        )
    return Verdict(name, date, kind, amount, share, rule, verdict, met)


def latest_verdicts(verdicts: list[Verdict]) -> list[str]:
    """A sentence per reserve on its latest actual date (else its latest date)."""
    sentences = []
    for name in dict.fromkeys(v.reserve for v in verdicts):
        mine = [v for v in verdicts if v.reserve == name]
        actual = [v for v in mine if v.kind == "actual"]
        v = (actual or mine)[-1]
        sentences.append(
            _(
                "%(reserve)s were %(amount)s on %(date)s, %(share)s of the net budget: %(verdict)s "
                "(the policy keeps them %(rule)s)."
            )
            % {
                "reserve": _(v.reserve),
                "amount": money(v.amount),
                "date": long_date(v.date),
                "share": percent_text(v.share),
                "verdict": v.verdict,
                "rule": v.rule,
            }
        )
    return sentences


def band_charts(verdicts: list[Verdict], policy: dict) -> list:
    """For each reserve the policy covers, its share of the net budget over time with the policy's band drawn."""
    charts = []
    for name, chart_id in ((GENERAL_RESERVES, "reserves-general-share"), (TOTAL_RESERVES, "reserves-total-share")):
        mine = [v for v in verdicts if v.reserve == name]
        if not mine:
            continue
        latest = ([v for v in mine if v.kind == "actual"] or mine)[-1]
        low = policy.get("general_min_percent" if name.startswith("General") else "total_min_percent")
        high = policy.get("general_max_percent") if name.startswith("General") else None
        band = (
            Decimal(str(low)) if low is not None else Decimal(0),
            Decimal(str(high)) if high is not None else None,
            _("Policy: %(rule)s") % {"rule": latest.rule},
        )
        outside = [v for v in mine if not v.met]
        charts.append(
            line_chart(
                chart_id,
                _("%(reserve)s are %(verdict)s on %(date)s (%(kind)s)")
                % {
                    "reserve": _(name),
                    "verdict": latest.verdict,
                    "date": long_date(latest.date),
                    "kind": _(latest.kind),
                },
                _(
                    "%(reserve)s as a share of the net budget, against the policy (%(rule)s): "
                    "%(within)s of %(count)s dates within it."
                )
                % {"reserve": _(name), "rule": latest.rule, "within": len(mine) - len(outside), "count": len(mine)},
                [(period_label(v.date, v.kind), v.share) for v in mine],
                _("%(reserve)s (%% of net budget)") % {"reserve": _(name)},
                percent_text,
                band=band,
            )
        )
    return charts


def _reserves_sentence(totals, shares, kind, policy) -> tuple[str, str]:
    """The chart's title (which way total reserves go) and the page's sentence (from what, to what)."""
    actual = [(d, t) for d, t in totals if kind[d] == "actual"]
    forecast = [(d, t) for d, t in totals if kind[d] == "forecast"]
    start = actual[-1] if actual else totals[0]
    end = forecast[-1] if forecast else totals[-1]

    def said(point) -> str:
        share = shares.get(point[0])
        return f"{money(point[1])}" + (
            _(" (%(share)s%% of the net budget)") % {"share": share} if share is not None else ""
        )

    titles = {
        (True, True): _("Total reserves are forecast to fall"),
        (True, False): _("Total reserves are forecast to rise"),
        (False, True): _("Total reserves are expected to fall"),
        (False, False): _("Total reserves are expected to rise"),
    }
    title = titles[bool(forecast), end[1] < start[1]]
    sentence = _("%(title)s from %(start)s on %(start_date)s to %(end)s on %(end_date)s") % {
        "title": title,
        "start": said(start),
        "start_date": long_date(start[0]),
        "end": said(end),
        "end_date": long_date(end[0]),
    }
    minimum = policy.get("total_min_percent")
    share = shares.get(end[0])
    if minimum is not None and share is not None:
        above = _("%(sentence)s, above the %(minimum)s%% minimum set by the reserves policy")
        below = _("%(sentence)s, below the %(minimum)s%% minimum set by the reserves policy")
        sentence = (above if share >= Decimal(str(minimum)) else below) % {"sentence": sentence, "minimum": minimum}
    return title, sentence + "."
