"""`make serve` in a browser: a page left open reloads itself after an edit, with no script blocked."""

from __future__ import annotations

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
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('Victims fund awards')")
        context.close()
    assert [e for e in errors if "Content Security Policy" in e] == []
