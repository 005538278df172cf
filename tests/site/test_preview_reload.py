"""`make serve` in a browser: a page left open reloads itself after an edit, with no script blocked, and a record
with a problem keeps its page, saying what is wrong, until it is fixed."""

from __future__ import annotations

import html
import shutil
import time

from helpers import ROOT
from test_preview import fetch_until, preview


def test_an_open_page_reloads_itself_after_an_edit(project, browser):
    record = project / "content/decisions/2024-005.md"
    with preview(project) as (_, base):
        fetch_until(base + "decisions/2024-005/", lambda t: "Victims of Crime awards 2024/25" in t, timeout=120)
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "decisions/2024-005/", wait_until="load")
        page.wait_for_timeout(1500)  # the page is watching for rebuilds
        record.write_text(
            record.read_text(encoding="utf-8").replace("title: Victims of Crime awards", "title: Victims fund awards"),
            encoding="utf-8",
        )
        # No navigation by the test: the page must reload itself to show the new title.
        # (While it reloads, the page may for a moment have no heading yet.)
        page.wait_for_function("() => document.querySelector('h1')?.textContent.includes('Victims fund awards')")
        context.close()
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_a_grant_with_a_problem_keeps_its_page_with_the_problem_and_comes_back_when_fixed(tmp_path, browser):
    """A grant whose amount is mistyped answers at its own address with what is wrong (not "Page not found"),
    the rest of the site as it was; the open page reloads itself when the file is broken and again when fixed."""
    project = tmp_path / "office"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exampleshire", project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    grants = project / "data" / "grants.csv"
    good = grants.read_text(encoding="utf-8")
    address = "grants/360g-exmpboard-2025-001/"
    with preview(project) as (_, base):
        fetch_until(base + address, lambda t: "£42,000" in t, timeout=120)
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + address, wait_until="load")
        page.wait_for_timeout(1500)  # the page is watching for rebuilds
        grants.write_text(good.replace(",42000,", ",£42000,", 1), encoding="utf-8")
        page.wait_for_selector(".held-back", timeout=60_000)  # reloaded by itself, no navigation by the test
        text = page.inner_text("main")
        assert "Page not found" not in text
        assert page.inner_text("h1") == "Victims' helpline"
        assert "This grant is left out of the preview: its row has 1 problem" in text
        problem = 'data/grants.csv, row 2, column "Amount Awarded": "£42000" is not a number; write 42000'
        assert problem in page.inner_text(".held-back")
        assert "360G-EXMPBOARD-2025-001" in text and "Funding for an evening helpline" in text  # what it says now
        # The rest of the site is unaffected: the other grant keeps its page, with the problem listed on it.
        other = html.unescape(fetch_until(base + "grants/360g-exmpboard-2025-002/", lambda t: "site-problems" in t))
        assert "Young drivers' workshops" in other
        assert "£12,500" in other and "held-back" not in other
        time.sleep(1.5)
        grants.write_text(good, encoding="utf-8")
        page.wait_for_function(
            "() => !document.querySelector('.site-problems, .held-back') && document.querySelector('main')"
            " && document.querySelector('main').innerText.includes('£42,000')",
            timeout=60_000,
        )
        assert page.inner_text("h1") == "Victims' helpline"
        context.close()


def test_a_plan_ambition_with_a_problem_keeps_its_page_and_comes_back_when_fixed(project, browser):
    """An ambition whose due date is mistyped answers at its own address with what is wrong; the open page
    reloads itself when the file is broken and again when it is fixed."""
    plan = project / "data" / "plan.csv"
    good = plan.read_text(encoding="utf-8")
    address = "plan/vp-01/"
    with preview(project) as (_, base):
        fetch_until(base + address, lambda t: "Commission an independent domestic violence" in t, timeout=120)
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + address, wait_until="load")
        page.wait_for_timeout(1500)  # the page is watching for rebuilds
        plan.write_text(good.replace(",2026-03-31,", ",2026-02-31,", 1), encoding="utf-8")
        page.wait_for_selector(".held-back", timeout=60_000)  # reloaded by itself, no navigation by the test
        text = page.inner_text("main")
        assert "Page not found" not in text
        assert "This ambition is left out of the preview: its row has 1 problem" in text
        assert '"2026-02-31" is not a date; February 2026 has 28 days' in page.inner_text(".held-back")
        time.sleep(1.5)
        plan.write_text(good, encoding="utf-8")
        page.wait_for_function(
            "() => !document.querySelector('.site-problems, .held-back') && document.querySelector('main')"
            " && document.querySelector('main').innerText.includes('Commission an independent domestic violence')",
            timeout=60_000,
        )
        context.close()
