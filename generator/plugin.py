"""The MkDocs adaptor: the one file that imports mkdocs. It turns hooks into calls on plain modules.

on_startup      remember whether this is `build` (publish into site/) or `serve` (preview)
on_serve        watch for edits with the system's file notifications rather than by polling; before serving a
                record page still to be written after a rebuild, write it (build/preview.py RecordWriter)
on_config       load and validate data/ and content/decisions/ before anything is written
                (in preview, problems are listed on every page and in the terminal, and the pages
                are built without the rows that have them, or as last built when nothing can be left out);
                build the site model; set the navigation and the profile for the theme;
                point MkDocs at a staging folder so site/ is only replaced on success; start the search
                indexer (generator/search/indexer.py)
on_files        add generated pages as in-memory files (in `serve --dirty`, as stubs on disk that change
                only when their page changed, so unchanged pages are skipped); in preview, the downloads too
                (in a `serve --dirty` rebuild, as last made: the changed ones are written after the pages);
                start a fresh cache of page chrome (generator/render/chrome.py), except in a preview rebuild that
                leaves what surrounds every page unchanged
on_env          let Material's compiled templates be reused by the next preview rebuild
on_nav          give generated pages their front matter (title, description, template; assemble.page_meta)
on_page_markdown give a generated page its front matter again (MkDocs has just read its empty stub), and spare
                it Markdown's converter, which would make nothing of it (GeneratedPage); in
                hand-written pages, make links to sections that were not built plain text (a site without
                a plan has no plan/), and hide the sidebar of a page alone at the top of the navigation
on_page_content put the rendered template in place of a generated page's (empty) Markdown
on_page_context keep a record page's context, to render its chrome only when no shell fits it
on_post_page    put a record page into its kind's shell (chrome rendered once per kind of page); in a build,
                give its indexed part to the search indexer; correct Material's chrome where no block can
                (generator/render/theme_markup.py); add the Content-Security-Policy that allows only the
                page's own scripts (in preview, inline scripts too: MkDocs' reload script)
on_post_build   write the downloads (made beside the rendering, generator/build/beside.py) into the staging folder,
                and the search index of its pages, then swap it into site/; in preview, queue the record pages
                MkDocs was not given (written by a thread after the rebuild, then the downloads made), take
                away pages that are gone, and collect garbage between rebuilds
                In a site published in Welsh too (profile.yaml's languages: [en, cy]), the Welsh pages are a
                second MkDocs build (Material's interface in Welsh, our sentences through the Welsh catalogue,
                core/i18n.py), run here into cy/ of the same staging folder while the English pages' Pagefind
                writes their search index, and indexed by a Pagefind of its own, whose part of the index is
                written beside the English part (once that is whole) before the swap: site/ is replaced only when both languages were built
                (see ARCHITECTURE.md)
on_build_error  stop the indexer and throw the staging folder away, leaving the previous site/ untouched
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from .build import assemble, staging
from .build.preview import LateDownloads, RecordWriter, StubStore, remove_gone, requested_file
from .build.welsh_files import home_description, link_shared_downloads, pages_in_welsh, skip_language_sitemaps
from .core import i18n, installed, memo, memory, stages
from .core.formatting import long_date
from .core.problems import InputError
from .data.welsh import languages
from .render.chrome import TEMPLATE, ChromeCache, Parts, kind_of
from .render.csp import add_policy
from .render.html import CompiledTemplates
from .render.links import unlink_missing
from .render.page import Page
from .render.theme_loader import VisibleTemplates
from .render.theme_markup import correct
from .search import entries
from .search.indexer import Indexer, SearchIndexError

log = logging.getLogger("mkdocs.plugins.transparency")
PREVIEW_THREAD_SWITCH_SECONDS = 0.0005


class EditWatcher(Observer):
    """The system's file watcher, told only of changes to files: Linux also reports each file opened or read,
    and the build reads the files it watches, so every build would start another."""

    CHANGES = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent)

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=self.CHANGES)


class WelshBuild:
    """What the English build gives the Welsh build it runs (its address), and gets back: the Welsh pages' search
    indexer, whose index it writes beside the English pages' one."""

    current: WelshBuild | None = None  # set while a Welsh build runs

    def __init__(self, address: str) -> None:
        self.address = address
        self.indexer: Indexer | None = None


