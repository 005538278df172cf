"""Render generated pages with the Jinja templates in theme/generated/, escaping everything."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from pathlib import Path

import markdown
import nh3
from jinja2 import BytecodeCache, Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from ..core import i18n
from ..core.formatting import FILTERS
from ..model.indicators import card, format_value
from .jinja_environment import RecordsEnvironment
from .page import Page
from .tables import finish_tables

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "code",
    "pre",
    "br",
    "hr",
}


def site_href(address: str, root: str) -> str:
    """A link from the data: a full address (https://..., mailto:) as it is; the path of a page on this site
    (demo-documents/#plan) from the page being written (root: the way back to the site's root)."""
    return address if ":" in address.split("/", 1)[0] or address.startswith("#") else root + address


def make_environment(theme_dir: Path) -> Environment:
    environment = RecordsEnvironment(
        loader=FileSystemLoader(str(theme_dir / "generated")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],  # {{ _("...") }}: a sentence in the language being written (core/i18n.py)
        # An environment is made again whenever a template changes (build/assemble.py remembers it by the
        # templates' signatures), so it need not ask the file system whether each template changed as it is used.
        auto_reload=False,
    )
    environment.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    environment.globals["_"] = sentence
    environment.filters.update(FILTERS)
    environment.filters["markdown"] = safe_markdown
    environment.filters["json_script"] = json_for_script
    # A text from the generator's own data (a duty's title, a status) in the page's language, escaped like any
    # other value; the catalogue has it (theme/locales/, `make translations` collects them).
    environment.filters["translate"] = i18n.gettext
    environment.filters["link"] = lambda text, href: (
        Markup('<a href="%s">%s</a>') % (href, text)
    )  # a link in a sentence
    environment.filters["href"] = site_href
    environment.filters["kbd"] = lambda text: Markup("<kbd>%s</kbd>") % text
    environment.filters["code"] = lambda text: Markup("<code>%s</code>") % text
    environment.filters["em"] = lambda text: Markup("<em>%s</em>") % text
    environment.filters["strong"] = lambda text: Markup("<strong>%s</strong>") % text  # emphasis inside a sentence
    environment.globals["indicator_card"] = card
    environment.globals["value_text"] = format_value
    # From the root of this language's pages up to the site's root (where the one search index is): "" in English.
    environment.globals["language_tag"] = lambda: i18n.TAGS[i18n.current()]
    environment.globals["language_up"] = lambda: "../" * i18n.PREFIXES[i18n.current()].count("/")
    environment.globals["once"] = rendered_once()
    return environment


def rendered_once() -> Callable[..., Markup]:
    """`{% call once("name", key, ...) %}...{% endcall %}`: what is inside, rendered the first time a build asks for
    it with these keys (in the language being written) and given as it was after that: a grant's row, the same on
    its year's list, its decision's page and its quarter's report. The keys must name all that it shows. A build
    starts by forgetting the last one's (forget_rendered), whose records are not this build's."""
    kept: dict[tuple, Markup] = {}

    def once(*key: Hashable, caller: Callable[[], Markup]) -> Markup:
        key = (i18n.current(), *key)
        made = kept.get(key)
        if made is None:
            made = kept[key] = caller()
        return made

    once.forget = kept.clear  # type: ignore[attr-defined]
    return once


def forget_rendered(environment: Environment) -> None:
    """Start a build: what `once` kept is forgotten (it shows the last build's records)."""
    environment.globals["once"].forget()


@pass_context
def sentence(context: Context, text: str, **variables: object) -> str:
    """`{{ _("...") }}`: what Jinja's own newstyle gettext gives (the translation, marked safe where the template
    escapes, with its %(name)s filled in and escaped), without its two indirections; a sentence with nothing to
    fill in is made once for each language (a page has a dozen, the same on every page of its kind)."""
    if variables or not context.eval_ctx.autoescape:
        translated = i18n.gettext(text)
        return (Markup(translated) if context.eval_ctx.autoescape else translated) % variables
    key = (i18n.current(), text)
    made = SENTENCES.get(key)
    if made is None:
        made = SENTENCES[key] = Markup(i18n.gettext(text)) % {}
    return made


SENTENCES: dict[tuple[str, str], Markup] = {}  # (language, sentence) -> the sentence as pages show it


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory between preview rebuilds: MkDocs makes a new template environment
    for each rebuild, which would otherwise parse and compile Material's templates again every time. Jinja
    checks each template's source against what was compiled, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # ignored when the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def render_page(environment: Environment, page: Page, profile: dict) -> str:
    template = environment.get_template(page.template)
    # Cells are kept apart before the tables are finished: the same page (finishing writes only inside tags, and
    # around whole tables), from less text to look through.
    return finish_tables(separate_cells(template.render(page=page, root=page.root, profile=profile, **page.context)))


# A label and its value, or two table cells, written edge to edge ("<dt>Amount</dt><dd>£171,050</dd>") look
# apart on the page but are one word to the search index ("Amount£171,050"). A space between them changes
# nothing on screen (it sits between boxes), and keeps the words apart in search results.
CELL_EDGES = ("</dt><", "</dd><", "</th><", "</td><")


def separate_cells(html: str) -> str:
    for edge in CELL_EDGES:  # plain replacements: a regular expression costs ten times as much on a large table
        html = html.replace(edge, edge[:-1] + " <")
    return html


# One converter for every decision, reset before each: making one builds its parser, most of the cost of a short text.
MARKDOWN = markdown.Markdown(extensions=["tables"])


# One sanitiser for every decision: nh3.clean() would set one up for each (three times the cost of the cleaning).
SANITISER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": {"href", "title"}, "th": {"scope"}},
    url_schemes={"http", "https", "mailto"},
)


def safe_markdown(text: str) -> Markup:
    """Markdown from a decision body, with raw HTML sanitised so it cannot run scripts."""
    return Markup(SANITISER.clean(MARKDOWN.reset().convert(text)))


def json_for_script(value: object) -> Markup:
    """JSON that is safe inside <script type="application/json">: '<' can never close the tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
