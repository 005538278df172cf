"""Wording for any body: a policing and crime board (which decides together, at a meeting) reads naturally on
every page type, with no "Commissioner" or he/she put there by the generator."""

from __future__ import annotations

import html
import re

from helpers import run_build

BOARD = """body_name: Example Police and Crime Board
short_name: Example Policing Board
police_area: Exampleshire
role: Police and Crime Board
role_short: Board
commissioner: Cllr Jo Bloggs
funder_identifier: GB-LAE-EXMP
since: 2024-05-07
website: https://www.example.gov.uk
contact_email: board@example.gov.uk
decision_categories: [Commissioning, Finance, Estates, Governance, Partnerships, Performance]
predecessors:
  - body_name: Office of the Police and Crime Commissioner for Exampleshire
    short_name: Exampleshire OPCC
    role: Police and Crime Commissioner
    role_short: Commissioner
    commissioner: Alex Example
    funder_identifier: GB-GOR-PC000999
    from: 2012-11-22
    until: 2024-05-06
"""

# One page of each generated type, and the hand-written pages with generated parts.
PAGES = {
    "home": "index.html",
    "about": "about/index.html",
    "grants": "grants/index.html",
    "grants year": "grants/year-2025-26/index.html",
    "organisations": "organisations/index.html",
    "decisions": "decisions/index.html",
    "decisions year": "decisions/year-2025-26/index.html",
    "compliance": "transparency/index.html",
    "register": "transparency/meetings/index.html",
    "spending": "spending/index.html",
    "performance": "performance/index.html",
    "money": "money/index.html",
    "plan": "plan/index.html",
    "report": "reports/2024-q1-performance/index.html",
    "resources report": "reports/2024-q1-resources/index.html",
    "updates": "updates/index.html",
    "open data": "data/index.html",
}
# Lower case, or opening a sentence ("His Majesty's Inspectorate" is a name, from the data).
PRONOUNS = re.compile(r"\b(he|she|his|her|hers|him|He|She)\b")


def article(path) -> str:
    """The words of a page's main content, as a reader meets them."""
    text = path.read_text(encoding="utf-8")
    text = text[text.index("<article") : text.index("</article>")]
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_a_board_reads_naturally_on_every_page_type(project):
    (project / "data/profile.yaml").write_text(BOARD, encoding="utf-8")
    decision = project / "content/decisions/2025-021.md"
    decision.write_text(
        decision.read_text(encoding="utf-8").replace(
            "decision_maker: Mayor of South Yorkshire", "decision_maker: Deputy Mayor for Policing and Crime"
        ),
        encoding="utf-8",
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    words = {name: article(site / path) for name, path in PAGES.items()}
    for name, text in words.items():
        assert not PRONOUNS.search(text), f"{name}: {PRONOUNS.search(text).group(0)!r}"
    # Pages whose words all come from the generator: no office title is assumed.
    for name in ("grants", "organisations", "compliance", "spending", "performance", "home", "about"):
        generated = words[name].replace("Police and Crime Commissioner for Exampleshire", "")
        generated = generated.replace("Police and Crime Commissioner (Alex Example)", "")
        generated = generated.replace("until 6 May 2024, the Commissioner", "")
        assert "Commissioner" not in generated, (name, generated[generated.find("Commissioner") - 80 :][:200])

    assert (
        "held by the Police and Crime Board (chair: Cllr Jo Bloggs) , Example Police and Crime Board, since 7 May 2024"
        in words["home"]
    )
    assert (
        "Police and Crime Commissioner (Alex Example), Office of the Police and Crime Commissioner for Exampleshire, from 22 November 2012 to 6 May 2024"
        in words["about"]
    )
    assert "In 2026/27 so far (to 23 November 2026) the Board awarded" in words["grants"]
    assert "have received grants from the Board and, until 6 May 2024, the Commissioner." in words["organisations"]
    assert "here that is the Police and Crime Board (chair: Cllr Jo Bloggs)" in words["compliance"]
    assert "The Board took on the functions on 7 May 2024, and is judged from that date." in words["compliance"]
    assert "by the Board and, until 6 May 2024, the Commissioner, and by the Chief Constable" in words["spending"]
    assert "the services the Board funds" in words["performance"]
    assert (
        "held by the Police and Crime Commissioner (Alex Example) until 6 May 2024, then by the Police and Crime Board (chair: Cllr Jo Bloggs)."
        in words["report"]
    )

    board_decision = article(site / "decisions/2025-021/index.html")
    assert "Date of the decision 18 September 2025" in board_decision
    assert "Decision maker Deputy Mayor for Policing and Crime" in board_decision  # as written
    assert "Made by Example Police and Crime Board, at a meeting" in board_decision
    assert "Made before the handover" not in board_decision
    earlier = article(site / "decisions/2024-004/index.html")
    assert "Date signed 12 April 2024" in earlier and "at a meeting" not in earlier
    assert (
        "was made when the police and crime functions were held by the Police and Crime Commissioner (Alex Example), "
        "from 22 November 2012 to 6 May 2024. Since 7 May 2024 they have been held by the Police and Crime Board "
        "(chair: Cllr Jo Bloggs)"
    ) in earlier
    feed = (site / "feeds/decisions.xml").read_text(encoding="utf-8")
    assert "<subtitle>Decisions of significant public interest by Example Police and Crime Board</subtitle>" in feed
