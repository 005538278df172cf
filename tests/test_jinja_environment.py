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
