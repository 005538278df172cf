"""Figures a journalist can quote: nothing ahead of its time, the body that paid, dates, honest headlines."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from helpers import ROOT

from generator.core.formatting import money
from generator.data.load import load_package
from generator.model.records import Site, build_site
from generator.pages import all_pages


@functools.cache
def demo_site(on: dt.date) -> Site:
    """The demo data's site model as it would be built on a given day."""
    return build_site(load_package(ROOT / "data", ROOT / "content"), on)


@functools.cache
def page_paths(on: dt.date) -> frozenset[str]:
    return frozenset(page.path for page in all_pages(demo_site(on)))


def test_built_on_4_december_2026_there_is_no_report_for_the_quarter_in_progress():
    paths = page_paths(dt.date(2026, 12, 4))
    assert "reports/2026-q2-performance.md" in paths and "reports/2026-q2-resources.md" in paths
    assert not any(path.startswith("reports/2026-q3") for path in paths)


def test_a_quarter_is_reported_once_it_has_ended():
    assert "reports/2026-q3-performance.md" in page_paths(dt.date(2027, 1, 1))


def test_the_reports_page_names_the_quarter_in_progress_and_when_it_ends(site_dir):
    html = (site_dir / "reports/index.html").read_text(encoding="utf-8")
    assert "2026/27 Q3" in html and "31 December 2026" in html
    assert not (site_dir / "reports/2026-q3-performance").exists()
    assert "reports/2026-q3" not in (site_dir / "updates/index.html").read_text(encoding="utf-8")


def test_spending_after_the_handover_names_the_body_that_paid(site_dir):
    """The demo's Mayor took the functions on 7 May 2024; before that the Commissioner paid."""

    def payers(month: str) -> set[str]:
        html = (site_dir / f"spending/{month}/index.html").read_text(encoding="utf-8")
        return set(re.findall(r'data-label="Paid by">([^<]*)<', html))

    assert payers("2024-06") == {"Mayor", "Chief Constable"}
    assert payers("2024-04") == {"Commissioner", "Chief Constable"}


def test_the_data_dictionary_says_what_spending_body_means(site_dir):
    html = (site_dir / "data/spend/index.html").read_text(encoding="utf-8")
    assert "whichever body held the functions on its date" in html


