"""Jinja's environment for the generated pages: what Jinja's own writes, with less work for each value written.

A large office's pages write about two million values and make about 300,000 calls in their templates, so the
few hundred nanoseconds Jinja spends around each (on checks whose answer is known) add up to seconds. Each
shortcut here gives exactly what Jinja's own code gives, and leaves every other case to it.
"""

from __future__ import annotations

from decimal import Decimal
from types import BuiltinMethodType, FunctionType

from jinja2 import Environment
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context
from jinja2.utils import _PassArg, internalcode
from markupsafe import Markup, escape

try:
    from markupsafe import _escape_inner  # what markupsafe's escape() does to a str, without making a Markup of it
except ImportError:  # pragma: no cover - an older or newer markupsafe
    _escape_inner = lambda text: str(escape(text))  # noqa: E731


def escape_text(value: object) -> str:
    """`{{ value }}` in a template that escapes: what markupsafe's escape(value) writes, as a plain str. What is
    written is only ever joined into the page (or into a macro's result, which Jinja makes Markup itself), so it
    need not be a Markup; making one costs more than escaping a short text."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value  # already safe: escape() gives the same text
    if kind is Decimal or kind is int:
        return str(value)  # digits, a sign, a point or an exponent: nothing to escape
    return escape(value)


class EscapingCodeGenerator(CodeGenerator):
    """Compiles `{{ value }}` in a template that escapes to environment.escape_text(value), not escape(value)."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if not frame.eval_ctx.autoescape or frame.eval_ctx.volatile:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_text(")
        if finalize.src is not None:
            self.write(finalize.src)


class RecordsContext(Context):
    """Jinja's context, calling a plain function or a built-in method (`_("...")`, `day.isoformat()`) as
    Context.call does, without first asking the callable's __call__ whether it takes a context (a function's
    never does): a fifth of the cost of each call."""

    @internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own names, so a keyword can be called obj
        kind = type(__obj)
        if kind is BuiltinMethodType:
            passed = None  # a built-in cannot be marked to take a context
        elif kind is FunctionType:
            passed = __obj.__dict__.get("jinja_pass_arg")  # where pass_context and its like mark a function
        else:
            return super().call(__obj, *args, **kwargs)
        if passed is None:
            first = ()
        elif passed is _PassArg.context and not kwargs.get("_loop_vars") and not kwargs.get("_block_vars"):
            first = (__self,)  # with no loop or block variables, the context it is given is this one
        else:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*first, *args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class RecordsEnvironment(Environment):
    """Jinja's environment, reading a record's field (`row.amount`, a dict's key) without first failing to find
    an attribute of that name: the same value as Jinja's own lookup, which tries the attribute first (so a key
    named like a dict method, e.g. items, still gives the method), at a fraction of the cost per cell. Its
    templates write values with escape_text and call through RecordsContext."""

    code_generator_class = EscapingCodeGenerator
    context_class = RecordsContext
    escape_text = staticmethod(escape_text)

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        try:
            return getattr(obj, attribute)  # what Jinja's own tries first (a record's field)
        except AttributeError:
            return super().getattr(obj, attribute)  # then an item, then undefined

    def make_globals(self, d):
        """A template's globals as one dict, not Jinja's chain of the template's own over the environment's: a page
        renders with a new context, and imports its macros, by listing the globals' names, which a chain makes
        afresh each time from its dicts. Every global is set before any template is loaded (make_environment)."""
        return {**self.globals, **(d or {})}


DICT_ATTRIBUTES = frozenset(dir(dict))
