"""`make serve` preview: a data problem shows on the page in the browser, and goes when the file is fixed."""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

from helpers import BUILD_EPOCH, MKDOCS, ROOT

from generator.build import assemble
from generator.build.preview import RecordWriter
from generator.core import installed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url: str, wanted, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if wanted(text):
                return text
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched; last page:\n{text[:2000]}")


@contextlib.contextmanager
def preview(project, dirty: bool = True):
    """`mkdocs serve` on the project: yields (server, base address); what it printed is in server.terminal
    once it has stopped (kept in a file, so a long log can never fill a pipe and stall the server)."""
    port = free_port()
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [MKDOCS, "serve", *(["--dirty"] if dirty else []), "-a", f"127.0.0.1:{port}"]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            yield server, f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.seek(0)
            server.terminal = log.read()


def test_problem_shows_in_preview_then_clears(project):
    grants = project / "data" / "grants.csv"
    good = grants.read_text(encoding="utf-8")
    grants.write_text(good.replace(",34550,", ",£34550,", 1), encoding="utf-8")
    with preview(project, dirty=False) as (server, base):
        page = html.unescape(fetch_until(base, lambda t: "site-problems" in t))
        assert 'data/grants.csv, row 2, column "Amount Awarded": "£34550" is not a number; write 34550' in page
        time.sleep(1.5)
        grants.write_text(good, encoding="utf-8")
        fetch_until(base, lambda t: "At a glance" in t and "site-problems" not in t)
        fetch_until(base + "grants/", lambda t: "All grants" in t)
    # The terminal, which said what was wrong, says when nothing is any more (once, not on every rebuild).
    terminal = server.terminal
    assert terminal.count(assemble.PROBLEMS_FIXED) == 1
    assert terminal.index('"£34550" is not a number') < terminal.index(assemble.PROBLEMS_FIXED)


def test_dirty_preview_updates_every_page_that_shows_an_edit(project):
    """An edited decision shows on its own page and on the grants that cite it; other pages are skipped."""
    with preview(project) as (_, base):
        fetch_until(base + "decisions/2024-005/", lambda t: "Victims of Crime awards 2024/25" in t)
        record = project / "content/decisions/2024-005.md"
        time.sleep(1.5)
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "title: Victims of Crime awards 2024/25", "title: Victims fund awards, corrected"
            ),
            encoding="utf-8",
        )
        fetch_until(base + "decisions/2024-005/", lambda t: "Victims fund awards, corrected" in t)
        grant = next(
            line.split(",")[0].lower()
            for line in (project / "data/grants.csv").read_text(encoding="utf-8").splitlines()
            if ",2024/005," in line
        )
        fetch_until(base + f"grants/{grant}/", lambda t: "Victims fund awards, corrected" in t)
        fetch_until(base + "decisions/year-2024-25/", lambda t: "Victims fund awards, corrected" in t)
        time.sleep(1.5)
        record = project / "content/decisions/2026-020.md"
        record.write_text(
            record.read_text(encoding="utf-8").replace(
                "title: Refresh of the Police and Crime Plan", "title: Plan refreshed"
            ),
            encoding="utf-8",
        )
        fetch_until(base, lambda t: "Latest decision: <a" in t and "Plan refreshed" in t)


def test_dirty_preview_serves_an_edited_grant_and_then_its_downloads(project):
    """A rebuild serves the edited grant's page first; the downloads that show it follow (made after the pages)."""
    grants = project / "data" / "grants.csv"
    good = grants.read_text(encoding="utf-8")
    identifier = good.splitlines()[1].split(",")[0]
    with preview(project) as (_, base):
        fetch_until(base + "data/grants.csv", lambda t: ",34550," in t)
        time.sleep(1.5)
        grants.write_text(good.replace(",34550,", ",34551.25,", 1), encoding="utf-8")
        fetch_until(base + f"grants/{identifier.lower()}/", lambda t: "£34,551.25" in t)
        fetch_until(base + "data/grants.csv", lambda t: ",34551.25," in t and ",34550," not in t)
        fetch_until(base + "data/grants.json", lambda t: "34551.25" in t)