class GeneratedPage(MkDocsPage):
    """A generated page, whose Markdown is empty (assemble.page_stub): its body is rendered by on_page_content.
    Markdown would convert nothing, but setting up its converter costs more than a record page's chrome, once
    for each of thousands of pages; this gives what MkDocs' render gives for an empty page, without it."""

    def render(self, config, files) -> None:
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids, self.links_to_anchors = set(), {}


class GeneratorConfig(Config):
    data_dir = config_options.Type(str, default="data")


def stop_as_on_ctrl_c() -> None:
    """The preview stops as on Ctrl+C, removing MkDocs' temporary copy of the site (15 MB) rather than leaving it
    behind, when its terminal is closed (SIGHUP) or it is told to stop (SIGTERM), also when the signal reaches
    every process of the preview at once. A signal that comes while it is stopping (the terminal's next, or
    `transparency serve` passing one on) lets the stopping finish; a second Ctrl+C makes `transparency serve`
    end it at once. Ctrl+C is left ignored where it is ignored (a preview started in the background)."""
    stopping = []

    def stop(*_) -> None:
        if not stopping:
            stopping.append(True)
            raise KeyboardInterrupt

    names = ["SIGTERM", "SIGHUP"] + (["SIGINT"] if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN else [])
    for name in names:
        if hasattr(signal, name):
            with contextlib.suppress(ValueError):  # (only the main thread may set it)
                signal.signal(getattr(signal, name), stop)


