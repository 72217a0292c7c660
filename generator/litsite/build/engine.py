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

from ..citations import cite
from ..model import Record
from ..progress import Step
from .incremental import Entry, Manifest, digest
from .plan import ListingPage, RecordPage, SitePlan
from .render import Rendered, Settings, folder_of, render_listing, render_record
from .theme import BODY, SLUG, TITLE, insert_head, make_shell
from .urls import dest_path
from .workers import capture, make_pool
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
    #: Workers that do not see ``site_dir`` (a cluster without shared storage) return the
    #: files' bytes instead, and the builder writes them.
    return_files: bool = False


@dataclass(slots=True)
class _JobDone:
    job: str
    files: dict[str, tuple[int, int, int]]
    messages: list[tuple[int, str]]
    page: tuple[str, str, str, str] | None
    #: The CSL cache entries the job's citations came from (``Citation.cache_keys``).
    cited: tuple[str, ...] = ()


def _write(context: _Context, rendered: Rendered) -> dict:
    if context.return_files:
        return dict(rendered.files)
    if context.writer is None:
        context.writer = SiteWriter(context.site_dir)
    return {path: context.writer.write(path, data) for path, data in rendered.files.items()}


def record_task(context: _Context, batch: list[tuple[Record, str, RecordPage]]) -> list[_JobDone]:
    """Cite (in one batch: the CSL processor runs once for all), render and write a batch of
    record pages; each job keeps the messages about its own record."""
    records = [record for record, _, _ in batch]
    with capture() as cited:
        citations = _cite(records, [key for _, key, _ in batch], context.settings)
    owned = _attribute(cited, records)
    done = []
    for (record, _, page), citation, messages in zip(batch, citations, owned, strict=True):
        with capture() as rendering:
            rendered = render_record(record, citation, page, context.settings)
        messages += rendering
        files = _write(context, rendered)
        done.append(_JobDone(page.uri, files, messages, rendered.page, citation.cache_keys))
    return done


def _cite(records: list[Record], keys: list[str], settings: Settings) -> list:
    return cite(
        records, settings.formats, settings.language, keys=keys, cache_dir=settings.csl_cache
    )


def _attribute(messages: list[tuple[int, str]], records: list[Record]) -> list[list]:
    """Each message to the record it names (by where the record was read; the batch's first
    record when it names none), so a job taken over later replays exactly its own."""
    owned: list[list] = [[] for _ in records]
    names = [r.sources[0].label if r.sources else r.label for r in records]
    for message in messages:
        owner = next((n for n, name in enumerate(names) if name in message[1]), 0)
        owned[owner].append(message)
    return owned


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
        scheduler: str | None = None,
        theme: ThemeRender,
        on_page: Callable[[str, str, str], None] | None = None,
        progress: Step | None = None,
    ) -> None:
        self.plan = plan
        self.settings = settings
        self.site_dir = site_dir
        self.manifest = manifest
        self.previous = previous
        self.jobs = jobs
        #: A Dask scheduler's address: the batches run on that cluster (``build.cluster``).
        self.scheduler = scheduler
        self.theme = theme
        self.on_page = on_page
        self.progress = progress
        self.code = manifest.code
        self.settings_key = ""
        self.writer = SiteWriter(site_dir)

    def run(self, records: list[Record], bibtex_keys: list[str]) -> Done:
        """Cite and render (or take over) every record page, render every listing page; return
        what was done. ``bibtex_keys`` are unique across the site (``bibtex_keys``)."""
        done = Done()
        pages = list(self.plan.record_pages())
        listings = list(self.plan.listing_pages())
        record_jobs = [(records[p.number], bibtex_keys[p.number], p) for p in pages]
        if self.progress is not None:
            self.progress.total(len(pages) + len(listings))
        if not self.settings.shells:
            self._make_shells(record_jobs, listings)
        self.settings_key = digest(self.code, repr(self.settings))
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
                if isinstance(item, ListingPage):
                    rendered = render_listing(item, plain)
                else:
                    record, key, page = item
                    with capture():
                        (citation,) = _cite([record], [key], plain)
                    rendered = render_record(record, citation, page, plain)
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

    def _record_key(self, job: tuple[Record, str, RecordPage]) -> str:
        _, bibtex_key, page = job
        summary = self.plan.summaries[page.number]
        return digest(
            self.settings_key,
            summary.digest,
            bibtex_key,
            page.uri,
            repr(page.links),
            repr(page.downloads),
            repr(page.corrections),
            page.mark,
            repr(page.related),
            repr(page.cites),
            repr(page.cited_by),
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
                self._tick()
        return todo

    def _run(self, task: Callable, jobs: list[tuple[str, str, Any]], done: Done) -> None:
        """Take over what can be, run ``task`` over the rest, record what each job wrote."""
        todo = self._reuse(jobs, done)
        keys = {job: key for job, key, _ in todo}
        # A batch or two (an edit under serve) is done sooner here than by starting workers.
        workers = self.jobs if len(todo) > 2 * BATCH else 1
        context = _Context(self.settings, str(self.site_dir))
        pool = make_pool(workers, task, context, self.scheduler)
        context.return_files = not pool.shares(self.site_dir)
        for _, captured in pool.map(_batches([item for _, _, item in todo])):
            replay(captured.messages)
            for job_done in captured.value:
                files = {path: self._written(path, value) for path, value in job_done.files.items()}
                if job_done.page is not None:
                    files.update(self._finish_page(job_done.page))
                replay(job_done.messages)
                entry = Entry(keys[job_done.job], files, job_done.messages, job_done.cited)
                self.manifest.record(job_done.job, entry)
                done.rendered += 1
                self._tick()

    def _written(self, path: str, value: tuple | bytes) -> tuple:
        """The signature of a file a worker wrote, or of one it returned, written here."""
        return self.writer.write(path, value) if isinstance(value, bytes) else value

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress.tick()

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
