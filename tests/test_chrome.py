"""Page chrome rendered once per kind of record page: a shell is made only when it reproduces the page exactly."""

from __future__ import annotations

from generator.render.chrome import ChromeCache, Parts, fill, make_shell

PAGE = (
    '<html><head><meta name="description" content="{d}"><title>{t} - Site</title></head><body>'
    '<div class="md-header__topic" data-md-component="header-topic">\n  <span class="md-ellipsis">\n    {t}\n'
    "  </span></div><nav>Grants</nav><main>{c}</main></body></html>"
)


def page(title: str, description: str, content: str) -> tuple[str, Parts]:
    return PAGE.format(t=title, d=description, c=content), Parts.of(title, description, None, content)


def test_a_shell_filled_with_another_records_parts_is_that_records_page():
    first, parts = page("Grant one", "£1,000 to A", "<h1>Grant one</h1><p>Text</p>")
    second, other = page("Sue &amp; Co grant", "£2,000 to B", "<h1>Sue &amp; Co grant</h1>")
    shell = make_shell(first, parts)
    assert shell is not None and "Grant one" not in shell
    assert fill(shell, other) == second


def test_no_shell_when_a_part_is_ambiguous():
    # The title is also a navigation label: replacing it could change the navigation, so no shell is made.
    full, parts = page("Grants", "Every grant", "<p>x</p>")
    assert (
        make_shell(full.replace("<title>Grants - Site</title>", "<title>Grants - Site</title><title>Grants - x"), parts)
        is None
    )


def test_a_shell_that_differs_from_a_full_render_is_never_used():
    cache = ChromeCache()
    renders = []

    def full(text):
        def render():
            renders.append(text)
            return text

        return render

    first, parts = page("One", "d1", "<p>1</p>")
    cache.render(("grants", False, False), parts, full(first))
    second, other = page("Two", "d2", "<p>2</p>")
    wrong = second.replace("<nav>Grants</nav>", "<nav>Grants (active)</nav>")
    assert cache.render(("grants", False, False), other, full(wrong)) == wrong
    third, more = page("Three", "d3", "<p>3</p>")
    assert cache.render(("grants", False, False), more, full(third)) == third
    assert renders == [first, wrong, third]  # after the mismatch, every page is rendered in full


def test_in_a_site_in_two_languages_a_shell_links_each_page_to_its_own_twin():
    twins = '<link rel="alternate" hreflang="cy" href="https://x.example/cy/{u}"><a href="../../cy/{u}" hreflang="cy">'

    def bilingual(title: str, url: str) -> tuple[str, Parts]:
        full, parts = page(title, f"About {title}", f"<h1>{title}</h1>")
        full = full.replace("<nav>", twins.format(u=url) + "<nav>")
        return full, Parts.of(title, f"About {title}", None, f"<h1>{title}</h1>", url)

    first, parts = bilingual("Grant one", "grants/one/")
    second, other = bilingual("Grant two", "grants/two/")
    shell = make_shell(first, parts)
    assert shell is not None and "grants/one/" not in shell
    assert fill(shell, other) == second
    assert 'href="../../cy/grants/two/"' in fill(shell, other)


def test_a_shell_is_filled_as_each_part_put_in_turn_would_fill_it():
    from generator.render.chrome import _fill_in_turn

    first, parts = page("One", "d1", "<p>1</p>")
    shell = make_shell(first, parts)
    for title in ("Two", "Two \x00content\x00", "Two \x00topic\x00"):  # a part that reads like a marker, too
        other = Parts.of(title, "d2", None, "<p>\x00title\x00</p>")
        assert fill(shell, other) == _fill_in_turn(shell, other)
