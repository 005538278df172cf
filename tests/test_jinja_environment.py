"""The generated pages' Jinja environment writes exactly what Jinja's own writes, with less work per value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jinja2 import Environment, pass_context, pass_environment
from markupsafe import Markup

from generator.render.jinja_environment import RecordsEnvironment


class Safe:
    def __html__(self) -> str:
        return "<b>safe</b>"


@pass_context
def greeting(context, name: str) -> str:
    return f"{context.get('hello', 'hi')} {name}"


@pass_environment
def named(environment, name: str) -> str:
    return f"{type(environment).__name__ != ''} {name}"


TEMPLATE = """{% for v in values %}[{{ v }}]{% endfor %}
{% for v in values %}{% set w = v %}<{{ w }}|{{ greeting(w | string) }}>{% endfor %}
{{ day.isoformat() }} {{ greeting("<x>") }} {{ named("<y>") }} {{ missing }} {{ row.items }} {{ row.amount }}
{% autoescape false %}{{ values[0] }}{% endautoescape %}
{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{{ m("<&>") }} {% set block %}<{{ values[0] }}>{% endset %}{{ block }}"""


def test_every_kind_of_value_and_call_is_written_as_jinjas_own_environment_writes_it():
    values = [
        "<a href='x'>&\"",
        Markup("<em>kept</em>"),
        Decimal("-1E+3"),
        Decimal("12.50"),
        7,
        True,
        1.5,
        None,
        Safe(),
    ]
    context = {"values": values, "day": dt.date(2025, 4, 1), "row": {"items": 1, "amount": Decimal("5")}}
    written = []
    for kind in (Environment, RecordsEnvironment):
        environment = kind(autoescape=True)
        environment.globals.update(greeting=greeting, named=named)
        written.append(environment.from_string(TEMPLATE).render(context))
    assert written[0] == written[1]
    assert "&lt;a href=&#39;x&#39;&gt;&amp;&#34;" in written[1] and "<em>kept</em>" in written[1]


def test_a_part_rendered_once_is_given_again_for_the_same_keys_until_the_next_build():
    from pathlib import Path

    from generator.core import i18n
    from generator.render.html import forget_rendered, make_environment

    environment = make_environment(Path(__file__).parent.parent / "theme")
    template = environment.from_string(
        '{% for r in rows %}{% call once("row", r[0]) %}<{{ r[1] }}>{% endcall %}{% endfor %}|{{ _("Amount") }}'
    )
    assert template.render(rows=[(1, "a&b"), (2, "c"), (1, "changed")]) == "<a&amp;b><c><a&amp;b>|Amount"
    # The next build's records may differ: it starts afresh.
    forget_rendered(environment)
    assert template.render(rows=[(1, "changed")]) == "<changed>|Amount"
    # Kept for each language apart: the Welsh pages do not get the English words.
    with i18n.writing_in("cy"):
        welsh = i18n.gettext("Amount")
        assert welsh != "Amount"
        assert template.render(rows=[(1, "Welsh")]) == f"<Welsh>|{welsh}"