def test_every_overdue_or_due_soon_duty_states_its_due_date(site_dir):
    html = (site_dir / "transparency/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="duty-[^"]+"[^>]*>(.*?)</tr>', html, re.S)
    late = [row for row in rows if "Overdue" in row or "Due soon" in row]
    assert late, "the demo has no overdue or due-soon duty to check"
    dated = re.compile(
        r"due (?:by|before|on) \d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
    )
    assert all(dated.search(row) for row in late), [row for row in late if not dated.search(row)]


def test_every_last_updated_says_what_was_updated(site_dir):
    for page in ("data/spend/index.html", "data/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert not re.search(r"(?<!dataset was )(?<!register was )(?<!Data )last updated", html, re.I), page


def test_indicator_headline_counts_only_indicators_with_a_target_and_a_current_figure(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    no_target = [i for i in site.indicators if i.target is None or not i.readings]
    out_of_date = [i for i in site.indicators if i not in no_target and i.summary.stale]
    judged = [i for i in site.indicators if i not in no_target and i not in out_of_date]
    good = [i for i in judged if i.summary.target_status.tone == "good"]
    assert no_target and out_of_date, "the demo should show both kinds of indicator left out"
    for page in ("index.html", "performance/index.html"):
        text = re.sub(r"<[^>]+>", "", (site_dir / page).read_text(encoding="utf-8"))
        assert f"{len(good)} of {len(judged)} indicators with a target and an up-to-date figure" in text, page
        assert f"{len(no_target) + len(out_of_date)}" in text


def test_a_quarterly_report_counts_indicators_by_the_same_rule_and_never_calls_an_old_figure_met(site_dir):
    site = demo_site(dt.date(2026, 12, 4))
    as_of = dt.date(2026, 10, 1)  # the day after 2026/27 Q2 ended
    latest = {i.id: [r for r in i.readings if r.period_end < as_of] for i in site.indicators}
    old = [
        i
        for i in site.indicators
        if latest[i.id] and i.target is not None and as_of - latest[i.id][-1].period_end > dt.timedelta(days=183)
    ]
    judged = [i for i in site.indicators if latest[i.id] and i.target is not None and i not in old]
    good = [
        i
        for i in judged
        if (latest[i.id][-1].value >= i.target) == (i.better == "higher") or latest[i.id][-1].value == i.target
    ]
    assert old, "the demo should have an indicator whose figure is out of date at the end of 2026/27 Q2"
    html = (site_dir / "reports/2026-q2-performance/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert f"{len(good)} of {len(judged)} indicators with a target and an up-to-date figure" in text
    assert f"{len(old)} {'has' if len(old) == 1 else 'have'} no figure from the last two quarters" in text
    for indicator in old:
        row = re.search(rf'#kpi-{indicator.slug}">.*?</tr>', html, re.S).group(0)
        assert "Out of date: not counted" in row and "Met" not in row


def test_part_years_say_so_and_a_sum_under_a_million_never_reads_as_one(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    spending = re.sub(r"<[^>]+>", "", (site_dir / "spending/index.html").read_text(encoding="utf-8"))
    assert re.search(r"2026/27 so far \(part-year, to \w+ 2026\): £", spending)
    assert re.search(r"^2025/26: £", spending, re.M), "a full year is not called part of one"
    total = sum((g.amount for g in site.grants if g.financial_year == "2021/22"), Decimal(0))
    assert total < 1_000_000, "the demo's 2021/22 grants should total under £1m"
    grants = re.sub(r"<[^>]+>", "", (site_dir / "grants/index.html").read_text(encoding="utf-8"))
    quoted = re.search(r"against £([\d.,]+)(m?) in 2021/22", grants)
    value = Decimal(quoted.group(1).replace(",", "")) * (1_000_000 if quoted.group(2) else 1)
    assert value < 1_000_000 and abs(value - total) < 5_000, quoted.group(0)


def test_ambitions_past_their_due_date_read_overdue_not_on_track(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    late = [a for a in site.ambitions if a.due and a.due < site.build_date and a.reported_status != "complete"]
    assert late, "the demo should have an unfinished ambition past its due date"
    for ambition in late:
        html = (site_dir / f"plan/{ambition.slug}/index.html").read_text(encoding="utf-8")
        status = re.search(r"<dt>Status</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
        assert "Overdue" in status and "On track</span>" not in status


def test_the_part_year_is_labelled_and_not_compared_with_full_years(site_dir):
    html = (site_dir / "grants/index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert "2026/27 so far (to 23 November 2026)" in text
    assert "2025/26, the latest full year" in text
    assert "2026/27 compared with earlier years" not in text


def sample_quantities() -> dict[str, Decimal]:
    """Sums a journalist would quote, worked out from the demo data itself: each year's grants, each
    organisation's grants and each month's spending."""
    site = demo_site(dt.date(2026, 11, 23))
    found: dict[str, Decimal] = {}
    for grant in site.grants:
        key = f"grants in {grant.financial_year}"
        found[key] = found.get(key, Decimal(0)) + grant.amount
    for organisation in site.organisations.values():
        if organisation.grants:
            found[f"grants to {organisation.name}"] = organisation.total
    for row in site.records["spend"]:
        key = f"spending in {row['date']:%Y-%m}"
        found[key] = found.get(key, Decimal(0)) + row["amount"]
    return found


@functools.cache
def site_texts(site_dir) -> dict[str, str]:
    return {str(path.relative_to(site_dir)): path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html")}


def test_a_sum_reads_the_same_on_every_page(site_dir):
    """Exactly (to the penny where it has pence) or in £m, never rounded to a pound it does not have."""
    pages = site_texts(site_dir)
    with_pence = {k: v for k, v in sample_quantities().items() if v != v.to_integral_value() and v < 1_000_000}
    assert len(with_pence) > 10 and "grants in 2026/27" in with_pence
    for name, value in with_pence.items():
        exact = money(value, exact=True)
        rounded = [money(value.quantize(Decimal(1), rounding)) for rounding in (ROUND_CEILING, ROUND_FLOOR)]
        wrong = re.compile("|".join(re.escape(r) for r in rounded) + r"(?![\d.,])")
        shown = [path for path, html in pages.items() if exact in html]
        assert shown, f"{name} ({exact}) appears on no page"
        misread = [path for path, html in pages.items() if wrong.search(html)]
        assert not misread, f"{name} is {exact} but reads as {' or '.join(rounded)} on {misread[:3]}"
    grants_this_year = money(with_pence["grants in 2026/27"], exact=True)
    assert (
        grants_this_year in pages["grants/index.html"] and grants_this_year in pages["grants/year-2026-27/index.html"]
    )


def test_the_decisions_log_shows_and_sorts_by_amount(site_dir):
    import json

    rows = json.loads((site_dir / "decisions/explorer.json").read_text(encoding="utf-8"))["rows"]
    html = (site_dir / "decisions/index.html").read_text(encoding="utf-8")
    assert re.search(r'<th scope="col" class="num"><button type="button" class="sort">Amount</button></th>', html)
    site = demo_site(dt.date(2026, 11, 23))
    by_reference = {d.reference: d for d in site.decisions}
    with_sums = 0
    for row in rows:
        decision = by_reference[row["cells"][0]["text"]]
        amount = row["cells"][2]
        assert amount["num"]
        if decision.amount is not None:
            with_sums += 1
            assert amount["text"] == money(decision.amount, exact=True) and Decimal(amount["sort"]) == decision.amount
    assert with_sums > 5
    year = (site_dir / "decisions/year-2025-26/index.html").read_text(encoding="utf-8")
    assert '<th scope="col" class="num">Amount</th>' in year


def test_the_grants_download_names_every_recipient(built):
    import csv
    import json

    site = demo_site(dt.date(2026, 11, 23))
    with open(built / "site/data/grants.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["Recipient Org:Name"] == site.organisations[r["Recipient Org:Identifier"]].name for r in rows)
    records = json.loads((built / "site/data/grants.json").read_text(encoding="utf-8"))
    assert all(r["Recipient Org:Name"] for r in records)


def page_text(site_dir, path: str) -> str:
    """A page's words as a reader meets them: tags dropped, entities read, spaces collapsed."""
    import html as html_lib

    raw = (site_dir / path).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_the_funding_trend_compares_budget_with_budget_and_says_so(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    budgets: dict[str, Decimal] = {}
    for row in site.records["funding"]:
        if row["kind"] == "budget":
            budgets[row["financial_year"]] = budgets.get(row["financial_year"], Decimal(0)) + row["amount"]
    first, last = min(budgets), max(budgets)
    change = (budgets[last] - budgets[first]) * 100 / budgets[first]
    text = page_text(site_dir, "money/index.html")
    assert f"Budgeted funding rose by {change.quantize(Decimal('0.1'))}% from {first} to {last}" in text
    assert "compares budget with budget" in text


def test_the_money_page_explains_the_gap_between_funding_and_spending(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    year = max(r["financial_year"] for r in site.records["budget"])
    received = sum(
        r["amount"] for r in site.records["funding"] if r["financial_year"] == year and r["kind"] == "forecast"
    )
    spent = sum(r["amount"] for r in site.records["budget"] if r["financial_year"] == year and r["kind"] == "forecast")
    text = page_text(site_dir, "money/index.html")
    assert (
        f"funding at {money(received)} and spending at {money(spent)}: {money(spent - received)} more is spent" in text
    )
    assert "met from reserves" not in text and "outside the yearly budget" not in text, "no reason the data lacks"
    reserves = site.records["reserves"]
    totals = {d: sum(r["amount"] for r in reserves if r["as_at"] == d) for d in {r["as_at"] for r in reserves}}
    start, end = int(year[:4]), int(year[:4]) + 1
    change = totals[dt.date(end, 3, 31)] - totals[dt.date(start, 3, 31)]
    assert change < 0 and f"Total reserves are forecast to fall by {money(-change)}" in text
    difference = abs(change + spent - received)
    assert difference >= 50_000, "the demo's forecast gap and change in reserves differ"
    assert f"differ by {money(difference)}. The published figures do not show what makes up the difference." in text


def test_precept_and_council_tax_income_each_say_what_they_are_and_link_to_each_other(site_dir):
    money_page = (site_dir / "money/index.html").read_text(encoding="utf-8")
    tax_page = (site_dir / "money/council-tax/index.html").read_text(encoding="utf-8")
    assert 'money/council-tax/"' in money_page.split('id="funding-and-spending"')[1]
    assert 'money/#funding-and-spending"' in tax_page
    for text in (page_text(site_dir, "money/index.html"), page_text(site_dir, "money/council-tax/index.html")):
        assert "council tax income for 2026/27 is £131.4m" in text and "The precept raised for 2026/27" in text
        assert "£133.5m" in text


def test_the_reserves_page_judges_each_reserve_against_each_band(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    policy = site.profile["reserves_policy"]
    text = page_text(site_dir, "money/reserves/index.html")
    general = {r["as_at"]: r["amount"] for r in site.records["reserves"] if r["reserve"] == "General"}
    net = sum(r["amount"] for r in site.records["budget"] if r["financial_year"] == "2025/26" and r["kind"] == "budget")
    # The latest balance known to be actual: the data is dated 12 February 2026, so 31 March 2025's.
    net = sum(r["amount"] for r in site.records["budget"] if r["financial_year"] == "2024/25" and r["kind"] == "budget")
    share = (general[dt.date(2025, 3, 31)] * 100 / net).quantize(Decimal("0.1"))
    assert share > Decimal(str(policy["general_max_percent"]))
    assert (
        f"General reserves were {money(general[dt.date(2025, 3, 31)])} on 31 March 2025, {share}% of the net budget: "
        f"above the policy's {policy['general_max_percent']}% maximum" in text
    )
    assert "Total reserves were" in text and "at or above the policy's minimum" in text
    html = (site_dir / "money/reserves/index.html").read_text(encoding="utf-8")
    general_chart = html.split('id="reserves-general-share"')[1].split("</figure>")[0]
    total_chart = html.split('id="reserves-total-share"')[1].split("</figure>")[0]
    assert '<rect class="chart__band"' in general_chart and "Policy: between 2.5% and 3%" in general_chart
    assert '<line class="chart__band-line"' in total_chart and "Policy: at least 6%" in total_chart


def test_glossary_links_only_the_first_use_in_prose():
    from generator.model.glossary import link_first_uses, terms_of

    terms = terms_of(
        [
            {"term": "Band D", "also_written": "", "definition": "x"},
            {"term": "Precept", "also_written": "police precept", "definition": "x"},
        ]
    )
    html = '<h2>Band D</h2><p title="Band D">The police precept for a Band D home; Band D again, and band d.</p><a href="#">Precept</a>'
    linked = link_first_uses(html, terms, "../glossary/")
    assert linked.count('class="glossary-term"') == 2
    assert (
        '<h2>Band D</h2><p title="Band D">The <a class="glossary-term" href="../glossary/#precept">police precept</a>'
        in linked
    )
    assert 'a <a class="glossary-term" href="../glossary/#band-d">Band D</a> home; Band D again, and band d.' in linked


def test_glossary_links_the_first_use_across_a_pages_text_parts_the_same_way_however_it_is_searched():
    from generator.model.glossary import link_first_uses, terms_of

    terms = terms_of(
        [
            {"term": "Reserves", "also_written": "", "definition": "x"},
            {"term": "Council tax", "also_written": "", "definition": "x"},
            {"term": "Council", "also_written": "", "definition": "x"},
        ]
    )
    html = (
        "<table><tr><td>Total</td><td>£1,000</td></tr><tr><td>reserves-led</td><td>Council tax and council</td>"
        "</tr></table><p>Reserves<em>held</em>; council tax again</p><p>The council's reserves.</p>"
    )
    linked = link_first_uses(html, terms, "../glossary/")
    # "reserves-led" is not the term; "Council tax" (listed first) wins where both start; "council" comes after it.
    assert linked == (
        '<table><tr><td>Total</td><td>£1,000</td></tr><tr><td>reserves-led</td><td><a class="glossary-term" '
        'href="../glossary/#council-tax">Council tax</a> and <a class="glossary-term" href="../glossary/#council">'
        'council</a></td></tr></table><p><a class="glossary-term" href="../glossary/#reserves">Reserves</a>'
        "<em>held</em>; council tax again</p><p>The council's reserves.</p>"
    )
    # A page holding the character that joins its text parts for the search is searched part by part: same links.
    odd = link_first_uses(html.replace("Total", "Total\x00"), terms, "../glossary/")
    assert odd == linked.replace("Total", "Total\x00")


def test_glossary_links_a_use_written_with_a_letter_that_only_matches_in_any_case():
    from generator.model.glossary import link_first_uses, terms_of

    terms = terms_of([{"term": "Reserves", "also_written": "", "definition": "x"}])
    # The long s (ſ) is an s to a pattern matching in any case: the quick look for terms must not miss it.
    linked = link_first_uses("<p>£5m of RESERVES; reſerves</p>", terms, "../glossary/")
    assert linked == '<p>£5m of <a class="glossary-term" href="../glossary/#reserves">RESERVES</a>; reſerves</p>'
    linked = link_first_uses("<p>£5m of reſerves</p>", terms, "../glossary/")
    assert linked == '<p>£5m of <a class="glossary-term" href="../glossary/#reserves">reſerves</a></p>'
    assert link_first_uses("<p>£5m of savings</p>", terms, "../glossary/") == "<p>£5m of savings</p>"


def test_the_quick_search_for_terms_finds_where_they_start_as_the_full_one_does():
    from generator.model.glossary import _ascii_starts, _starts, terms_of

    terms = tuple(
        terms_of(
            [
                {"term": "Reserves", "also_written": "general reserves", "definition": "x"},
                {"term": "HMICFRS", "also_written": "", "definition": "x"},
                {"term": "Council tax", "also_written": "", "definition": "x"},
                {"term": "Council", "also_written": "", "definition": "x"},
            ]
        )
    )
    text = "reserves-led HMICFRS;Council tax and COUNCIL, general reserves\x00Reserves xreserves -reserves _Council hmicfrs"
    quick = [m.start() for m in _ascii_starts(terms).finditer(text)]
    assert quick == [m.start() for m in _starts(terms).finditer(text)] == [13, 21, 37, 46, 54, 63]


def test_the_glossary_explains_each_term_and_every_page_links_to_it(site_dir):
    text = page_text(site_dir, "glossary/index.html")
    for term in (
        "Band D",
        "Precept",
        "Reserves",
        "POCA",
        "Section 151 officer",
        "Atom feed",
        "360Giving",
        "HMICFRS",
        "PEEL",
        "IOPC",
        "The Order's paragraph numbers",
    ):
        assert term in text, term
    for page in ("index.html", "money/council-tax/index.html", "transparency/index.html", "grants/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert re.search(r'<a href="[./]*glossary/">Glossary</a>', html), page
    tax = (site_dir / "money/council-tax/index.html").read_text(encoding="utf-8")
    assert tax.count('glossary/#band-d"') == 1
    duties = (site_dir / "transparency/index.html").read_text(encoding="utf-8")
    assert "glossary/#the-order-s-paragraph-numbers" in duties
    inspections = (site_dir / "transparency/inspections/index.html").read_text(encoding="utf-8")
    assert 'glossary/#hmicfrs">HMICFRS</a>' in inspections


def test_indicator_charts_name_the_value_axis_in_its_unit_and_quarter_labels_never_collide(site_dir):
    site = demo_site(dt.date(2026, 11, 23))
    titles = {"percent": "Per cent (%)", "count": "Number", "days": "Days", "gbp": "Pounds (£)"}
    html = (site_dir / "performance/index.html").read_text(encoding="utf-8")
    html += "".join(
        (site_dir / f"priorities/{p.slug}/index.html").read_text(encoding="utf-8") for p in site.priorities.values()
    )
    seen = 0
    for indicator in (i for i in site.indicators if i.readings):
        match = re.search(rf'id="trend-{indicator.slug}".*?</figure>', html, re.S)
        if not match:
            continue
        seen += 1
        chart = match.group(0)
        assert f'<text class="chart__axis-title" x="0" y="16">{titles[indicator.unit]}</text>' in chart.replace(
            "&#163;", "£"
        )
        boxes = []
        for x, anchor, label in re.findall(
            r'<text class="chart__period" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)</text>', chart
        ):
            width = len(label) * 9.5  # a generous width per character at the chart's 16-unit text
            left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
            boxes.append((left, left + width))
        assert len(boxes) >= 2
        assert all(a[1] + 4 <= b[0] for a, b in zip(boxes, boxes[1:], strict=False)), (indicator.id, boxes)
    assert seen >= 5


def test_the_home_page_sums_every_grant_from_its_first_financial_year_to_its_last(site_dir):
    # Read from grants.csv itself, not from the model the page is made from.
    import csv

    with (ROOT / "data/grants.csv").open(encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if not row.get("withdrawn")]
    total = sum((Decimal(row["Amount Awarded"]) for row in rows), Decimal(0))
    years = sorted(
        f"{start}/{str(start + 1)[-2:]}"
        for start in (
            d.year if d.month >= 4 else d.year - 1 for d in (dt.date.fromisoformat(r["Award Date"]) for r in rows)
        )
    )
    assert years[0] != years[-1], "the demo's grants should span more than one year"
    text = page_text(site_dir, "index.html")
    assert f"{money(total)} in {len(rows)} grants, {years[0]} to {years[-1]}" in text, text[:2000]
