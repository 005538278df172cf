"""A payments compliance period during which the functions passed to a new body: each body's part shown apart."""

from __future__ import annotations

import re

import pytest
from helpers import copy_project, run_build


@pytest.fixture(scope="module")
def handed_over(tmp_path_factory):
    """The demo with the Mayor taking the functions on 1 July 2026, half way through April to September 2026."""
    project = copy_project(tmp_path_factory.mktemp("handover") / "project")
    profile = project / "data" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace("since: 2024-05-07", "since: 2026-07-01").replace("until: 2024-05-06", "until: 2026-06-30"),
        encoding="utf-8",
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_a_period_spanning_the_handover_shows_each_bodys_part(handed_over):
    html = (handed_over / "site/money/payment-times/index.html").read_text(encoding="utf-8")
    section = html.split('id="period-2026-04-to-2026-09"')[1].split("<h2")[0]
    assert (
        "The police and crime functions passed from the Police and Crime Commissioner for South Yorkshire "
        "(Alex Example) to the Mayor of South Yorkshire (Sam Example) on 1 July 2026, part way through this period"
    ) in section
    headings = re.findall(r"<h3 [^>]*>([^<]+)</h3>", section)
    assert headings == [
        "Paid by the Commissioner, 1 April 2026 to 30 June 2026",
        "Paid by the Mayor, 1 July 2026 to 30 September 2026",
        "Paid by the Chief Constable",
    ]
    # Each part counts only its own body's payments, in its own dates: together they are the whole period's.
    counts = [int(n) for n in re.findall(r'<th scope="row">All</th>\s*<td class="num">(\d+)</td>', section)]
    before, after = re.findall(
        r"From (1 April 2026 to 30 June 2026|1 July 2026 to 30 September 2026), (\d+) invoices", section
    )
    assert [int(before[1]), int(after[1])] == counts[:2] and min(counts[:2]) > 0
    # The next period, wholly the Mayor's, is shown as before: one part, not split.
    later = html.split('id="period-2026-10-to-2027-03"')[1].split("<h2")[0]
    assert "part way through this period" not in later and re.search(r"<h3 [^>]*>Paid by the Mayor</h3>", later)
    # A period before it, wholly the Commissioner's, is the Commissioner's alone.
    earlier = html.split('id="period-2026-01-to-2026-03"')[1].split("<h2")[0]
    assert re.search(r"<h3 [^>]*>Paid by the Commissioner</h3>", earlier) and "Paid by the Mayor" not in earlier
