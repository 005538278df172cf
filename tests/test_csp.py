"""The Content-Security-Policy's script hashes: every inline script that runs, found as the pattern finds them."""

from __future__ import annotations

from generator.render.csp import INLINE_SCRIPT, add_policy, inline_scripts


def test_scripts_are_found_as_the_pattern_finds_them():
    pages = [
        '<head><meta charset="utf-8"><script>a()</script><script src="x.js"></script>'
        '<script type="application/json">{"a": "</scrip"}</script></head><body><script\n>b()\n</script>',
        "<script <script>c()</script>",  # a tag with another inside its attributes
        "<script>never closed<script>d()",
        "<script>e()</script><scripted>f()</script>",
        "<script",
        "<scriptx>g()</script></script>",
        "",
    ]
    for page in pages:
        expected = [(found.group("attrs"), found.group("body")) for found in INLINE_SCRIPT.finditer(page)]
        assert list(inline_scripts(page)) == expected, page


def test_the_policy_allows_each_running_inline_script_by_its_hash_and_nothing_else_inline():
    page = '<meta charset="utf-8"><script>a()</script><script>a()</script><script type="application/json">{}</script>'
    policy = add_policy(page)
    assert policy.count("'sha256-") == 1 and "unsafe-inline'; style-src" not in policy
    assert "'unsafe-inline'" in add_policy(page, preview=True).split("style-src")[0]
