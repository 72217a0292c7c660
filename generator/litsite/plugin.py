"""The MkDocs plugin: the adapter between MkDocs' build events and litsite's build engine.

MkDocs keeps what it does well: the site's own pages, the navigation, the theme, ``serve``. Of
litsite's pages it renders only the few in the navigation (home, index overviews, search), as
virtual files (``File.generated``; nothing is written into ``docs_dir``). Record pages, term and
letter pages and downloads never enter MkDocs' files or page loop: ``litsite.build`` renders
them with the theme's templates (``build.theme``) and writes them, in worker processes.
Only public ``mkdocs.*`` names are used, so ProperDocs runs it unchanged.

Events: ``on_files`` reads and cites the records and plans the site; ``on_env`` (the theme's
environment and the navigation are ready) renders litsite's pages; ``on_post_build`` writes the
search index and the sitemap entries, and saves what the next build can take over.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date, get_relative_url

from .build.cluster import require_dask
from .build.engine import Engine
from .build.incremental import Manifest, code_digest
from .build.indexing import write_search_index
from .build.lock import BuildLock
from .build.output import refuse_overlap
from .build.plan import SitePlan
from .build.reading import ReadCache
from .build.render import CACHE, Settings
from .build.sitewide import SiteWide, write_sitewide
from .build.summary import summarize
from .build.urls import canonical_url
from .build.workers import usable_cpus
from .build.writer import add_to_sitemap
from .citations.bibtex import bibtex_keys
from .citations.styles import prune_cache
from .config import LitsiteConfig
from .errors import LitsiteError
from .i18n import messages
from .ids import slugify
from .pages.meta import feed_link
from .progress import Step
from .readers import read_paths
from .readers.companions import attach_commentaries
from .report import Report

__all__ = ["LitsitePlugin"]

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_URIS = (
    "assets/litsite/litsite.css",
    "assets/litsite/litsite.js",
    "assets/litsite/litsite-search.js",
)
#: Kept next to mkdocs.yml (``litsite.build.incremental``).


class _Forward(logging.Handler):
    """Relays the ``litsite`` logger (Report's messages) to MkDocs' plugin logger, so MkDocs
    counts them (``strict: true`` aborts on them) and shows them in its own format."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


@contextmanager
def _forwarded() -> Iterator[None]:
    """Meanwhile, what the ``litsite`` logger logs goes to MkDocs' logger (``_Forward``)."""
    logger = logging.getLogger("litsite")
    saved = logger.handlers[:], logger.propagate
    logger.handlers[:] = [_Forward()]
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers[:], logger.propagate = saved


class LitsitePlugin(BasePlugin[LitsiteConfig]):
    """``plugins: [litsite]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.plan: SitePlan | None = None
        self.report = Report()
        self.stats: dict[str, float] = {}
        #: The site this build replaces (``litsite build`` builds next to it, then swaps):
        #: unchanged pages are taken over from it.
        self.previous_site: Path | None = None
        #: Worker processes (``litsite build --jobs``); 0: every usable CPU.
        self.jobs = 0
        #: A Dask scheduler's address (``litsite build --scheduler``); None: the option's.
        self.scheduler: str | None = None
        self._records: list = []
        self._lock: BuildLock | None = None
        self._root = Path()
        self._manifest: Manifest | None = None
        self._previous: Path | None = None
        self._nav: Any = None
        self._bodies: dict[str, str] = {}
        self._sitemap: list[str] = []
        self._nav_uris: list[str] = []
        self._code = ""
        self._taken: set[str] = set()
        self._with_home = True
        self._theme: _ThemeRenderer | None = None
        self._engine_used: Engine | None = None
        self._until_unlock = False

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        inputs = {"the records folder": root / self.config.records, "docs_dir": config.docs_dir}
        try:
            refuse_overlap(Path(config.site_dir), inputs)
        except LitsiteError as exc:
            raise PluginError(str(exc)) from exc
        config.extra_css.append(ASSET_URIS[0])
        config.extra_javascript.append(ExtraScriptValue(ASSET_URIS[1]))
        if self.config.search == "litsite":
            config.extra_javascript.append(ExtraScriptValue(ASSET_URIS[2]))
        if self.config.search == "mkdocs" and "search" not in config.plugins:
            log.warning("search: mkdocs needs the 'search' plugin listed under plugins")
        if self._scheduler():
            try:
                require_dask(self._scheduler())
            except LitsiteError as exc:
                raise PluginError(str(exc)) from exc
        return config

    def _scheduler(self) -> str | None:
        """The Dask scheduler the per-record work runs on, if any."""
        return self.scheduler or self.config.scheduler or None

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        self._root = root = Path(config.config_file_path or ".").resolve().parent
        try:
            self.lock(config)
        except LitsiteError as exc:
            raise PluginError(str(exc)) from exc
        self._code = code_digest()
        self._taken = set(files.src_uris)
        self._with_home = files.get_file_from_path(f"{_prefix(self.config.path)}index.md") is None
        self.plan = self._make_plan(config)
        specs = self.plan.nav_pages(self._with_home)
        for spec in specs:
            files.append(File.generated(config, spec.src_uri, content=""))
        self._nav_uris = [spec.src_uri for spec in specs]
        for uri in ASSET_URIS:
            if uri not in files.src_uris:
                files.append(self._asset(config, uri))
        self._manifest = Manifest(root / CACHE / "manifest.pickle", self._code)
        self._previous = self._previous_site(Path(config.site_dir))
        self.stats["records"] = len(self._records)
        if not self._records and not self.report.errors:
            log.warning(f"no record files found under '{self.config.records}'")
        return files

    def _asset(self, config: Any, uri: str) -> File:
        """One of litsite's assets; the search client learns where the search page is from
        itself (other themes' header boxes lead there) and what the box is called."""
        path = ASSETS / Path(uri).name
        if uri != ASSET_URIS[2] or self.config.search != "litsite":
            return File.generated(config, uri, abs_src_path=str(path))
        page = get_relative_url(self.plan.url(self.plan.search_uri), uri)
        label = messages(self.config.language).gettext("Search")
        text = path.read_text("utf-8").replace('"@@SEARCH_PAGE@@"', json.dumps(page))
        return File.generated(
            config, uri, content=text.replace('"@@SEARCH_LABEL@@"', json.dumps(label))
        )

    def _make_plan(self, config: Any) -> SitePlan:
        """Read the records and plan the site (``self._records``, the returned plan)."""
        self._records = self._read(self._root / self.config.records, self._root, self._code)
        return SitePlan(
            [summarize(r, findings=self.config.report) for r in self._records],
            site_name=config.site_name,
            kinds=self.config.indexes,
            formats=self.config.citation_formats,
            language=self.config.language,
            directory_urls=config.use_directory_urls,
            newest=self.config.newest,
            search=self.config.search,
            prefix=_prefix(self.config.path),
            taken=self._taken,
            report=self.report.merges if self.config.report else None,
            root=str(self._root),
        )

    def lock(self, config: Any, *, until_unlock: bool = False) -> None:
        """Hold this site's build lock (``build.lock``) until the build ends (or, for
        ``litsite build``, which takes it before MkDocs starts, until ``unlock``, after the
        swap); raise LitsiteError when another build holds it."""
        if self._lock is None:
            root = Path(config.config_file_path or ".").resolve().parent
            lock = BuildLock(root / CACHE)
            lock.acquire()
            self._lock = lock
            self._until_unlock = until_unlock

    def _previous_site(self, site_dir: Path) -> Path | None:
        """Where unchanged outputs can be taken from: the site being replaced, or the site
        folder itself when MkDocs did not empty it (``--dirty``)."""
        if self.previous_site is not None and Path(self.previous_site).is_dir():
            return Path(self.previous_site)
        if site_dir.is_dir() and any(os.scandir(site_dir)):
            return site_dir
        return None

    def on_nav(self, nav: Any, /, *, config: Any, files: Files) -> Any:
        """Without an explicit ``nav:``, list home, the indexes in order, search, then the rest;
        a folder holding only a generated overview becomes that page (titled in the UI language)."""
        if self.plan is not None and config.nav is None:
            order = {uri: n for n, uri in enumerate(self.plan.nav_order())}
            nav.items = _arrange(nav.items, order)
        self._nav = nav
        return nav

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        """Render litsite's pages: the navigation and the theme are final now."""
        if self.plan is None:
            return env
        for uri in self.plan.skipped:
            log.warning(f"docs file '{uri}' is kept; litsite's generated one is skipped")
        step = Step(log, "pages rendered")
        self._theme = _ThemeRenderer(self, env, config, files)
        engine = self._engine(config, self._previous, progress=step)
        self._engine_used = engine
        with _forwarded():
            done = engine.run(self._records, bibtex_keys(self._records))
        self._sitemap = [canonical_url(config.site_url, url) for url in done.urls]
        self.stats["pages"] = done.rendered + done.reused + len(self._nav_uris)
        self.stats["pages_seconds"] = step.done(
            f"pages: {done.rendered} rendered, {done.reused} unchanged taken over"
        )
        return env

    def _engine(
        self,
        config: Any,
        previous: Path | None,
        shells: dict | None = None,
        progress: Step | None = None,
    ) -> Engine:
        """The map stage for this build; ``shells`` of the last build when the theme and the
        navigation are the same (serve's refresh)."""
        keep_bodies = self.config.search == "mkdocs"
        settings = Settings(
            language=self.config.language,
            formats=tuple(self.config.citation_formats),
            root=str(self._root),
            directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            shells=shells or {},
            keep_bodies=keep_bodies,
            site_name=config.site_name,
            fields=self.config.fields,
            markdown=(
                tuple(config.markdown_extensions),
                tuple(sorted(config.mdx_configs.items())),
            ),
        )
        return Engine(
            self.plan,
            settings,
            Path(config.site_dir),
            manifest=self._manifest,
            previous=previous,
            jobs=self.jobs or usable_cpus(),
            scheduler=self._scheduler(),
            theme=self._theme.render,
            on_page=self._theme.index if keep_bodies else None,
            progress=progress,
        )

    def refresh(self) -> bool:
        """``litsite serve``'s fast path after records changed: read them again, and render in
        place, into the served folder, what changed (record pages, listings, home, overviews,
        search index); False, doing nothing, when the navigation would change (MkDocs must
        build the site again)."""
        config = self._theme.config
        site = Path(config.site_dir)
        self.lock(config)
        try:
            plan = self._make_plan(config)
            if [s.src_uri for s in plan.nav_pages(self._with_home)] != self._nav_uris:
                return False
            self.plan = plan
            self._manifest = Manifest(self._root / CACHE / "manifest.pickle", self._code)
            with _forwarded():
                shells = self._engine_used.settings.shells
                self._engine_used = self._engine(config, site, shells)
                self._engine_used.run(self._records, bibtex_keys(self._records))
                for uri in self._nav_uris:
                    page = self._theme.files.get_file_from_path(uri).page
                    title, body = plan.body(uri, _linker(page.url))
                    page.meta["title"], page.content = title, body
                    html = self._theme.render_page(page)
                    Path(page.file.abs_dest_path).write_text(html, "utf-8")
                if self.config.search == "litsite":
                    write_search_index(plan, site, self._manifest, site)
                self._write_sitewide(config, site)
            for relative in self._manifest.stale():
                (site / relative).unlink(missing_ok=True)
            self._save_caches()
            return True
        finally:
            self.unlock()

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Files) -> str:
        """The plan's pages skip Markdown: their HTML body is put in place in ``on_page_content``,
        so no record text meets a Markdown or macro processor."""
        if self.plan is None or not self.plan.makes(page.file.src_uri):
            return markdown
        title, body = self.plan.body(page.file.src_uri, _linker(page.url))
        page.meta["title"] = title
        self._bodies[page.file.src_uri] = body
        return ""

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        return self._bodies.pop(page.file.src_uri, html)

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        """The home page names the site's Atom feed in its head, whatever the theme."""
        if self.plan is None or page.file.src_uri != self.plan.home_uri or "</head>" not in output:
            return output
        if not self.plan.makes(self.plan.home_uri):
            return output
        href = get_relative_url(self.plan.url(self.plan.feed_uri), page.url)
        before, _, after = output.partition("</head>")
        return f"{before}{feed_link(href, config.site_name)}\n</head>{after}"

    def on_page_context(self, context: dict, /, *, page: Any, config: Any, nav: Any) -> dict:
        if self.plan is not None:
            context["litsite"] = self.theme_context(page.url)
        return context

    def on_template_context(self, context: dict, /, *, template_name: str, config: Any) -> dict:
        if self.plan is not None:
            context["litsite"] = self.theme_context(None)
        return context

    def theme_context(self, page_url: str | None) -> dict:
        """What the litsite theme reads (other themes ignore it)."""
        search_url = ""
        if page_url is not None and self.plan is not None:
            search_url = get_relative_url(self.plan.url(self.plan.search_uri), page_url)
        return {
            "language": self.config.language,
            "search": self.config.search,
            "gettext": messages(self.config.language).gettext,
            "search_url": search_url,
        }

    def on_post_build(self, *, config: Any) -> None:
        if self.plan is None:
            return
        site = Path(config.site_dir)
        if config.site_url:
            add_to_sitemap(site, self._sitemap, get_build_date())
        self._write_sitewide(config, site)
        if self.config.search == "litsite":
            step = Step(log, "records indexed")
            with _forwarded():
                reused = write_search_index(self.plan, site, self._manifest, self._previous)
            how = "unchanged, taken over" if reused else "built"
            self.stats["search_seconds"] = step.done(
                f"search index: {len(self.plan.summaries)} records, {how}"
            )
        self._save_caches()
        if not self._until_unlock:
            self.unlock()

    def _save_caches(self) -> None:
        """Save what the next build takes over; drop the CSL cache entries no page came from."""
        self._manifest.save()
        prune_cache(self._engine_used.settings.csl_cache, self._manifest.cited())

    def _write_sitewide(self, config: Any, site: Path) -> None:
        """Resolver pages and feeds, from every record's summary (``build.sitewide``)."""
        step = Step(log, "site-wide files written")
        context = SiteWide(
            site_url=config.site_url or "",
            build_date=get_build_date(),
            oai_email=self.config.oai_email,
            oai_gateway=self.config.oai_gateway,
        )
        with _forwarded():
            counts = write_sitewide(self.plan, context, site, self._manifest)
        self.stats["sitewide_seconds"] = step.done(
            "site-wide files: " + ", ".join(f"{n} {job}" for job, n in counts.items())
        )

    def on_build_error(self, *, error: Exception) -> None:
        self.unlock()

    def on_shutdown(self) -> None:
        self.unlock()

    def unlock(self) -> None:
        """Give the build lock back (after ``site/`` was replaced, for ``litsite build``)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        if self.config.enabled:
            root = Path(config.config_file_path or ".").resolve().parent
            server.watch(str(root / self.config.records))
        return server

    def _read(self, path: Path, root: Path, code: str) -> list:
        """Read every record; problems go through MkDocs' logger, so MkDocs counts them;
        strict mode raises at the first bad record."""
        self.report = Report(strict=self.config.strict)
        if not path.exists():
            raise PluginError(f"litsite: records folder '{self.config.records}' does not exist")
        cache = ReadCache(root / CACHE / "records.pickle", code)
        try:
            with _forwarded():
                step = Step(log, "records read")
                cache.prefetch([path], self.jobs or usable_cpus(), scheduler=self._scheduler())
                # Where each record was read (its companion files are there); the record is
                # kept with it so that its id() stays its own.
                folders: dict[int, tuple[Any, Path]] = {}

                def read(file: Path, report: Report, fmt: str | None = None) -> list:
                    records = cache.read(file, report, fmt)
                    folders.update((id(record), (record, file.parent)) for record in records)
                    return records

                records = read_paths([path], self.report, read=step.counting(read), root=root)
                attach_commentaries(records, folders, path, self.report)
                cache.save()
                self.stats["read_seconds"] = step.done(f"read: {len(records)} records")
                return records
        except LitsiteError as exc:
            raise PluginError(str(exc)) from exc


class _ThemeRenderer:
    """The active theme applied to one of litsite's pages, the way MkDocs applies it to its own:
    a light page object for the theme's ``main.html``, dropped right after."""

    def __init__(self, plugin: LitsitePlugin, env: Any, config: Any, files: Files) -> None:
        self.plugin = plugin
        self.env = env
        self.config = config
        self.files = files
        self.doc_files = files.documentation_pages()

    def _page(self, src_uri: str, title: str, body: str) -> Page:
        file = File.generated(self.config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        page = Page(None, file, self.config)
        page.markdown = ""
        page.meta["title"] = title
        page.content = body
        return page

    def render(self, src_uri: str, title: str, body: str) -> str:
        return self.render_page(self._page(src_uri, title, body))

    def render_page(self, page: Page) -> str:
        page.active = True
        try:
            context = get_context(self.plugin._nav, self.doc_files, self.config, page)
            context["litsite"] = self.plugin.theme_context(page.url)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            return template.render(context)
        finally:
            page.active = False

    def index(self, src_uri: str, title: str, body: str) -> None:
        """Hand a page to the plugins that read every page's context (MkDocs' search)."""
        page = self._page(src_uri, title, body)
        context = get_context(self.plugin._nav, self.doc_files, self.config, page)
        self.config.plugins.on_page_context(context, page=page, config=self.config, nav=None)


def _linker(from_url: str):
    """``site-root URL -> URL relative to from_url``."""
    return lambda url: get_relative_url(url, from_url)


def _prefix(path: str) -> str:
    """``publications/`` from the ``path`` option; every part must already be a safe slug."""
    parts = [p for p in path.strip().strip("/").split("/") if p]
    if any(slugify(p) != p for p in parts):
        raise PluginError(
            f"litsite: path '{path}' must be folder names of lowercase letters, digits and hyphens"
        )
    return "".join(f"{p}/" for p in parts)


def _arrange(items: list, order: dict[str, int]) -> list:
    """Nav items with generated pages in ``order`` (others after, as they were), recursively."""
    arranged = []
    for item in items:
        if item.is_section:
            item.children = _arrange(item.children, order)
            only = item.children[0] if len(item.children) == 1 else None
            if only is not None and only.is_page and only.file.src_uri in order:
                only.parent = item.parent
                item = only
        arranged.append(item)

    def rank(pair: tuple[int, Any]) -> tuple[int, int]:
        position, item = pair
        uri = item.file.src_uri if item.is_page else ""
        return (order.get(uri, len(order)), position)

    return [item for _, item in sorted(enumerate(arranged), key=rank)]
