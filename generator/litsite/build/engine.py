"""The map stage of a build: every record page and listing page rendered and written, each job
either taken over from the previous build (``build.incremental``) or run by the worker pool.

The builder's side (``Engine``) plans batches, reuses what it can and records what was written;
the workers' side (``record_task``, ``listing_task``) renders with ``build.render`` and writes
with ``build.output``, returning only paths, signatures and messages, never pages.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..citations import Citation
from ..model import Record
from .incremental import Entry, Manifest, digest
from .plan import ListingPage, RecordPage, SitePlan
from .render import Rendered, Settings, folder_of, render_listing, render_record
from .theme import BODY, SLUG, TITLE, insert_head, make_shell
from .urls import dest_path
from .workers import Pool, capture
from .writer import SiteWriter

__all__ = ["Engine", "Done", "record_task", "listing_task", "replay"]

log = logging.getLogger("litsite")

#: Pages per batch sent to a worker.
BATCH = 100
#: ``render_theme(src_uri, title, body) -> html``: the theme applied by MkDocs' machinery.
ThemeRender = Callable[[str, str, str], str]


@dataclass(slots=True)
class _Context:
    """What every task gets once: the settings and where to write."""

    settings: Settings
    site_dir: str
    #: Made in each process on first use (it remembers which folders that process made).
    writer: SiteWriter | None = None


@dataclass(slots=True)
class _JobDone:
    job: str
    files: dict[str, tuple[int, int, int]]
    messages: list[tuple[int, str]]
    page: tuple[str, str, str, str] | None


def _write(context: _Context, rendered: Rendered) -> dict:
    if context.writer is None:
        context.writer = SiteWriter(context.site_dir)
    return {path: context.writer.write(path, data) for path, data in rendered.files.items()}


def record_task(
    context: _Context, batch: list[tuple[Record, Citation, RecordPage]]
) -> list[_JobDone]:
    """Render and write a batch of record pages."""
    done = []
    for record, citation, page in batch:
        with capture() as messages:
            rendered = render_record(record, citation, page, context.settings)
        done.append(_JobDone(page.uri, _write(context, rendered), messages, rendered.page))
    return done


def listing_task(context: _Context, batch: list[ListingPage]) -> list[_JobDone]:
    """Render and write a batch of term and letter pages."""
    done = []
    for page in batch:
        with capture() as messages:
            rendered = render_listing(page, context.settings)
        done.append(_JobDone(page.uri, _write(context, rendered), messages, rendered.page))
    return done


@dataclass(slots=True)
class Done:
    """What the map stage did."""

    rendered: int = 0
    reused: int = 0
    #: Site-root URLs of every page it made (for the sitemap).
    urls: list[str] = field(default_factory=list)


class Engine:
    """Runs the map stage of one build into ``site_dir``."""

    def __init__(
        self,
        plan: SitePlan,
        settings: Settings,
        site_dir: Path,
        *,
        manifest: Manifest,
        previous: Path | None,
        jobs: int,
        theme: ThemeRender,
        on_page: Callable[[str, str, str], None] | None = None,
    ) -> None:
        self.plan = plan
        self.settings = settings
        self.site_dir = site_dir
        self.manifest = manifest
        self.previous = previous
        self.jobs = jobs
        self.theme = theme
        self.on_page = on_page
        self.code = manifest.code
        self.settings_key = ""
        self.writer = SiteWriter(site_dir)

    def run(self, records: list[Record], citations: list[Citation]) -> Done:
        """Render (or take over) every record page and listing page; return what was done."""
        done = Done()
        pages = list(self.plan.record_pages())
        listings = list(self.plan.listing_pages())
        record_jobs = [(records[p.number], citations[p.number], p) for p in pages]
        self._make_shells(record_jobs, listings)
        jobs = [(job[2].uri, self._record_key(job), job) for job in record_jobs]
        self._run(record_task, jobs, done)
        jobs = [(page.uri, digest(self.settings_key, repr(page)), page) for page in listings]
        self._run(listing_task, jobs, done)
        done.urls = [self.plan.url(page.uri) for page in [*pages, *listings]]
        return done

    def _make_shells(self, record_jobs: list, listings: list[ListingPage]) -> None:
        """A theme shell per folder of pages, kept only if it gives, on the folder's first and
        last page, exactly what the theme gives (``build.theme``)."""
        samples: dict[str, list] = {}
        for job in record_jobs:
            samples.setdefault(folder_of(job[2].uri), []).append(job)
        for page in listings:
            samples.setdefault(folder_of(page.uri), []).append(page)
        plain = dataclasses.replace(self.settings, shells={})
        shells = {}
        for folder, items in samples.items():
            shell = make_shell(self.theme(f"{folder}/{SLUG}.md", TITLE, BODY))
            for item in {id(i): i for i in (items[0], items[-1])}.values():
                rendered = (
                    render_listing(item, plain)
                    if isinstance(item, ListingPage)
                    else render_record(*item, plain)
                )
                uri, title, body, head = rendered.page
                expected = insert_head(self.theme(uri, title, body), head)
                slug = uri.rpartition("/")[2][:-3]
                if (
                    shell is not None
                    and shell.fill(slug=slug, title=title, body=body, head=head) != expected
                ):
                    shell = None
            if shell is None:
                log.info(f"theme pages in '{folder}/' are rendered one by one (no shell)")
            shells[folder] = shell
        self.settings = dataclasses.replace(self.settings, shells=shells)
        self.settings_key = digest(self.code, repr(self.settings))

    def _record_key(self, job: tuple[Record, Citation, RecordPage]) -> str:
        _, citation, page = job
        summary = self.plan.summaries[page.number]
        return digest(
            self.settings_key,
            summary.digest,
            repr(citation),
            page.uri,
            repr(page.links),
            repr(page.downloads),
        )

    def _reuse(self, jobs: list[tuple[str, str, Any]], done: Done) -> list[tuple[str, str, Any]]:
        """Take over the jobs the previous build did with the same key; return the rest."""
        todo = []
        for job, key, item in jobs:
            entry = self.manifest.take_over(job, key, self.previous, self.writer)
            if entry is None:
                todo.append((job, key, item))
            else:
                replay(entry.messages)
                done.reused += 1
        return todo

    def _run(self, task: Callable, jobs: list[tuple[str, str, Any]], done: Done) -> None:
        """Take over what can be, run ``task`` over the rest, record what each job wrote."""
        todo = self._reuse(jobs, done)
        keys = {job: key for job, key, _ in todo}
        pool = Pool(self.jobs, task, _Context(self.settings, str(self.site_dir)))
        for _, captured in pool.map(_batches([item for _, _, item in todo])):
            replay(captured.messages)
            for job_done in captured.value:
                files = dict(job_done.files)
                if job_done.page is not None:
                    files.update(self._finish_page(job_done.page))
                replay(job_done.messages)
                entry = Entry(keys[job_done.job], files, job_done.messages)
                self.manifest.record(job_done.job, entry)
                done.rendered += 1

    def _finish_page(self, page: tuple[str, str, str, str]) -> dict:
        """A page whose folder has no theme shell: the theme applied here, one by one; and the
        body handed on when wanted (MkDocs' search)."""
        uri, title, body, head = page
        if self.on_page is not None:
            self.on_page(uri, title, body)
        if self.settings.shells.get(uri.rpartition("/")[0]) is not None:
            return {}
        html = insert_head(self.theme(uri, title, body), head)
        path = dest_path(uri, self.settings.directory_urls)
        data = html.encode("utf-8", errors="xmlcharrefreplace")
        return {path: self.writer.write(path, data)}


def _batches(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def replay(messages: list[tuple[int, str]]) -> None:
    for level, text in messages:
        log.log(level, text)
