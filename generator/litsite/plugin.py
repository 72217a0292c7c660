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
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .citations import cite
from .config import LitsiteConfig
from .errors import LitsiteError
from .i18n import messages
from .ids import slugify
from .pages.site import SitePlan
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
#: Seconds between progress lines while pages are written (on a terminal; under CI or without a
#: TTY only the summary lines appear).
PROGRESS_EVERY = 5.0


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
        self._files: Files | None = None
        self._body: str | None = None
        self._pages_done = 0
        self._last_progress = 0.0
        self._interactive = sys.stderr.isatty() and os.environ.get("CI", "").lower() != "true"

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
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
        started = time.perf_counter()
        root = Path(config.config_file_path or ".").resolve().parent
        records, citations = self._read(root / self.config.records)
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
        )
        self._files = files
        with_home = files.get_file_from_path(self.plan.home_uri) is None
        for spec in self.plan.pages(with_home):
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            page = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            if not self._add(files, page):
                self.plan.drop(spec.src_uri)
        for src_uri, text in self.plan.downloads():
            self._add(files, File.generated(config, src_uri, content=text))
        for uri in ASSET_URIS:
            path = ASSETS / Path(uri).name
            self._add(files, File.generated(config, uri, abs_src_path=str(path)))
        self.stats.update(records=len(records), read_seconds=time.perf_counter() - started)
        log.info(f"{len(records)} records read in {self.stats['read_seconds']:.1f} s")
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
        if self.plan is None:
            return markdown
        made = self.plan.render(page.file.src_uri, self._linker(page.url))
        if made is None:
            return markdown
        title, self._body = made
        # Third-party themes may print the title unescaped; angle brackets cannot open a tag.
        page.meta["title"] = title.replace("<", "‹").replace(">", "›")
        return ""

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        body, self._body = self._body, None
        return html if body is None else body

    def on_page_context(self, context: dict, /, *, page: Any, config: Any, nav: Any) -> dict:
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
        self._progress()
        absolute = page.canonical_url or ""
        head = self.plan.head(page.file.src_uri, absolute, self._linker(page.url))
        if head and "</head>" in output:
            before, _, after = output.partition("</head>")
            return f"{before}{head}</head>{after}"
        return output

    def on_post_build(self, *, config: Any) -> None:
        if self.plan is None:
            return
        self.stats["pages"] = self._pages_done
        if self.config.search != "litsite":
            return
        started = time.perf_counter()
        folder = Path(config.site_dir, self.plan.search_uri).parent
        build_index(self.plan.search_docs(self._site_url), folder)
        self.stats["search_seconds"] = time.perf_counter() - started
        log.info(f"search index built in {self.stats['search_seconds']:.1f} s")

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        if self.config.enabled:
            root = Path(config.config_file_path or ".").resolve().parent
            server.watch(str(root / self.config.records))
        return server

    def _read(self, path: Path) -> tuple[list, list]:
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
            records = read_paths([path], self.report)
            return records, cite(records)
        except LitsiteError as exc:
            raise PluginError(str(exc)) from exc
        finally:
            logger.handlers[:], logger.propagate = saved

    def _add(self, files: Files, file: File) -> bool:
        """Add a generated file unless the docs have one at that path (theirs wins, with a note)."""
        if file.src_uri in files.src_uris:
            log.warning(f"docs file '{file.src_uri}' is kept; litsite's generated one is skipped")
            return False
        files.append(file)
        return True

    def _site_url(self, src_uri: str) -> str:
        """A generated file's URL from the site's root (``records/x.html``)."""
        target = self._files.src_uris.get(src_uri) if self._files else None
        return target.url if target else ""

    def _linker(self, from_url: str):
        """``src_uri -> URL relative to from_url`` ("" for a file the site does not have)."""

        def rel(src_uri: str) -> str:
            target = self._files.src_uris.get(src_uri) if self._files else None
            return get_relative_url(target.url, from_url) if target else ""

        return rel

    def _progress(self) -> None:
        self._pages_done += 1
        if not self._interactive:
            return
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_EVERY:
            if self._last_progress:
                log.info(f"{self._pages_done} pages written")
            self._last_progress = now


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
