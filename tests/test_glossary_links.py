"""Linking each glossary term's first use in a page's prose: the quick search gives what reading the page part by
part gives, whatever the markup around the terms."""

from __future__ import annotations

import random
import re

from generator.model.glossary import SKIPPED, link_first_uses, terms_of

TERMS = terms_of(
    [
        {"term": "Band D", "also_written": "", "definition": "x"},
        {"term": "Precept", "also_written": "police precept", "definition": "x"},
        {"term": "Council tax", "also_written": "", "definition": "x"},
        {"term": "Council", "also_written": "", "definition": "x"},
        {"term": "PEEL", "also_written": "", "definition": "x"},
        {"term": "x<em", "also_written": "", "definition": "x"},  # never in a page's text: "<" is written &lt;
    ]
)


def linked_part_by_part(html: str, terms: list, href: str) -> str:
    """What the glossary's links should be, found the slow, plain way: the page split into its text and its tags
    (a tag runs from "<" to the next ">"), the text inside skipped elements left out, and each term tried at every
    place of each remaining part in turn."""
    parts = re.split(r"(<[^>]*>)", html)
    skipping: list[str] = []
    waiting = list(terms)
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            found = re.match(r"<\s*(/?)\s*([a-zA-Z0-9]+)", part)
            if not found or part.endswith("/>") or found.group(2).lower() not in SKIPPED:
                continue
            name = found.group(2).lower()
            if not found.group(1):
                skipping.append(name)
            elif name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            continue
        if skipping:
            continue
        pieces, done, at = [], 0, 0
        while at < len(part) and waiting:
            for term in waiting:
                if match := term.pattern.match(part, at):
                    pieces += [part[done:at], f'<a class="glossary-term" href="{href}#{term.anchor}">{match[0]}</a>']
                    done = at = match.end()
                    waiting.remove(term)
                    break
            else:
                at += 1
        parts[index] = "".join(pieces) + part[done:]
    return "".join(parts)


PIECES = [
    "<p>", "</p>", "<td>", "</td>", '<a href="#">', "</a>", "<a/>", "<br/>", "<th>", "</th>", '<H2 class="x">',
    "</h2>", "< a >", "</ A>", '<p title="Band D">', '<p data-x="a>b">', '<p data-x="<a">', "<", ">", " ", "-", ";",
    "Band D", "band d", "BAND D", "police precept", "precept", "Precept-led", "council tax", "Council", "PEEL",
    "peel", "x", "ſ", "&amp;", "<script>", "</script>", "<!-- Band D -->", "<em>", "</em>", "<abbr>", "</abbr>",
    '<p title="reſerves ſ">',
]  # fmt: skip


def test_terms_are_linked_as_reading_the_page_part_by_part_links_them():
    chance = random.Random(29)
    for _ in range(3000):
        html = "".join(chance.choice(PIECES) for _ in range(chance.randint(1, 30)))
        assert link_first_uses(html, TERMS, "../glossary/") == linked_part_by_part(html, TERMS, "../glossary/"), html


def test_a_term_in_a_tag_or_a_skipped_element_is_not_linked_and_the_next_use_in_prose_is():
    html = (
        '<p title="Band D">x</p><h2>Band D <em>police precept</em></h2><a/>'
        "<p>Band<em>D</em>, then Band D; <a>precept</a> and police precept</p>"
    )
    linked = link_first_uses(html, TERMS, "../glossary/")
    assert linked == (
        '<p title="Band D">x</p><h2>Band D <em>police precept</em></h2><a/><p>Band<em>D</em>, then '
        '<a class="glossary-term" href="../glossary/#band-d">Band D</a>; <a>precept</a> and '
        '<a class="glossary-term" href="../glossary/#precept">police precept</a></p>'
    )