class TransparencyPlugin(BasePlugin[GeneratorConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.result: assemble.Result | None = None
        self.pages: dict[str, Page] = {}
        self.final_site_dir: Path | None = None
        self.theme_dir = installed.theme_dir()
        self.problems_html = ""  # in preview, data problems are shown on every page instead of stopping
        self.stubs: StubStore | None = None  # in `mkdocs serve --dirty`, lets unchanged pages be skipped
        self.chrome = ChromeCache()
        self.shared = ""  # what surrounds every page (assemble.shared_digest), as the chrome was made for
        self.env = None
        self.contexts: dict[str, dict] = {}
        self.problems_shown = ""  # the box the pages were last built with, so a change rebuilds them all
        self.records = RecordWriter()  # in `serve --dirty`, writes record pages MkDocs is not given
        self.outside: dict[str, tuple] = {}  # those pages: path -> kind
        self.digests: dict[str, str | None] = {}
        self.full_kinds: set[tuple] = set()  # kinds whose chrome could not be shared: MkDocs renders them all
        self.indexer: Indexer | None = None  # in a build, Pagefind, given each page as it is built
        self.collector = memory.IdleCollector()  # in preview, collects garbage between rebuilds
        self.exemplars: dict[tuple, tuple] = {}  # in preview, this rebuild's exemplars: kind -> (path, digest)
        self.shown: set[str] = set()  # in preview, the generated pages the last rebuild served
        self.compiled = CompiledTemplates()  # Material's templates, compiled once for all preview rebuilds
        self.late = LateDownloads()  # in a `serve --dirty` rebuild, the downloads are made after the pages
        self.welsh = WelshBuild.current  # set when this is the Welsh build an English build runs
        self.language = "cy" if self.welsh else i18n.ENGLISH
        self.languages = [i18n.ENGLISH]  # the site's languages (profile.yaml's languages:)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command == "serve":
            stop_as_on_ctrl_c()
            # After a rebuild, a thread writes the changed record pages while MkDocs finishes and the server answers
            # the browser. Python hands its lock from a busy thread to a waiting one every 5 ms by default, and
            # the page shown after an edit waited for several such turns: about 10 ms of every edit.
            sys.setswitchinterval(PREVIEW_THREAD_SWITCH_SECONDS)
        if command == "serve" and dirty:
            self.stubs = StubStore()
            # MkDocs warns that dirty builds may leave navigation stale; this plugin tracks what each
            # generated page shows, so say what actually happens instead of alarming the reader.
            logging.getLogger("mkdocs.commands.build").addFilter(
                lambda record: "'dirty' build" not in record.getMessage()
            )
            log.info("Preview: after each edit, only the pages that show what changed are rebuilt.")

    def on_serve(self, server, *, config, builder):
        """Notice edits as they are saved: MkDocs looks for changes every half second (its watcher polls), so an
        edit waited 0.25 s on average before the rebuild began. The system's own file notifications (inotify,
        FSEvents, ReadDirectoryChangesW) tell at once. PREVIEW_POLLING=1 keeps MkDocs' polling, for folders
        whose changes the system does not report (a network drive, a Windows folder seen from WSL)."""
        serve_file = server._serve_request  # mkdocs 1.6

        def serve_written(environ, start_response):
            target = requested_file(environ["PATH_INFO"], server.mount_path)
            while target and target.endswith(".html"):
                # The page as the last finished rebuild made it: written, if it is still to be, before it is
                # served; again if another rebuild began meanwhile (MkDocs serves a file once it has finished).
                with server._epoch_cond:
                    server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
                    finished = server._visible_epoch
                self.records.ensure(target)
                if server._wanted_epoch == finished:
                    break
            return serve_file(environ, start_response)

        # Record pages are written after each rebuild, and any of them is written before it is served.
        server._serve_request, self.records.later = serve_written, True
        if os.environ.get("PREVIEW_POLLING") == "1":
            return server
        try:
            watched = dict(server._watched_paths)  # what MkDocs watches so far (mkdocs 1.6)
            notified = EditWatcher()
        except (AttributeError, OSError):
            return server
        server.observer, server._watched_paths, server._watch_refs = notified, {}, {}
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        # Notifications come as a file is written, not up to half a second later, so a shorter quiet spell
        # before rebuilding still takes in every file of one save (an import writes its CSV and
        # datapackage.yaml within milliseconds).
        server.build_delay = 0.05
        return server

    def on_shutdown(self) -> None:
        self.records.stop()
        self.late.wait()
        self.collector.stop()
        if self.stubs:
            self.stubs.close()

    def on_config(self, config):
        self.records.stop()  # record pages of the last rebuild not yet written stay as they are on disk
        self.late.supersede()  # the last rebuild's downloads, if still being made, are of data that may have changed
        # Resolved: `transparency serve` names mkdocs.yml relative to the site's folder, and MkDocs makes it absolute
        # from the first rebuild on; the same files must have the same names every time, or a preview's first
        # rebuild finds nothing kept from the build before it and rebuilds every page (12 s at a large office).
        root = Path(config.config_file_path).resolve().parent
        i18n.set_language(self.language)
        self.use_own_theme(config)
        site_url = self.welsh.address + "cy/" if self.welsh and self.welsh.address else (config.site_url or "")
        arguments = (root / self.config.data_dir, Path(config.docs_dir), self.theme_dir, site_url)
        if self.command == "serve":
            result, error = assemble.prepare_preview(*arguments)
            # When nothing can be left out to show the rest (a problem in profile.yaml, say), the preview goes on
            # showing the site as last built, with the problems listed on every page.
            earlier = result is None and self.result is not None
            self.result = self.result if earlier else result
            had_problems = bool(self.problems_html)
            self.problems_html = assemble.render_problems(self.theme_dir, error, earlier) if error else ""
            if error:
                count = len(error.problems)
                lists = "it" if count == 1 else "them"
                log.warning(
                    error.report(f"Every page of the preview lists {lists}. {assemble.preview_note(earlier, count)}")
                )
            elif had_problems:  # the terminal says so, as it said what was wrong
                log.info(assemble.PROBLEMS_FIXED)
        else:
            try:
                self.result = assemble.prepare(*arguments, language=self.language)
            except InputError as error:
                raise PluginError(error.report()) from None
        if self.result is None:
            config.extra["profile"], config.extra["feeds"] = {}, []
            return config
        self.pages = {page.path: page for page in self.result.pages}
        self.languages = languages(self.result.site.profile)
        english = self.welsh.address if self.welsh else self.result.address
        # The preview shows the English pages only (their Welsh twins are built by `build`): no switch to follow,
        # and every page says so.
        bilingual = len(self.languages) > 1 and self.command == "build"
        config.extra["languages"] = self.language_links(english) if bilingual else []
        config.extra["not_previewed"] = self.languages[1:] if self.command == "serve" else []
        config.extra["index_up"] = "../" if self.welsh else ""  # the one search index is at the English root
        if self.result.address and self.command == "build":
            config.site_url = self.result.address  # canonical links, the sitemap and the 404 page's links
        elif not self.result.address:
            # Printed rather than logged, so that `mkdocs build --quiet` (make site) still says it.
            print(f"Note: {assemble.NO_ADDRESS}", file=sys.stderr)
        config.extra["profile"] = self.result.site.profile
        config.site_name = self.result.site.profile["short_name"]
        if self.welsh:  # the 404 page's description, in Welsh
            config.site_description = home_description(Path(config.docs_dir)) or config.site_description
        config.extra["feeds"] = self.result.feeds
        if config.nav is None:
            config.nav = assemble.navigation(self.result.pages, Path(config.docs_dir))
        if self.command == "build":
            if not self.welsh:
                self.final_site_dir = Path(config.site_dir)
                config.site_dir = str(staging.begin(self.final_site_dir))
            try:
                self.indexer = entries.start_indexer()
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            if self.welsh:
                self.welsh.indexer = self.indexer  # the English build writes its index (on_post_build)
            else:
                stages.begin("rendering")  # MkDocs' part: from here until on_post_build (make bench)
        return config

    def language_links(self, address: str) -> list[dict]:
        """Each language's root, relative to this build's root, from the server's root (the 404 page's links) and,
        with the English site's address, absolute (main.html makes each page's twin from it)."""
        up = "../" if self.welsh else ""
        return [
            {
                "code": code,
                "name": i18n.NAMES[code],
                "root": up + i18n.PREFIXES[code],
                "address": address + i18n.PREFIXES[code] if address else "",
                # From the server's root, for the 404 page, which is served at any depth.
                "path": (urlsplit(address).path or "/") + i18n.PREFIXES[code],
                "current": code == self.language,
            }
            for code in self.languages
        ]

    def use_own_theme(self, config) -> None:
        """The generator's theme comes with it, whatever mkdocs.yml says: an office's mkdocs.yml need not name it,
        and one written for an earlier release (naming fewer style sheets, say) still gets all it needs."""
        theme = str(self.theme_dir)
        config.theme.dirs = [theme, *(d for d in config.theme.dirs if Path(d).resolve() != self.theme_dir.resolve())]
        make_environment = config.theme.get_env

        def environment():
            made = make_environment()
            made.loader = VisibleTemplates(config.theme.dirs)  # lists the theme's files without Material's icons
            return made

        config.theme.get_env = environment
        config.theme["font"] = False  # never Google Fonts: the site loads nothing from any other website
        if self.welsh:
            config.theme["language"] = "cy"  # Material's own Welsh interface
        elif config.theme.get("language") == "en":
            config.theme["language"] = "custom"  # British English (theme/partials/languages/custom.html)
        own = installed.theme_stylesheets(self.theme_dir)
        config.extra_css = own + [css for css in config.extra_css if css not in own]
        for extension in installed.MARKDOWN_EXTENSIONS:  # what the pages' Markdown relies on (e.g. "!!! note")
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra["made_with"] = installed.generator_name()
        if self.command == "serve" and theme not in config.watch:
            config.watch.append(theme)
        if "search" in config.plugins or "material/search" in config.plugins:
            log.warning(
                "mkdocs.yml lists the search plugin, which this generator's own search replaces: "
                "delete the line '- search' under plugins in mkdocs.yml."
            )

    def on_files(self, files: Files, *, config) -> Files:
        for record in [f for f in files if f.src_uri.startswith("decisions/") and f.src_uri.endswith(".md")]:
            files.remove(record)  # decision records are data: their pages are generated
        welsh = {f.src_uri: f for f in files if f.src_uri.endswith(".cy.md")}
        for page in welsh.values():
            files.remove(page)  # content/NAME.cy.md is the Welsh build's NAME.md
        for name, text in pages_in_welsh(welsh, files) if self.welsh else ():
            english = files.get_file_from_path(name)
            files.remove(english)
            files.append(File.generated(config, name, content=text, inclusion=english.inclusion))
        if self.stubs and self.problems_html != self.problems_shown:
            # The problem box appears, changes or goes: every hand-written page is rebuilt to show it (or not).
            for page in [f for f in files if f.is_documentation_page() and f.abs_src_path]:
                files.remove(page)
                text = Path(page.abs_src_path).read_text(encoding="utf-8-sig")
                files.append(File.generated(config, page.src_uri, content=text, inclusion=page.inclusion))
        self.problems_shown = self.problems_html
        if self.result is None:
            return files
        shared = (
            assemble.shared_digest(self.result, self.theme_dir, Path(config.config_file_path).resolve())
            if self.stubs
            else ""
        )
        if not self.stubs or shared != self.shared:
            # What surrounds every page changed (or every rebuild renders in full): record pages' chrome is made
            # afresh. Otherwise the shells of the last rebuild still fit, and no exemplar needs rendering.
            self.chrome, self.shared = ChromeCache(), shared
        kept = {kind for kind, shell in self.chrome.shells.items() if shell is not None}
        digests = assemble.fingerprints(self.result, Path(config.docs_dir), shared) if self.stubs else {}
        if self.stubs and self.problems_html:
            digests = {path: assemble.salted(digest, self.problems_html) for path, digest in digests.items()}
        for name in assemble.PAGES_WITH_DATA:
            written = files.get_file_from_path(name)
            if self.stubs and written is not None and written.abs_src_path:
                # These hand-written pages also show what the data says, so a preview always rebuilds them.
                files.remove(written)
                files.append(
                    File.generated(
                        config,
                        name,
                        content=Path(written.abs_src_path).read_text(encoding="utf-8-sig"),
                        inclusion=written.inclusion,
                    )
                )
        self.outside, self.digests, self.exemplars = {}, digests, {}
        for page in self.result.pages:
            content = assemble.page_stub(page)
            inclusion = InclusionLevel.INCLUDED if page.nav_title else InclusionLevel.NOT_IN_NAV
            kind = assemble.record_kind(page) if self.stubs and self.chrome.enabled else None
            kind = None if kind in self.full_kinds else kind
            if kind is not None and (kind in self.exemplars or kind in kept):
                self.outside[page.path] = kind  # written by the plugin in its kind's chrome, after the build
                continue
            if kind is not None:
                # Rendered by MkDocs on this rebuild, giving its kind's chrome.
                self.exemplars[kind] = (page.path, digests.get(page.path))
                digests[page.path] = None
            if self.stubs:
                stub = self.stubs.stub(page.path, content, digests[page.path])
                files.append(File.generated(config, page.path, abs_src_path=str(stub), inclusion=inclusion))
            else:
                files.append(File.generated(config, page.path, content=content, inclusion=inclusion))
        self.records.forget(path for path, _ in self.exemplars.values())
        if self.final_site_dir is None:
            # In preview the downloads are made here (with --dirty, written only when they change); a build writes
            # them at the end.
            if self.stubs and self.stubs.downloads:
                # A rebuild: the downloads as last made are kept; the changed ones follow the pages (on_post_build).
                for path in self.stubs.downloads:
                    files.append(File.generated(config, path, abs_src_path=str(self.stubs.folder / "downloads" / path)))
                return files
            for path, data in self.result.downloads.items():
                if self.stubs:
                    files.append(File.generated(config, path, abs_src_path=str(self.stubs.download(path, data))))
                else:
                    files.append(File.generated(config, path, content=data))
        return files

    def on_env(self, env, *, config, files):
        self.env, self.contexts = env, {}
        env.add_extension("jinja2.ext.i18n")  # the theme's own sentences in the page's language: {{ _("...") }}
        env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
        env.filters["long_date"] = long_date
        if self.command == "serve":
            env.bytecode_cache = self.compiled
        else:
            memory.settle()  # the pages are about to be rendered: what is alive now lives until the build ends
        return env

    def on_page_context(self, context, *, page, config, nav):
        if page.meta.get("template") == TEMPLATE:
            self.contexts[page.file.src_uri] = context
        return context

    def on_nav(self, nav, *, config, files):
        for file in files.documentation_pages():
            if file.src_uri in self.pages and file.page is not None:
                file.page.meta = assemble.page_meta(self.pages[file.src_uri])  # pages a preview does not re-read
        return nav

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if self.result is None:
            return markdown
        if page.file.src_uri in self.pages:
            page.meta = assemble.page_meta(self.pages[page.file.src_uri])  # its stub is empty (assemble.page_stub)
            if not markdown.strip():  # as Markdown gives it: nothing to convert (MkDocs' Page.render)
                page.__class__ = GeneratedPage
            return markdown
        if page.parent is None:  # a page alone at the top (Home, About): a sidebar would hold only itself
            page.meta["hide"] = sorted({*(page.meta.get("hide") or []), "navigation"})
        built = {f.src_uri for f in files.documentation_pages()} | set(self.outside)
        markdown, missing = unlink_missing(markdown, page.file.src_uri, built)
        for target in missing:
            log.info(f"{page.file.src_uri}: the link to {target} is shown as plain text; that section is not built.")
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if self.result is None:
            return self.problems_html + html
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            return self.problems_html + assemble.render(self.result, generated)
        content = html + assemble.render_addition(self.result, page.file.src_uri)
        return self.problems_html + assemble.with_glossary(self.result, content, page.url)

    def on_post_page(self, output: str, *, page, config) -> str:
        context = self.contexts.pop(page.file.src_uri, None)
        if context is not None:
            description = page.meta.get("description") or config.site_description
            parts = Parts.of(page.title, description, page.canonical_url, page.content, page.url)
            full = lambda: self.env.get_template("main.html").render(context)  # noqa: E731
            output = self.chrome.render(kind_of(page.url, page.meta), parts, full)
        if self.indexer is not None:
            try:
                entries.add_page(self.indexer, i18n.PREFIXES[self.language] + page.url, output)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            # A build never reads a written page's text again; letting it go keeps the build's memory
            # within bounds while the search index is made (MkDocs would otherwise hold every page's text).
            page.markdown = page.content = None
        return add_policy(correct(output), preview=self.command == "serve")

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return add_policy(correct(output_content), preview=self.command == "serve")

    def on_post_build(self, *, config) -> None:
        stages.end("rendering")
        log.debug(self.chrome.summary())
        if self.outside and self.result is not None:
            self.write_records(config)
        for kind, (path, digest) in self.exemplars.items():
            # MkDocs has written it in its kind's chrome, as the plugin would: the next rebuild, which keeps
            # that chrome, need not write it again unless it changes.
            self.records.adopt(path, digest, self.chrome.shells.get(kind))
        if self.stubs:
            remove_gone(Path(config.site_dir), self.shown, self.pages)
            self.shown = set(self.pages)
            # The record pages still to be written are written first (RecordWriter.start), then the downloads made.
            self.records.start(then=self.late_downloads(Path(config.site_dir)))
            self.collector.after_build()
        if self.result is not None and not self.result.address:
            assemble.drop_sitemap(Path(config.site_dir))
        if config.extra.get("languages"):
            try:
                skip_language_sitemaps(Path(config.site_dir))
            except ValueError as error:
                raise PluginError(str(error)) from None
        if self.welsh:
            assemble.write_downloads(self.result, Path(config.site_dir))
            self.result, self.pages, self.env, self.chrome = None, {}, None, ChromeCache()
            return
        if self.final_site_dir is not None:
            try:
                written = assemble.write_downloads(self.result, Path(config.site_dir))
            except Exception as error:
                raise PluginError(f"The downloads could not be made ({type(error).__name__}: {error}).") from error
            address = self.result.address
            # The English site model and pages are done with: the Welsh build makes its own, so they are let go of
            # before it (the data read is kept in memo: the Welsh build reads the same files).
            self.result, self.pages, self.env, self.chrome = None, {}, None, ChromeCache()
            try:
                self.write_indexes(config, written, address)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            assemble.publish(Path(config.site_dir), self.final_site_dir)

    def write_indexes(self, config, downloads: list[str], address: str) -> None:
        """Have Pagefind write the search index into the staging folder; in a site in Welsh too, build the Welsh
        pages meanwhile, then write their index. What the build no longer needs is freed (memory.give_back) while
        Pagefind builds an index, before its memory peaks a few seconds later."""
        folder = Path(config.site_dir)
        if "cy" in self.languages:
            # The English pages' index is written by their Pagefind on the other core while the Welsh pages are
            # built, each language by its own Pagefind; the Welsh index is written only once the English one is
            # whole: writing an index takes Pagefind several times the memory its pages hold, and two languages'
            # at once took a large office's build past 1 GB. The Welsh build starts once the English index is
            # built and its files are being written, when Pagefind's memory has fallen back: with the Welsh model
            # on top of its peak, a large office's build reached 1 GB.
            english = entries.start_index(self.indexer, folder)
            try:
                memory.give_back()
                english.wait_until_built()
                self.indexer = self.build_welsh(config, downloads, address)
            except BaseException:
                english.abandon()
                raise
            assemble.finish_index(english)
        memo.forget()  # the data read is done with
        last = entries.start_index(self.indexer, folder)
        memory.give_back()
        assemble.finish_index(last)

    def build_welsh(self, config, downloads: list[str], address: str) -> Indexer:
        """Every page again in Welsh, into cy/ of the staging folder, before anything is published; the search
        indexer given the Welsh pages."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.config.defaults import MkDocsConfig

        WelshBuild.current = welsh_build = WelshBuild(address)
        # MkDocs keeps one instance of a plugin for every configuration it loads (for `serve`'s rebuilds): the
        # Welsh build needs its own, so its plugins are loaded afresh, not from that cache.
        plugins = dict(MkDocsConfig._schema)["plugins"]
        cache, plugins.plugin_cache = plugins.plugin_cache, {}
        try:
            with stages.stage("Welsh pages"):
                welsh = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / "cy"))
                welsh.plugins.on_startup(command="build", dirty=False)
                build(welsh)
                link_shared_downloads(downloads, Path(config.site_dir), Path(welsh.site_dir))
        except BaseException:
            if welsh_build.indexer is not None:
                welsh_build.indexer.close()
            raise
        finally:
            WelshBuild.current, plugins.plugin_cache = None, cache
            i18n.set_language(i18n.ENGLISH)
        return welsh_build.indexer

    def late_downloads(self, site_dir: Path):
        """What makes this rebuild's downloads, when they are not made yet (LateDownloads)."""
        pending, stubs = self.result.pending if self.result is not None else None, self.stubs
        return lambda: pending is not None and not pending.done and self.late.start(pending, stubs, site_dir)

    def write_records(self, config) -> None:
        """Preview: write the record pages MkDocs was not given, each in the chrome of its kind's exemplar."""
        shells, digests = self.chrome.shells, self.digests
        pages = {path: (digests.get(path), shells.get(kind)) for path, kind in self.outside.items()}
        # This rebuild's, as a page may be written after it (RecordWriter.later), while the next one begins.
        result, generated, before = self.result, self.pages, self.problems_html
        site_url, description = config.site_url or "", config.site_description or ""

        def html(path: str) -> str:
            return assemble.record_html(result, generated[path], pages[path][1], before, site_url, description)

        missing = self.records.write(Path(config.site_dir), pages, html)
        if missing:
            self.full_kinds |= {self.outside[path] for path in missing}
            log.warning(
                f"{len(missing)} record pages (e.g. {missing[0]}) could not share their page chrome; "
                "they are built in full from the next rebuild: save any file to see them."
            )

    def on_build_error(self, *, error: Exception) -> None:
        if self.welsh:
            return  # the English build that ran this one throws its staging folder away
        if self.stubs:
            self.collector.after_build()  # what the failed rebuild left is collected too
        if self.indexer is not None:
            self.indexer.close()
        if self.result is not None:
            self.result.pending.close()
        if self.final_site_dir is not None:
            staging.discard(self.final_site_dir)