def test_broken_csv_shows_on_every_page_of_the_preview_and_clears_everywhere(project):
    """Under `make serve` (--dirty), a data problem shows on hand-written and generated pages alike."""
    budget = project / "data" / "budget.csv"
    good = budget.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    cells = lines[1].rstrip("\n").split(",")
    cells[3] = "lots"
    budget.write_text(lines[0] + ",".join(cells) + "\n" + "".join(lines[2:]), encoding="utf-8")
    message = 'data/budget.csv, row 2, column "amount": "lots" is not a number'
    pages = ["", "grants/", "about/", "decisions/2024-005/"]
    with preview(project) as (server, base):
        for page in pages:
            assert message in html.unescape(fetch_until(base + page, lambda t: "site-problems" in t))
        time.sleep(1.5)
        budget.write_text(good, encoding="utf-8")
        for page in pages:
            fetch_until(base + page, lambda t: "site-problems" not in t and "</html>" in t)
        time.sleep(1.5)
        budget.write_text(good.replace(",budget\n", ",bugdet\n", 1), encoding="utf-8")
        for page in pages:
            fetch_until(base + page, lambda t: "site-problems" in t and "bugdet" in t)
    assert message in server.terminal  # the terminal lists the problems too


def test_a_row_with_too_many_cells_shows_in_preview_and_its_page_is_not_served_stale(project):
    """A pound sign and a thousands comma typed into a CSV without quotes split the amount into two cells: the
    preview lists the problem on every page, and that grant's page says what is wrong (not the grant as it was),
    until it is fixed."""
    grants = project / "data" / "grants.csv"
    good = grants.read_text(encoding="utf-8")
    first = good.splitlines()[1]
    grant = first.split(",")[0].lower()
    width = len(good.splitlines()[0].split(","))
    with preview(project) as (_, base):
        fetch_until(base + f"grants/{grant}/", lambda t: "</html>" in t, timeout=120)
        time.sleep(1.5)
        grants.write_text(good.replace(first, first.replace(",34550,", ",£1,000,"), 1), encoding="utf-8")
        for page in ["", "about/", "grants/", "decisions/2024-005/"]:
            shown = html.unescape(fetch_until(base + page, lambda t: "site-problems" in t))
            assert f"row 2: has {width + 1} cells but there are {width} column headings; a comma inside" in shown, page
            assert "The data has 1 problem" in shown  # not also its cells, out of place, column by column
        # Left out, not served as it was: its page says what is wrong and shows the row's cells as read.
        held = html.unescape(fetch_until(base + f"grants/{grant}/", lambda t: "held-back" in t))
        assert "This grant is left out of the preview: its row has 1 problem" in held
        assert first.replace(",34550,", ",£1,000,") in held
        time.sleep(1.5)
        grants.write_text(good, encoding="utf-8")
        for page in ["", "about/", "grants/", f"grants/{grant}/"]:
            fetch_until(base + page, lambda t: "site-problems" not in t and "</html>" in t)


def comparable(page: str) -> str:
    """The page with its spacing evened out and its policy's script sources left out."""
    return re.sub(r"\s+", " ", re.sub(r"script-src [^;]*;", "script-src ...;", page)).strip()


def test_dirty_preview_shows_every_record_page_as_the_build_publishes_it(built):
    """In `make serve`, record pages are put into their kind's page chrome by the plugin, not MkDocs: each
    must read exactly as the published page, apart from the preview's address, its reload script and the
    script sources its security policy allows (the reload script is inline)."""
    site = built / "site"
    address = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8")).group(1)
    records = sorted(
        p.parent.relative_to(site).as_posix()
        for folder in ("grants", "organisations", "decisions", "spending", "priorities")
        for p in (site / folder).glob("*/index.html")
    )
    assert len(records) > 150

    def served_as_published(base: str) -> None:
        for record in records:
            served = fetch_until(f"{base}{record}/", lambda t: "</html>" in t)
            served = served.replace(base, address)
            served = re.sub(r"<script>\s*var livereload = .*?</script>", "", served, flags=re.S)
            published = (site / record / "index.html").read_text(encoding="utf-8")
            assert comparable(served) == comparable(published), record

    decision = built / "content/decisions/2024-005.md"
    original = decision.read_text(encoding="utf-8")
    with preview(built) as (_, base):
        fetch_until(base, lambda t: "</html>" in t, timeout=120)
        served_as_published(base)
        # Rebuilds keep each kind's chrome while what surrounds every page is unchanged: after an edit and its
        # undoing, every record page (the ones the edit touched, and those that gave their kind's chrome
        # before) must still read as published.
        try:
            for text in (original.replace("title: Victims of Crime awards", "title: Victims awards"), original):
                time.sleep(1.5)
                decision.write_text(text, encoding="utf-8")
                title = re.search(r"^title: (.+)$", text, re.MULTILINE).group(1)
                fetch_until(base + "decisions/2024-005/", lambda t, title=title: title in t)
        finally:
            decision.write_text(original, encoding="utf-8")
        served_as_published(base)


