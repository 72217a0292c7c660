"""The MkDocs plugin: records in ``content/`` become record pages, indexes and downloads.

Everything it adds is a virtual file (``File.generated``); nothing is written into ``docs_dir``.
Record and term pages are ``NOT_IN_NAV`` (a nav listing every page makes MkDocs quadratic).
Page bodies are made when MkDocs reads each page, and record pages get their ``citation_*``
tags, JSON-LD and alternate links in ``on_post_page``, so any theme (Material too) carries them.
Only public ``mkdocs.*`` names are used, so ProperDocs runs it unchanged.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .build.output import refuse_overlap
from .citations import cite
from .config import LitsiteConfig
from .errors import LitsiteError
from .i18n import messages
from .ids import slugify
from .pagecache import (
    PageCache,
    add_to_sitemap,
    digest,
    files_digest,
    reuse_folder,
    write_texts,
)
from .pages.meta import insert_head
from .pages.site import SitePlan
from .progress import Step
from .readcache import ReadCache
from .readers import read_paths
from .report import Report
from .search import build_index

__all__ = ["LitsitePlugin"]

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_URIS = (
    "assets/litsite/litsite.css",
    "assets/litsite/litsite.js",
    "assets/litsite/litsite-search.js",
)
#: Kept next to mkdocs.yml: outputs of generated files by key (``litsite.pagecache``).
CACHE_FOLDER = ".litsite-cache/pages"
SEARCH_CACHE = ".litsite-cache/search"
READ_CACHE = ".litsite-cache/records.pickle"


class _Forward(logging.Handler):
    """Relays the ``litsite`` logger (Report's messages) to MkDocs' plugin logger, so MkDocs
    counts them (``strict: true`` aborts on them) and shows them in its own format."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


class LitsitePlugin(BasePlugin[LitsiteConfig]):
    """``plugins: [litsite]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.plan: SitePlan | None = None
        self.report = Report()
        self.stats: dict[str, float] = {}
        self._urls: dict[str, str] = {}
        self._cache: PageCache | None = None
        self._keys: dict[str, str] = {}
        self._reused: list[tuple[str, str, str]] = []
        self._dest: dict[str, str] = {}
        self._downloads: list[tuple[str, str]] = []
        self._later: set[str] = set()
        self._shared = ""
        self._root = Path()
        self._body: str | None = None
        self._pages: Step | None = None

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
        return config

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path or ".").resolve().parent
        records, citations = self._read(root / self.config.records, ReadCache(root / READ_CACHE))
        self.plan = SitePlan(
            records,
            citations,
            site_name=config.site_name,
            kinds=self.config.indexes,
            formats=self.config.citation_formats,
            language=self.config.language,
            root=str(root),
            newest=self.config.newest,
            search=self.config.search,
            prefix=_prefix(self.config.path),
            fields=self.config.fields,
        )
        shared = _shared_inputs(files, config, self.config)
        with_home = files.get_file_from_path(self.plan.home_uri) is None
        for spec in self.plan.pages(with_home):
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            page = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            if not self._add(files, page):
                self.plan.drop(spec.src_uri)
        downloads = self.plan.downloads()
        self._downloads = [(uri, text) for uri, text in downloads if self._free(files, uri)]
        for uri in ASSET_URIS:
            path = ASSETS / Path(uri).name
            self._add(files, File.generated(config, uri, abs_src_path=str(path)))
        self._urls = {file.src_uri: file.url for file in files}
        self._urls.update((uri, uri) for uri, _ in self._downloads)
        self._shared, self._root = digest(shared, *self.plan.nav_order()), root
        files = self._reuse(files, config, self._shared, root)
        self.stats["records"] = len(records)
        self._pages = Step(log, "pages rendered")
        if not records and not self.report.errors:
            log.warning(f"no record files found under '{self.config.records}'")
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Files) -> Any:
        """Without an explicit ``nav:``, list home, the indexes in order, search, then the rest;
        a folder holding only a generated overview becomes that page (titled in the UI language)."""
        if self.plan is not None and config.nav is None:
            order = {uri: n for n, uri in enumerate(self.plan.nav_order())}
            nav.items = _arrange(nav.items, order)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Files) -> str:
        """Generated pages skip Markdown: their HTML body is put in place in ``on_page_content``,
        so no record text ever meets a Markdown or macro processor, and no time goes into
        parsing HTML that is already final."""
        if self.plan is None or not self.plan.makes(page.file.src_uri):
            return markdown
        if page.file.inclusion.is_not_in_nav() and self.config.search != "mkdocs":
            # Made in on_page_context instead, and dropped once written: MkDocs keeps every
            # page's content from its reading pass to its writing pass (GBs at 100,000 records).
            self._later.add(page.file.src_uri)
            return ""
        self._body = self._make(page)
        return ""

    def _make(self, page: Any) -> str:
        title, body = self.plan.render(page.file.src_uri, self._linker(page.url))
        # Third-party themes may print the title unescaped; angle brackets cannot open a tag.
        page.meta["title"] = title.replace("<", "‹").replace(">", "›")
        return body

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        body, self._body = self._body, None
        return html if body is None else body

    def on_page_context(self, context: dict, /, *, page: Any, config: Any, nav: Any) -> dict:
        if page.file.src_uri in self._later:
            page.content = self._make(page)
        if self.plan is not None:
            context["litsite"] = self._theme_context(self._linker(page.url)(self.plan.search_uri))
        return context

    def on_template_context(self, context: dict, /, *, template_name: str, config: Any) -> dict:
        if self.plan is not None:
            context["litsite"] = self._theme_context("")
        return context

    def _theme_context(self, search_url: str) -> dict:
        """What the litsite theme reads; other themes ignore it."""
        return {
            "language": self.config.language,
            "search": self.config.search,
            "gettext": messages(self.config.language).gettext,
            "search_url": search_url,
        }

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        if self.plan is None:
            return output
        if self._pages is not None:
            self._pages.tick()
        if page.file.src_uri in self._later:
            self._later.discard(page.file.src_uri)
            page.content = None
        absolute = page.canonical_url or ""
        head = self.plan.head(page.file.src_uri, absolute, self._linker(page.url))
        return insert_head(output, head) if head else output

    def on_post_build(self, *, config: Any) -> None:
        if self.plan is None:
            return
        rendered = self._pages.count if self._pages else 0
        linked = self._link_reused(Path(config.site_dir), config.site_url)
        reused = len(self._reused)
        self.stats["pages"] = rendered + reused
        if self._pages is not None:
            self._pages.done(
                f"pages: {rendered} rendered, {reused} unchanged linked in; downloads: "
                f"{len(self._downloads) - linked} written, {linked} unchanged linked in"
            )
        if self.config.search != "litsite":
            return
        step = Step(log, "records indexed")
        folder = Path(config.site_dir, self.plan.search_uri).parent
        docs = self.plan.search_docs(self._site_url)
        if self._cache is None:
            build_index(docs, folder)
            reused = False
        else:
            key = digest(self._shared, *map(repr, docs))
            store = self._root / SEARCH_CACHE
            reused = reuse_folder(store, key, folder, lambda out: build_index(docs, out))
        how = "unchanged, linked in" if reused else "built"
        self.stats["search_seconds"] = step.done(
            f"search index: {len(self.plan.records)} records, {how}"
        )

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        if self.config.enabled:
            root = Path(config.config_file_path or ".").resolve().parent
            server.watch(str(root / self.config.records))
        return server

    def _read(self, path: Path, cache: ReadCache) -> tuple[list, list]:
        """Read and cite every record; problems (readers' and citation writers') go through
        MkDocs' logger, so MkDocs counts them; strict mode raises at the first bad record."""
        self.report = Report(strict=self.config.strict)
        if not path.exists():
            raise PluginError(f"litsite: records folder '{self.config.records}' does not exist")
        logger = logging.getLogger("litsite")
        saved = logger.handlers[:], logger.propagate
        logger.handlers[:] = [_Forward()]
        logger.propagate = False
        try:
            step = Step(log, "records read")
            records = read_paths([path], self.report, read=step.counting(cache.read))
            self.stats["read_seconds"] = step.done(f"read: {len(records)} records")
            step = Step(log, "records cited")
            known = len(cache.citations)
            citations = cite(records, cache.citations)
            cache.save(citations)
            made = len(cache.citations) - known
            self.stats["cite_seconds"] = step.done(f"cite: {made} new citations")
            return records, citations
        except LitsiteError as exc:
            raise PluginError(str(exc)) from exc
        finally:
            logger.handlers[:], logger.propagate = saved

    def _reuse(self, files: Files, config: Any, shared: str, root: Path) -> Files:
        """Leave out of MkDocs' files the generated ones whose output is in the cache with the
        same key; ``on_post_build`` links those in. A dirty build (the site folder was not
        emptied) renders everything and starts a new cache: MkDocs overwrites files in place,
        and the old site's files share their data with the cache's."""
        site = Path(config.site_dir)
        if site.is_dir() and any(os.scandir(site)):
            shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
            shutil.rmtree(root / SEARCH_CACHE, ignore_errors=True)
        self._cache = PageCache(root / CACHE_FOLDER)
        if site.is_dir() and any(os.scandir(site)):
            return files
        kept = []
        for file in files:
            key = self._keys.get(file.src_uri)
            own = self.plan.fingerprint(file.src_uri) if key is None else None
            if own is not None:
                key = self._keys[file.src_uri] = digest(shared, file.src_uri, own)
            if key is not None and self._cache.has(key):
                self._reused.append((key, file.dest_uri, file.url))
            else:
                if key is not None:
                    self._dest[file.src_uri] = file.dest_uri
                kept.append(file)
        self.stats["reused"] = len(self._reused)
        return Files(kept)

    def _link_reused(self, site: Path, site_url: str | None) -> int:
        """Put reused outputs in the new site, write the downloads, store the new outputs,
        forget the unused; return how many downloads were linked in."""
        if self._cache is None:
            return 0
        linked = write_texts(site, self._downloads, self._cache)
        for key, dest_uri, _ in self._reused:
            self._cache.restore(key, site / dest_uri)
        for src_uri, key in self._keys.items():
            if key not in self._cache.used:
                dest = self._dest.get(src_uri)
                if dest:
                    self._cache.keep(key, site / dest)
        self._cache.prune()
        if site_url:
            base = site_url.rstrip("/") + "/"
            add_to_sitemap(site, [base + url for _, _, url in self._reused])
        return linked

    def _add(self, files: Files, file: File) -> bool:
        """Add a generated file unless the docs have one at that path (theirs wins, with a note)."""
        if self._free(files, file.src_uri):
            files.append(file)
            return True
        return False

    def _free(self, files: Files, src_uri: str) -> bool:
        if src_uri in files.src_uris:
            log.warning(f"docs file '{src_uri}' is kept; litsite's generated one is skipped")
            return False
        return True

    def _site_url(self, src_uri: str) -> str:
        """A generated file's URL from the site's root (``records/x.html``)."""
        return self._urls.get(src_uri, "")

    def _linker(self, from_url: str):
        """``src_uri -> URL relative to from_url`` ("" for a file the site does not have)."""

        def rel(src_uri: str) -> str:
            target = self._urls.get(src_uri)
            return get_relative_url(target, from_url) if target is not None else ""

        return rel


def _shared_inputs(files: Files, config: Any, options: LitsiteConfig) -> str:
    """What every generated page's HTML depends on besides its own inputs: litsite's and the
    theme's files, mkdocs.yml, the plugin options and the docs files (their titles are in the
    navigation each page shows)."""
    docs = []
    for file in files:
        if file.abs_src_path and not file.generated_by:
            stat = os.stat(file.abs_src_path)
            docs.append(f"{file.src_uri}\t{stat.st_size}\t{stat.st_mtime_ns}")
    config_file = Path(config.config_file_path or "mkdocs.yml")
    return digest(
        files_digest([Path(__file__).resolve().parent, *config.theme.dirs]),
        config_file.read_bytes() if config_file.is_file() else b"",
        repr(sorted(options.items())),
        str(config.site_url),
        "\n".join(docs),
    )


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
