"""The per-page work, as pure functions: a record (with its citations) or a listing, plus the
site's settings, in; the files of its page and downloads out.

Nothing here reads the builder's state or MkDocs: a function's result depends only on its
arguments, which are picklable, so it runs the same in this process, in a worker process or on
a cluster node (``build.workers``). Bodies come from ``litsite.pages``; the theme's chrome from
the settings' shells (``build.theme``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..citations import Citation, get_format
from ..model import Record
from ..pages.commentary import MarkdownSettings, commentary_html
from ..pages.corrections import banners
from ..pages.fields import FIELDS, Field
from ..pages.indexes import facet_title, group_page, overview_page, term_page
from ..pages.meta import feed_link, head_html
from ..pages.record import RecordLinks, downloads, record_body, record_sections
from ..pages.richtext import plain_text
from .plan import ListingPage, RecordPage
from .theme import Shell, page_title
from .urls import canonical_url, dest_path, page_url, relative_url

__all__ = ["Settings", "Rendered", "render_record", "render_listing", "folder_of"]


#: The site's cache folder, next to mkdocs.yml: build manifest, records read, CSL entries.
CACHE = ".litsite-cache"


@dataclass(frozen=True, slots=True)
class Settings:
    """What every page depends on besides its own inputs."""

    language: str
    formats: tuple[str, ...]
    #: Folder source paths are shown relative to (the folder of mkdocs.yml).
    root: str
    directory_urls: bool
    site_url: str
    #: Theme shell per folder (``records``, ``topics``…); None: render with the theme per page.
    shells: dict[str, Shell | None] = field(default_factory=dict)
    #: Return each page's title and body too (MkDocs' built-in search indexes them).
    keep_bodies: bool = False
    #: The site's name (link previews name it).
    site_name: str = ""
    #: The Details table of record pages (the ``fields`` option applied).
    fields: tuple[Field, ...] = FIELDS
    #: The site's Markdown extensions and their settings (``mkdocs.yml``), for commentaries.
    markdown: MarkdownSettings = ((), ())

    @property
    def csl_cache(self) -> Path:
        """Where CSL entries are cached: in the site's cache, wherever litsite runs from."""
        return Path(self.root) / CACHE / "csl"


@dataclass(slots=True)
class Rendered:
    """One page's output: files (site path -> bytes), and the page itself when the theme must
    still be applied (no shell for its folder) or its body is wanted."""

    files: dict[str, bytes] = field(default_factory=dict)
    #: ``(src_uri, title, body, head)`` of the page.
    page: tuple[str, str, str, str] | None = None


def folder_of(src_uri: str) -> str:
    """The shell a page uses: its folder (every page in it has the same depth and chrome)."""
    return src_uri.rpartition("/")[0]


def _relative(from_url: str):
    def rel(url: str) -> str:
        path, _, anchor = url.partition("#")
        return relative_url(path, from_url) + (f"#{anchor}" if anchor else "")

    return rel


def _finish(out: Rendered, uri: str, title: str, body: str, head: str, settings: Settings) -> None:
    shell = settings.shells.get(folder_of(uri))
    shown = page_title(title)
    if shell is not None:
        slug = uri.rpartition("/")[2][:-3]
        html = shell.fill(slug=slug, title=shown, body=body, head=head)
        out.files[dest_path(uri, settings.directory_urls)] = _encode(html)
    if shell is None or settings.keep_bodies:
        out.page = (uri, shown, body, head)


def _encode(html: str) -> bytes:
    """As MkDocs writes pages: UTF-8, anything it cannot hold as a character reference."""
    return html.encode("utf-8", errors="xmlcharrefreplace")


def _reference_text(citation: Citation, formats: tuple[str, ...]) -> str:
    """The record's reference in the site's first CSL style (a preview's fallback text)."""
    return next((citation.text(f) for f in formats if get_format(f).style), "")


def render_record(
    record: Record, citation: Citation, page: RecordPage, settings: Settings
) -> Rendered:
    """A record's page and its downloads."""
    out = Rendered()
    url = page_url(page.uri, settings.directory_urls)
    rel = _relative(url)
    stem = page.uri[:-3]
    links = {}
    for fmt, text in downloads(citation, list(settings.formats)):
        if fmt.extension in page.downloads:
            out.files[f"{stem}.{fmt.extension}"] = text.encode("utf-8", errors="replace")
            links[fmt.id] = rel(f"{stem}.{fmt.extension}")

    def term(kind: str, label: str) -> str | None:
        target = page.links.get((kind, label))
        return rel(target) if target is not None else None

    body = record_body(
        record,
        citation,
        language=settings.language,
        formats=list(settings.formats),
        links=RecordLinks(term=term, downloads=links),
        root=settings.root,
        fields=settings.fields,
        commentary=commentary_html(record.commentary, settings.markdown)
        if record.commentary
        else None,
        notices=banners(page.corrections, page.mark, settings.language, rel),
        sections=record_sections(
            [
                (kind, [(rel(url), title, year) for url, title, year in rows])
                for kind, rows in (
                    ("related", page.related),
                    ("cites", page.cites),
                    ("cited-by", page.cited_by),
                )
            ],
            settings.language,
        ),
    )
    head = head_html(
        record,
        canonical_url(settings.site_url, url),
        links,
        site_name=settings.site_name,
        cited=_reference_text(citation, settings.formats),
    )
    _finish(out, page.uri, plain_text(record.title) or record.id, body, head, settings)
    return out


def render_listing(page: ListingPage, settings: Settings) -> Rendered:
    """A term page or a letter page."""
    out = Rendered()
    rel = _relative(page_url(page.uri, settings.directory_urls))
    name = facet_title(page.kind, settings.language)
    back = {"overview_url": rel(page.overview), "facet_title": name}
    head = ""
    if page.form == "term":
        rows = [{"url": rel(url), **row} for url, row in page.entries]
        feed = rel(page.feed) if page.feed else ""
        body = term_page(rows, settings.language, title=page.title, feed_url=feed, **back)
        head = feed_link(feed, page.title) if feed else ""
    elif page.form == "group":
        entries = [
            (
                label,
                anchor,
                [{"url": rel(url), "title": t, "year": y, "mark": m} for url, t, y, m in rows],
                rel(feed) if feed else "",
            )
            for label, anchor, rows, feed in page.entries
        ]
        body = group_page(settings.language, title=page.title, entries=entries, **back)
    else:
        sections = [
            (heading, [(label, rel(url), count) for label, url, count in entries])
            for heading, entries in page.entries
        ]
        body = overview_page(sections, settings.language, page.title, **back)
    _finish(out, page.uri, page.title, body, head, settings)
    return out