def test_a_decision_with_a_problem_keeps_its_page_and_what_cites_it_says_why_it_is_left_out(tmp_path):
    """The preview's pages for a decision whose date is impossible, and for the grants citing it: each at its own
    address, the decision naming its problem, the grants saying they are left out only because of what they cite."""
    project = tmp_path / "office"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exampleshire", project)
    record = project / "content" / "decisions" / "2025-001.md"
    record.write_text(record.read_text(encoding="utf-8").replace("'2025-06-10'", "'2025-06-31'"), encoding="utf-8")
    result, error = assemble.prepare_preview(project / "data", project / "content", installed.theme_dir())
    assert error is not None and result is not None
    shown = {page.path: html.unescape(assemble.render(result, page)) for page in result.pages}
    decision = shown["decisions/2025-001.md"]
    assert "This decision is left out of the preview: its file has 1 problem" in decision
    assert 'content/decisions/2025-001.md, key "date": "2025-06-31" is not a real date' in decision
    assert "<dt>title</dt>\n  <dd>Victims Fund and Community Safety Fund awards 2025/26</dd>" in decision
    grant = shown["grants/360g-exmpboard-2025-002.md"]
    assert "This grant is left out of the preview: it refers to something that has a problem" in grant
    assert "<li>Decision Reference: 2025/001</li>" in grant
    assert "is not the reference of any decision" not in grant  # it is: that decision is only left out


def test_the_preview_of_a_site_in_welsh_says_the_welsh_pages_are_made_by_build(tmp_path):
    from welsh_office import make_welsh_office

    project = make_welsh_office(tmp_path / "office")
    with preview(project, dirty=False) as (_, base):
        page = fetch_until(base, lambda t: "site-preview-languages" in t)
        assert "Preview in English only." in page and "<code>transparency build</code>" in page
        assert 'hreflang="cy"' not in page  # no switch to Welsh pages the preview does not have


def test_a_plan_ambition_with_a_problem_keeps_its_page_with_the_problem(project):
    """An ambition whose due date is impossible answers at its own address with what is wrong and what it says."""
    plan = project / "data" / "plan.csv"
    plan.write_text(plan.read_text(encoding="utf-8").replace(",2026-03-31,", ",2026-02-31,", 1), encoding="utf-8")
    result, error = assemble.prepare_preview(project / "data", project / "content", installed.theme_dir())
    assert error is not None and result is not None
    pages = {page.path: page for page in result.pages}
    shown = html.unescape(assemble.render(result, pages["plan/vp-01.md"]))
    assert "This ambition is left out of the preview: its row has 1 problem" in shown
    assert 'data/plan.csv, row 2, column "due": "2026-02-31" is not a date; February 2026 has 28 days' in shown
    assert "Commission an independent domestic violence adviser service" in shown  # what the row says now
    assert "plan/vp-02.md" in pages and pages["plan/vp-02.md"].template == "ambition.html"  # the others as they are


def test_an_unreadable_data_file_keeps_the_last_good_site_with_a_banner_then_recovers(project):
    """A data file that cannot be read at all is not taken for one never published: the preview keeps the site as
    last built, every page names the file and the problem, and the site comes back when the file is fixed."""
    updates = project / "data" / "plan_updates.csv"
    good = updates.read_bytes()
    with preview(project) as (server, base):
        fetch_until(base + "plan/vp-01/", lambda t: "Commission an independent domestic violence" in t, timeout=120)
        time.sleep(1.5)
        updates.write_bytes(good.replace(b"e", b"\xe9", 1))  # saved as Windows-1252, not UTF-8
        for address in ("", "plan/", "plan/vp-01/"):
            page = html.unescape(fetch_until(base + address, lambda t: "site-problems" in t))
            assert "data/plan_updates.csv, row 1: is not saved as UTF-8 text" in page
            assert "This preview shows the site as it was before the change that caused it." in page
            assert "would not be built until it is fixed" in page
        plan = html.unescape(fetch_until(base + "plan/vp-01/", lambda t: "site-problems" in t))
        assert "Page not found" not in plan and "Commission an independent domestic violence" in plan
        time.sleep(1.5)
        updates.write_bytes(good)
        for address in ("", "plan/vp-01/"):
            fetch_until(base + address, lambda t: "site-problems" not in t and "</html>" in t)
    assert "data/plan_updates.csv, row 1: is not saved as UTF-8 text" in server.terminal


def test_after_two_edits_every_page_served_reads_as_a_full_build_of_the_edited_data(project, tmp_path):
    """A decision's title and a grant's amount are edited, each saved once, while `transparency serve` runs (MkDocs'
    serve --dirty): every page the preview then serves, the edited records and every list, organisation page,
    priority and total that shows them (record pages are written after the rebuild, or when first asked for),
    reads exactly as the page a full build of the edited data publishes."""
    decision = project / "content/decisions/2024-005.md"
    grants = project / "data/grants.csv"
    identifier = grants.read_text(encoding="utf-8").splitlines()[1].split(",")[0].lower()
    with preview(project) as (_, base):
        fetch_until(base + "decisions/2024-005/", lambda t: "Victims of Crime awards 2024/25" in t, timeout=120)
        time.sleep(1.5)
        decision.write_text(
            decision.read_text(encoding="utf-8").replace("title: Victims of Crime awards", "title: Victims awards"),
            encoding="utf-8",
        )
        fetch_until(base + "decisions/2024-005/", lambda t: "Victims awards 2024/25" in t)
        time.sleep(1.5)
        grants.write_text(grants.read_text(encoding="utf-8").replace(",34550,", ",34551.25,", 1), encoding="utf-8")
        fetch_until(base + f"grants/{identifier}/", lambda t: "£34,551.25" in t)
        full = shutil.copytree(project, tmp_path / "full")
        build = subprocess.run(
            [MKDOCS, "build", "--quiet"],
            cwd=full,
            env=os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
        )
        assert build.returncode == 0, build.stderr
        site = full / "site"
        address = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8")).group(1)
        pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
        different = []
        for page in pages:
            folder = "" if page == "." else page + "/"
            served = fetch_until(base + folder, lambda t: "</html>" in t)
            served = re.sub(r"<script>\s*var livereload = .*?</script>", "", served.replace(base, address), flags=re.S)
            if comparable(served) != comparable((site / page / "index.html").read_text(encoding="utf-8")):
                different.append(page)
        for rows in ("grants/explorer.json", "decisions/explorer.json"):  # made after the pages, with the downloads
            published = (site / rows).read_text(encoding="utf-8")
            fetch_until(base + rows, lambda t, published=published: t == published)
    assert len(pages) > 250
    assert different == []


def test_record_pages_left_for_after_a_rebuild_are_written_before_they_are_served(tmp_path):
    """In preview the changed record pages are written after the rebuild: one asked for is written at once, the
    rest by a thread; a rebuild that begins first leaves the unwritten ones to be compared again, and a page that
    cannot be made is taken away rather than served as it was."""
    writer = RecordWriter()
    writer.later = True
    made = []

    def render(version: int):
        def page(path: str) -> str:
            if version == 3 and path == "grants/b.md":
                raise ValueError("a broken template")
            made.append(path)
            return f"{path}, version {version}"

        return page

    pages = {"grants/a.md": ("a1", "shell"), "grants/b.md": ("b1", "shell")}
    writer.write(tmp_path, pages, render(1))
    assert made == []  # nothing is written during the rebuild
    writer.ensure("grants/b/index.html")
    assert (tmp_path / "grants/b/index.html").read_text(encoding="utf-8") == "grants/b.md, version 1"
    assert not (tmp_path / "grants/a/index.html").exists()
    writer.ensure("grants/a/other.html")  # not a page of the site's records: nothing to do
    writer.stop()  # the next rebuild begins before the thread wrote a
    writer.write(tmp_path, pages, render(2))
    assert list(writer.queue) == ["grants/a/index.html"]  # b is on disk as it is now; a still to be written
    followed = []
    writer.start(then=lambda: followed.append("downloads"))
    writer.thread.join()
    assert (tmp_path / "grants/a/index.html").read_text(encoding="utf-8") == "grants/a.md, version 2"
    assert followed == ["downloads"]
    writer.write(tmp_path, {"grants/a.md": ("a1", "shell"), "grants/b.md": ("b3", "shell")}, render(3))
    writer.ensure("grants/b/index.html")
    assert not (tmp_path / "grants/b/index.html").exists()  # not the page as it was
    assert "grants/b.md" not in writer.written  # the next rebuild tries again
